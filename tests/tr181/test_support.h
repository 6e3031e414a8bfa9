// SPDX-License-Identifier: GPL-2.0-or-later
// Test helpers for tests/tr181: the shared temp directory and poll-until (tests/support), and a
// fixture holding the Device:2 base model bound to the real system.
#ifndef EDGECWMP_TESTS_TR181_TEST_SUPPORT_H_
#define EDGECWMP_TESTS_TR181_TEST_SUPPORT_H_

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "datamodel/datamodel.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"
#include "tr181/device2.h"

namespace edgecwmp {
// Lets BOOST_TEST print Status codes in failure messages.
inline std::ostream& boost_test_print_type(std::ostream& os, Error code) {
  return os << ErrorName(code);
}
}  // namespace edgecwmp

namespace edgecwmp::tr181::testing {

using ::edgecwmp::testing::TempDir;

// WaitUntil (10 s) polling every 50 ms: a poll may read the whole process table.
inline bool PollUntil(const std::function<bool()>& condition) {
  return ::edgecwmp::testing::WaitUntil(condition, std::chrono::seconds(10),
                                        std::chrono::milliseconds(50));
}

inline std::string SourceDefinitionsDir() {
  const char* source = std::getenv("EDGECWMP_SOURCE_DIR");
  BOOST_REQUIRE_MESSAGE(source != nullptr, "EDGECWMP_SOURCE_DIR is not set (run through ctest)");
  return std::string(source) + "/tr181";
}

// The base model (tr181/device.xml) with every provider bound and no persistence. State (the
// FirstUseDate record) goes to |state_dir|, or to a fresh temp dir when none is given.
class Device2Fixture {
 public:
  explicit Device2Fixture(std::string state_dir = "<temp>", DeviceIdentity identity = {}) {
    if (state_dir == "<temp>") {
      temp_ = std::make_unique<TempDir>();
      state_dir = temp_->path();
    }
    state_dir_ = state_dir;
    const Status loaded = schema_.LoadFile(SourceDefinitionsDir() + "/device.xml");
    BOOST_REQUIRE_MESSAGE(loaded.ok(), loaded.ToString());
    model_ = std::make_unique<dm::DataModel>(&schema_, nullptr);
    identity.state_dir = state_dir_;
    const Status bound = RegisterDevice2(model_.get(), identity);
    BOOST_REQUIRE_MESSAGE(bound.ok(), bound.ToString());
    const Status restored = model_->Load();
    BOOST_REQUIRE_MESSAGE(restored.ok(), restored.ToString());
  }

  dm::DataModel& model() { return *model_; }
  const dm::Schema& schema() const { return schema_; }
  const std::string& state_dir() const { return state_dir_; }

 private:
  std::unique_ptr<TempDir> temp_;
  std::string state_dir_;
  dm::Schema schema_;
  std::unique_ptr<dm::DataModel> model_;
};

}  // namespace edgecwmp::tr181::testing

#endif  // EDGECWMP_TESTS_TR181_TEST_SUPPORT_H_
