# Cross-compiling tellal for arm64 (Raspberry Pi OS 64-bit, Debian 12) on a
# Debian 12 amd64 machine, with Debian's own cross compiler and multiarch:
#
#   dpkg --add-architecture arm64 && apt-get update
#   apt-get install crossbuild-essential-arm64 qemu-user-static <the -dev:arm64 packages>
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake
#
# scripts/arm64-packages.sh lists the -dev packages; scripts/arm64-test.sh does
# all of it. There is no sysroot: multiarch puts the arm64 libraries in
# /usr/lib/aarch64-linux-gnu beside the amd64 ones in /usr/lib/x86_64-linux-gnu,
# and the architecture-independent headers (Boost, nlohmann-json, Catch2,
# CLI11) are shared in /usr/include.

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# find_package and find_library look in /usr/lib/aarch64-linux-gnu (and its
# cmake/ directory) because of this; the amd64 directory is never searched.
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# pkg-config must read the arm64 .pc files only. Debian 12's pkg-config has no
# aarch64-linux-gnu-pkg-config wrapper unless pkg-config's cross support is
# installed, so point the plain one at the arm64 directories instead.
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")

# Tests and Catch2's test discovery run the arm64 executables through qemu's
# user-mode emulator. Calling it directly needs no binfmt_misc registration
# (often unavailable in containers); the arm64 dynamic loader and libraries
# come from the libc6:arm64 that multiarch installed.
find_program(TELLAL_QEMU_AARCH64 qemu-aarch64-static PATHS /usr/bin NO_CMAKE_FIND_ROOT_PATH)
if(TELLAL_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${TELLAL_QEMU_AARCH64})
endif()

