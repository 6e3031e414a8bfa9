// SPDX-License-Identifier: GPL-2.0-or-later
// bench_datamodel: builds a 10,000-parameter tree (1,000 instances x 10 parameters) and prints
// the time of a full-tree get, 1,000 single sets, GetNames(root, false), and the resident memory
// per parameter. Figures only: timing depends on the machine, so nothing here passes or fails.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "datamodel/datamodel.h"
#include "datamodel/persistence.h"
#include "datamodel/schema.h"

namespace {

using edgecwmp::Status;
using namespace edgecwmp::dm;

constexpr int kInstances = 1000;
constexpr int kParamsPerInstance = 10;
constexpr int kRuns = 21;

const char* kSchema = R"(<datamodel name="Bench:1">
  <object path="Device.">
    <parameter name="RootDataModelVersion" type="string" default="2.17"/>
  </object>
  <object path="Device.Bench."/>
  <object path="Device.Bench.Item.{i}." access="readWrite" maxEntries="unbounded">
    <parameter name="Enable" type="boolean" access="readWrite" default="true"/>
    <parameter name="Alias" type="string" maxLength="64" access="readWrite"/>
    <parameter name="Name" type="string" maxLength="64" access="readWrite" default="item"/>
    <parameter name="Status" type="string" default="Enabled">
      <enumeration>Enabled</enumeration><enumeration>Disabled</enumeration>
    </parameter>
    <parameter name="Counter" type="unsignedInt" access="readWrite"/>
    <parameter name="Level" type="int" access="readWrite" min="-100" max="100"/>
    <parameter name="Bytes" type="unsignedLong"/>
    <parameter name="Offset" type="long" access="readWrite"/>
    <parameter name="LastChange" type="dateTime"/>
    <parameter name="Mac" type="hexBinary" maxLength="12" access="readWrite"
               default="001122334455"/>
  </object>
</datamodel>)";

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

long ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

// Median and minimum of |runs| timings of |fn|, in milliseconds.
template <typename Fn>
void Time(const char* label, Fn&& fn) {
  std::vector<double> ms;
  for (int i = 0; i < kRuns; ++i) {
    auto start = Clock::now();
    fn();
    ms.push_back(Ms(Clock::now() - start));
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%-34s %8.3f ms (median of %d, min %.3f ms)\n", label, ms[ms.size() / 2], kRuns,
              ms.front());
}

void Check(const Status& s, const char* what) {
  if (s.ok()) return;
  std::fprintf(stderr, "bench_datamodel: %s: %s\n", what, s.ToString().c_str());
  std::exit(1);
}

}  // namespace

int main() {
  Schema schema;
  Check(schema.LoadString(kSchema, "bench-schema"), "schema");

  const long rss_before = ResidentBytes();
  auto model = std::make_unique<DataModel>(&schema, nullptr);
  for (int i = 0; i < kInstances; ++i) {
    uint32_t n = 0;
    Applied applied;
    Check(model->AddObject("Device.Bench.Item.", Origin::kInternal, &n, &applied), "AddObject");
  }
  const long rss_after = ResidentBytes();
  const size_t params = model->parameter_count();
  std::printf("bench_datamodel: %zu parameters (%d instances x %d parameters + 1)\n", params,
              kInstances, kParamsPerInstance);

  // A fresh result vector each run, as an RPC handler would have.
  std::vector<ParameterValue> values;
  Time("full-tree GetValues(\"\"):", [&] {
    std::vector<ParameterValue> fresh;
    Check(model->GetValues("", &fresh), "GetValues");
    values.swap(fresh);
  });
  if (values.size() != params) {
    std::fprintf(stderr, "bench_datamodel: got %zu values\n", values.size());
    return 1;
  }

  std::vector<std::string> names;
  for (int i = 1; i <= kInstances; ++i)
    names.push_back("Device.Bench.Item." + std::to_string(i) + ".Counter");
  int round = 0;
  Time("1,000 single SetValues:", [&] {
    ++round;
    for (const std::string& name : names) {
      std::vector<ParameterSet> sets(1);
      sets[0].name = name;
      sets[0].value = std::to_string(round);
      std::vector<ParameterFault> faults;
      Applied applied;
      Check(model->SetValues(sets, Origin::kAcs, &faults, &applied), "SetValues");
    }
  });

  Time("GetNames(\"\", false):", [&] {
    std::vector<ParameterInfo> infos;
    Check(model->GetNames("", false, &infos), "GetNames");
  });

  std::printf("%-34s %8.1f bytes per parameter (RSS +%.2f MiB for %zu parameters)\n",
              "resident memory:", static_cast<double>(rss_after - rss_before) / params,
              (rss_after - rss_before) / 1048576.0, params);

  // With persistence on: every committed set is written atomically (fsync), as in the agent.
  char dir_template[] = "/tmp/bench_datamodel-XXXXXX";
  if (char* dir = mkdtemp(dir_template)) {
    Storage storage(dir);
    DataModel persisted(&schema, &storage);
    Check(persisted.Load(), "Load");
    for (int i = 0; i < kInstances; ++i) {
      uint32_t n = 0;
      Applied applied;
      Check(persisted.AddObject("Device.Bench.Item.", Origin::kInternal, &n, &applied),
            "AddObject");
    }
    constexpr int kPersistedSets = 100;
    auto start = Clock::now();
    for (int i = 1; i <= kPersistedSets; ++i) {
      Check(persisted.SetValue(names[static_cast<size_t>(i)], std::to_string(i), Origin::kAcs),
            "SetValue");
    }
    std::printf("%-34s %8.3f ms per set (mean of %d, %d-row table on disk)\n",
                "persisted SetValue (fsync):", Ms(Clock::now() - start) / kPersistedSets,
                kPersistedSets, kInstances);
    Check(storage.Wipe(), "Wipe");
    rmdir(dir);
  }
  return 0;
}
