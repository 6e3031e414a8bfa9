# SPDX-License-Identifier: GPL-2.0-or-later
# bench_session: a 5-RPC CWMP session between the real cwmpd and the test ACS over loopback, from
# the connection request to the ACS's 204, next to a bare HTTP round trip.
# Included from bench/CMakeLists.txt; edgecwmp_test_acs is defined later (tests/acs), which
# target_link_libraries resolves at generate time.
add_executable(bench_session ${CMAKE_CURRENT_LIST_DIR}/bench_session.cc
               ${PROJECT_SOURCE_DIR}/tests/e2e/agent_process.cc)
edgecwmp_target(bench_session)
target_compile_definitions(bench_session PRIVATE
  EDGECWMP_BENCH_BINARY_DIR="${PROJECT_BINARY_DIR}")
target_link_libraries(bench_session PRIVATE edgecwmp_test_acs edgecwmp_test_support
                      edgecwmp_http CURL::libcurl Threads::Threads)
add_dependencies(bench_session cwmpd)
