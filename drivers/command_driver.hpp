#pragma once
// CommandDriver: switches an amplifier by running a configured program,
// e.g. a vendor tool or a GPIO script:
//   exec:///usr/local/bin/amp?on=--zone&on=3&on=up&off=--zone&off=3&off=down&timeout=5s
// runs `/usr/local/bin/amp --zone 3 up` to power on. Each `on`/`off` value
// is ONE argument, passed to the program as is through posix_spawn: no shell
// is involved, so nothing in the config is ever parsed as shell syntax.
// Without `on`/`off` options the single argument "on" or "off" is passed.
//
// The program gets /dev/null as standard input; its standard output and
// error are collected (the last 2 KiB go into the error message). Exit
// status 0 means success. When `timeout` passes, its process group gets
// SIGTERM, then SIGKILL a second later, and the call fails.
//
// Threads: each call blocks until the program exits or for at most
// `timeout` + 1 s. Not thread-safe (see AmplifierDriver).
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "drivers/amplifier_driver.hpp"

namespace wardcast::drivers {

struct CommandConfig {
  std::filesystem::path program;  // absolute path, executed directly
  std::vector<std::string> on_args{"on"};
  std::vector<std::string> off_args{"off"};
  std::chrono::milliseconds timeout{std::chrono::seconds(10)};
};

class CommandDriver final : public AmplifierDriver {
 public:
  explicit CommandDriver(CommandConfig config);

  Status powerOn() override;
  Status powerOff() override;
  std::string describe() const override;

 private:
  Status runWith(const std::vector<std::string>& args);

  CommandConfig config_;
};

}  // namespace wardcast::drivers
