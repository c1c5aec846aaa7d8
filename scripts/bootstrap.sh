#!/usr/bin/env bash
# One entry point for a fresh Debian 12 / Raspberry Pi OS machine:
#
#   bash scripts/bootstrap.sh demo   install, build, run the main program on an example
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
  local tellal="$BUILD_DIR/daemon/tellal"
  echo
  echo "==> what a Turkish message costs before sending"
  "$tellal" pdu info --text "Merhaba Ayşe, randevunuz yarın 14:00'te. İptal için IPTAL yazın."
  echo
  echo "==> the PDUs a modem gets after AT+CMGS (one JSON line per segment)"
  "$tellal" pdu encode --to +905321234567 --report --ref 42 \
    --text "Merhaba Ayşe, randevunuz yarın 14:00'te. İptal için IPTAL yazın."
  echo
  echo "==> a received SMS-DELIVER, decoded"
  "$tellal" pdu decode 07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07
  echo
  echo "==> a delivery report, decoded"
  "$tellal" pdu decode 00062A0C91093512325476621132419180216211324191312100
}

case "${1:-}" in
  deps) install_deps ;;
  demo) install_deps; build; demo ;;
  test)
    install_deps
    build -DTELLAL_TESTS=ON
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS"
    ;;
  *)
    echo "usage: bash scripts/bootstrap.sh demo|test|deps" >&2
    exit 2
    ;;
esac
