# Runs `systemd-analyze verify` on the generated tellald.service; CTest calls
# it as the systemd_unit_verify test (see tests/cli/CMakeLists.txt).
#
#   cmake -DUNIT=<generated unit> -DINSTALLED_TELLALD=<ExecStart's binary>
#         -DTELLALD=<built tellald> -DWORK=<scratch dir> -P verify_unit.cmake
#
# verify refuses an ExecStart binary that does not exist yet, so the unit is
# checked as a copy whose ExecStart names the freshly built tellald; every
# other line is the generated file's. Warnings (an unknown or misspelt key,
# a bad value) do not change the exit status, so any output fails the test.
# Prints "SKIPPED:" (CTest's skip pattern for this test) when the tool is
# missing or cannot verify even a minimal good unit on this machine.

find_program(SYSTEMD_ANALYZE systemd-analyze)
if(NOT SYSTEMD_ANALYZE)
  message("SKIPPED: systemd-analyze is not installed")
  return()
endif()

function(verify unit_file out_var)
  execute_process(COMMAND ${SYSTEMD_ANALYZE} verify ${unit_file}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0 AND "${out}${err}" STREQUAL "")
    set(${out_var} "" PARENT_SCOPE)
  else()
    set(${out_var} "exit ${rc}: ${out}${err}" PARENT_SCOPE)
  endif()
endfunction()

# The probe starts cmake itself, which certainly exists, so a probe failure
# says something about the tool, never about this build.
file(MAKE_DIRECTORY ${WORK})
file(WRITE ${WORK}/tellal-probe.service
     "[Unit]\nDescription=probe\n[Service]\nExecStart=${CMAKE_COMMAND} --version\n")
verify(${WORK}/tellal-probe.service probe_problem)
if(probe_problem)
  message("SKIPPED: systemd-analyze cannot verify a minimal unit here (${probe_problem})")
  return()
endif()

if(NOT EXISTS ${TELLALD})
  message(FATAL_ERROR "${TELLALD} has not been built")
endif()
file(READ ${UNIT} text)
string(FIND "${text}" "ExecStart=${INSTALLED_TELLALD} " at)
if(at EQUAL -1)
  message(FATAL_ERROR "${UNIT}: ExecStart does not start ${INSTALLED_TELLALD}")
endif()
string(REPLACE "ExecStart=${INSTALLED_TELLALD} " "ExecStart=${TELLALD} " text "${text}")
file(WRITE ${WORK}/tellald.service "${text}")
verify(${WORK}/tellald.service problem)
if(problem)
  message(FATAL_ERROR "systemd-analyze verify tellald.service: ${problem}")
endif()
message("systemd-analyze verify: tellald.service is clean")
