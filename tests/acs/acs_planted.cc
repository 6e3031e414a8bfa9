// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/acs/acs_planted.h"

#include "tests/acs/acs_writer.h"

namespace edgecwmp::acs {

namespace {

void ReplaceFirst(std::string* text, std::string_view from, std::string_view to) {
  const size_t at = text->find(from);
  if (at != std::string::npos) text->replace(at, from.size(), to);
}

}  // namespace

const std::vector<PlantedFaultInfo>& PlantedFaults() {
  static const std::vector<PlantedFaultInfo> faults = {
      {PlantedFault::kWrongNamespace, "wrong-namespace", "namespace"},
      {PlantedFault::kMaxEnvelopes2, "max-envelopes-2", "max-envelopes"},
      {PlantedFault::kInformResponseExtra, "inform-response-extra", "inform-response"},
      {PlantedFault::kIgnoreCookie, "ignore-cookie", "cookie"},
      {PlantedFault::kMalformedFault, "malformed-fault", "fault-structure"},
      {PlantedFault::kNonAcsFaultCode, "non-acs-fault-code", "fault-code"},
      {PlantedFault::kMisplaced8005, "misplaced-8005", "retry-8005"},
      {PlantedFault::kWrongId, "wrong-id", "cwmp-id"},
      {PlantedFault::kBadHoldRequests, "bad-hold-requests", "hold-requests"},
      {PlantedFault::kEmpty200TextXml, "empty-200-text-xml", "empty-response"},
      {PlantedFault::kWrongContentType, "wrong-content-type", "soap-http"},
  };
  return faults;
}

bool ParsePlantedFaults(const std::string& list, std::set<PlantedFault>* out, std::string* error) {
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t end = list.find(',', pos);
    if (end == std::string::npos) end = list.size();
    const std::string name = list.substr(pos, end - pos);
    pos = end + 1;
    if (name.empty()) continue;
    bool known = false;
    for (const PlantedFaultInfo& f : PlantedFaults()) {
      if (name == "all" || name == f.name) {
        out->insert(f.fault);
        known = true;
      }
    }
    if (!known) {
      *error = "unknown planted fault '" + name + "'";
      return false;
    }
  }
  return true;
}

std::string WriteFault(std::string_view cwmp_namespace, std::string_view id, unsigned code,
                       std::string_view text) {
  return WriteEnvelope(cwmp_namespace, id,
                       "<soap-env:Fault><faultcode>Server</faultcode><faultstring>CWMP fault"
                       "</faultstring><detail><cwmp:Fault><FaultCode>" +
                           std::to_string(code) + "</FaultCode><FaultString>" + EscapeXml(text) +
                           "</FaultString></cwmp:Fault></detail></soap-env:Fault>");
}

std::string PlantedInformAnswer(const std::set<PlantedFault>& planted,
                                const std::string& cwmp_namespace, const std::string& id) {
  auto has = [&](PlantedFault f) { return planted.count(f) > 0; };
  if (has(PlantedFault::kMalformedFault)) {
    return WriteEnvelope(cwmp_namespace, id,
                         "<soap-env:Fault><faultcode>Server</faultcode><faultstring>CWMP fault"
                         "</faultstring></soap-env:Fault>");
  }
  if (has(PlantedFault::kNonAcsFaultCode)) {
    return WriteFault(cwmp_namespace, id, 9002, "Internal error");
  }
  std::string ns = cwmp_namespace;
  if (has(PlantedFault::kWrongNamespace)) {
    ns = cwmp_namespace == "urn:dslforum-org:cwmp-1-0" ? "urn:dslforum-org:cwmp-1-1"
                                                       : "urn:dslforum-org:cwmp-1-0";
  }
  std::string xml = WriteInformResponse(ns, has(PlantedFault::kWrongId) ? id + "-other" : id);
  if (has(PlantedFault::kMaxEnvelopes2)) {
    ReplaceFirst(&xml, "<MaxEnvelopes>1<", "<MaxEnvelopes>2<");
  }
  if (has(PlantedFault::kInformResponseExtra)) {
    ReplaceFirst(&xml, "</MaxEnvelopes>", "</MaxEnvelopes><Extra>1</Extra>");
  }
  if (has(PlantedFault::kBadHoldRequests)) {
    ReplaceFirst(&xml, "</soap-env:Header>",
                 "<cwmp:HoldRequests>0</cwmp:HoldRequests></soap-env:Header>");
  }
  return xml;
}

}  // namespace edgecwmp::acs
