// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/diagnostics/diagnostics.h"

#include <thread>
#include <utility>

#include "base/log.h"

namespace edgecwmp::tr181 {
namespace {

constexpr const char* kState = "DiagnosticsState";
constexpr const char* kRequested = "Requested";
constexpr const char* kCanceled = "Canceled";
constexpr const char* kNone = "None";

}  // namespace

struct Diagnostics::Test {
  DiagnosticSpec spec;
  std::vector<std::string> inputs;  // writable parameters but DiagnosticsState
  DiagnosticValues defaults;        // of the read-only (result) parameters
  std::string state = kNone;
  DiagnosticValues results;
  bool pending = false;  // Requested, waiting for the session to end
  // Set by the DiagnosticsState setter, cleared by every validator of the object: within one
  // SetParameterValues (all validators run before any setter) it says "this SPV requested a
  // run", so the inputs it sets too do not cancel that run, whatever their order in the SPV.
  bool requested_by_this_spv = false;
  uint64_t generation = 0;  // a run whose generation is no longer this one is discarded
  std::shared_ptr<CancelToken> cancel;
  std::thread worker;
};

Diagnostics::Diagnostics(std::function<void()> on_complete)
    : on_complete_(std::move(on_complete)) {}

Diagnostics::~Diagnostics() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& test : tests_) Cancel(test.get());
  }
  for (auto& test : tests_) {
    if (test->worker.joinable()) test->worker.join();
  }
}

void Diagnostics::Cancel(Test* test) {
  ++test->generation;
  if (test->cancel) test->cancel->Cancel();
  test->cancel.reset();
  test->pending = false;
}

Status Diagnostics::Register(dm::DataModel* model, DiagnosticSpec spec) {
  const dm::ObjectDef* def = model->schema().FindObject(spec.object);
  if (def == nullptr || def->FindParam(kState) == nullptr) {
    return Status::Internal(spec.object + " with a DiagnosticsState is not defined");
  }
  model_ = model;
  auto owned = std::make_unique<Test>();
  Test* test = owned.get();
  test->spec = std::move(spec);
  {
    std::lock_guard<std::mutex> lock(mu_);
    tests_.push_back(std::move(owned));
  }
  const std::string& object = test->spec.object;
  for (const dm::ParamDef& param : def->params) {
    if (param.name == kState) continue;
    if (param.writable) {
      test->inputs.push_back(param.name);
      dm::Validator extra;
      if (auto it = test->spec.validators.find(param.name); it != test->spec.validators.end()) {
        extra = it->second;
      }
      dm::ParamBinding input;
      input.validate = [this, test, extra](const dm::Context& ctx, const std::string& value) {
        {
          std::lock_guard<std::mutex> lock(mu_);
          test->requested_by_this_spv = false;
        }
        return extra ? extra(ctx, value) : Status::Ok();
      };
      input.set = [this, test](const dm::Context&, const std::string&, dm::Applied*) {
        std::lock_guard<std::mutex> lock(mu_);
        if (test->requested_by_this_spv) return Status::Ok();
        Cancel(test);
        test->state = kNone;
        return Status::Ok();
      };
      EDGECWMP_RETURN_IF_ERROR(model->BindParameter(object + param.name, std::move(input)));
      continue;
    }
    test->defaults[param.name] = param.default_value;
    EDGECWMP_RETURN_IF_ERROR(model->BindParameter(
        object + param.name,
        dm::ParamBinding{[this, test, name = param.name](const dm::Context&, std::string* value) {
                           std::lock_guard<std::mutex> lock(mu_);
                           auto it = test->results.find(name);
                           *value =
                               it != test->results.end() ? it->second : test->defaults.at(name);
                           return Status::Ok();
                         },
                         nullptr, nullptr}));
  }
  dm::ParamBinding state;
  state.get = [this, test](const dm::Context&, std::string* value) {
    std::lock_guard<std::mutex> lock(mu_);
    *value = test->state;
    return Status::Ok();
  };
  state.validate = [this, test](const dm::Context&, const std::string& value) {
    std::lock_guard<std::mutex> lock(mu_);
    test->requested_by_this_spv = false;
    if (value == kRequested || value == kCanceled) return Status::Ok();
    return Status::InvalidValue(std::string(kState) + " can only be set to Requested or Canceled");
  };
  state.set = [this, test](const dm::Context&, const std::string& value, dm::Applied*) {
    std::lock_guard<std::mutex> lock(mu_);
    Cancel(test);
    if (value == kRequested) {
      test->pending = true;
      test->requested_by_this_spv = true;
      test->state = kRequested;
    } else {
      // Canceled, or the value before a failed SPV being restored.
      test->state = value == kCanceled ? kNone : value;
    }
    return Status::Ok();
  };
  return model->BindParameter(object + kState, std::move(state));
}

void Diagnostics::StartRequested() {
  std::vector<Test*> due;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& test : tests_) {
      if (test->pending) due.push_back(test.get());
    }
  }
  for (Test* test : due) {
    DiagnosticValues inputs;
    for (const std::string& name : test->inputs) {
      Status s = model_->GetValue(test->spec.object + name, &inputs[name]);
      // The run then sees the input as empty, which each test treats as invalid or its default.
      if (!s.ok())
        Log(LogLevel::kWarning, "diagnostics", test->spec.object, name, ": ", s.ToString());
    }
    // A canceled run ends soon (its token wakes it): wait for it before starting the next.
    if (test->worker.joinable()) test->worker.join();
    std::lock_guard<std::mutex> lock(mu_);
    test->pending = false;
    test->requested_by_this_spv = false;
    test->cancel = std::make_shared<CancelToken>();
    const uint64_t generation = test->generation;
    Log(LogLevel::kInfo, "diagnostics", "starting ", test->spec.object);
    test->worker =
        std::thread([this, test, generation, inputs = std::move(inputs), cancel = test->cancel] {
          Finish(test, generation, test->spec.run(inputs, *cancel));
        });
  }
}

std::string Diagnostics::Result(const std::string& object, const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& test : tests_) {
    if (test->spec.object != object) continue;
    auto it = test->results.find(name);
    return it != test->results.end() ? it->second : "";
  }
  return "";
}

void Diagnostics::Finish(Test* test, uint64_t generation, DiagnosticOutcome outcome) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (generation != test->generation) return;  // canceled or restarted meanwhile
    test->cancel.reset();
    test->state = outcome.state;
    test->results = std::move(outcome.results);
    Log(LogLevel::kInfo, "diagnostics", test->spec.object, " ended: ", test->state);
  }
  on_complete_();
}

}  // namespace edgecwmp::tr181
