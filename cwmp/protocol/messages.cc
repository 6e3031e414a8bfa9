// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/protocol/messages.h"

namespace edgecwmp::cwmp {

const char* VersionNamespace(Version v) {
  switch (v) {
    case Version::k1_0:
      return "urn:dslforum-org:cwmp-1-0";
    case Version::k1_1:
      return "urn:dslforum-org:cwmp-1-1";
    case Version::k1_2:
      return "urn:dslforum-org:cwmp-1-2";
    case Version::k1_3:
      return "urn:dslforum-org:cwmp-1-3";
    case Version::k1_4:
      return "urn:dslforum-org:cwmp-1-4";
  }
  return "urn:dslforum-org:cwmp-1-0";
}

const char* VersionName(Version v) {
  switch (v) {
    case Version::k1_0:
      return "1.0";
    case Version::k1_1:
      return "1.1";
    case Version::k1_2:
      return "1.2";
    case Version::k1_3:
      return "1.3";
    case Version::k1_4:
      return "1.4";
  }
  return "1.0";
}

namespace {

// Each message struct's wire name, resolved through the variant's alternative type.
template <typename T>
constexpr const char* NameOf();
#define EDGECWMP_NAME(T)              \
  template <>                         \
  constexpr const char* NameOf<T>() { \
    return #T;                        \
  }
EDGECWMP_CWMP_MESSAGE_LIST(EDGECWMP_NAME)
EDGECWMP_NAME(Fault)
#undef EDGECWMP_NAME

template <typename Variant>
const char* VariantName(const Variant& v) {
  return std::visit([](const auto& m) { return NameOf<std::decay_t<decltype(m)>>(); }, v);
}

}  // namespace

const char* MessageName(const AcsRequest& m) { return VariantName(m); }
const char* MessageName(const CpeResponse& m) { return VariantName(m); }
const char* MessageName(const CpeRequest& m) { return VariantName(m); }
const char* MessageName(const AcsResponse& m) { return VariantName(m); }

}  // namespace edgecwmp::cwmp
