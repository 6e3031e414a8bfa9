// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the loading of every file the agent persists, as a damaged disk or a careless operator
// could leave them: the first byte picks the file (low bits), the rest is written to it in a fresh
// state directory, then the component that owns the file opens it the way the agent does at
// start-up (BulkData's retained reports included). Whatever the content, loading must not crash and
// must leave a usable component. Record files (cwmp/record_file.h) carry a checksum per record,
// which random bytes never match: with bit 7 of the first byte set, the rest is taken as records
// (one per line, fields separated by tabs) and written with valid checksums, so that the fuzzer
// reaches the record parsers.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/log.h"
#include "base/record_file.h"
#include "cwmp/agent/agent_state.h"
#include "cwmp/agent/local_requests.h"
#include "cwmp/du/du_changes.h"
#include "cwmp/session/event_queue.h"
#include "cwmp/transfers/transfer_queue.h"
#include "datamodel/datamodel.h"
#include "datamodel/persistence.h"
#include "datamodel/schema.h"
#include "tests/support/temp_dir.h"
#include "tr181/bulkdata/report_json.h"
#include "tr181/bulkdata/retained_reports.h"
#include "tr181/definitions.h"
#include "tr181/edgex/service_definition.h"

namespace {

namespace dm = edgecwmp::dm;
namespace cwmp = edgecwmp::cwmp;
namespace fs = std::filesystem;

const dm::Schema& Tr181Schema() {
  static dm::Schema* schema = [] {
    auto* s = new dm::Schema;
    if (!edgecwmp::tr181::LoadDefinitions(s).ok()) std::abort();
    return s;
  }();
  return *schema;
}

void LoadDataModel(const std::string& dir) {
  dm::Storage storage(dir);
  dm::DataModel model(&Tr181Schema(), &storage);
  edgecwmp::SetLogLevel(edgecwmp::LogLevel::kError);  // damaged files are the point here
  if (!model.Load().ok()) std::abort();
  std::vector<dm::ParameterValue> values;
  model.GetValues("", &values);
}

void OpenEventQueue(const std::string& dir) {
  cwmp::EventQueue queue;
  if (!queue.Open(dir).ok()) std::abort();
}

void OpenTransferQueue(const std::string& dir) {
  cwmp::TransferQueue queue;
  if (!queue.Open(dir).ok()) std::abort();
}

void OpenAgentState(const std::string& dir) {
  cwmp::AgentState state;
  state.Open(dir);
  state.Get("acs_url");
}

void StartDuChanges(const std::string& dir) {
  cwmp::DuChangeManager changes(dir, [] {});
  if (!changes.Start().ok()) std::abort();
}

void LoadDeploymentUnits(const std::string& dir) {
  std::map<std::string, edgecwmp::edgex::DeploymentUnitRecord> units;
  std::vector<edgecwmp::edgex::ServiceSpec> specs;
  std::string warning;
  edgecwmp::edgex::LoadInstalledUnits(dir, &units, &specs, &warning);
}

void ReadLocalRequests(const std::string& dir) { cwmp::PendingLocalRequests(dir); }

// What is loaded goes into a collector's Report array: it must encode as JSON in either format.
void LoadRetainedBulkData(const std::string& dir) {
  namespace bulkdata = edgecwmp::tr181::bulkdata;
  std::vector<bulkdata::CollectedReport> reports;
  std::string note;
  (void)bulkdata::LoadRetainedReports(dir + "/bulkdata-1.txt", &reports, &note);
  for (const bulkdata::JsonFormat format :
       {bulkdata::JsonFormat::kNameValuePair, bulkdata::JsonFormat::kObjectHierarchy}) {
    const std::string body =
        bulkdata::EncodeTransfer(reports, format, bulkdata::JsonTimestamp::kIso8601);
    if (!nlohmann::json::accept(body)) std::abort();
  }
}

struct StateFile {
  const char* name;  // relative to the state directory
  std::function<void(const std::string& dir)> load;
  const char* record_header = nullptr;  // a record file's first line (the owner's kHeader)
};

const std::vector<StateFile>& StateFiles() {
  static const std::vector<StateFile> files = {
      {"datamodel/datamodel.xml", [](const std::string& d) { LoadDataModel(d + "/datamodel"); }},
      {"datamodel/datamodel.xml.bak",
       [](const std::string& d) { LoadDataModel(d + "/datamodel"); }},
      {"events.txt", OpenEventQueue, "edgecwmp-events 1"},
      {"transfers.txt", OpenTransferQueue, "edgecwmp-transfers 1"},
      {"agent_state", OpenAgentState},
      {"du_changes.txt", StartDuChanges, "edgecwmp-du-changes 1"},
      {"edgex-deployment-units.json", LoadDeploymentUnits},
      {"requests/0000000000000001-fuzz.json", ReadLocalRequests},
      {"bulkdata-1.txt", LoadRetainedBulkData, "edgecwmp-bulkdata-retained 1"},
  };
  return files;
}

// Lines of tab-separated fields, as a record file with valid checksums.
std::string AsRecordFile(const char* header, const std::string& text) {
  std::vector<edgecwmp::Record> records;
  size_t line_start = 0;
  while (line_start < text.size()) {
    size_t line_end = std::min(text.find('\n', line_start), text.size());
    edgecwmp::Record record;
    for (size_t field_start = line_start;;) {
      size_t tab = std::min(text.find('\t', field_start), line_end);
      record.push_back(text.substr(field_start, tab - field_start));
      if (tab == line_end) break;
      field_start = tab + 1;
    }
    records.push_back(std::move(record));
    line_start = line_end + 1;
  }
  return edgecwmp::EncodeRecords(header, records);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static edgecwmp::testing::TempDir state("edgecwmp-fuzz-state");
  const StateFile& file = StateFiles()[(data[0] & 0x7f) % StateFiles().size()];
  std::string content(reinterpret_cast<const char*>(data + 1), size - 1);
  if ((data[0] & 0x80) && file.record_header) content = AsRecordFile(file.record_header, content);
  const fs::path path = fs::path(state.path()) / file.name;
  fs::create_directories(path.parent_path());
  edgecwmp::testing::WriteFile(path.string(), content);
  file.load(state.path());
  for (const auto& entry : fs::directory_iterator(state.path())) fs::remove_all(entry.path());
  return 0;
}
