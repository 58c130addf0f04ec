#pragma once
// runBounded(): runs a program with arguments (no shell) and waits for it
// with a deadline. Used by CommandDriver; kept apart so the process plumbing
// (posix_spawn, pipes, process group, kill on timeout) reads on its own.
// Blocks the calling thread until the child exits or the deadline passes
// (then at most 1 s more while it is killed).
#include <chrono>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace wardcast::drivers {

struct ChildOutcome {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;      // the signal that ended it, 0 when it exited
  bool timed_out = false;
  std::string output;  // the last `keep_bytes` of stdout+stderr
};

// argv[0] must be a path (it is not looked up in PATH). Fails only when the
// program cannot be started; a non-zero exit is reported in ChildOutcome.
Result<ChildOutcome> runBounded(const std::vector<std::string>& argv,
                                std::chrono::milliseconds timeout, std::size_t keep_bytes = 2048);

}  // namespace wardcast::drivers
