# Runs `udevadm verify` (systemd 254 and later) on 60-tellal-modems.rules and
# on a copy with the commented per-vendor example lines switched on, so the
# lines users paste are checked too. CTest calls it as udev_rules_verify.
#
#   cmake -DRULES=<rules file> -DWORK=<scratch dir> -P verify_rules.cmake
#
# Prints "SKIPPED:" (CTest's skip pattern for this test) when udevadm is
# missing or too old to have `verify`.

find_program(UDEVADM udevadm PATHS /usr/bin /bin /sbin /usr/sbin)
if(NOT UDEVADM)
  message("SKIPPED: udevadm is not installed")
  return()
endif()
execute_process(COMMAND ${UDEVADM} verify --help RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT rc EQUAL 0)
  message("SKIPPED: this udevadm has no `verify` command (it arrived in systemd 254)")
  return()
endif()

file(MAKE_DIRECTORY ${WORK})
file(STRINGS ${RULES} lines)
set(examples "")
foreach(line IN LISTS lines)
  if(line MATCHES "^#(SUBSYSTEM==.*)$")
    string(APPEND examples "${CMAKE_MATCH_1}\n")
  endif()
endforeach()
if(examples STREQUAL "")
  message(FATAL_ERROR "${RULES}: no commented example rule lines found")
endif()
file(WRITE ${WORK}/61-tellal-examples.rules "${examples}")

foreach(file ${RULES} ${WORK}/61-tellal-examples.rules)
  # --resolve-names=never: the check must not depend on this machine's users
  # and groups. Style warnings also make verify exit non-zero.
  execute_process(COMMAND ${UDEVADM} verify --resolve-names=never ${file}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "udevadm verify ${file}: exit ${rc}\n${out}${err}")
  endif()
endforeach()
message("udevadm verify: rules and example lines are clean")
