# The CTest test packaging_default_config: the /etc/tellal/tellal.ini the
# package installs must be refused by `tellald --check-config` as it is (so
# postinst does not start the service on it), once for the missing modem and
# once, with a modem, for the missing token; and accepted once the
# administrator uncomments the token (filled in) and the first modem.
#
#   cmake -DTELLALD=<tellald> -DCONFIG=<generated tellal.ini> -DWORK=<dir>
#         [-DEMULATOR=<qemu>] -P verify_default_config.cmake

file(MAKE_DIRECTORY ${WORK})
file(READ ${CONFIG} text)

function(check_config file expect_ok expect_text)
  execute_process(COMMAND ${EMULATOR} ${TELLALD} --check-config --config ${file}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(expect_ok AND NOT rc EQUAL 0)
    message(FATAL_ERROR "${file}: refused, expected accepted: ${out}${err}")
  elseif(NOT expect_ok AND rc EQUAL 0)
    message(FATAL_ERROR "${file}: accepted, expected refused: ${out}${err}")
  endif()
  string(FIND "${out}${err}" "${expect_text}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${file}: expected '${expect_text}' in: ${out}${err}")
  endif()
  message("${file}: ${out}${err}")
endfunction()

# As installed: no modem (checked first), no token.
check_config(${CONFIG} FALSE "no [modem.*] section")

# The first modem uncommented, the token still commented out.
string(REPLACE ";[modem.sim1]\n" "[modem.sim1]\n" with_modem "${text}")
string(REPLACE ";device = /dev/tellal/sim1\n" "device = /dev/tellal/sim1\n" with_modem "${with_modem}")
file(WRITE ${WORK}/with_modem.ini "${with_modem}")
check_config(${WORK}/with_modem.ini FALSE "[http] token: missing")

# The token line uncommented but left empty is refused too.
string(REPLACE ";token = \n" "token = \n" empty_token "${with_modem}")
file(WRITE ${WORK}/empty_token.ini "${empty_token}")
check_config(${WORK}/empty_token.ini FALSE "token")

# Filled in: accepted, with the one modem.
string(REPLACE ";token = \n" "token = 0123456789abcdef0123456789abcdef\n" filled "${with_modem}")
file(WRITE ${WORK}/filled.ini "${filled}")
check_config(${WORK}/filled.ini TRUE ": OK (1 modem: sim1)")
