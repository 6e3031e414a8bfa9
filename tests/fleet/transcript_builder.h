// SPDX-License-Identifier: GPL-2.0-or-later
// Builds SessionTranscripts by hand for the observer tests: envelopes as GenieACS writes them
// (recording 003), and a conforming session each rule test breaks in exactly one place.
#ifndef EDGECWMP_TESTS_FLEET_TRANSCRIPT_BUILDER_H_
#define EDGECWMP_TESTS_FLEET_TRANSCRIPT_BUILDER_H_

#include <string>

#include "cwmp/fleet/session_transcript.h"

namespace edgecwmp::cwmp::fleet::testing {

inline const std::string kNs12 = "urn:dslforum-org:cwmp-1-2";
inline const std::string kSoapXml = "text/xml; charset=\"utf-8\"";

// A whole envelope; |header_extra| goes into the Header after cwmp:ID ("" = no ID when id is "").
inline std::string Envelope(const std::string& ns, const std::string& id, const std::string& body,
                            const std::string& header_extra = "") {
  std::string header;
  if (!id.empty()) header += "<cwmp:ID soap-env:mustUnderstand=\"1\">" + id + "</cwmp:ID>";
  header += header_extra;
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<soap-env:Envelope xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\" "
         "xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\" "
         "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:cwmp=\"" +
         ns + "\"><soap-env:Header>" + header + "</soap-env:Header><soap-env:Body>" + body +
         "</soap-env:Body></soap-env:Envelope>";
}

inline std::string InformBody() {
  return "<cwmp:Inform><DeviceId><Manufacturer>EdgeCo</Manufacturer><OUI>00D0B7</OUI>"
         "<ProductClass>EdgeGW</ProductClass><SerialNumber>VEC0001</SerialNumber></DeviceId>"
         "<Event soap-enc:arrayType=\"cwmp:EventStruct[1]\"><EventStruct><EventCode>1 BOOT"
         "</EventCode><CommandKey></CommandKey></EventStruct></Event><MaxEnvelopes>1"
         "</MaxEnvelopes><CurrentTime>2026-11-25T03:58:15Z</CurrentTime><RetryCount>0"
         "</RetryCount><ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct[0]\">"
         "</ParameterList></cwmp:Inform>";
}

inline std::string InformResponseBody(const std::string& max_envelopes = "1") {
  return "<cwmp:InformResponse><MaxEnvelopes>" + max_envelopes +
         "</MaxEnvelopes></cwmp:InformResponse>";
}

// A well-formed CWMP fault (TR-069 A.5).
inline std::string FaultBody(int code, const std::string& text = "Retry request") {
  return "<soap-env:Fault><faultcode>Server</faultcode><faultstring>CWMP fault</faultstring>"
         "<detail><cwmp:Fault><FaultCode>" +
         std::to_string(code) + "</FaultCode><FaultString>" + text +
         "</FaultString></cwmp:Fault></detail></soap-env:Fault>";
}

inline HttpExchange Post(const std::string& cpe_message, const std::string& request_body,
                         long status, const std::string& acs_message,
                         const std::string& response_body, HeaderList response_headers = {},
                         HeaderList request_headers = {}) {
  HttpExchange e;
  e.cpe_message = cpe_message;
  e.acs_message = acs_message;
  e.request_body = request_body;
  e.status = status;
  e.response_body = response_body;
  if (!response_body.empty() && response_headers.empty())
    response_headers = {{"Content-Type", kSoapXml}};
  e.response_headers = std::move(response_headers);
  if (request_headers.empty() && !request_body.empty())
    request_headers = {{"Content-Type", kSoapXml}, {"SOAPAction", ""}};
  e.request_headers = std::move(request_headers);
  e.response_micros = 1000;
  return e;
}

inline HeaderList WithCookie(HeaderList headers) {
  headers.push_back({"Cookie", "session=8f36c5281ef6ce5a"});
  return headers;
}

// Inform -> InformResponse (Set-Cookie); TransferComplete -> its response; the empty POST ->
// GetParameterValues; its response -> 204. Every POST after the first returns the cookie.
inline SessionTranscript ConformingSession() {
  SessionTranscript s;
  s.cpe_id = "00D0B7-EdgeGW-VEC0001";
  s.exchanges.push_back(
      Post("Inform", Envelope(kNs12, "cpe-1", InformBody()), 200, "InformResponse",
           Envelope(kNs12, "cpe-1", InformResponseBody()),
           {{"Content-Type", kSoapXml}, {"Set-Cookie", "session=8f36c5281ef6ce5a; Path=/"}}));
  const HeaderList soap = {{"Content-Type", kSoapXml}, {"SOAPAction", ""}};
  s.exchanges.push_back(Post(
      "TransferComplete",
      Envelope(kNs12, "cpe-2",
               "<cwmp:TransferComplete><CommandKey>k</CommandKey><FaultStruct><FaultCode>0"
               "</FaultCode><FaultString></FaultString></FaultStruct><StartTime>"
               "2026-11-25T03:58:15Z</StartTime><CompleteTime>2026-11-25T03:58:16Z"
               "</CompleteTime></cwmp:TransferComplete>"),
      200, "TransferCompleteResponse",
      Envelope(kNs12, "cpe-2", "<cwmp:TransferCompleteResponse></cwmp:TransferCompleteResponse>"),
      {}, WithCookie(soap)));
  s.exchanges.push_back(
      Post("", "", 200, "GetParameterValues",
           Envelope(kNs12, "acs-1",
                    "<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType=\"xsd:string[1]\">"
                    "<string>Device.DeviceInfo.UpTime</string></ParameterNames>"
                    "</cwmp:GetParameterValues>"),
           {}, WithCookie({})));
  s.exchanges.push_back(
      Post("GetParameterValuesResponse",
           Envelope(kNs12, "acs-1",
                    "<cwmp:GetParameterValuesResponse><ParameterList soap-enc:arrayType="
                    "\"cwmp:ParameterValueStruct[1]\"><ParameterValueStruct><Name>"
                    "Device.DeviceInfo.UpTime</Name><Value xsi:type=\"xsd:unsignedInt\">42</Value>"
                    "</ParameterValueStruct></ParameterList></cwmp:GetParameterValuesResponse>"),
           204, "", "", {{"Connection", "close"}}, WithCookie(soap)));
  s.completed = true;
  return s;
}

}  // namespace edgecwmp::cwmp::fleet::testing

#endif  // EDGECWMP_TESTS_FLEET_TRANSCRIPT_BUILDER_H_
