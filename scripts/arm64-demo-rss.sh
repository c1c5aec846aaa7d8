#!/usr/bin/env bash
# The memory an arm64 tellald needs on a Raspberry Pi, estimated on an amd64
# machine: starts the cross-built tellald --demo (four idle virtual modems,
# inside the daemon) under qemu-aarch64-static, waits until the four modems
# are ready and then SECONDS_IDLE (default 20) more, and prints VmRSS and
# VmHWM of the qemu process. qemu's own code and translation cache are
# included, so the figure is an upper bound of the daemon's own.
#
#   bash scripts/arm64-demo-rss.sh [BUILD_DIR]   (default: build-arm64)
set -euo pipefail

cd "$(dirname "$0")/.."
build=${1:-build-arm64}
idle=${SECONDS_IDLE:-20}
tellald=$build/daemon/tellald
readelf -h "$tellald" | grep -q 'Machine: *AArch64' || {
  echo "$tellald is not an arm64 executable (run scripts/arm64-test.sh build)" >&2
  exit 1
}

out=$(mktemp)
port=$((20000 + RANDOM % 20000))
qemu-aarch64-static "$tellald" --demo --demo-modems 4 --listen "127.0.0.1:$port" >"$out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$out"' EXIT

# GET /api/v1/modems with the token the banner prints, over bash's /dev/tcp
# (no HTTP client needed); the number of modems in state "ready".
ready_modems() {
  local token
  token=$(sed -n 's/^  token  //p' "$out")
  [[ -n $token ]] || { echo 0; return; }
  exec 3<>"/dev/tcp/127.0.0.1/$port" || { echo 0; return; }
  printf 'GET /api/v1/modems HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n\r\n' "$token" >&3
  grep -o '"state": *"ready"' <&3 | wc -l
  exec 3<&-
}

deadline=$((SECONDS + 180))
until [[ $(ready_modems 2>/dev/null) -ge 4 ]]; do
  if ((SECONDS > deadline)) || ! kill -0 "$pid" 2>/dev/null; then
    cat "$out" >&2
    echo "the demo's four modems did not get ready" >&2
    exit 1
  fi
  sleep 1
done
sleep "$idle"
echo "arm64 tellald --demo under qemu-aarch64-static, 4 idle modems, ${idle} s after ready:"
grep -E '^(VmRSS|VmHWM)' "/proc/$pid/status"
