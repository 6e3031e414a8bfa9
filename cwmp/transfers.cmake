# SPDX-License-Identifier: GPL-2.0-or-later
# edgecwmp_transfers: Download / Upload / ScheduleDownload with a persisted transfer queue, a
# worker thread and pluggable per-FileType handlers (TR-069 A.3.2.8, A.4.1.5, A.4.1.7-A.4.1.10).
add_library(edgecwmp_transfers STATIC
  file_handlers.cc
  transfer_queue.cc
  transfers.cc)
edgecwmp_target(edgecwmp_transfers)
target_link_libraries(edgecwmp_transfers PUBLIC edgecwmp_http edgecwmp_events edgecwmp_rpc
                      edgecwmp_messages edgecwmp_datamodel edgecwmp_log Threads::Threads)
