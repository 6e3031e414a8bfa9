// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/acs/acs_checks.h"

#include <pugixml.hpp>

#include <cctype>
#include <cstring>
#include <regex>
#include <set>

namespace edgecwmp::acs {

namespace {

constexpr const char* kSoapEnv = "http://schemas.xmlsoap.org/soap/envelope/";
constexpr const char* kSoapEnc = "http://schemas.xmlsoap.org/soap/encoding/";
constexpr const char* kXsi = "http://www.w3.org/2001/XMLSchema-instance";
constexpr const char* kXsd = "http://www.w3.org/2001/XMLSchema";
constexpr std::string_view kCwmpPrefix = "urn:dslforum-org:cwmp-1-";

// Elements of CPE messages typed xsd:boolean in cwmp-1-x.xsd.
const std::set<std::string>& BooleanElements() {
  static const std::set<std::string> names = {"Writable", "IsDownload", "Resolved",
                                              "NotificationChange", "AccessListChange"};
  return names;
}
// SOAP-ENC arrays of CPE messages; the schema makes arrayType required on each.
const std::set<std::string>& ArrayElements() {
  static const std::set<std::string> names = {"ParameterList", "Event", "MethodList",
                                              "TransferList", "AccessList"};
  return names;
}

std::string_view LocalName(std::string_view qname) {
  auto colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}
std::string_view PrefixOf(std::string_view qname) {
  auto colon = qname.find(':');
  return colon == std::string_view::npos ? std::string_view() : qname.substr(0, colon);
}

// XML Namespaces §6: the nearest xmlns:prefix declaration in scope ("" when undeclared).
std::string ResolvePrefix(pugi::xml_node node, std::string_view prefix) {
  const std::string attr = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
    pugi::xml_attribute a = n.attribute(attr.c_str());
    if (a) return a.value();
  }
  return "";
}
std::string NamespaceOf(pugi::xml_node node) { return ResolvePrefix(node, PrefixOf(node.name())); }

bool Is(pugi::xml_node node, const char* ns, std::string_view local) {
  return node.type() == pugi::node_element && LocalName(node.name()) == local &&
         NamespaceOf(node) == ns;
}

pugi::xml_node Child(pugi::xml_node parent, std::string_view local) {
  for (pugi::xml_node c : parent.children())
    if (c.type() == pugi::node_element && LocalName(c.name()) == local) return c;
  return {};
}

// An attribute by namespace and local name, e.g. xsi:type under any prefix.
pugi::xml_attribute AttributeNs(pugi::xml_node node, const char* ns, std::string_view local) {
  for (pugi::xml_attribute a : node.attributes()) {
    std::string_view name = a.name();
    if (LocalName(name) == local && !PrefixOf(name).empty() &&
        ResolvePrefix(node, PrefixOf(name)) == ns)
      return a;
  }
  return {};
}

std::optional<cwmp::Version> VersionOf(const std::string& ns) {
  if (ns.size() != kCwmpPrefix.size() + 1 || ns.compare(0, kCwmpPrefix.size(), kCwmpPrefix) != 0)
    return std::nullopt;
  char minor = ns.back();
  if (minor < '0' || minor > '4') return std::nullopt;
  return static_cast<cwmp::Version>(minor - '0');
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

bool InRange(std::string_view s, bool allow_sign, long double lo, long double hi) {
  std::string_view digits = s;
  bool negative = false;
  if (allow_sign && !digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  if (!AllDigits(digits) || digits.size() > 20) return false;
  long double v = std::stold(std::string(digits));
  if (negative) v = -v;
  return v >= lo && v <= hi;
}

class Inspector {
 public:
  Inspector(InspectedMessage* out, const std::vector<std::string>& forced)
      : out_(out), forced_(forced) {}

  void Run(std::string_view xml) {
    size_t first = xml.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
      out_->empty = true;
      out_->well_formed = true;
      return;
    }
    pugi::xml_document doc;
    pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default);
    if (!r) {
      Violation(std::string("XML is not well-formed: ") + r.description() + " at offset " +
                std::to_string(r.offset));
      return;
    }
    pugi::xml_node envelope = doc.document_element();
    if (!Is(envelope, kSoapEnv, "Envelope")) {
      Violation("the root element is not a SOAP 1.1 Envelope");
      return;
    }
    pugi::xml_node header, body;
    for (pugi::xml_node c : envelope.children()) {
      if (Is(c, kSoapEnv, "Header")) header = c;
      if (Is(c, kSoapEnv, "Body")) body = c;
    }
    if (!body) {
      Violation("the Envelope has no SOAP Body");
      return;
    }
    out_->well_formed = true;
    ReadMethod(body);
    if (header) ReadHeader(header);
    CheckTree(body);
    if (out_->method == "Inform") CheckInform(Child(body, "Inform"));
  }

 private:
  void Violation(std::string text) { out_->violations.push_back(std::move(text)); }

  void ReadMethod(pugi::xml_node body) {
    pugi::xml_node method;
    int elements = 0;
    for (pugi::xml_node c : body.children()) {
      if (c.type() != pugi::node_element) continue;
      if (elements++ == 0) method = c;
    }
    if (!method) {
      Violation("the SOAP Body is empty");
      return;
    }
    if (elements > 1) Violation("the SOAP Body holds more than one message (MaxEnvelopes is 1)");
    out_->method = std::string(LocalName(method.name()));
    pugi::xml_node cwmp_element = method;
    if (Is(method, kSoapEnv, "Fault")) {
      // TR-069 A.5.1: a CWMP fault is a SOAP Fault whose detail holds cwmp:Fault.
      pugi::xml_node fault = Child(Child(method, "detail"), "Fault");
      if (!fault) {
        Violation("SOAP Fault without a cwmp:Fault detail");
        return;
      }
      cwmp_element = fault;
      std::string code = Child(fault, "FaultCode").text().get();
      if (AllDigits(code) && InRange(code, false, 0, 4294967295.0L))
        out_->fault_code = static_cast<uint32_t>(std::stoul(code));
      else Violation("cwmp:Fault has no numeric FaultCode");
    }
    out_->cwmp_namespace = NamespaceOf(cwmp_element);
    out_->version = VersionOf(out_->cwmp_namespace);
    if (!out_->version)
      Violation("unknown cwmp namespace \"" + out_->cwmp_namespace + "\" on " + out_->method);
  }

  void ReadHeader(pugi::xml_node header) {
    for (pugi::xml_node c : header.children()) {
      if (c.type() != pugi::node_element || LocalName(c.name()) != "ID") continue;
      out_->id = c.text().get();
      if (NamespaceOf(c) != out_->cwmp_namespace)
        Violation("cwmp:ID is in namespace \"" + NamespaceOf(c) + "\", the method in \"" +
                  out_->cwmp_namespace + "\"");
      std::string mu = AttributeNs(c, kSoapEnv, "mustUnderstand").value();
      if (mu != "1" && mu != "true") Violation("cwmp:ID lacks soap-env:mustUnderstand=\"1\"");
    }
  }

  void CheckTree(pugi::xml_node node) {
    for (pugi::xml_node c : node.children()) {
      if (c.type() != pugi::node_element) continue;
      const std::string local(LocalName(c.name()));
      if (BooleanElements().count(local)) CheckBoolean(local, c.text().get());
      if (local == "Value") CheckValue(c);
      CheckArray(c, local);
      CheckTree(c);
    }
  }

  void CheckBoolean(const std::string& what, std::string_view text) {
    if (!IsValidLexicalValue("xsd:boolean", text))
      Violation(what + " is \"" + std::string(text) + "\", not true/false/1/0");
  }

  void CheckValue(pugi::xml_node value) {
    const std::string name = Child(value.parent(), "Name").text().get();
    pugi::xml_attribute type = AttributeNs(value, kXsi, "type");
    if (!type) {
      Violation("Value of " + name + " has no xsi:type");
      return;
    }
    std::string_view t = type.value();
    const std::string type_ns = ResolvePrefix(value, PrefixOf(t));
    if (type_ns != kXsd && type_ns != kSoapEnc) {
      Violation("xsi:type \"" + std::string(t) + "\" of " + name + " is not an XML Schema type");
      return;
    }
    std::string canonical = "xsd:" + std::string(LocalName(t));
    if (!IsValidLexicalValue(canonical, value.text().get()))
      Violation("Value of " + name + " \"" + value.text().get() + "\" is not a valid " +
                std::string(t));
  }

  void CheckArray(pugi::xml_node node, const std::string& local) {
    pugi::xml_attribute type = AttributeNs(node, kSoapEnc, "arrayType");
    if (!type) {
      if (ArrayElements().count(local) && node.parent().parent())
        Violation(local + " has no soap-enc:arrayType");
      return;
    }
    std::string_view t = type.value();
    auto open = t.rfind('[');
    if (open == std::string_view::npos || t.back() != ']') {
      Violation(local + " has a malformed soap-enc:arrayType \"" + std::string(t) + "\"");
      return;
    }
    std::string_view size = t.substr(open + 1, t.size() - open - 2);
    size_t items = 0;
    for (pugi::xml_node c : node.children())
      if (c.type() == pugi::node_element) ++items;
    if (!AllDigits(size) || std::stoull(std::string(size)) != items)
      Violation(local + " declares soap-enc:arrayType \"" + std::string(t) + "\" but holds " +
                std::to_string(items) + " items");
  }

  // TR-069 A.3.3.1 (Inform) and 3.7.1.1.
  void CheckInform(pugi::xml_node inform) {
    pugi::xml_node device = Child(inform, "DeviceId");
    if (!device) {
      Violation("Inform has no DeviceId");
    } else {
      for (const char* f : {"Manufacturer", "OUI", "ProductClass", "SerialNumber"})
        if (!Child(device, f)) Violation(std::string("DeviceId has no ") + f);
      std::string oui = Child(device, "OUI").text().get();
      bool oui_ok = oui.size() == 6;
      for (char c : oui)
        oui_ok = oui_ok && std::isxdigit(static_cast<unsigned char>(c)) &&
                 !std::islower(static_cast<unsigned char>(c));
      if (!oui_ok) Violation("DeviceId/OUI \"" + oui + "\" is not six upper-case hex digits");
      if (std::string(Child(device, "SerialNumber").text().get()).empty())
        Violation("DeviceId/SerialNumber is empty");
    }
    pugi::xml_node event = Child(inform, "Event");
    size_t events = 0;
    for (pugi::xml_node e : event.children()) {
      if (e.type() != pugi::node_element) continue;
      ++events;
      out_->event_codes.push_back(Child(e, "EventCode").text().get());
      if (out_->event_codes.back().empty()) Violation("an EventStruct has no EventCode");
      if (!Child(e, "CommandKey")) Violation("an EventStruct has no CommandKey");
    }
    if (events == 0) Violation("Inform has an empty Event list");
    pugi::xml_node max = Child(inform, "MaxEnvelopes");
    if (std::string(max.text().get()) != "1")
      Violation("Inform MaxEnvelopes is \"" + std::string(max.text().get()) + "\", not 1");
    if (!IsValidLexicalValue("xsd:dateTime", Child(inform, "CurrentTime").text().get()))
      Violation("Inform CurrentTime is missing or not an xsd:dateTime");
    if (!IsValidLexicalValue("xsd:unsignedInt", Child(inform, "RetryCount").text().get()))
      Violation("Inform RetryCount is missing or not an xsd:unsignedInt");
    std::set<std::string> names;
    pugi::xml_node list = Child(inform, "ParameterList");
    if (!list) Violation("Inform has no ParameterList");
    for (pugi::xml_node p : list.children())
      if (p.type() == pugi::node_element) names.insert(Child(p, "Name").text().get());
    for (const auto& f : forced_)
      if (!names.count(f)) Violation("Inform ParameterList lacks the forced parameter " + f);
  }

  InspectedMessage* out_;
  const std::vector<std::string>& forced_;
};

}  // namespace

std::vector<std::string> DefaultForcedInformParameters() {
  return {"Device.RootDataModelVersion",
          "Device.DeviceInfo.HardwareVersion",
          "Device.DeviceInfo.SoftwareVersion",
          "Device.DeviceInfo.ProvisioningCode",
          "Device.ManagementServer.ParameterKey",
          "Device.ManagementServer.ConnectionRequestURL",
          "Device.ManagementServer.AliasBasedAddressing"};
}

bool IsValidLexicalValue(std::string_view type, std::string_view v) {
  if (type == "xsd:boolean") return v == "true" || v == "false" || v == "1" || v == "0";
  if (type == "xsd:unsignedInt") return InRange(v, false, 0, 4294967295.0L);
  if (type == "xsd:int") return InRange(v, true, -2147483648.0L, 2147483647.0L);
  if (type == "xsd:unsignedLong") return InRange(v, false, 0, 18446744073709551615.0L);
  if (type == "xsd:long") return InRange(v, true, -9223372036854775808.0L, 9223372036854775807.0L);
  if (type == "xsd:dateTime") {
    static const std::regex re(
        R"(-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?)");
    return std::regex_match(v.begin(), v.end(), re);
  }
  if (type == "xsd:hexBinary") {
    if (v.size() % 2) return false;
    for (char c : v)
      if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    return true;
  }
  if (type == "xsd:base64" || type == "xsd:base64Binary") {
    for (char c : v)
      if (!std::isalnum(static_cast<unsigned char>(c)) && !std::strchr("+/= \r\n\t", c))
        return false;
    return true;
  }
  return true;
}

InspectedMessage InspectCpeMessage(std::string_view xml,
                                   const std::vector<std::string>& forced_parameters) {
  InspectedMessage out;
  Inspector(&out, forced_parameters).Run(xml);
  return out;
}

}  // namespace edgecwmp::acs
