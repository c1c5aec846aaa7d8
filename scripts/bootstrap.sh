#!/usr/bin/env bash
# One entry point for a fresh Debian 12 / Raspberry Pi OS machine:
#
#   bash scripts/bootstrap.sh demo   install, build tellald and tellal only, start the demo
#   bash scripts/bootstrap.sh test   install, build everything (tests, benchmarks), run every test
#   bash scripts/bootstrap.sh deps   only install the Debian packages
#
# BUILD_DIR (default: build) and JOBS (default: all cores) can be overridden.
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc)}

# Everything comes from Debian's archive; nothing is downloaded elsewhere.
install_deps() {
  bash scripts/install-packages.sh scripts/debian-packages.txt
}

configure() {
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
}

demo() {
  # The daemon on its built-in demo: four virtual modems, a temporary
  # database, the API on 127.0.0.1:8080 with a printed token. Ctrl-C stops it.
  exec "$BUILD_DIR/daemon/tellald" --demo --listen "${TELLAL_DEMO_LISTEN:-127.0.0.1:8080}"
}

case "${1:-}" in
  deps) install_deps ;;
  demo)
    install_deps
    configure
    # Only the two programs the demo runs: building every test and benchmark
    # first took most of the ~10 minutes a fresh 2-core machine needed to get
    # to a running demo. Whatever TELLAL_TESTS says, nothing else is built.
    cmake --build "$BUILD_DIR" -j "$JOBS" --target tellald tellal
    demo
    ;;
  test)
    install_deps
    configure -DTELLAL_TESTS=ON -DTELLAL_INTEGRATION_TESTS=ON -DTELLAL_BENCHMARKS=ON
    cmake --build "$BUILD_DIR" -j "$JOBS"
    npm ci --prefix tests/panel --no-audit --no-fund
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS"
    ;;
  *)
    echo "usage: bash scripts/bootstrap.sh demo|test|deps" >&2
    exit 2
    ;;
esac
