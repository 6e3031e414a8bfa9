// SPDX-License-Identifier: GPL-2.0-or-later
// The TransferManager fixture the transfer test executables share: a manager on a fresh state
// directory (restartable on the same state, like a reboot), and helpers that wait for a result.
#ifndef EDGECWMP_TESTS_TRANSFERS_TRANSFER_FIXTURE_H_
#define EDGECWMP_TESTS_TRANSFERS_TRANSFER_FIXTURE_H_

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <variant>

#include "base/file_io.h"
#include "base/time_util.h"
#include "cwmp/transfers/transfers.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"
#include "tests/transfers/file_server.h"

namespace edgecwmp::cwmp {

inline int64_t Now() { return NowSeconds().time_since_epoch().count(); }

inline uint32_t FaultOf(const CpeResponse& r) {
  auto* f = std::get_if<Fault>(&r);
  return f ? f->fault_code : 0;
}

struct Fixture {
  testing::TempDir dir{"edgecwmp-transfers"};
  TransferConfig config;
  std::atomic<int> changes{0};
  std::unique_ptr<TransferManager> manager;

  Fixture() {
    config.state_dir = dir.path() + "/state";
    // The agent's default configuration source is its data model; these tests have none.
    config.write_config = [](const std::string& path) {
      return WriteFileAtomic(path, "<configuration/>\n");
    };
  }
  // Starts a manager (a second call after manager.reset() is the restart).
  void Start() {
    manager = std::make_unique<TransferManager>(config, [this] { ++changes; });
    BOOST_REQUIRE(manager->Start().ok());
  }
  // Waits for the one completion and returns it (acknowledged: removed from the queue).
  TransferCompletion Finish() {
    BOOST_REQUIRE(testing::WaitUntil([&] { return !manager->Completions().empty(); },
                                     std::chrono::seconds(20)));
    TransferCompletion c = manager->Completions().front();
    manager->OnAnswered(c.id, true);
    return c;
  }
  // The same for an autonomous transfer (not acknowledged: the caller decides).
  AutonomousTransferCompletion FinishAutonomous() {
    BOOST_REQUIRE(testing::WaitUntil([&] { return !manager->AutonomousCompletions().empty(); },
                                     std::chrono::seconds(20)));
    return manager->AutonomousCompletions().front();
  }
  uint32_t DownloadFault(cwmp::Download d) {
    CpeResponse r = manager->Download(d, Now());
    BOOST_REQUIRE(std::holds_alternative<DownloadResponse>(r));
    return Finish().message.fault.fault_code;
  }
};

// A started manager next to a started open file server that serves one file.
struct ServedFixture : Fixture {
  testing::FileServer server;
  ServedFixture(const std::string& path, const std::string& content) {
    BOOST_REQUIRE(server.Start());
    server.Put(path, content);
    Start();
  }
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_TESTS_TRANSFERS_TRANSFER_FIXTURE_H_
