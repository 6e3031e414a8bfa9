# SPDX-License-Identifier: GPL-2.0-or-later
# bench_connection_request: request-to-Inform latency of connection requests against the real
# cwmpd over loopback (HTTP, and XMPP through a real prosody), one at a time and back to back.
# Included from bench/CMakeLists.txt.
add_executable(bench_connection_request ${CMAKE_CURRENT_LIST_DIR}/bench_connection_request.cc
               ${PROJECT_SOURCE_DIR}/tests/e2e/agent_process.cc)
edgecwmp_target(bench_connection_request)
target_compile_definitions(bench_connection_request PRIVATE
  EDGECWMP_BENCH_BINARY_DIR="${PROJECT_BINARY_DIR}")
target_link_libraries(bench_connection_request PRIVATE edgecwmp_test_acs edgecwmp_test_support
                      edgecwmp_http CURL::libcurl Threads::Threads)
add_dependencies(bench_connection_request cwmpd)
