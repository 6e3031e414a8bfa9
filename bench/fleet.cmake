# SPDX-License-Identifier: GPL-2.0-or-later
# bench_fleet: RSS per virtual CPE and CPU per boot session of cwmpfleet's engine for 1k and 10k
# CPEs against the test ACS over loopback. Included from bench/CMakeLists.txt.
add_executable(bench_fleet ${CMAKE_CURRENT_LIST_DIR}/bench_fleet.cc)
edgecwmp_target(bench_fleet)
target_link_libraries(bench_fleet PRIVATE edgecwmp_fleet edgecwmp_test_acs edgecwmp_test_support
                      Threads::Threads)
