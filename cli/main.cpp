// wardcast: the station's command line (SPEC §4). Parse, dispatch, map
// errors to exit codes; the work is in the command files and the libraries.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/cli_context.hpp"

int main(int argc, char** argv) {
  using namespace wardcast;
  cli::CliContext ctx;
  auto clock = WallClock::fromEnvironment();
  if (!clock) {
    std::cerr << "wardcast: " << clock.error().message << "\n";
    return 1;
  }
  ctx.clock = *clock;
  CLI::App app{"wardcast: plan, keep and put on air a ward's public broadcasts"};
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--config", ctx.config_path, "station file (default /etc/wardcast/wardcast.toml, else the demo station)");
  app.add_option("--data-dir", ctx.data_dir, "data directory, overrides the station file's");
  app.add_option("--user", ctx.user, "who is acting (an existing user)");

  cli::registerUserCommands(app, ctx);
  cli::registerItemCommands(app, ctx);
  cli::registerPlanCommands(app, ctx);
  cli::registerScheduleCommands(app, ctx);
  cli::registerPlayCommands(app, ctx);
  cli::registerDaemonCommands(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "wardcast: " << e.what() << "\n"
              << "Run 'wardcast --help' (or 'wardcast COMMAND --help') for usage.\n";
    return 2;
  } catch (const cli::UserError& e) {
    std::cerr << "wardcast: " << e.what() << "\n";
    return 1;
  } catch (const ConfigError& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
