// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/acs/acs_writer.h"

#include <initializer_list>
#include <type_traits>
#include <utility>
#include <variant>

namespace edgecwmp::acs {

namespace {

using namespace edgecwmp::cwmp;  // NOLINT: the message vocabulary

template <class... F>
struct Overload : F... {
  using F::operator()...;
};
template <class... F>
Overload(F...) -> Overload<F...>;

// GenieACS writes soap-enc before soap-env (recordings 003, 009, ...).
std::string Envelope(std::string_view ns, std::string_view id, std::string_view body) {
  std::string out;
  out.reserve(512 + body.size());
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out +=
      "<soap-env:Envelope xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\" "
      "xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\" "
      "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:cwmp=\"";
  out += ns;
  out += "\"><soap-env:Header><cwmp:ID soap-env:mustUnderstand=\"1\">";
  out += EscapeXml(id);
  out += "</cwmp:ID></soap-env:Header><soap-env:Body>";
  out += body;
  out += "</soap-env:Body></soap-env:Envelope>";
  return out;
}

class Body {
 public:
  void Open(std::string_view name) {
    out_ += "<";
    out_ += name;
    out_ += ">";
  }
  void Close(std::string_view name) {
    out_ += "</";
    out_ += name;
    out_ += ">";
  }
  void Text(std::string_view name, std::string_view text) {
    Open(name);
    out_ += EscapeXml(text);
    Close(name);
  }
  // One text element per (name, text) pair, in the order given.
  void Texts(std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
    for (const auto& [name, text] : fields) Text(name, text);
  }
  void Number(std::string_view name, long long v) { Text(name, std::to_string(v)); }
  void Bool(std::string_view name, bool v) { Text(name, v ? "true" : "false"); }
  void OpenArray(std::string_view name, std::string_view item_type, size_t n) {
    out_ += "<";
    out_ += name;
    out_ += " soap-enc:arrayType=\"";
    out_ += item_type;
    out_ += "[" + std::to_string(n) + "]\">";
  }
  void Strings(std::string_view name, const std::vector<std::string>& items) {
    OpenArray(name, "xsd:string", items.size());
    for (const auto& s : items) Text("string", s);
    Close(name);
  }
  // A SOAP-encoded array of cwmp:<item> structs; write_fields writes the fields of one.
  template <class Item, class WriteFields>
  void StructArray(std::string_view name, std::string_view item, const std::vector<Item>& items,
                   WriteFields write_fields) {
    OpenArray(name, "cwmp:" + std::string(item), items.size());
    for (const Item& i : items) {
      Open(item);
      write_fields(i);
      Close(item);
    }
    Close(name);
  }
  void Values(const std::vector<ParameterValueStruct>& list) {
    StructArray("ParameterList", "ParameterValueStruct", list, [&](const ParameterValueStruct& p) {
      Text("Name", p.name);
      out_ += "<Value xsi:type=\"" + EscapeXml(p.type) + "\">" + EscapeXml(p.value) + "</Value>";
    });
  }
  void Raw(std::string_view s) { out_ += s; }
  std::string& str() { return out_; }

 private:
  std::string out_;
};

void WriteOperation(Body& b, const DUOperation& op) {
  std::visit(Overload{[&](const InstallOpStruct& o) {
                        b.Raw("<Operations xsi:type=\"cwmp:InstallOpStruct\">");
                        b.Texts({{"URL", o.url},
                                 {"UUID", o.uuid},
                                 {"Username", o.username},
                                 {"Password", o.password},
                                 {"ExecutionEnvRef", o.execution_env_ref}});
                      },
                      [&](const UpdateOpStruct& o) {
                        b.Raw("<Operations xsi:type=\"cwmp:UpdateOpStruct\">");
                        b.Texts({{"UUID", o.uuid},
                                 {"Version", o.version},
                                 {"URL", o.url},
                                 {"Username", o.username},
                                 {"Password", o.password}});
                      },
                      [&](const UninstallOpStruct& o) {
                        b.Raw("<Operations xsi:type=\"cwmp:UninstallOpStruct\">");
                        b.Texts({{"UUID", o.uuid},
                                 {"Version", o.version},
                                 {"ExecutionEnvRef", o.execution_env_ref}});
                      }},
             op);
  b.Close("Operations");
}

// CommandKey, FileType, URL, Username, Password: how Download, Upload and ScheduleDownload begin.
template <class Transfer>
void WriteTransferHead(Body& b, const Transfer& m) {
  b.Texts({{"CommandKey", m.command_key},
           {"FileType", m.file_type},
           {"URL", m.url},
           {"Username", m.username},
           {"Password", m.password}});
}

// The arguments of each request, in the element order of cwmp-1-2.xsd (TR-069 Annex A.3.2, A.4.1).
void WriteArguments(Body& b, const AcsRequest& request) {
  std::visit(
      Overload{
          [&](const GetRPCMethods&) {},
          [&](const SetParameterValues& m) {  // A.3.2.1
            b.Values(m.parameter_list);
            b.Text("ParameterKey", m.parameter_key);
          },
          [&](const GetParameterValues& m) { b.Strings("ParameterNames", m.parameter_names); },
          [&](const GetParameterNames& m) {  // A.3.2.3; GenieACS writes NextLevel as 0/1
            b.Text("ParameterPath", m.parameter_path);
            b.Text("NextLevel", m.next_level ? "1" : "0");
          },
          [&](const SetParameterAttributes& m) {  // A.3.2.4
            b.StructArray("ParameterList", "SetParameterAttributesStruct", m.parameter_list,
                          [&](const SetParameterAttributesStruct& s) {
                            b.Text("Name", s.name);
                            b.Bool("NotificationChange", s.notification_change);
                            b.Number("Notification", s.notification);
                            b.Bool("AccessListChange", s.access_list_change);
                            b.Strings("AccessList", s.access_list);
                          });
          },
          [&](const GetParameterAttributes& m) { b.Strings("ParameterNames", m.parameter_names); },
          [&](const AddObject& m) {
            b.Text("ObjectName", m.object_name);
            b.Text("ParameterKey", m.parameter_key);
          },
          [&](const DeleteObject& m) {
            b.Text("ObjectName", m.object_name);
            b.Text("ParameterKey", m.parameter_key);
          },
          [&](const Reboot& m) { b.Text("CommandKey", m.command_key); },
          [&](const Download& m) {  // A.3.2.8, field order of recording 081
            WriteTransferHead(b, m);
            b.Number("FileSize", m.file_size);
            b.Text("TargetFileName", m.target_file_name);
            b.Number("DelaySeconds", m.delay_seconds);
            b.Text("SuccessURL", m.success_url);
            b.Text("FailureURL", m.failure_url);
          },
          [&](const Upload& m) {  // A.4.1.5
            WriteTransferHead(b, m);
            b.Number("DelaySeconds", m.delay_seconds);
          },
          [&](const FactoryReset&) {},
          [&](const GetQueuedTransfers&) {},
          [&](const GetAllQueuedTransfers&) {},
          [&](const ScheduleInform& m) {  // A.4.1.2
            b.Number("DelaySeconds", m.delay_seconds);
            b.Text("CommandKey", m.command_key);
          },
          [&](const SetVouchers& m) {  // A.4.1.3
            b.OpenArray("VoucherList", "soap-enc:base64", m.voucher_list.size());
            for (const auto& v : m.voucher_list) b.Text("base64", v);
            b.Close("VoucherList");
          },
          [&](const GetOptions& m) { b.Text("OptionName", m.option_name); },
          [&](const CancelTransfer& m) { b.Text("CommandKey", m.command_key); },
          [&](const ScheduleDownload& m) {  // A.4.1.8
            WriteTransferHead(b, m);
            b.Number("FileSize", m.file_size);
            b.Text("TargetFileName", m.target_file_name);
            b.StructArray("TimeWindowList", "TimeWindowStruct", m.time_window_list,
                          [&](const TimeWindowStruct& w) {
                            b.Number("WindowStart", w.window_start);
                            b.Number("WindowEnd", w.window_end);
                            b.Text("WindowMode", w.window_mode);
                            b.Text("UserMessage", w.user_message);
                            b.Number("MaxRetries", w.max_retries);
                          });
          },
          [&](const ChangeDUState& m) {
            for (const auto& op : m.operations) WriteOperation(b, op);
            b.Text("CommandKey", m.command_key);
          }},
      request);
}

}  // namespace

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string WriteAcsRequest(const AcsRequest& request, std::string_view cwmp_namespace,
                            std::string_view id) {
  const std::string element = std::string("cwmp:") + MessageName(request);
  Body b;
  b.Open(element);
  WriteArguments(b, request);
  b.Close(element);
  return Envelope(cwmp_namespace, id, b.str());
}

std::string WriteEnvelope(std::string_view ns, std::string_view id, std::string_view body) {
  return Envelope(ns, id, body);
}

std::string WriteInformResponse(std::string_view ns, std::string_view id) {
  return Envelope(ns, id,
                  "<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes>"
                  "</cwmp:InformResponse>");
}

std::string WriteTransferCompleteResponse(std::string_view ns, std::string_view id) {
  return WriteEmptyResponse("TransferComplete", ns, id);
}

std::string WriteEmptyResponse(std::string_view method, std::string_view ns, std::string_view id) {
  const std::string element = "cwmp:" + std::string(method) + "Response";
  return Envelope(ns, id, "<" + element + "></" + element + ">");
}

std::string WriteGetRpcMethodsResponse(std::string_view ns, std::string_view id,
                                       const std::vector<std::string>& methods) {
  Body b;
  b.Open("cwmp:GetRPCMethodsResponse");
  b.Strings("MethodList", methods);
  b.Close("cwmp:GetRPCMethodsResponse");
  return Envelope(ns, id, b.str());
}

std::string WriteMethodNotSupportedFault(std::string_view ns, std::string_view id) {
  return Envelope(ns, id,
                  "<soap-env:Body:Fault><faultcode>Server</faultcode><faultstring>CWMP fault"
                  "</faultstring><detail><cwmp:Fault><FaultCode>8000</FaultCode><FaultString>"
                  "Method not supported</FaultString></cwmp:Fault></detail></soap-env:Body:Fault>");
}

}  // namespace edgecwmp::acs
