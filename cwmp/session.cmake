# SPDX-License-Identifier: GPL-2.0-or-later
# The session engine, the agent that owns everything, and the daemon.
add_library(edgecwmp_cwmp STATIC config.cc agent_state.cc session.cc agent.cc agent_session.cc
            agent_autonomous.cc autonomous_policy.cc local_requests.cc)
edgecwmp_target(edgecwmp_cwmp)
target_compile_definitions(edgecwmp_cwmp PRIVATE EDGECWMP_VERSION="${PROJECT_VERSION}")
target_link_libraries(edgecwmp_cwmp PUBLIC edgecwmp_transfers edgecwmp_du edgecwmp_codec edgecwmp_http edgecwmp_events
                      edgecwmp_rpc edgecwmp_tr181 edgecwmp_datamodel edgecwmp_log Boost::program_options
                      Threads::Threads)

add_executable(cwmpd main.cc)
edgecwmp_target(cwmpd)
target_link_libraries(cwmpd PRIVATE edgecwmp_cwmp edgecwmp_edgex)

# Asks the running cwmpd for a transfer or DU change of the device's own (cwmp/local_requests.h).
add_executable(cwmpctl cwmpctl.cc)
edgecwmp_target(cwmpctl)
target_link_libraries(cwmpctl PRIVATE edgecwmp_cwmp)
