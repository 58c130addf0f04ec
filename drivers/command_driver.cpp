#include "drivers/command_driver.hpp"

#include <fmt/format.h>

#include "drivers/child_process.hpp"

namespace wardcast::drivers {
namespace {

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text.empty() ? std::string("no output") : "output: " + text;
}

}  // namespace

CommandDriver::CommandDriver(CommandConfig config) : config_(std::move(config)) {}

std::string CommandDriver::describe() const {
  return fmt::format("exec {}", config_.program.string());
}

Status CommandDriver::powerOn() {
  return runWith(config_.on_args);
}
Status CommandDriver::powerOff() {
  return runWith(config_.off_args);
}

Status CommandDriver::runWith(const std::vector<std::string>& args) {
  std::vector<std::string> argv{config_.program.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  auto outcome = runBounded(argv, config_.timeout);
  if (!outcome) return outcome.error();
  const std::string command = fmt::format("{} {}", argv.front(), fmt::join(args, " "));
  if (outcome->timed_out) {
    return makeError(ErrorKind::kIo,
                     fmt::format("{}: no exit within {} ms, killed; {}", command,
                                 config_.timeout.count(), trimmed(outcome->output)));
  }
  if (outcome->signal != 0) {
    return makeError(ErrorKind::kIo, fmt::format("{}: killed by signal {}; {}", command,
                                                 outcome->signal, trimmed(outcome->output)));
  }
  if (outcome->exit_code != 0) {
    return makeError(ErrorKind::kIo, fmt::format("{}: exit status {}; {}", command,
                                                 outcome->exit_code, trimmed(outcome->output)));
  }
  return okStatus();
}

}  // namespace wardcast::drivers
