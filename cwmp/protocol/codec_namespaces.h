// SPDX-License-Identifier: GPL-2.0-or-later
// The codec's gSOAP namespace tables. EDGECWMP_NS_TABLE(cwmp_uri) is one table whose cwmp row
// writes |cwmp_uri| and, through gSOAP's wildcard column, reads any cwmp-1-* URI (the codec
// checks the URI actually used). Include after soapH.h (struct Namespace).
#ifndef EDGECWMP_CWMP_PROTOCOL_CODEC_NAMESPACES_H_
#define EDGECWMP_CWMP_PROTOCOL_CODEC_NAMESPACES_H_

#define EDGECWMP_NS_TABLE(cwmp_uri)                                                  \
  {                                                                                  \
    {"SOAP-ENV", "http://schemas.xmlsoap.org/soap/envelope/", nullptr, nullptr},     \
        {"SOAP-ENC", "http://schemas.xmlsoap.org/soap/encoding/", nullptr, nullptr}, \
        {"xsi", "http://www.w3.org/2001/XMLSchema-instance", nullptr, nullptr},      \
        {"xsd", "http://www.w3.org/2001/XMLSchema", nullptr, nullptr},               \
        {"cwmp", cwmp_uri, "urn:dslforum-org:cwmp-1-*", nullptr}, {                  \
      nullptr, nullptr, nullptr, nullptr                                             \
    }                                                                                \
  }

#endif  // EDGECWMP_CWMP_PROTOCOL_CODEC_NAMESPACES_H_
