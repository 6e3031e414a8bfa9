// SPDX-License-Identifier: GPL-2.0-or-later
// Diagnostics: the DiagnosticsState machine of TR-181 (datatype DiagnosticsState) shared by every
// TR-143 test object, and the worker threads that run the tests off the session thread.
//
//   None --SPV Requested--> Requested --session ends: StartRequested()--> (running)
//   (running) --test ends--> Complete | Error_... , then on_complete() (the agent raises
//   "8 DIAGNOSTICS COMPLETE" and opens a session).
// An SPV of an input (any writable parameter but DiagnosticsState) stops a test in progress and
// sets None, unless the same SPV sets DiagnosticsState to Requested: then the test restarts with
// the new inputs after the session. SPV Canceled stops it and sets None; neither raises 8.
// Only Requested and Canceled may be written (9007 otherwise). State and results are held in
// memory: after a restart the state reads None, as TR-181 allows.
#ifndef EDGECWMP_TR181_DIAGNOSTICS_DIAGNOSTICS_H_
#define EDGECWMP_TR181_DIAGNOSTICS_DIAGNOSTICS_H_

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "datamodel/datamodel.h"
#include "tr181/diagnostics/cancel_token.h"

namespace edgecwmp::tr181 {

// Parameter name (last segment) -> value.
using DiagnosticValues = std::map<std::string, std::string>;

struct DiagnosticOutcome {
  std::string state = "Complete";  // or one of the object's Error_ values
  DiagnosticValues results;        // result parameters not named read their defaults
};

// Runs one test with the inputs as they were when it started; blocks; returns early (any
// outcome, it is discarded) once |cancel| is canceled.
using DiagnosticRun =
    std::function<DiagnosticOutcome(const DiagnosticValues& inputs, const CancelToken& cancel)>;

struct DiagnosticSpec {
  std::string object;  // "Device.IP.Diagnostics.IPPing."
  DiagnosticRun run;
  // Extra checks of inputs at SPV time (e.g. a reference that must exist), by parameter name.
  std::map<std::string, dm::Validator> validators;
};

class Diagnostics {
 public:
  // |on_complete| is called from a worker thread when a test ends with a result to report.
  explicit Diagnostics(std::function<void()> on_complete);
  ~Diagnostics();  // cancels the tests in progress and joins their threads
  Diagnostics(const Diagnostics&) = delete;
  Diagnostics& operator=(const Diagnostics&) = delete;

  // Binds the object's DiagnosticsState, inputs (its other writable parameters) and results (its
  // read-only parameters) in |model|'s schema. Call before DataModel::Load(); |model| must
  // outlive this object.
  Status Register(dm::DataModel* model, DiagnosticSpec spec);

  // Starts every test in state Requested (TR-069: after the session that asked for it).
  void StartRequested();

  // A result of |object|'s last run, also one outside the object's own parameters (a results
  // table's "Rows.<n>.<Name>"); "" when there is none.
  std::string Result(const std::string& object, const std::string& name);

 private:
  struct Test;
  void Cancel(Test* test);  // with mu_ held
  void Finish(Test* test, uint64_t generation, DiagnosticOutcome outcome);

  std::function<void()> on_complete_;
  dm::DataModel* model_ = nullptr;
  std::mutex mu_;
  std::vector<std::unique_ptr<Test>> tests_;
};

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_DIAGNOSTICS_DIAGNOSTICS_H_
