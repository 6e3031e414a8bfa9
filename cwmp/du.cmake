# SPDX-License-Identifier: GPL-2.0-or-later
# edgecwmp_du: ChangeDUState with a persisted request queue and a worker thread that drives an
# rpc::DeploymentUnitBackend (TR-069 A.4.1.10, DUStateChangeComplete A.4.2.x).
add_library(edgecwmp_du STATIC du_changes.cc)
edgecwmp_target(edgecwmp_du)
target_link_libraries(edgecwmp_du PUBLIC edgecwmp_events edgecwmp_rpc edgecwmp_messages
                      edgecwmp_datamodel edgecwmp_log nlohmann_json::nlohmann_json Threads::Threads)
