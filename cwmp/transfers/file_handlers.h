// SPDX-License-Identifier: GPL-2.0-or-later
// File handlers: how one transfer is carried out once it is due — fetch the file over HTTP(S)
// (base/http_client.h HttpFetch: TLS always verified, Basic/Digest, size cap) and apply it with the
// handler configured for its FileType, or produce an upload's file and PUT it — and the one table
// of FileTypes the agent knows (TR-069 A.3.2.8 Download, A.4.1.5 Upload). Every failure is a
// TR-069 A.5.1 fault code. Blocking; runs on the TransferManager's worker thread.
//
// Handler commands are run as `/bin/sh -c '<command> "$1"' sh <file>` with the environment
// variables EDGECWMP_FILE_TYPE, EDGECWMP_COMMAND_KEY and EDGECWMP_TARGET_FILE_NAME (the
// ACS's strings never reach the shell's command text). Exit status → fault (kExitFaults in the
// .cc): 0 success; 10 → 9010, 11 → 9011, 12 → 9012, 16 → 9016, 17 → 9017, 18 → 9018,
// 19 → 9019; anything else
// (other codes, killed by a signal, not runnable) → 9002. An upload source command gets the path
// of the file to write as $1.
//
// Everything written under the state directory (partial downloads, stored files, files to
// upload) is 0600 in 0700 directories whatever the umask: a file may carry credentials.
#ifndef EDGECWMP_CWMP_TRANSFERS_FILE_HANDLERS_H_
#define EDGECWMP_CWMP_TRANSFERS_FILE_HANDLERS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "base/http_client.h"
#include "cwmp/protocol/messages.h"
#include "cwmp/transfers/transfer_queue.h"

namespace edgecwmp::cwmp {

// The agent's vendor FileType for an EdgeX service configuration (TR-069 A.3.2.8:
// "X <OUI> <Vendor-specific identifier>").
inline constexpr const char* kEdgexConfigFileType = "X 02EDC0 EdgeX Service Configuration";

// [transfers] settings (cwmp/agent/config.cc describes each option).
struct TransferConfig {
  std::string state_dir;     // the queue (transfers.txt) and stored files (files/<kind>/)
  std::string download_dir;  // partial downloads ("" = <state_dir>/downloads)
  // An upload carries the device's configuration or logs: plain-http URLs are refused (9013)
  // unless this is set.
  bool allow_plain_http_upload = false;
  uint64_t max_file_size = 64ull * 1024 * 1024;
  size_t max_queued = 16;          // more → 9004 (TR-069 A.5.1)
  uint32_t timeout_seconds = 900;  // one transfer, connect to last byte
  TlsClientOptions tls;            // the ACS's trust store (acs.ca_file); verify is forced on
  // Download handlers per FileType ("" = default: store the file, or refuse firmware).
  std::string firmware_command, web_content_command, vendor_config_command, edgex_config_command;
  // Upload sources: a command that writes the file to upload to $1. Without one, a vendor
  // configuration upload sends what write_config writes; a log upload is refused.
  std::string upload_config_command, upload_log_command;
  // Writes the default "3 Vendor Configuration File" to |path| (the agent: its data model without
  // any secret value, DataModel::ExportConfiguration). Empty: no default, such uploads are refused.
  std::function<Status(const std::string& path)> write_config;
  // Download FileTypes applied in-process instead of by a command (e.g. a deployment unit handed
  // to the DU backend): the applier gets the downloaded file and its URL and returns OK or the
  // TransferComplete fault (TR-069 A.3.3.2: Status::Fault, its message the FaultString).
  using FileApplier = std::function<Status(const std::string& path, const std::string& url)>;
  std::map<std::string, FileApplier> file_appliers;  // FileType → applier
  // Download FileTypes fetched over https only, redirects included (e.g. a definition of a program
  // the device will run): an http URL fails with 9013 before anything is fetched.
  std::set<std::string> https_only_file_types;
  // ScheduleDownload "3 When Idle" (TR-069 A.4.1.7): whether the device is idle now, asked when
  // such a window is open and then every |idle_poll_seconds|. Empty = the 1-minute load average
  // (/proc/loadavg) is below the number of CPUs. Called on the worker thread under the
  // TransferManager's lock: must be quick and must not call the TransferManager.
  std::function<bool()> is_idle;
  uint32_t idle_poll_seconds = 15;
};

// How a FileType is handled; nullptr when the agent cannot do it at all (request-time fault).
struct FileTypeInfo {
  const char* file_type;  // the FileType without an Upload instance suffix
  bool download;          // Download/ScheduleDownload (else Upload)
  const char* store_dir;  // default without a handler: kept under <state_dir>/files/<store_dir>
  bool reboots;           // success means reboot, TransferComplete after the new boot
  std::string TransferConfig::*command;
};
// Upload types may carry an instance number: "3 Vendor Configuration File 2" (A.4.1.5).
const FileTypeInfo* FindFileType(const std::string& file_type, bool download);
// Whether the type can be handled with |config| (a firmware image needs a handler).
bool CanHandle(const FileTypeInfo& info, const TransferConfig& config);

// "http" / "https" URLs only (TR-069 3.4.3); anything else is 9013.
bool IsSupportedTransferUrl(const std::string& url);
// Whether |url| may be used for this transfer: an unsupported scheme, or an upload over plain
// http without config.allow_plain_http_upload, is fault 9013.
Status CheckTransferUrl(const std::string& url, bool download, const TransferConfig& config);

struct TransferResult {
  FaultStruct fault;    // code 0 = success
  bool reboot = false;  // a firmware image was applied
  uint64_t bytes = 0;   // bytes received (download) or sent (upload); 0 = unknown / none
};

// Carries out |t| (Download / ScheduleDownload: fetch + apply; Upload: produce + PUT).
TransferResult ExecuteTransfer(const Transfer& t, const TransferConfig& config);

// What a handler's exit status means (see the header comment): OK for 0, else the fault.
Status HandlerOutcome(int exit_status);

// Runs `command "$1"` with |arg| and the transfer's environment; returns the exit status, or -1
// when it could not run or was killed.
int RunHandler(const std::string& command, const std::string& arg, const Transfer& t);

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_TRANSFERS_FILE_HANDLERS_H_
