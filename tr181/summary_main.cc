// SPDX-License-Identifier: GPL-2.0-or-later
// edgecwmp-model-summary: loads the Device:2 definitions, binds the providers on embedded
// defaults and prints the model's summary (and, with --dump, every value; secrets read as "").
//
//   edgecwmp-model-summary [--definitions DIR] [--state-dir DIR] [--dump]
// --state-dir records FirstUseDate there (as the daemon does); without it the date is unknown.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "datamodel/datamodel.h"
#include "tr181/definitions.h"
#include "tr181/device2.h"

int main(int argc, char** argv) {
  using namespace edgecwmp;
  std::string dir;
  std::string state_dir;
  bool dump = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--definitions") == 0 && i + 1 < argc) {
      dir = argv[++i];
    } else if (std::strcmp(argv[i], "--state-dir") == 0 && i + 1 < argc) {
      state_dir = argv[++i];
    } else if (std::strcmp(argv[i], "--dump") == 0) {
      dump = true;
    } else {
      std::fprintf(stderr, "usage: %s [--definitions DIR] [--state-dir DIR] [--dump]\n", argv[0]);
      return 2;
    }
  }
  dm::Schema schema;
  std::vector<std::string> files;
  Status status = tr181::LoadDefinitions(&schema, dir, &files);
  if (!status.ok()) {
    std::fprintf(stderr, "loading definitions: %s\n", status.ToString().c_str());
    return 1;
  }
  dm::DataModel model(&schema, nullptr);
  tr181::DeviceIdentity identity;
  identity.state_dir = state_dir;
  status = tr181::RegisterDevice2(&model, identity);
  if (status.ok()) status = model.Load();
  if (!status.ok()) {
    std::fprintf(stderr, "building the model: %s\n", status.ToString().c_str());
    return 1;
  }
  for (const std::string& file : files) std::printf("loaded %s\n", file.c_str());
  std::fputs(tr181::ModelSummary(model).c_str(), stdout);
  if (dump) {
    std::vector<dm::ParameterValue> values;
    status = model.GetValues("", &values);
    if (!status.ok()) {
      std::fprintf(stderr, "get: %s\n", status.ToString().c_str());
      return 1;
    }
    for (const dm::ParameterValue& v : values) {
      std::printf("%s = %s (%s)\n", v.name.c_str(), v.value.c_str(), dm::TypeName(v.type));
    }
  }
  return 0;
}
