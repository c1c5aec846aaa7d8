#!/usr/bin/env bash
# Cross-builds tellald, tellal and the unit tests for arm64 (Raspberry Pi OS
# 64-bit) with Debian's cross compiler, and runs the unit tests under
# qemu-user-static, on a Debian 12 amd64 machine:
#
#   bash scripts/arm64-test.sh          build and run every unit test
#   bash scripts/arm64-test.sh ci       the programs, and the unit tests of the
#                                       code most exposed to the architecture
#                                       (what CI runs, to stay within its time)
#   bash scripts/arm64-test.sh build    only build
#
# The unit tests are those under tests/modem, tests/daemon, tests/web and
# tests/cli. CI's subset: tests/modem (the PDU codec, the GSM alphabets, the
# AT engine and driver: byte twiddling, where aarch64's unsigned char and
# alignment would show) and tests/daemon/text (Turkish folding, templates).
# The store's tests (tests/daemon/store) pass under qemu too but add about
# five minutes, which CI's 90-minute limit cannot spare; run them without `ci`. The integration tests are not built: they start tellald (and
# tellal) as child processes, and an arm64 child can only be started on an
# amd64 machine when qemu is registered with the kernel's binfmt_misc, which
# a CI container usually cannot do; every test executable here is started
# through qemu explicitly (CMAKE_CROSSCOMPILING_EMULATOR), which needs none.
#
# BUILD_DIR (default: build-arm64) and JOBS (default: all cores) can be
# overridden; ccache is used when installed.
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build-arm64}
JOBS=${JOBS:-$(nproc)}

bash scripts/install-packages.sh scripts/debian-packages.txt scripts/debian-packages-release.txt

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi

cmake -S . -B "$BUILD_DIR" -DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/aarch64-linux-gnu.cmake" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" \
  -DTELLAL_TESTS=ON -DTELLAL_INTEGRATION_TESTS=OFF -DTELLAL_BENCHMARKS=OFF
ci_dirs=(tests/modem tests/daemon/text)
if [[ ${1:-} == ci ]]; then
  cmake --build "$BUILD_DIR" -j "$JOBS" --target tellald tellal tellal-vmodem
  # The Makefile generator gives each directory its own "all": the tests there.
  for d in "${ci_dirs[@]}"; do make -C "$BUILD_DIR/$d" -j "$JOBS" --no-print-directory; done
else
  cmake --build "$BUILD_DIR" -j "$JOBS"
fi

readelf -h "$BUILD_DIR/daemon/tellald" | grep -q 'Machine: *AArch64' || {
  echo "$BUILD_DIR/daemon/tellald is not an arm64 executable" >&2
  exit 1
}
if [[ ${1:-} == build ]]; then exit 0; fi

# Each test's own 120 s timeout still holds under emulation (qemu runs these
# at roughly a fifth of native speed).
if [[ ${1:-} == ci ]]; then
  for d in "${ci_dirs[@]}"; do ctest --test-dir "$BUILD_DIR/$d" --output-on-failure -j "$JOBS"; done
else
  ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS"
fi
