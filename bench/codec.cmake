# SPDX-License-Identifier: GPL-2.0-or-later
# bench_codec: encode/decode time per entry of a 10,000-entry GetParameterValuesResponse.
# Included from bench/CMakeLists.txt.
add_executable(bench_codec ${CMAKE_CURRENT_LIST_DIR}/bench_codec.cc)
edgecwmp_target(bench_codec)
target_link_libraries(bench_codec PRIVATE edgecwmp_codec)
