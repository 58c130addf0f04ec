#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"

namespace wardcast::cli {

void registerItemCommands(CLI::App& app, CliContext& ctx) {
  (void)app;
  (void)ctx;
}

}  // namespace wardcast::cli
