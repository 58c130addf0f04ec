// The commands that concern wardcastd:
//   wardcast status [--format text|json]   asks the running daemon (its
//       Unix socket) what every channel has on air, what is next and how
//       its outputs are; says so clearly when no daemon runs.
//   wardcast asrun [--date D] [--channel C] [--format text|json]   the
//       as-run log of a local day, read from the store with the same view
//       the daemon's GET /api/v1/as-run serves (daemon/as_run_view.hpp), so
//       it works whether or not the daemon runs.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>

#include "cli/cli_context.hpp"
#include "cli/daemon_client.hpp"
#include "content/store.hpp"
#include "daemon/as_run_view.hpp"

namespace wardcast::cli {
namespace {

using nlohmann::json;

struct Format {
  std::string value = "text";
};

std::string localClock(const json& iso) { return iso.is_string() ? iso.get<std::string>().substr(11, 8) : "?"; }

std::string statusText(const json& status) {
  std::string out = fmt::format("{} — wardcastd pid {}, up since {}\n", status.at("station").get<std::string>(),
                                status.at("pid").get<int>(), status.at("started").get<std::string>());
  for (const auto& c : status.at("channels")) {
    out += fmt::format("{:<12} {:<11} {}", c.at("id").get<std::string>(), c.at("kind").get<std::string>(),
                       c.at("status").get<std::string>());
    if (!c.at("on_air").is_null())
      out += fmt::format(", playing {} since {}", c["on_air"]["item"].get<std::string>(),
                         localClock(c["on_air"]["since"]));
    else
      out += ", silence";
    if (!c.at("next").is_null())
      out += fmt::format("; next {} at {}", c["next"]["item"].get<std::string>(), localClock(c["next"]["start"]));
    if (c.at("dead_air").get<bool>()) out += "; DEAD AIR";
    out += "\n";
    for (const auto& o : c.at("outputs"))
      out += fmt::format("    {} {}{}\n", o.at("up").get<bool>() ? "up  " : "DOWN", o.at("uri").get<std::string>(),
                         o.at("message").get<std::string>().empty() ? "" : ": " + o["message"].get<std::string>());
    if (c.contains("error")) out += "    error: " + c["error"].get<std::string>() + "\n";
  }
  return out;
}

void runStatus(const CliContext& ctx, const Format& format) {
  StationConfig config = ctx.loadConfig();
  DaemonClient client(config.apiSocket());
  auto reply = client.request(boost::beast::http::verb::get, "/api/v1/status", ctx.user.value_or(""));
  if (!reply) throw UserError(reply.error().message);
  if (reply->status != 200) throw UserError(fmt::format("wardcastd answered {}: {}", reply->status, reply->body));
  json status = json::parse(reply->body);
  std::cout << (format.value == "json" ? status.dump(2) + "\n" : statusText(status));
}

struct AsRunOptions {
  std::string date;
  std::optional<std::string> channel;
  Format format;
};

void runAsRun(const CliContext& ctx, const AsRunOptions& options) {
  StationConfig config = ctx.loadConfig();
  if (options.channel && !config.findChannel(*options.channel))
    throw UserError("no channel \"" + *options.channel + "\" in " + config.source.string());
  auto zone = TimeZone::load(config.station.timezone);
  if (!zone) throw UserError(zone.error().message);
  Date date = zone->localDate(ctx.clock.now());
  if (!options.date.empty()) {
    auto parsed = parseDate(options.date);
    if (!parsed) throw UserError("--date " + options.date + " is not a date (YYYY-MM-DD)");
    date = *parsed;
  }
  auto store = Store::open(config.station.data_dir);
  if (!store) throw UserError(store.error().message);
  auto view = daemon::asRunJson(**store, *zone, date, options.channel);
  if (!view) throw UserError(view.error().message);
  std::cout << (options.format.value == "json" ? view->dump(2) + "\n" : daemon::asRunText(*view));
}

}  // namespace

void registerDaemonCommands(CLI::App& app, CliContext& ctx) {
  auto status_format = std::make_shared<Format>();
  auto* status = app.add_subcommand("status", "what the running wardcastd has on air, channel by channel");
  status->add_option("--format", status_format->value, "text or json")->check(CLI::IsMember({"text", "json"}));
  status->callback([&ctx, status_format] { runStatus(ctx, *status_format); });

  auto options = std::make_shared<AsRunOptions>();
  auto* asrun = app.add_subcommand("asrun", "what really aired on a local day (the as-run log)");
  asrun->add_option("--date", options->date, "local day YYYY-MM-DD (default today)");
  asrun->add_option("--channel", options->channel, "one channel only");
  asrun->add_option("--format", options->format.value, "text or json")->check(CLI::IsMember({"text", "json"}));
  asrun->callback([&ctx, options] { runAsRun(ctx, *options); });
}

}  // namespace wardcast::cli
