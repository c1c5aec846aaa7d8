#!/usr/bin/env bash
# Builds tellal_<version>_<arch>.deb in dist/ and checks it with lintian:
#
#   bash scripts/build-deb.sh amd64   native build (default)
#   bash scripts/build-deb.sh arm64   cross build for Raspberry Pi OS 64-bit
#
# It reuses the build directory of the other commands when there is one
# (build for amd64, as `bootstrap.sh test` leaves it; build-arm64, as
# scripts/arm64-test.sh leaves it) and otherwise configures one without the
# tests. Only tellald and tellal are built; cpack installs them with the
# /usr prefix whatever the directory was configured with.
#
# BUILD_DIR, JOBS and DIST (default: dist) can be overridden.
set -euo pipefail

cd "$(dirname "$0")/.."
ARCH=${1:-amd64}
JOBS=${JOBS:-$(nproc)}
DIST=${DIST:-dist}

toolchain=()
case "$ARCH" in
  amd64) BUILD_DIR=${BUILD_DIR:-build} ;;
  arm64)
    BUILD_DIR=${BUILD_DIR:-build-arm64}
    toolchain=(-DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/aarch64-linux-gnu.cmake")
    ;;
  *)
    echo "usage: bash scripts/build-deb.sh amd64|arm64" >&2
    exit 2
    ;;
esac

bash scripts/install-packages.sh scripts/debian-packages.txt scripts/debian-packages-release.txt

if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
  launcher=()
  if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTELLAL_TESTS=OFF "${toolchain[@]}" "${launcher[@]}"
fi
cmake --build "$BUILD_DIR" -j "$JOBS" --target tellald tellal tellal-vmodem tellal_default_config tellal_package_docs

# dpkg-shlibdeps names the dependencies of arm64 binaries only when it looks
# up the arm64 libraries' packages, which dpkg knows by the host architecture.
mkdir -p "$DIST"
DEB_HOST_ARCH=$ARCH cpack --config "$BUILD_DIR/CPackConfig.cmake" -G DEB -B "$DIST"
rm -rf "$DIST/_CPack_Packages"

version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$BUILD_DIR/CPackConfig.cmake")
deb=$DIST/tellal_${version}_${ARCH}.deb
dpkg-deb --info "$deb"
dpkg-deb --contents "$deb"

# The tags left are explained in packaging/README.md; packaging/lintian-expected
# lists them, and anything else fails the build.
lintian --fail-on none --tag-display-limit 0 "$deb" | tee "$DIST/lintian-$ARCH.txt"
unexpected=$(sed 's/^[EWIPX]: tellal[^:]*: //' "$DIST/lintian-$ARCH.txt" | awk '{print $1}' | sort -u |
  grep -vxF -f <(grep -v '^#' packaging/lintian-expected | grep -v '^$') || true)
if [[ -n $unexpected ]]; then
  echo "lintian tags not explained in packaging/README.md: $unexpected" >&2
  exit 1
fi
echo "==> $deb ($(stat -c %s "$deb") bytes)"
