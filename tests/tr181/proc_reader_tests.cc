// SPDX-License-Identifier: GPL-2.0-or-later
// The /proc parsers on crafted files: awkward process names, missing fields, old kernels, and
// CPU usage computed from two known samples.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/tr181/test_support.h"
#include "tr181/proc_reader.h"

namespace edgecwmp::tr181::testing {
namespace {

void Write(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A /proc/<pid>/stat line (proc(5)) with the given comm, state, utime, stime, priority and rss.
std::string StatLine(uint32_t pid, const std::string& comm, char state, uint64_t utime,
                     uint64_t stime, int priority, uint64_t rss_pages) {
  return std::to_string(pid) + " (" + comm + ") " + state + " 1 1 1 0 -1 4194560 100 0 0 0 " +
         std::to_string(utime) + " " + std::to_string(stime) + " 0 0 " + std::to_string(priority) +
         " 0 1 0 12345 1000000 " + std::to_string(rss_pages) +
         " 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0\n";
}

BOOST_AUTO_TEST_SUITE(proc_reader)

BOOST_AUTO_TEST_CASE(process_with_parentheses_and_spaces_in_its_name) {
  TempDir root;
  Write(root.path() + "/42/stat", StatLine(42, "evil) (name", 'S', 150, 50, 20, 3));
  Write(root.path() + "/42/cmdline", std::string("/usr/bin/evil\0--flag\0x y\0", 25));
  ProcessInfo info;
  BOOST_REQUIRE(ReadProcess(42, &info, root.path()));
  BOOST_TEST(info.pid == 42u);
  BOOST_TEST(info.state == 'S');
  BOOST_TEST(info.command == "/usr/bin/evil --flag x y");
  BOOST_TEST(info.priority == 20u);
  BOOST_TEST(info.cpu_time_ms == 200u * 1000u / static_cast<uint64_t>(sysconf(_SC_CLK_TCK)));
  BOOST_TEST(info.size_kib == 3u * static_cast<uint64_t>(sysconf(_SC_PAGESIZE)) / 1024u);
}

BOOST_AUTO_TEST_CASE(kernel_thread_and_realtime_priority) {
  TempDir root;
  Write(root.path() + "/7/stat", StatLine(7, "kworker/0:1", 'I', 0, 0, -51, 0));
  Write(root.path() + "/7/cmdline", "");
  ProcessInfo info;
  BOOST_REQUIRE(ReadProcess(7, &info, root.path()));
  BOOST_TEST(info.command == "[kworker/0:1]");
  BOOST_TEST(info.priority == 0u);  // real-time: highest
  BOOST_TEST(std::string(ProcessStateName(info.state)) == "Idle");
}

// TR-181 Command is a string(256): 256 characters, not bytes, and a multi-byte UTF-8 character
// is never cut in two (the value goes into SOAP XML).
BOOST_AUTO_TEST_CASE(long_command_line_is_cut_at_256_whole_characters) {
  TempDir root;
  std::string accented;  // 200 two-byte characters
  for (int i = 0; i < 200; ++i) accented += "\xc3\xa9";
  Write(root.path() + "/43/stat", StatLine(43, "app", 'S', 1, 1, 20, 1));
  Write(root.path() + "/43/cmdline", std::string("app\0", 4) + accented + std::string("\0", 1));
  ProcessInfo info;
  BOOST_REQUIRE(ReadProcess(43, &info, root.path()));
  BOOST_TEST(info.command == "app " + accented);  // 204 characters: kept whole

  Write(root.path() + "/43/cmdline", "x" + accented + accented);  // 401 characters
  BOOST_REQUIRE(ReadProcess(43, &info, root.path()));
  BOOST_TEST(info.command == "x" + (accented + accented).substr(0, 2 * 255));
}

BOOST_AUTO_TEST_CASE(malformed_or_missing_process_files) {
  TempDir root;
  ProcessInfo info;
  BOOST_TEST(!ReadProcess(99, &info, root.path()));  // no such process
  Write(root.path() + "/5/stat", "5 (truncated) S 1 2 3\n");
  BOOST_TEST(!ReadProcess(5, &info, root.path()));
  Write(root.path() + "/6/stat",
        "6 no parentheses S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22\n");
  BOOST_TEST(!ReadProcess(6, &info, root.path()));
  Write(root.path() + "/8/stat", StatLine(8, "x", 'S', 1, 1, 20, 1).replace(6, 1, "SS"));
  BOOST_TEST(!ReadProcess(8, &info, root.path()));
}

BOOST_AUTO_TEST_CASE(pids_are_the_numeric_entries_in_order) {
  TempDir root;
  for (const char* name : {"300", "12", "self", "1", "sys", "12a"}) {
    std::filesystem::create_directories(root.path() + "/" + name);
  }
  BOOST_TEST(ListPids(root.path()) == (std::vector<uint32_t>{1, 12, 300}),
             boost::test_tools::per_element());
  BOOST_TEST(ListPids(root.path() + "/missing").empty());
}

BOOST_AUTO_TEST_CASE(state_letters_map_to_tr181) {
  BOOST_TEST(std::string(ProcessStateName('R')) == "Running");
  BOOST_TEST(std::string(ProcessStateName('S')) == "Sleeping");
  BOOST_TEST(std::string(ProcessStateName('D')) == "Uninterruptible");
  BOOST_TEST(std::string(ProcessStateName('T')) == "Stopped");
  BOOST_TEST(std::string(ProcessStateName('t')) == "Stopped");
  BOOST_TEST(std::string(ProcessStateName('Z')) == "Zombie");
  BOOST_TEST(std::string(ProcessStateName('I')) == "Idle");
}

BOOST_AUTO_TEST_CASE(meminfo_with_and_without_memavailable) {
  TempDir root;
  Write(root.path() + "/meminfo",
        "MemTotal:       16000000 kB\nMemFree:         1000000 kB\nMemAvailable:    9000000 kB\n");
  MemInfo info;
  BOOST_REQUIRE(ReadMemInfo(&info, root.path()));
  BOOST_TEST(info.total_kib == 16000000u);
  BOOST_TEST(info.free_kib == 1000000u);
  BOOST_TEST(info.available_kib == 9000000u);
  Write(root.path() + "/meminfo", "MemTotal: 2048 kB\nMemFree: 1024 kB\nBuffers: 1 kB\n");
  BOOST_REQUIRE(ReadMemInfo(&info, root.path()));
  BOOST_TEST(info.available_kib == 1024u);  // pre-3.14 kernels: MemFree
  Write(root.path() + "/meminfo", "MemFree: 1024 kB\n");
  BOOST_TEST(!ReadMemInfo(&info, root.path()));
}

BOOST_AUTO_TEST_CASE(uptime_parsing) {
  TempDir root;
  uint64_t seconds = 0;
  BOOST_TEST(!ReadUptimeSeconds(&seconds, root.path()));
  Write(root.path() + "/uptime", "12345.67 54321.00\n");
  BOOST_REQUIRE(ReadUptimeSeconds(&seconds, root.path()));
  BOOST_TEST(seconds == 12345u);
  Write(root.path() + "/uptime", "garbage\n");
  BOOST_TEST(!ReadUptimeSeconds(&seconds, root.path()));
}

BOOST_AUTO_TEST_CASE(cpu_usage_over_the_interval) {
  TempDir root;
  // user nice system idle iowait irq softirq steal: busy 300, total 1000 since boot.
  Write(root.path() + "/stat", "cpu  200 0 100 600 100 0 0 0 0 0\ncpu0 1 2 3 4\n");
  CpuUsageMeter meter(root.path());
  uint32_t percent = 0;
  BOOST_REQUIRE(meter.Percent(&percent));
  BOOST_TEST(percent == 30u);  // the average since boot
  // +75 busy, +25 idle: 75 %.
  Write(root.path() + "/stat", "cpu  250 0 125 625 100 0 0 0 0 0\n");
  BOOST_REQUIRE(meter.Percent(&percent));
  BOOST_TEST(percent == 75u);
  // Too short an interval (5 jiffies) keeps the last value instead of a noisy one.
  Write(root.path() + "/stat", "cpu  250 0 125 630 100 0 0 0 0 0\n");
  BOOST_REQUIRE(meter.Percent(&percent));
  BOOST_TEST(percent == 75u);
  // Idle since the last accepted sample (30 more idle jiffies from 1100): 0 %.
  Write(root.path() + "/stat", "cpu  250 0 125 655 100 0 0 0 0 0\n");
  BOOST_REQUIRE(meter.Percent(&percent));
  BOOST_TEST(percent == 0u);
  Write(root.path() + "/stat", "intr 1 2 3\n");
  BOOST_TEST(!meter.Percent(&percent));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace edgecwmp::tr181::testing
