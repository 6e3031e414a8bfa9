// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/process_executor.h"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "tr181/edgex/proc_stats.h"
#include "tr181/proc_reader.h"

extern char** environ;

namespace edgecwmp::edgex {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kPollInterval{50};

struct Event {
  std::string service;
  ServiceStatus from, to;
};

struct Service {
  ServiceSpec spec;
  ServiceStatus status = ServiceStatus::kIdle;
  pid_t pid = 0;  // the main process, leader of its own session and process group
  Clock::time_point started;
  bool stopping = false;          // the agent asked it to stop
  bool killed = false;            // SIGKILL sent after the stop timeout
  bool start_after_stop = false;  // Restart(), or Start() while stopping
  Clock::time_point kill_deadline;
  bool restart_pending = false;  // crash recovery waiting for its back-off
  Clock::time_point restart_at;
  int consecutive_failures = 0;
  uint32_t restart_count = 0;
  bool has_exit = false;
  int exit_code = 0;
  std::string fault_code = kNoFault;
  std::string fault_message;
  bool has_cpu_sample = false;  // for CPU % between two Inspect() calls
  uint64_t cpu_ticks = 0;
  Clock::time_point cpu_sampled;
};

// Everything the child needs, built before fork(): after fork() in a multi-threaded process only
// async-signal-safe calls are allowed, so no allocation happens in the child.
struct LaunchPlan {
  std::string path;
  std::vector<std::string> argv, env;
  std::vector<char*> argv_ptrs, env_ptrs;
  RunAs run_as;
};

// Why the child could not exec, sent back to the supervisor through the error pipe.
struct ChildError {
  enum Stage : int { kCredentials, kWorkingDir, kExec } stage;
  int error;
};

std::string LookUpPath(const std::string& file, const std::vector<std::string>& env) {
  if (file.find('/') != std::string::npos) return file;
  std::string path = "/usr/local/bin:/usr/bin:/bin";
  for (const std::string& entry : env) {
    if (entry.rfind("PATH=", 0) == 0) path = entry.substr(5);
  }
  size_t begin = 0;
  while (begin <= path.size()) {
    size_t end = path.find(':', begin);
    if (end == std::string::npos) end = path.size();
    std::string dir = path.substr(begin, end - begin);
    std::string candidate = (dir.empty() ? "." : dir) + "/" + file;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
    begin = end + 1;
  }
  return file;  // execve reports ENOENT
}

// The agent's environment with the service's "KEY=VALUE" entries added or replacing.
std::vector<std::string> ServiceEnvironment(const ServiceSpec& spec) {
  std::vector<std::string> env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    env.emplace_back(*entry);
  }
  for (const std::string& extra : spec.env) {
    std::string key = extra.substr(0, extra.find('=') + 1);
    auto same = std::find_if(env.begin(), env.end(),
                             [&](const std::string& e) { return e.rfind(key, 0) == 0; });
    if (same != env.end()) {
      *same = extra;
    } else {
      env.push_back(extra);
    }
  }
  return env;
}

LaunchPlan MakePlan(const ServiceSpec& spec) {
  LaunchPlan plan;
  plan.env = ServiceEnvironment(spec);
  plan.argv = spec.argv;
  plan.path = spec.executable.empty() ? LookUpPath(spec.argv[0], plan.env) : spec.executable;
  plan.run_as = spec.run_as;
  for (std::string& arg : plan.argv) plan.argv_ptrs.push_back(arg.data());
  plan.argv_ptrs.push_back(nullptr);
  for (std::string& entry : plan.env) plan.env_ptrs.push_back(entry.data());
  plan.env_ptrs.push_back(nullptr);
  return plan;
}

// Takes on |run_as| (groups first: after setuid the child may no longer change them).
bool SwitchCredentials(const RunAs& run_as) {
  return setgroups(run_as.groups.size(), run_as.groups.data()) == 0 && setgid(run_as.gid) == 0 &&
         setuid(run_as.uid) == 0;
}

void CloseFdsFrom(int first, int keep) {
#ifdef SYS_close_range
  if (keep >= first) {
    if ((keep == first || syscall(SYS_close_range, first, keep - 1, 0) == 0) &&
        syscall(SYS_close_range, keep + 1, ~0U, 0) == 0) {
      return;
    }
  } else if (syscall(SYS_close_range, first, ~0U, 0) == 0) {
    return;
  }
#endif
  long max = sysconf(_SC_OPEN_MAX);
  if (max < 0 || max > 65536) max = 65536;
  for (int fd = first; fd < max; ++fd) {
    if (fd != keep) close(fd);
  }
}

[[noreturn]] void ChildFailed(int error_fd, ChildError::Stage stage) {
  ChildError failure{stage, errno};
  ssize_t ignored = write(error_fd, &failure, sizeof failure);
  (void)ignored;
  _exit(127);
}

// Runs in the child between fork() and execve(): async-signal-safe calls only.
[[noreturn]] void ExecChild(const LaunchPlan& plan, const std::string& working_dir, int null_fd,
                            int error_fd, pid_t supervisor) {
  setsid();  // own session and process group: Stop() signals the whole group
  if (plan.run_as.enabled && !SwitchCredentials(plan.run_as)) {
    ChildFailed(error_fd, ChildError::kCredentials);
  }
  // A supervised service ends with its supervisor, as under systemd: an agent killed with -9 and
  // restarted must not find its old services holding their ports. (The forking thread is the
  // main loop or the supervisor thread, both living as long as the executor.) Set after the
  // credentials change, which clears it.
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != supervisor) _exit(127);  // the supervisor died before prctl took effect
  if (null_fd >= 0) dup2(null_fd, STDIN_FILENO);
  CloseFdsFrom(3, error_fd);
  // Ignored signals and the blocked mask survive execve; give the service a clean slate.
  struct sigaction dfl;
  std::memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig) sigaction(sig, &dfl, nullptr);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  if (!working_dir.empty() && chdir(working_dir.c_str()) != 0) {
    ChildFailed(error_fd, ChildError::kWorkingDir);
  }
  execve(plan.path.c_str(), plan.argv_ptrs.data(), plan.env_ptrs.data());
  ChildFailed(error_fd, ChildError::kExec);
}

std::string DescribeChildError(const ChildError& failure, const ServiceSpec& spec) {
  std::string what;
  switch (failure.stage) {
    case ChildError::kCredentials:
      what = "cannot run " + spec.argv[0] + " as uid " + std::to_string(spec.run_as.uid) + " gid " +
             std::to_string(spec.run_as.gid);
      break;
    case ChildError::kWorkingDir:
      what = "cannot enter " + spec.working_dir;
      break;
    case ChildError::kExec:
      what = "cannot run " + spec.argv[0];
      break;
  }
  return what + ": " + std::strerror(failure.error);
}

// Forks and execs; returns the pid, or 0 with |error| set when the command could not run.
pid_t Spawn(const ServiceSpec& spec, std::string* error) {
  if (spec.argv.empty()) {
    *error = "no command configured";
    return 0;
  }
  if (!spec.refused.empty()) {
    *error = spec.refused;
    return 0;
  }
  LaunchPlan plan = MakePlan(spec);
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    *error = std::string("pipe: ") + std::strerror(errno);
    return 0;
  }
  int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  const pid_t supervisor = getpid();
  pid_t pid = fork();
  if (pid == 0) ExecChild(plan, spec.working_dir, null_fd, pipe_fds[1], supervisor);
  int fork_errno = errno;
  close(pipe_fds[1]);
  if (null_fd >= 0) close(null_fd);
  if (pid < 0) {
    close(pipe_fds[0]);
    *error = std::string("fork: ") + std::strerror(fork_errno);
    return 0;
  }
  // The pipe closes on a successful execve (O_CLOEXEC): 0 bytes read means the command runs.
  ChildError failure{};
  ssize_t n;
  do {
    n = read(pipe_fds[0], &failure, sizeof failure);
  } while (n < 0 && errno == EINTR);
  close(pipe_fds[0]);
  if (n == static_cast<ssize_t>(sizeof failure)) {
    waitpid(pid, nullptr, 0);
    *error = DescribeChildError(failure, spec);
    return 0;
  }
  return pid;
}

int ExitCodeOf(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

std::string DescribeExit(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    return std::string("killed by signal ") + std::to_string(WTERMSIG(wait_status)) + " (" +
           strsignal(WTERMSIG(wait_status)) + ")";
  }
  return "exited with status " + std::to_string(ExitCodeOf(wait_status));
}

}  // namespace

std::string ResolveCommand(const ServiceSpec& spec) {
  if (!spec.executable.empty() || spec.argv.empty()) return spec.executable;
  const std::string& file = spec.argv[0];
  if (file.find('/') == std::string::npos) return LookUpPath(file, ServiceEnvironment(spec));
  if (file.front() == '/' || spec.working_dir.empty()) return file;
  return spec.working_dir + "/" + file;  // execve runs it after the chdir
}

bool ParseRestartPolicy(const std::string& text, RestartPolicy* policy) {
  static const std::pair<const char*, RestartPolicy> kNames[] = {
      {"never", RestartPolicy::kNever},
      {"on-failure", RestartPolicy::kOnFailure},
      {"always", RestartPolicy::kAlways},
  };
  for (const auto& [name, value] : kNames) {
    if (text == name) {
      *policy = value;
      return true;
    }
  }
  return false;
}

std::chrono::milliseconds RestartDelay(const ServiceSpec& spec, int consecutive_failures) {
  std::chrono::milliseconds delay = spec.backoff_initial;
  for (int i = 0; i < consecutive_failures && delay < spec.backoff_max; ++i) delay *= 2;
  return std::min(delay, spec.backoff_max);
}

struct ProcessExecutor::Rep {
  std::mutex mu;
  std::condition_variable wake;
  bool shutting_down = false;
  std::map<std::string, Service> services;
  StateCallback callback;
  std::vector<Event> events;  // collected under |mu|, delivered after unlocking
  std::thread supervisor;

  void SetStatus(Service& s, ServiceStatus to) {
    if (s.status == to) return;
    events.push_back({s.spec.name, s.status, to});
    s.status = to;
  }

  // Delivers the collected events outside the lock; call with |lock| held.
  void Deliver(std::unique_lock<std::mutex>& lock) {
    if (events.empty()) return;
    std::vector<Event> batch;
    batch.swap(events);
    StateCallback cb = callback;
    lock.unlock();
    if (cb) {
      for (const Event& e : batch) cb(e.service, e.from, e.to);
    }
    lock.lock();
  }

  Status Launch(Service& s, const char* fault_code) {
    std::string error;
    pid_t pid = Spawn(s.spec, &error);
    if (pid == 0) {
      s.fault_code = fault_code;
      s.fault_message = error;
      SetStatus(s, ServiceStatus::kIdle);
      return Status::Internal(s.spec.name + ": " + error);
    }
    s.pid = pid;
    s.started = Clock::now();
    s.stopping = s.killed = s.start_after_stop = s.restart_pending = false;
    s.has_cpu_sample = false;
    s.fault_code = kNoFault;
    s.fault_message.clear();
    SetStatus(s, ServiceStatus::kActive);
    return Status::Ok();
  }

  void BeginStop(Service& s) {
    kill(-s.pid, SIGTERM);
    s.stopping = true;
    s.killed = false;
    s.kill_deadline = Clock::now() + s.spec.stop_timeout;
    SetStatus(s, ServiceStatus::kStopping);
    wake.notify_all();
  }

  void HandleExit(Service& s, int wait_status) {
    Clock::time_point now = Clock::now();
    s.pid = 0;
    s.has_exit = true;
    s.exit_code = ExitCodeOf(wait_status);
    if (s.stopping) {
      s.stopping = false;
      if (s.killed) {
        s.fault_code = kFailureOnStop;
        s.fault_message =
            "did not stop within " + std::to_string(s.spec.stop_timeout.count()) + " ms; killed";
      }
      SetStatus(s, ServiceStatus::kIdle);
      // A failed launch is kept as the service's FailureOnStart, which the ACS reads.
      if (s.start_after_stop) (void)Launch(s, kFailureOnStart);
      return;
    }
    // An exit nobody asked for: a crash, or a service that ended by itself.
    bool failed = !(WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0);
    s.fault_code = failed ? kFailureWhileActive : kNoFault;
    s.fault_message = failed ? DescribeExit(wait_status) : "";
    bool restart = s.spec.restart == RestartPolicy::kAlways ||
                   (s.spec.restart == RestartPolicy::kOnFailure && failed);
    if (!restart) {
      SetStatus(s, ServiceStatus::kIdle);
      return;
    }
    if (now - s.started >= s.spec.backoff_reset_after) s.consecutive_failures = 0;
    ScheduleRestart(s, now);
  }

  void ScheduleRestart(Service& s, Clock::time_point now) {
    s.restart_at = now + RestartDelay(s.spec, s.consecutive_failures);
    ++s.consecutive_failures;
    s.restart_pending = true;
    SetStatus(s, ServiceStatus::kStarting);
  }

  // One pass of the supervisor: reap, escalate stops, run due restarts.
  void Supervise() {
    Clock::time_point now = Clock::now();
    for (auto& [name, s] : services) {
      if (s.pid != 0) {
        siginfo_t info;
        std::memset(&info, 0, sizeof info);
        // WNOWAIT: learn of the exit without reaping, so the group id cannot be reused while
        // the leftovers of the group are killed.
        if (waitid(P_PID, static_cast<id_t>(s.pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
            info.si_pid == s.pid) {
          kill(-s.pid, SIGKILL);
          int wait_status = 0;
          waitpid(s.pid, &wait_status, 0);
          HandleExit(s, wait_status);
        } else if (s.stopping && !s.killed && now >= s.kill_deadline) {
          kill(-s.pid, SIGKILL);  // ignored SIGTERM past the stop timeout
          s.killed = true;
        }
      }
      if (s.restart_pending && now >= s.restart_at) {
        s.restart_pending = false;
        if (Launch(s, kFailureOnStart).ok()) {
          ++s.restart_count;
        } else if (s.spec.restart != RestartPolicy::kNever) {
          ScheduleRestart(s, now);  // the command is gone for now (e.g. mid-upgrade): retry
        }
      }
    }
  }

  void Run() {
    std::unique_lock<std::mutex> lock(mu);
    while (!shutting_down) {
      Supervise();
      Deliver(lock);
      if (shutting_down) break;
      wake.wait_for(lock, kPollInterval);
    }
  }

  Service* Find(const std::string& name) {
    auto it = services.find(name);
    return it == services.end() ? nullptr : &it->second;
  }
};

ProcessExecutor::ProcessExecutor(std::vector<ServiceSpec> services) : rep_(new Rep) {
  for (ServiceSpec& spec : services) {
    std::string name = spec.name;
    Service s;
    s.spec = std::move(spec);
    rep_->services.emplace(name, std::move(s));
  }
  rep_->supervisor = std::thread([this] { rep_->Run(); });
}

ProcessExecutor::~ProcessExecutor() {
  {
    std::lock_guard<std::mutex> lock(rep_->mu);
    rep_->shutting_down = true;
  }
  rep_->wake.notify_all();
  rep_->supervisor.join();
  // The supervisor is gone: stop every child here, SIGTERM first, SIGKILL after its timeout.
  Clock::time_point now = Clock::now();
  std::vector<Service*> running;
  for (auto& [name, s] : rep_->services) {
    if (s.pid == 0) continue;
    if (!s.stopping) {
      kill(-s.pid, SIGTERM);
      s.kill_deadline = now + s.spec.stop_timeout;
    }
    running.push_back(&s);
  }
  while (!running.empty()) {
    now = Clock::now();
    for (auto it = running.begin(); it != running.end();) {
      Service& s = **it;
      if (waitpid(s.pid, nullptr, WNOHANG) == s.pid) {
        kill(-s.pid, SIGKILL);  // leftovers of the group; the group id may not be reused yet
        it = running.erase(it);
        continue;
      }
      if (now >= s.kill_deadline) kill(-s.pid, SIGKILL);
      ++it;
    }
    if (!running.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

Status ProcessExecutor::StartAutostart() {
  std::unique_lock<std::mutex> lock(rep_->mu);
  Status first;
  for (auto& [name, s] : rep_->services) {
    if (!s.spec.autostart || s.pid != 0) continue;
    Status st = rep_->Launch(s, kFailureOnAutoStart);
    if (!st.ok() && first.ok()) first = st;
  }
  rep_->Deliver(lock);
  return first;
}

Status ProcessExecutor::Add(ServiceSpec spec) {
  std::unique_lock<std::mutex> lock(rep_->mu);
  if (spec.name.empty() || spec.argv.empty()) return Status::InvalidArguments("empty service");
  if (rep_->Find(spec.name) != nullptr) {
    return Status::InvalidArguments("service " + spec.name + " exists");
  }
  std::string name = spec.name;
  Service s;
  s.spec = std::move(spec);
  rep_->services.emplace(name, std::move(s));
  return Status::Ok();
}

Status ProcessExecutor::Remove(const std::string& service) {
  Status st = Stop(service);
  if (!st.ok()) return st;
  std::unique_lock<std::mutex> lock(rep_->mu);
  for (;;) {
    Service* s = rep_->Find(service);
    if (s == nullptr) return Status::Ok();  // removed meanwhile
    if (s->pid == 0) break;                 // the supervisor reaped it (SIGKILL bounds the wait)
    rep_->wake.notify_all();
    lock.unlock();
    std::this_thread::sleep_for(kPollInterval);
    lock.lock();
  }
  rep_->services.erase(service);
  return Status::Ok();
}

Status ProcessExecutor::Start(const std::string& service) {
  std::unique_lock<std::mutex> lock(rep_->mu);
  Service* s = rep_->Find(service);
  if (s == nullptr) return Status::NotFound("no service " + service);
  Status result;
  if (s->pid == 0) {
    s->consecutive_failures = 0;  // an operator start skips the crash back-off
    result = rep_->Launch(*s, kFailureOnStart);
  } else if (s->stopping) {
    s->start_after_stop = true;
  }
  rep_->Deliver(lock);
  return result;
}

Status ProcessExecutor::Stop(const std::string& service) {
  std::unique_lock<std::mutex> lock(rep_->mu);
  Service* s = rep_->Find(service);
  if (s == nullptr) return Status::NotFound("no service " + service);
  s->start_after_stop = false;
  if (s->pid == 0) {
    s->restart_pending = false;
    rep_->SetStatus(*s, ServiceStatus::kIdle);
  } else if (!s->stopping) {
    rep_->BeginStop(*s);
  }
  rep_->Deliver(lock);
  return Status::Ok();
}

Status ProcessExecutor::Restart(const std::string& service) {
  std::unique_lock<std::mutex> lock(rep_->mu);
  Service* s = rep_->Find(service);
  if (s == nullptr) return Status::NotFound("no service " + service);
  Status result;
  if (s->pid == 0) {
    s->consecutive_failures = 0;
    result = rep_->Launch(*s, kFailureOnStart);
  } else {
    if (!s->stopping) rep_->BeginStop(*s);
    s->start_after_stop = true;
  }
  rep_->Deliver(lock);
  return result;
}

Status ProcessExecutor::Inspect(const std::string& service, ServiceState* out) {
  std::lock_guard<std::mutex> lock(rep_->mu);
  Service* s = rep_->Find(service);
  if (s == nullptr) return Status::NotFound("no service " + service);
  ServiceState state;
  state.name = s->spec.name;
  state.status = s->status;
  state.restart_count = s->restart_count;
  state.has_exit_code = s->has_exit;
  state.last_exit_code = s->exit_code;
  state.fault_code = s->fault_code;
  state.fault_message = s->fault_message;
  state.autostart = s->spec.autostart;
  if (s->pid != 0) {
    state.pids = ProcessGroupMembers(s->pid);
    if (state.pids.empty() || state.pids.front() != s->pid) {
      state.pids.insert(state.pids.begin(), s->pid);
    }
    uint64_t ticks = 0;
    tr181::ProcStat leader;
    bool have_leader = false;
    for (int pid : state.pids) {
      tr181::ProcStat sample;
      if (!tr181::ReadProcStat(static_cast<uint32_t>(pid), &sample)) continue;
      ticks += sample.cpu_ticks;
      state.memory_bytes += sample.rss_kib * 1024;
      if (pid == s->pid) {
        leader = sample;
        have_leader = true;
      }
    }
    const double hz = static_cast<double>(tr181::ClockTicksPerSecond());
    Clock::time_point now = Clock::now();
    if (have_leader) {
      double uptime = SystemUptimeSeconds() - static_cast<double>(leader.start_ticks) / hz;
      state.uptime_seconds = uptime > 0 ? static_cast<uint64_t>(uptime) : 0;
    }
    Clock::time_point since = s->has_cpu_sample ? s->cpu_sampled : s->started;
    uint64_t before = s->has_cpu_sample ? s->cpu_ticks : 0;
    double wall = std::chrono::duration<double>(now - since).count();
    if (wall > 0 && ticks >= before) {
      state.cpu_percent = 100.0 * (static_cast<double>(ticks - before) / hz) / wall;
    }
    s->has_cpu_sample = true;
    s->cpu_ticks = ticks;
    s->cpu_sampled = now;
  }
  *out = std::move(state);
  return Status::Ok();
}

Status ProcessExecutor::List(std::vector<std::string>* services) {
  std::lock_guard<std::mutex> lock(rep_->mu);
  services->clear();
  for (const auto& entry : rep_->services) services->push_back(entry.first);
  return Status::Ok();
}

void ProcessExecutor::SetStateCallback(StateCallback callback) {
  std::lock_guard<std::mutex> lock(rep_->mu);
  rep_->callback = std::move(callback);
}

}  // namespace edgecwmp::edgex
