// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/support/test_pki.h"

#include <sys/wait.h>

#include <cstdlib>

#include "tests/support/temp_dir.h"

namespace edgecwmp::testing {

int RunCommand(const std::string& command, const std::string& log_file) {
  std::string full = command;
  if (!log_file.empty()) full += " >>'" + log_file + "' 2>&1";
  int rc = std::system(full.c_str());
  if (rc == -1) return -1;
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

namespace {

// EC keys keep generation fast; the extensions make the certificates acceptable to OpenSSL 3's
// strict verification (CA:TRUE + keyCertSign on CAs, SAN + extended key usage on leaves).
bool MakeCa(const std::string& dir, const std::string& name, const std::string& log) {
  std::string cmd =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
      " -days 2 -subj '/CN=" +
      name + "' -keyout '" + dir + "/" + name + ".key'" + " -out '" + dir + "/" + name + ".pem'" +
      " -addext basicConstraints=critical,CA:TRUE" +
      " -addext keyUsage=critical,keyCertSign,cRLSign";
  return RunCommand(cmd, log) == 0;
}

bool MakeLeaf(const std::string& dir, const std::string& ca, const std::string& name,
              const std::string& cn, const std::string& extensions, const std::string& log) {
  std::string ext_file = dir + "/" + name + ".ext";
  if (!WriteFile(ext_file, extensions)) return false;
  std::string base = dir + "/" + name;
  std::string cmd =
      "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
      " -subj '/CN=" +
      cn + "' -keyout '" + base + ".key' -out '" + base + ".csr'";
  if (RunCommand(cmd, log) != 0) return false;
  cmd = "openssl x509 -req -days 2 -in '" + base + ".csr' -CA '" + dir + "/" + ca + ".pem'" +
        " -CAkey '" + dir + "/" + ca + ".key' -CAcreateserial -out '" + base + ".pem'" +
        " -extfile '" + ext_file + "'";
  return RunCommand(cmd, log) == 0;
}

}  // namespace

bool GenerateTestPki(const std::string& dir, TestPki* pki, std::string* error) {
  const std::string log = dir + "/openssl.log";
  bool ok = MakeCa(dir, "ca", log) && MakeCa(dir, "other-ca", log) &&
            MakeLeaf(dir, "ca", "server", "localhost",
                     "basicConstraints=CA:FALSE\n"
                     "keyUsage=critical,digitalSignature,keyAgreement\n"
                     "extendedKeyUsage=serverAuth\n"
                     "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n",
                     log) &&
            MakeLeaf(dir, "ca", "client", "edgecwmp-test-client",
                     "basicConstraints=CA:FALSE\n"
                     "keyUsage=critical,digitalSignature,keyAgreement\n"
                     "extendedKeyUsage=clientAuth\n",
                     log);
  if (!ok) {
    if (error) *error = "openssl failed: " + ReadFile(log);
    return false;
  }
  pki->ca_cert = dir + "/ca.pem";
  pki->other_ca_cert = dir + "/other-ca.pem";
  pki->server_cert = dir + "/server.pem";
  pki->server_key = dir + "/server.key";
  pki->client_cert = dir + "/client.pem";
  pki->client_key = dir + "/client.key";
  return true;
}

}  // namespace edgecwmp::testing
