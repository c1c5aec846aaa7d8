# The driver benchmark (a program, not a test): see tests/bench/modem_driver_bench.cc.
if(TARGET tellal_vmodem)
  add_executable(modem_driver_bench ${PROJECT_SOURCE_DIR}/tests/bench/modem_driver_bench.cc)
  target_link_libraries(modem_driver_bench PRIVATE tellal_driver tellal_vmodem)
endif()
