#!/usr/bin/env bash
# Cross-builds tellald, tellal and the tests for arm64 (Raspberry Pi OS
# 64-bit) with Debian's cross compiler, and runs the tests under
# qemu-user-static, on a Debian 12 amd64 machine:
#
#   bash scripts/arm64-test.sh              build and run every unit test
#   bash scripts/arm64-test.sh ci           the programs, and the unit tests of
#                                           the code most exposed to the
#                                           architecture (what CI runs, to stay
#                                           within its time)
#   bash scripts/arm64-test.sh integration  build and run the integration tests
#                                           (tests/integration), not in CI
#   bash scripts/arm64-test.sh build        only build
#
# The unit tests are those under tests/modem, tests/daemon, tests/web and
# tests/cli. CI's subset: tests/modem (the PDU codec, the GSM alphabets, the
# AT engine and driver: byte twiddling, where aarch64's unsigned char and
# alignment would show) and tests/daemon/text (Turkish folding, templates).
# The store's tests (tests/daemon/store) pass under qemu too but add about
# five minutes, which CI's 90-minute limit cannot spare; run them without `ci`.
#
# Every test executable is started through qemu explicitly
# (CMAKE_CROSSCOMPILING_EMULATOR), which needs no binfmt_misc registration
# (a CI container usually cannot register qemu with the kernel). The
# integration tests start tellald and tellal as child processes, which the
# kernel could not start on an amd64 machine without that registration:
# `integration` sets TELLAL_TEST_EXEC_WRAPPER, which makes the tests start
# them through qemu too (tests/integration/process_tools.h, ExecArgv). It
# builds the same directory with the integration tests switched on (the other
# modes switch them off again); the panel's browser tests (tests/panel, Node
# and Chromium) are not run. CI does not run the integration tests: on two
# cores they take about four minutes under qemu, after a build of their own
# (about twenty minutes without ccache), which its 90-minute limit cannot spare.
#
# BUILD_DIR (default: build-arm64) and JOBS (default: all cores) can be
# overridden; ccache is used when installed.
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build-arm64}
JOBS=${JOBS:-$(nproc)}

mode=${1:-}
started=$SECONDS

lists=(scripts/debian-packages.txt scripts/debian-packages-release.txt)
integration=OFF
if [[ $mode == integration ]]; then
  lists+=(scripts/arm64-integration-packages.txt)
  integration=ON
fi
bash scripts/install-packages.sh "${lists[@]}"

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi

cmake -S . -B "$BUILD_DIR" -DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/aarch64-linux-gnu.cmake" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" \
  -DTELLAL_TESTS=ON -DTELLAL_INTEGRATION_TESTS=$integration -DTELLAL_BENCHMARKS=OFF
ci_dirs=(tests/modem tests/daemon/text)
if [[ $mode == ci ]]; then
  cmake --build "$BUILD_DIR" -j "$JOBS" --target tellald tellal tellal-vmodem
  # The Makefile generator gives each directory its own "all": the tests there.
  for d in "${ci_dirs[@]}"; do make -C "$BUILD_DIR/$d" -j "$JOBS" --no-print-directory; done
elif [[ $mode == integration ]]; then
  # The integration tests, and tellald and tellal, which they depend on.
  make -C "$BUILD_DIR/tests/integration" -j "$JOBS" --no-print-directory
else
  cmake --build "$BUILD_DIR" -j "$JOBS"
fi

readelf -h "$BUILD_DIR/daemon/tellald" | grep -q 'Machine: *AArch64' || {
  echo "$BUILD_DIR/daemon/tellald is not an arm64 executable" >&2
  exit 1
}
if [[ $mode == build ]]; then exit 0; fi
built=$SECONDS
echo "==> built in $((built - started)) s"

# Each test's own 120 s timeout still holds under emulation (qemu runs these
# at roughly a fifth of native speed).
status=0
if [[ $mode == ci ]]; then
  for d in "${ci_dirs[@]}"; do ctest --test-dir "$BUILD_DIR/$d" --output-on-failure -j "$JOBS" || status=$?; done
elif [[ $mode == integration ]]; then
  # Only tests/integration's tests: the panel's (tests/panel) need Node and
  # Chromium, and would start an arm64 tellald without qemu.
  TELLAL_TEST_EXEC_WRAPPER=$(command -v qemu-aarch64-static) \
    ctest --test-dir "$BUILD_DIR/tests/integration" --output-on-failure -j "$JOBS" || status=$?
else
  ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" || status=$?
fi
echo "==> tests ran in $((SECONDS - built)) s; $((SECONDS - started)) s in all"
exit "$status"
