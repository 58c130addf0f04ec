// `wardcast plan import|check` (SPEC §4). `plan apply` is added to the same
// `plan` subcommand by the planner's command file via app.get_subcommand("plan").
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <map>

#include "cli/cli_context.hpp"
#include "content/plan_import/campaign.hpp"

namespace wardcast::cli {
namespace {

struct CheckOptions {
  std::filesystem::path file;
  bool standalone = false;
};

std::string quotaSummary(const Campaign& campaign) {
  std::map<std::string, int> per_target;
  size_t quotas = 0;
  for (const auto& topic : campaign.topics) {
    for (const auto& quota : topic.quotas) {
      ++quotas;
      ++per_target[quota.target];
    }
  }
  std::string out = fmt::format("{} quotas", quotas);
  for (const auto& [target, count] : per_target) out += fmt::format("\n  {}: {} topics", target, count);
  return out;
}

void runCheck(const CheckOptions& options, const CliContext& ctx) {
  std::optional<StationConfig> station;
  if (!options.standalone) station = ctx.loadConfig();
  Campaign campaign;
  try {
    campaign = loadCampaignFile(options.file, station ? &*station : nullptr);
  } catch (const CampaignError& e) {
    throw UserError(fmt::format("{} is not a valid campaign file:\n{}", options.file.string(), e.what()));
  }
  std::cout << fmt::format("{}: campaign {} \"{}\", {} .. {}\n", options.file.string(), campaign.id,
                           campaign.title, formatDate(campaign.start), formatDate(campaign.end));
  std::cout << fmt::format("{} topics, {}\n", campaign.topics.size(), quotaSummary(campaign));
  if (!station) std::cout << "(checked without a station: targets and windows not resolved)\n";
}

}  // namespace

void registerPlanCommands(CLI::App& app, CliContext& ctx) {
  auto* plan = app.add_subcommand("plan", "import, check and apply communication plans");
  plan->require_subcommand(1);

  auto check = std::make_shared<CheckOptions>();
  auto* check_cmd = plan->add_subcommand("check", "validate a campaign file (against the station unless --standalone)");
  check_cmd->add_option("FILE", check->file, "campaign file (TOML)")->required();
  check_cmd->add_flag("--standalone", check->standalone,
                      "validate the file alone, without resolving targets and windows against the station");
  check_cmd->callback([check, &ctx] { runCheck(*check, ctx); });
}

}  // namespace wardcast::cli
