# SPDX-License-Identifier: GPL-2.0-or-later
# edgecwmp_events: Inform events (persisted queue with TR-069's per-code rules), the session retry
# back-off, the Inform scheduler and dateTime helpers. Pure logic: no sockets, no threads.
add_library(edgecwmp_events STATIC
  event_queue.cc
  inform_scheduler.cc
  record_file.cc
  retry_policy.cc
  time_util.cc)
edgecwmp_target(edgecwmp_events)
target_link_libraries(edgecwmp_events PUBLIC edgecwmp_datamodel edgecwmp_messages)
