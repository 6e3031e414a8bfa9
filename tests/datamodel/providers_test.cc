// SPDX-License-Identifier: GPL-2.0-or-later
// Provider bindings: getters, setters, validators, system-owned tables, add/delete hooks,
// observers.
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <map>
#include <thread>

#include "tests/datamodel/test_util.h"

namespace edgecwmp::dm {
namespace {

using test::Fixture;
using test::Set;

BOOST_AUTO_TEST_SUITE(providers)

BOOST_AUTO_TEST_CASE(getter_makes_a_value_live) {
  Fixture f;
  int uptime = 10;
  BOOST_REQUIRE(f.model
                    ->BindParameter("Device.DeviceInfo.UpTime",
                                    ParamBinding{[&uptime](const Context& ctx, std::string* v) {
                                                   BOOST_TEST(ctx.path ==
                                                              "Device.DeviceInfo.UpTime");
                                                   BOOST_TEST(ctx.instances.empty());
                                                   *v = std::to_string(uptime);
                                                   return Status::Ok();
                                                 },
                                                 nullptr, nullptr})
                    .ok());
  BOOST_TEST(f.Get("Device.DeviceInfo.UpTime") == "10");
  uptime = 11;
  BOOST_TEST(f.Get("Device.DeviceInfo.UpTime") == "11");
  // Read-only live value: the agent cannot write it either (no setter).
  BOOST_TEST(f.model->SetValue("Device.DeviceInfo.UpTime", "5").code() == Error::kNotWritable);
}

BOOST_AUTO_TEST_CASE(failing_getter) {
  Fixture f;
  BOOST_REQUIRE(f.model
                    ->BindParameter("Device.DeviceInfo.UpTime",
                                    ParamBinding{[](const Context&, std::string*) {
                                                   return Status::Internal("no /proc");
                                                 },
                                                 nullptr, nullptr})
                    .ok());
  std::string v;
  BOOST_TEST(f.model->GetValue("Device.DeviceInfo.UpTime", &v).code() == Error::kInternal);
  std::vector<ParameterValue> values;
  BOOST_TEST(f.model->GetValues("Device.DeviceInfo.UpTime", &values).code() == Error::kInternal);
  // A partial get still lists the others.
  BOOST_TEST_REQUIRE(f.model->GetValues("Device.DeviceInfo.", &values).ok());
  BOOST_TEST(values.size() == 4u);
  BOOST_TEST(values[0].value == "");
  BOOST_TEST(values[2].value == "1.0");
}

BOOST_AUTO_TEST_CASE(setter_without_getter_stores_and_has_a_side_effect) {
  Fixture f;
  std::vector<std::string> applied_values;
  BOOST_REQUIRE(f.model
                    ->BindParameter("Device.ManagementServer.PeriodicInformInterval",
                                    ParamBinding{nullptr, nullptr,
                                                 [&](const Context&, const std::string& value,
                                                     Applied* applied) {
                                                   applied_values.push_back(value);
                                                   *applied = Applied::kLater;
                                                   return Status::Ok();
                                                 }})
                    .ok());
  std::vector<ParameterFault> faults;
  Applied applied = Applied::kNow;
  BOOST_TEST_REQUIRE(
      f.model
          ->SetValues({Set("Device.ManagementServer.PeriodicInformInterval", "0600")}, Origin::kAcs,
                      &faults, &applied)
          .ok());
  BOOST_TEST(static_cast<int>(applied) == static_cast<int>(Applied::kLater));
  BOOST_TEST_REQUIRE(applied_values.size() == 1u);
  BOOST_TEST(applied_values[0] == "600");  // the canonical value
  BOOST_TEST(f.Get("Device.ManagementServer.PeriodicInformInterval") == "600");
  // A schema rejection never reaches the setter.
  BOOST_TEST(f.model->SetValue("Device.ManagementServer.PeriodicInformInterval", "0").code() ==
             Error::kInvalidValue);
  BOOST_TEST(applied_values.size() == 1u);
}

BOOST_AUTO_TEST_CASE(getter_and_setter_own_the_value) {
  Fixture f;
  std::string system_value = "sys";
  BOOST_REQUIRE(
      f.model
          ->BindParameter("Device.ManagementServer.URL",
                          ParamBinding{[&](const Context&, std::string* v) {
                                         *v = system_value;
                                         return Status::Ok();
                                       },
                                       nullptr,
                                       [&](const Context&, const std::string& v, Applied*) {
                                         system_value = v;
                                         return Status::Ok();
                                       }})
          .ok());
  BOOST_TEST(f.Get("Device.ManagementServer.URL") == "sys");
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.URL", "new", Origin::kAcs).ok());
  BOOST_TEST(system_value == "new");
  BOOST_TEST(f.Get("Device.ManagementServer.URL") == "new");
}

BOOST_AUTO_TEST_CASE(validator_rejection_changes_nothing) {
  Fixture f;
  int set_calls = 0;
  BOOST_REQUIRE(f.model
                    ->BindParameter("Device.ManagementServer.URL",
                                    ParamBinding{nullptr,
                                                 [](const Context&, const std::string& v) {
                                                   return v.rfind("http", 0) == 0
                                                              ? Status::Ok()
                                                              : Status::InvalidValue("not a URL");
                                                 },
                                                 [&](const Context&, const std::string&, Applied*) {
                                                   ++set_calls;
                                                   return Status::Ok();
                                                 }})
                    .ok());
  std::vector<ParameterFault> faults;
  Applied applied;
  Status s = f.model->SetValues({Set("Device.ManagementServer.URL", "ftp://x"),
                                 Set("Device.ManagementServer.PeriodicInformInterval", "60")},
                                Origin::kAcs, &faults, &applied);
  BOOST_TEST(s.code() == Error::kInvalidValue);
  BOOST_TEST_REQUIRE(faults.size() == 1u);
  BOOST_TEST(faults[0].name == "Device.ManagementServer.URL");
  BOOST_TEST(set_calls == 0);
  BOOST_TEST(f.Get("Device.ManagementServer.PeriodicInformInterval") == "86400");
  BOOST_TEST(f.model->SetValue("Device.ManagementServer.URL", "http://ok/").ok());
  BOOST_TEST(set_calls == 1);
}

BOOST_AUTO_TEST_CASE(failing_setter_rolls_back_earlier_sets) {
  Fixture f;
  std::vector<std::string> seen;
  BOOST_REQUIRE(
      f.model
          ->BindParameter("Device.ManagementServer.URL",
                          ParamBinding{nullptr, nullptr,
                                       [&](const Context&, const std::string& v, Applied*) {
                                         seen.push_back(v);
                                         return Status::Ok();
                                       }})
          .ok());
  BOOST_REQUIRE(f.model
                    ->BindParameter("Device.ManagementServer.PeriodicInformInterval",
                                    ParamBinding{nullptr, nullptr,
                                                 [](const Context&, const std::string&, Applied*) {
                                                   return Status::Internal("busy");
                                                 }})
                    .ok());
  std::vector<ParameterFault> faults;
  Applied applied;
  Status s = f.model->SetValues({Set("Device.ManagementServer.URL", "http://new/"),
                                 Set("Device.ManagementServer.PeriodicInformInterval", "60")},
                                Origin::kAcs, &faults, &applied);
  BOOST_TEST(s.code() == Error::kInternal);
  BOOST_TEST(f.Get("Device.ManagementServer.URL") == "");
  BOOST_TEST(f.Get("Device.ManagementServer.PeriodicInformInterval") == "86400");
  std::vector<std::string> expect = {"http://new/", ""};  // applied, then undone
  BOOST_TEST(seen == expect, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(lister_drives_table_rows) {
  Fixture f;
  std::map<uint32_t, std::string> processes = {{3, "init"}, {7, "cwmpd"}};
  BOOST_REQUIRE(f.model
                    ->BindObject("Device.DeviceInfo.ProcessStatus.Process.{i}.",
                                 ObjectBinding{[&](const Context& table) {
                                                 BOOST_TEST(
                                                     table.path ==
                                                     "Device.DeviceInfo.ProcessStatus.Process.");
                                                 std::vector<uint32_t> rows;
                                                 for (const auto& [n, cmd] : processes)
                                                   rows.push_back(n);
                                                 return rows;
                                               },
                                               nullptr, nullptr})
                    .ok());
  BOOST_REQUIRE(f.model
                    ->BindParameter("Device.DeviceInfo.ProcessStatus.Process.{i}.Command",
                                    ParamBinding{[&](const Context& ctx, std::string* v) {
                                                   BOOST_REQUIRE(ctx.instances.size() == 1u);
                                                   *v = processes.at(ctx.instances[0]);
                                                   return Status::Ok();
                                                 },
                                                 nullptr, nullptr})
                    .ok());
  std::vector<ParameterValue> values;
  BOOST_TEST_REQUIRE(f.model->GetValues("Device.DeviceInfo.ProcessStatus.Process.", &values).ok());
  BOOST_TEST_REQUIRE(values.size() == 4u);
  BOOST_TEST(values[1].name == "Device.DeviceInfo.ProcessStatus.Process.3.Command");
  BOOST_TEST(values[1].value == "init");
  BOOST_TEST(values[3].value == "cwmpd");
  processes.erase(3);
  processes[9] = "edgex";
  std::vector<ParameterInfo> names;
  BOOST_TEST_REQUIRE(
      f.model->GetNames("Device.DeviceInfo.ProcessStatus.Process.", true, &names).ok());
  BOOST_TEST_REQUIRE(names.size() == 2u);
  BOOST_TEST(names[0].name == "Device.DeviceInfo.ProcessStatus.Process.7.");
  BOOST_TEST(names[1].name == "Device.DeviceInfo.ProcessStatus.Process.9.");
  BOOST_TEST(f.Get("Device.DeviceInfo.ProcessStatus.Process.9.Command") == "edgex");
  std::string v;
  BOOST_TEST(f.model->GetValue("Device.DeviceInfo.ProcessStatus.Process.3.Command", &v).code() ==
             Error::kInvalidName);
  // Rows owned by the system cannot be added or deleted without hooks.
  uint32_t n = 0;
  Applied applied;
  BOOST_TEST(
      f.model
          ->AddObject("Device.DeviceInfo.ProcessStatus.Process.", Origin::kInternal, &n, &applied)
          .code() == Error::kNotWritable);
  BOOST_TEST(
      f.model
          ->DeleteObject("Device.DeviceInfo.ProcessStatus.Process.7.", Origin::kInternal, &applied)
          .code() == Error::kNotWritable);
}

BOOST_AUTO_TEST_CASE(adder_sees_the_new_row_and_its_failure_undoes_the_add) {
  Fixture f;
  bool fail = true;
  std::vector<std::string> added;
  BOOST_REQUIRE(
      f.model
          ->BindObject("Device.Services.Widget.",
                       ObjectBinding{nullptr,
                                     [&](const Context& ctx, uint32_t instance, Applied* applied) {
                                       if (fail) return Status::Internal("cannot create");
                                       added.push_back(ctx.path);
                                       BOOST_TEST(ctx.instances.back() == instance);
                                       *applied = Applied::kLater;
                                       return Status::Ok();
                                     },
                                     [&](const Context& ctx, Applied*) {
                                       added.push_back("deleted " + ctx.path);
                                       return Status::Ok();
                                     }})
          .ok());
  uint32_t n = 0;
  Applied applied = Applied::kNow;
  BOOST_TEST(f.model->AddObject("Device.Services.Widget.", Origin::kAcs, &n, &applied).code() ==
             Error::kInternal);
  std::vector<ParameterInfo> names;
  BOOST_TEST_REQUIRE(f.model->GetNames("Device.Services.Widget.", true, &names).ok());
  BOOST_TEST(names.empty());
  fail = false;
  BOOST_TEST_REQUIRE(
      f.model->AddObject("Device.Services.Widget.", Origin::kAcs, &n, &applied).ok());
  BOOST_TEST(n == 1u);  // the failed add did not burn a number
  BOOST_TEST(static_cast<int>(applied) == static_cast<int>(Applied::kLater));
  BOOST_TEST_REQUIRE(
      f.model->DeleteObject("Device.Services.Widget.1.", Origin::kAcs, &applied).ok());
  std::vector<std::string> expect = {"Device.Services.Widget.1.",
                                     "deleted Device.Services.Widget.1."};
  BOOST_TEST(added == expect, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(failing_deleter_keeps_the_row) {
  Fixture f;
  BOOST_REQUIRE(f.model
                    ->BindObject("Device.Services.Widget.{i}.",
                                 ObjectBinding{nullptr, nullptr,
                                               [](const Context&, Applied*) {
                                                 return Status::Internal("in use");
                                               }})
                    .ok());
  f.Add("Device.Services.Widget.");
  Applied applied;
  BOOST_TEST(f.model->DeleteObject("Device.Services.Widget.1.", Origin::kAcs, &applied).code() ==
             Error::kInternal);
  BOOST_TEST(f.Get("Device.Services.Widget.1.Mode") == "Auto");
}

BOOST_AUTO_TEST_CASE(observers_see_committed_changes) {
  Fixture f;
  std::vector<std::string> seen;
  f.model->Observe("Device.ManagementServer.", [&](const std::string& path, const std::string& v) {
    seen.push_back(path + "=" + v);
  });
  f.model->Observe(
      "Device.Services.Widget.{i}.Name",
      [&](const std::string& path, const std::string& v) { seen.push_back(path + "=" + v); });
  f.Add("Device.Services.Widget.");
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.PeriodicInformEnable", "0").ok());
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.DeviceInfo.ProvisioningCode", "x").ok());
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.Services.Widget.1.Name", "w").ok());
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.Services.Widget.1.Name", "w").ok());  // no change
  BOOST_TEST_REQUIRE(
      f.model->SetValue("Device.ManagementServer.PeriodicInformEnable", "false").ok());
  BOOST_TEST(f.model->SetValue("Device.ManagementServer.PeriodicInformInterval", "0").code() ==
             Error::kInvalidValue);
  std::vector<std::string> expect = {"Device.ManagementServer.PeriodicInformEnable=false",
                                     "Device.Services.Widget.1.Name=w"};
  BOOST_TEST(seen == expect, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(callbacks_may_call_back_into_the_model) {
  Fixture f;
  BOOST_REQUIRE(
      f.model
          ->BindParameter("Device.DeviceInfo.UpTime",
                          ParamBinding{[&f](const Context&, std::string* v) {
                                         return f.model->GetValue(
                                             "Device.ManagementServer.PeriodicInformInterval", v);
                                       },
                                       nullptr, nullptr})
          .ok());
  BOOST_TEST(f.Get("Device.DeviceInfo.UpTime") == "86400");
}

BOOST_AUTO_TEST_CASE(unknown_binding_paths_are_errors_naming_the_path) {
  Fixture f;
  Status p = f.model->BindParameter("Device.DeviceInfo.SoftwareVersoin", ParamBinding{});
  BOOST_TEST((p.code() == Error::kInvalidName));
  BOOST_TEST(p.message().find("Device.DeviceInfo.SoftwareVersoin") != std::string::npos,
             p.message());
  Status o = f.model->BindObject("Device.Nope.{i}.", ObjectBinding{});
  BOOST_TEST((o.code() == Error::kInvalidName));
  BOOST_TEST(o.message().find("Device.Nope.{i}.") != std::string::npos, o.message());
  // Nothing was bound: the real parameter keeps its stored value.
  BOOST_TEST(f.Get("Device.DeviceInfo.SoftwareVersion") == "1.0");
}

BOOST_AUTO_TEST_CASE(rows_stay_put_while_a_getter_calls_back_into_the_model) {
  Fixture f;
  // Every call of the lister returns a different set of rows, as /proc can.
  uint32_t generation = 0;
  BOOST_REQUIRE(
      f.model
          ->BindObject("Device.DeviceInfo.ProcessStatus.Process.{i}.",
                       ObjectBinding{[&](const Context&) {
                                       ++generation;
                                       return std::vector<uint32_t>{generation, generation + 1};
                                     },
                                     nullptr, nullptr})
          .ok());
  int nested_calls = 0;
  BOOST_REQUIRE(f.model
                    ->BindParameter("Device.DeviceInfo.ProcessStatus.Process.{i}.Command",
                                    ParamBinding{[&](const Context& ctx, std::string* v) {
                                                   ++nested_calls;
                                                   std::vector<ParameterInfo> names;
                                                   Status s = f.model->GetNames(
                                                       "Device.DeviceInfo.ProcessStatus.Process.",
                                                       true, &names);
                                                   *v = std::to_string(ctx.instances[0]) + "/" +
                                                        std::to_string(names.size());
                                                   return s;
                                                 },
                                                 nullptr, nullptr})
                    .ok());
  std::vector<ParameterValue> values;
  BOOST_TEST_REQUIRE(f.model->GetValues("Device.DeviceInfo.ProcessStatus.Process.", &values).ok());
  BOOST_TEST_REQUIRE(values.size() == 4u);
  BOOST_TEST(values[1].name == "Device.DeviceInfo.ProcessStatus.Process.1.Command");
  BOOST_TEST(values[1].value == "1/2");
  BOOST_TEST(values[3].value == "2/2");
  BOOST_TEST(nested_calls == 2);
  BOOST_TEST(generation == 1u);  // one sync for the whole traversal
  BOOST_TEST_REQUIRE(f.model->GetValues("Device.", &values).ok());
  BOOST_TEST(generation == 2u);
}

BOOST_AUTO_TEST_CASE(a_set_in_a_listed_table_whose_rows_change_between_calls) {
  Schema schema;
  Status s = schema.LoadString(R"(<datamodel><object path="Device."/>
    <object path="Device.Svc.{i}."><parameter name="State" type="string" access="readWrite"/>
    </object></datamodel>)");
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  DataModel model(&schema, nullptr);
  uint32_t generation = 0;
  std::map<uint32_t, std::string> state;
  BOOST_REQUIRE(
      model
          .BindObject(
              "Device.Svc.{i}.",
              ObjectBinding{
                  [&](const Context&) {
                    ++generation;  // rows 1 and 2 always, plus one that changes on every call
                    return std::vector<uint32_t>{1, 2, 100 + generation};
                  },
                  nullptr, nullptr})
          .ok());
  BOOST_REQUIRE(
      model
          .BindParameter("Device.Svc.{i}.State",
                         ParamBinding{[&](const Context& ctx, std::string* v) {
                                        *v = state[ctx.instances[0]];
                                        return Status::Ok();
                                      },
                                      nullptr,
                                      [&](const Context& ctx, const std::string& v, Applied*) {
                                        state[ctx.instances[0]] = v;
                                        return Status::Ok();
                                      }})
          .ok());
  std::vector<ParameterFault> faults;
  Applied applied;
  s = model.SetValues({Set("Device.Svc.1.State", "up"), Set("Device.Svc.2.State", "down")},
                      Origin::kAcs, &faults, &applied);
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  BOOST_TEST(generation == 1u);  // one sync for the whole SetValues
  BOOST_TEST(state[1] == "up");
  BOOST_TEST(state[2] == "down");
  std::string v;
  BOOST_TEST(model.GetValue("Device.Svc.101.State", &v).code() == Error::kInvalidName);
}

BOOST_AUTO_TEST_CASE(number_of_entries_counts_rows_without_a_provider) {
  Schema schema;
  Status s = schema.LoadString(R"(<datamodel>
    <object path="Device."><parameter name="ThingNumberOfEntries" type="unsignedInt"/>
      <parameter name="OtherNumberOfEntries" type="unsignedInt" default="7"/></object>
    <object path="Device.Thing.{i}." access="readWrite"><parameter name="X" type="int"/></object>
  </datamodel>)");
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  DataModel model(&schema, nullptr);
  std::string v;
  BOOST_TEST_REQUIRE(model.GetValue("Device.ThingNumberOfEntries", &v).ok());
  BOOST_TEST(v == "0");
  uint32_t n;
  Applied applied;
  BOOST_TEST_REQUIRE(model.AddObject("Device.Thing.", Origin::kAcs, &n, &applied).ok());
  BOOST_TEST_REQUIRE(model.AddObject("Device.Thing.", Origin::kAcs, &n, &applied).ok());
  BOOST_TEST_REQUIRE(model.GetValue("Device.ThingNumberOfEntries", &v).ok());
  BOOST_TEST(v == "2");
  BOOST_TEST_REQUIRE(model.DeleteObject("Device.Thing.1.", Origin::kAcs, &applied).ok());
  BOOST_TEST_REQUIRE(model.GetValue("Device.ThingNumberOfEntries", &v).ok());
  BOOST_TEST(v == "1");
  BOOST_TEST_REQUIRE(model.GetValue("Device.OtherNumberOfEntries", &v).ok());  // no such table
  BOOST_TEST(v == "7");
}

BOOST_AUTO_TEST_CASE(concurrent_readers_and_writers) {
  Fixture f;
  std::atomic<bool> failed{false};
  std::thread writer([&] {
    for (int i = 0; i < 2000; ++i) {
      if (!f.model->SetValue("Device.ManagementServer.URL", "http://" + std::to_string(i) + "/")
               .ok()) {
        failed = true;
      }
      if (i % 100 == 0) {
        uint32_t n;
        Applied applied;
        if (f.model->AddObject("Device.Services.Widget.", Origin::kInternal, &n, &applied).ok()) {
          if (!f.model
                   ->DeleteObject("Device.Services.Widget." + std::to_string(n) + ".",
                                  Origin::kInternal, &applied)
                   .ok()) {
            failed = true;
          }
        }
      }
    }
  });
  std::thread reader([&] {
    std::vector<ParameterValue> values;
    for (int i = 0; i < 500; ++i) {
      if (!f.model->GetValues("", &values).ok() || values.size() < 12) failed = true;
    }
  });
  writer.join();
  reader.join();
  BOOST_TEST(!failed.load());
  BOOST_TEST(f.Get("Device.ManagementServer.URL") == "http://1999/");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace edgecwmp::dm
