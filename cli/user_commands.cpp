#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"

namespace wardcast::cli {

void registerUserCommands(CLI::App& app, CliContext& ctx) {
  (void)app;
  (void)ctx;
}

}  // namespace wardcast::cli
