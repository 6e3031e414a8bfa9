// SPDX-License-Identifier: GPL-2.0-or-later
// TestPki: a throw-away public-key infrastructure for TLS tests, made with the openssl CLI in a
// directory the caller owns: a CA, a server certificate for localhost/127.0.0.1/::1 signed by it, a
// client certificate signed by it, and an unrelated second CA (for "wrong CA" tests).
#ifndef EDGECWMP_TESTS_SUPPORT_TEST_PKI_H_
#define EDGECWMP_TESTS_SUPPORT_TEST_PKI_H_

#include <string>

namespace edgecwmp::testing {

struct TestPki {
  std::string ca_cert;                  // PEM
  std::string server_cert, server_key;  // CN=localhost, SAN DNS:localhost, IP:127.0.0.1, IP:::1
  std::string client_cert, client_key;  // CN=edgecwmp-test-client, clientAuth
  std::string other_ca_cert;            // a CA that signed nothing here
};

// Generates the files into dir. Returns false and fills *error (with openssl's output) on failure.
bool GenerateTestPki(const std::string& dir, TestPki* pki, std::string* error);

// Runs a shell command; returns its exit status (-1 when it could not run). Output goes to log_file
// when given.
int RunCommand(const std::string& command, const std::string& log_file = "");

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_SUPPORT_TEST_PKI_H_
