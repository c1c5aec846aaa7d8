# Makes the /etc/tellal/tellal.ini the package installs from the example
# configuration, so that the two never drift apart:
#
#   cmake -DEXAMPLE=daemon/config/tellal.example.ini -DOUT=<file> -P default_config.cmake
#
# The example names a placeholder token and an enabled modem, which would let
# tellald start on a token printed in this repository and on a device that is
# probably not there. The installed copy has the token line and every
# [modem.*] section commented out instead, so `tellald --check-config` fails
# until the administrator sets both, and the package's postinst does not start
# the service before that (packaging/debian/postinst).

file(READ ${EXAMPLE} text)
set(placeholder "token = change-me-openssl-rand-hex-16\n")
string(FIND "${text}" "${placeholder}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${EXAMPLE}: the placeholder line '${placeholder}' is gone; update ${CMAKE_CURRENT_LIST_FILE}")
endif()
string(REPLACE "${placeholder}" ";token = \n" text "${text}")

string(FIND "${text}" "\n[modem." modems_at)
if(modems_at EQUAL -1)
  message(FATAL_ERROR "${EXAMPLE}: no [modem.*] section to comment out")
endif()
math(EXPR modems_at "${modems_at} + 1")
string(SUBSTRING "${text}" 0 ${modems_at} head)
string(SUBSTRING "${text}" ${modems_at} -1 modems)
# Every line of the modem sections that is not already a comment or empty;
# the first one is the "[modem." found above.
string(REGEX REPLACE "\n([^;\n])" "\n;\\1" modems "${modems}")
string(PREPEND modems ";")

file(WRITE ${OUT}
"; /etc/tellal/tellal.ini, installed by the tellal package.
;
; tellald is enabled at boot but does not start until this file has a token
; ([http] token or token_file) and at least one [modem.*] section: uncomment
; and fill them in, check with `tellald --check-config`, then run
; `sudo systemctl start tellald`. The package keeps your changes on upgrade.
;
${head}${modems}")
