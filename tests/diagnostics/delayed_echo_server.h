// SPDX-License-Identifier: GPL-2.0-or-later
// DelayedEchoServer: the far end of a link with a known latency, for kernels without sch_netem
// (this project's test VMs have tbf and htb but no netem). Inside namespace |ns| it turns the
// kernel's own ICMP echo replies off (net.ipv4.icmp_echo_ignore_all) and answers each IPv4 echo
// request itself, |delay| after it arrived. With answer = false nothing answers: 100% loss.
#ifndef EDGECWMP_TESTS_DIAGNOSTICS_DELAYED_ECHO_SERVER_H_
#define EDGECWMP_TESTS_DIAGNOSTICS_DELAYED_ECHO_SERVER_H_

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace edgecwmp::testing {

class DelayedEchoServer {
 public:
  DelayedEchoServer(std::string ns, std::chrono::milliseconds delay, bool answer = true);
  ~DelayedEchoServer();  // stops the thread
  DelayedEchoServer(const DelayedEchoServer&) = delete;
  DelayedEchoServer& operator=(const DelayedEchoServer&) = delete;

  bool ready();  // waits until the socket is open (false: it could not be)
  int answered() const { return answered_.load(); }

 private:
  void Serve();

  std::string ns_;
  std::chrono::milliseconds delay_;
  int stop_fd_ = -1;
  std::atomic<int> state_{0};  // 0 starting, 1 serving, -1 failed
  std::atomic<int> answered_{0};
  std::thread thread_;
};

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_DIAGNOSTICS_DELAYED_ECHO_SERVER_H_
