#!/usr/bin/env bash
# Installs the Debian packages named in the given list files (one a line,
# '#' comments), only those missing, with sudo when not root. A name ending
# in :arm64 adds the arm64 architecture to dpkg first (multiarch).
#
#   bash scripts/install-packages.sh scripts/debian-packages.txt [more lists...]
set -euo pipefail

packages=()
for list in "$@"; do
  mapfile -t -O "${#packages[@]}" packages < <(grep -v '^#' "$list" | grep -v '^$')
done

missing=()
for p in "${packages[@]}"; do
  # A Node.js from NodeSource (some images ship it) has its own npm and
  # conflicts with Debian's npm package: an npm already there is enough.
  if [[ $p == npm ]] && command -v npm > /dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
if printf '%s\n' "${missing[@]}" | grep -q ':arm64$' && ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "==> adding the arm64 architecture to dpkg (multiarch)"
  "${sudo[@]}" dpkg --add-architecture arm64
fi
echo "==> installing: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
