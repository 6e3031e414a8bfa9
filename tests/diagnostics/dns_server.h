// SPDX-License-Identifier: GPL-2.0-or-later
// DnsServer: a real dnsmasq answering on |address|:53 inside namespace |ns| with one host record
// (name -> IPv4 address) in a local domain (the name after its first label: other names there
// get NXDOMAIN) and nothing else (no upstream, no /etc/hosts). Stopped and reaped when
// it goes away.
#ifndef EDGECWMP_TESTS_DIAGNOSTICS_DNS_SERVER_H_
#define EDGECWMP_TESTS_DIAGNOSTICS_DNS_SERVER_H_

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "tests/support/network_lab.h"
#include "tests/support/wait_until.h"

namespace edgecwmp::testing {

class DnsServer {
 public:
  DnsServer(const std::string& ns, const std::string& address, const std::string& name,
            const std::string& record)
      : ns_(ns) {
    const std::string host_record = "--host-record=" + name + "," + record;
    const std::string listen = "--listen-address=" + address;
    // The record's domain is local: other names in it get NXDOMAIN, not REFUSED (no upstream).
    const std::string local = "--local=/" + name.substr(name.find('.') + 1) + "/";
    pid_ = fork();
    if (pid_ == 0) {
      execlp("ip", "ip", "netns", "exec", ns.c_str(), "dnsmasq", "--keep-in-foreground",
             "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--bind-interfaces",
             "--user=root", "--pid-file", listen.c_str(), host_record.c_str(), local.c_str(),
             static_cast<char*>(nullptr));
      _exit(127);
    }
    ready_ = pid_ > 0 &&
             WaitUntil([&] { return NetworkLab::Exec(ns_, "ss -Hlun 'sport = :53' | grep -q ."); },
                       std::chrono::seconds(10));
  }
  ~DnsServer() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);  // `ip netns exec` execs dnsmasq: the same process
    waitpid(pid_, nullptr, 0);
  }
  DnsServer(const DnsServer&) = delete;
  DnsServer& operator=(const DnsServer&) = delete;
  bool ready() const { return ready_; }

 private:
  std::string ns_;
  pid_t pid_ = -1;
  bool ready_ = false;
};

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_DIAGNOSTICS_DNS_SERVER_H_
