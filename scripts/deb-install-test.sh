#!/usr/bin/env bash
# Installs a tellal .deb on THIS machine with apt, checks what the package and
# its postinst did, runs the installed programs from their installed paths,
# then purges the package again:
#
#   sudo bash scripts/deb-install-test.sh dist/tellal_0.1.0_amd64.deb
#
# Meant for a clean, disposable Debian 12 machine or container (CI's, where
# .ci/run calls it): it creates the tellal system user (kept after the purge,
# as the package does) and would replace an installed tellal package.
# Checked:
#   - apt installs it, resolving the Depends that dpkg-shlibdeps computed,
#     and every shared library the binaries load belongs to a package named
#     in Depends;
#   - postinst made the tellal user (in dialout), gave the configuration to
#     group tellal with mode 0640, and enabled the unit; /etc/tellal/tellal.ini
#     is a conffile;
#   - the installed configuration is refused by `tellald --check-config`
#     (no token, no modem: postinst does not start the service on it), and
#     accepted once a token and a modem are filled in;
#   - the installed tellald --demo serves the API on its four virtual modems,
#     and the installed tellal sends a message through it until it is sent;
#   - purge removes the files and the configuration.
# Where systemd runs as PID 1 it also checks that postinst left the service
# stopped. Prints "deb-install-test: N passed, 0 failed" at the end.
set -euo pipefail

deb=$(realpath "${1:?usage: deb-install-test.sh TELLAL_DEB}")
if [[ $(id -u) -ne 0 ]]; then
  echo "run as root: it installs the package on this machine" >&2
  exit 2
fi

passed=0
check() { # check DESCRIPTION COMMAND...: fails the script unless COMMAND succeeds
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok: $what"
  else
    echo "FAILED: $what" >&2
    echo "deb-install-test: $passed passed, 1 failed"
    exit 1
  fi
}

work=$(mktemp -d)
demo_pid=
cleanup() {
  if [[ -n $demo_pid ]]; then kill "$demo_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> apt-get install $deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" | tee "$work/install.log"

check "the package is installed" dpkg-query -W -f='${Status}\n' tellal
check "tellald is at /usr/bin/tellald" test -x /usr/bin/tellald
check "tellal is at /usr/bin/tellal" test -x /usr/bin/tellal

depends=$(dpkg-query -W -f='${Depends}' tellal)
echo "Depends: $depends"
# The libraries the binaries name themselves (DT_NEEDED), not what those pull
# in: each must come from a package that Depends names.
libs_covered() {
  local bin name lib pkg
  for bin in /usr/bin/tellald /usr/bin/tellal /usr/bin/tellal-vmodem; do
    for name in $(objdump -p "$bin" | awk '$1 == "NEEDED" {print $2}'); do
      lib=$(ldd "$bin" | awk -v n="$name" '$1 == n && $2 == "=>" {print $3}')
      if [[ -z $lib ]]; then
        echo "$bin needs $name, which the loader does not find" >&2
        return 1
      fi
      # "libc6:amd64: /lib/..." -> libc6:amd64 (this architecture's package).
      pkg=$(dpkg -S "$(realpath "$lib")" 2>/dev/null | head -1 | sed 's/: .*//') ||
        pkg=$(dpkg -S "$lib" | head -1 | sed 's/: .*//')
      # Depends may name the package or a virtual one it provides
      # (libspdlog1.10 provides libspdlog1.10-fmt9).
      local names provided
      provided=$(dpkg-query -W -f='${Provides}' "$pkg" | sed 's/ *([^)]*)//g; s/:any//g')
      names=$(printf '%s\n' "${pkg%%:*}" $(tr ',' ' ' <<<"$provided"))
      if ! grep -qxFf <(printf '%s\n' "$names") <(tr ',' '\n' <<<"$depends" | sed 's/^ *//; s/ .*//'); then
        echo "$bin needs $lib from $pkg, which Depends does not name" >&2
        return 1
      fi
    done
  done
}
check "every library the programs name comes from a package in Depends" libs_covered
# libcurl is loaded with dlopen at the first webhook or dlr-url call
# (daemon/net/curl_library.h): no DT_NEEDED names it, so Depends must.
check "libcurl4, which tellald loads with dlopen, is a dependency" grep -Eq '(^|, )libcurl4( |,|$)' <<<"$depends"
check "libcurl.so.4 is installed where the loader finds it" bash -c 'ldconfig -p | grep -q "libcurl.so.4 "'
check "systemd is a dependency (postinst runs systemd-sysusers)" grep -Eq '(^|, )systemd( |,|$)' <<<"$depends"

check "the unit is installed and starts /usr/bin/tellald" \
  grep -q '^ExecStart=/usr/bin/tellald --config /etc/tellal/tellal.ini$' /usr/lib/systemd/system/tellald.service
check "the sysusers snippet is installed" test -f /usr/lib/sysusers.d/tellal.conf
check "the udev rules are installed" test -f /usr/lib/udev/rules.d/60-tellal-modems.rules
check "postinst created the tellal user" getent passwd tellal
check "the tellal user is in dialout" bash -c 'id -nG tellal | tr " " "\n" | grep -qx dialout'
check "/etc/tellal/tellal.ini is a conffile" bash -c "dpkg-query -W -f='\${Conffiles}' tellal | grep -q '^ /etc/tellal/tellal.ini '"
check "the configuration is root:tellal 0640" test "$(stat -c '%U:%G %a' /etc/tellal/tellal.ini)" = "root:tellal 640"
check "postinst enabled the service" test -L /etc/systemd/system/multi-user.target.wants/tellald.service

# The configuration as installed: no token, no modem.
if /usr/bin/tellald --check-config --config /etc/tellal/tellal.ini >"$work/check.out" 2>&1; then
  cat "$work/check.out"
  check "the installed configuration is refused until it has a token and a modem" false
fi
cat "$work/check.out"
check "--check-config names what is missing" grep -Eq 'modem|token' "$work/check.out"
if [[ -d /run/systemd/system ]]; then
  check "postinst did not start the service on the incomplete configuration" \
    bash -c '! systemctl is-active --quiet tellald.service'
fi

# The same file with a token and one modem, as an administrator fills it in.
token=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
sed -e "s|^;token = $|token = $token|" \
  -e 's|^;\[modem.sim1\]$|[modem.sim1]|' -e 's|^;device = /dev/tellal/sim1$|device = /dev/tellal/sim1|' \
  /etc/tellal/tellal.ini >"$work/tellal.ini"
chgrp tellal "$work/tellal.ini"
chmod 0640 "$work/tellal.ini"
/usr/bin/tellald --check-config --config "$work/tellal.ini" | tee "$work/check-filled.out"
check "the filled-in configuration passes --check-config" grep -q ': OK (1 modem: sim1)$' "$work/check-filled.out"

# The installed daemon on its demo, started from its installed path.
port=$((20000 + RANDOM % 20000))
/usr/bin/tellald --demo --listen "127.0.0.1:$port" >"$work/demo.out" 2>"$work/demo.err" &
demo_pid=$!
for _ in $(seq 1 100); do
  grep -q '^  token  ' "$work/demo.out" && break
  kill -0 "$demo_pid" 2>/dev/null || break
  sleep 0.1
done
cat "$work/demo.out"
demo_token=$(sed -n 's/^  token  //p' "$work/demo.out")
check "the installed tellald --demo is serving" test -n "$demo_token"
url=http://127.0.0.1:$port
/usr/bin/tellal send --url "$url" --token "$demo_token" --to 05321234567 --text 'deb-install-test' | tee "$work/send.out"
id=$(grep -oE '[0-9]+' "$work/send.out" | head -1)
check "the installed tellal queued a message" test -n "$id"
sent() {
  for _ in $(seq 1 150); do
    /usr/bin/tellal status --url "$url" --token "$demo_token" "$id" >"$work/status.out" 2>&1 || true
    grep -Eq 'sent|delivered' "$work/status.out" && return 0
    sleep 0.2
  done
  cat "$work/status.out" >&2
  return 1
}
check "the message went out through a virtual modem" sent
cat "$work/status.out"
kill "$demo_pid"
wait "$demo_pid" || true
demo_pid=

echo "==> apt-get purge tellal"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq tellal
check "purge removed tellald" test ! -e /usr/bin/tellald
check "purge removed the unit" test ! -e /usr/lib/systemd/system/tellald.service
check "purge removed the configuration" test ! -e /etc/tellal/tellal.ini
check "purge removed the enablement link" test ! -e /etc/systemd/system/multi-user.target.wants/tellald.service

echo "deb-install-test: $passed passed, 0 failed"
