// SPDX-License-Identifier: GPL-2.0-or-later
// Version 1 of the transfer queue file (cwmp/transfers/transfer_queue.h), read only: one record
// of positional fields per transfer — id, kind, state, CommandKey, FileType, URL, Username,
// Password, TargetFileName, FileSize, not-before, windows ("start,end,mode[,max_retries,attempts]"
// joined by ';'), "<FaultCode> <FaultString>", StartTime, CompleteTime, reboot-pending, and since
// autonomous transfers (19 fields, 16 before) autonomous, AnnounceURL, bytes transferred.
#ifndef EDGECWMP_CWMP_TRANSFERS_TRANSFER_QUEUE_V1_H_
#define EDGECWMP_CWMP_TRANSFERS_TRANSFER_QUEUE_V1_H_

#include "base/record_file.h"
#include "cwmp/transfers/transfer_queue.h"

namespace edgecwmp::cwmp {

inline constexpr const char* kTransferHeaderV1 = "edgecwmp-transfers 1";
// False when |r| is not a version-1 transfer.
bool DecodeTransferV1(const Record& r, Transfer* t);

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_TRANSFERS_TRANSFER_QUEUE_V1_H_
