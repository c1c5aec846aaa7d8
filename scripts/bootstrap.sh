#!/usr/bin/env bash
# One entry point for a fresh Debian 12 / Raspberry Pi OS machine:
#
#   bash scripts/bootstrap.sh demo   install, build, start tellald on its built-in demo
#   bash scripts/bootstrap.sh test   install, build, run every test (what CI runs)
#   bash scripts/bootstrap.sh deps   only install the Debian packages
#
# BUILD_DIR (default: build) and JOBS (default: all cores) can be overridden.
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc)}

# Everything comes from Debian's archive; nothing is downloaded elsewhere.
mapfile -t PACKAGES < <(grep -v '^#' scripts/debian-packages.txt | grep -v '^$')

install_deps() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    return
  fi
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  echo "==> installing: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
  cmake --build "$BUILD_DIR" -j "$JOBS"
}

demo() {
  # The daemon on its built-in demo: four virtual modems, a temporary
  # database, the API on 127.0.0.1:8080 with a printed token. Ctrl-C stops it.
  exec "$BUILD_DIR/daemon/tellald" --demo --listen "${TELLAL_DEMO_LISTEN:-127.0.0.1:8080}"
}

case "${1:-}" in
  deps) install_deps ;;
  demo) install_deps; build; demo ;;
  test)
    install_deps
    build -DTELLAL_TESTS=ON
    npm ci --prefix tests/panel --no-audit --no-fund
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS"
    ;;
  *)
    echo "usage: bash scripts/bootstrap.sh demo|test|deps" >&2
    exit 2
    ;;
esac
