// `wardcast plan import|check` (SPEC §4). `plan apply` is added to the same
// `plan` subcommand by the planner's command file via app.get_subcommand("plan").
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <algorithm>
#include <map>

#include "cli/cli_context.hpp"
#include "content/plan_import/campaign.hpp"
#include "content/plan_import/plan_document.hpp"
#include "content/plan_import/plan_importer.hpp"

namespace wardcast::cli {
namespace {

struct ImportCliOptions {
  std::filesystem::path document;
  std::optional<std::filesystem::path> output;
  std::optional<std::string> neighbourhood_group;  // default: "neighbourhood" if the station has it
};

// The group for "loa tổ dân phố / thôn": the option, else "neighbourhood"
// when the station has such a group (or cannot be loaded), else none.
std::string neighbourhoodGroup(const ImportCliOptions& options, const CliContext& ctx) {
  if (options.neighbourhood_group) return *options.neighbourhood_group;
  constexpr const char* kDefault = "neighbourhood";
  try {
    StationConfig station = ctx.loadConfig();
    if (!station.resolveTarget(std::string("group:") + kDefault).empty()) return kDefault;
    std::cerr << "wardcast: the station has no group '" << kDefault
              << "': neighbourhood loudspeakers are planned as kind:loudspeaker (see --neighbourhood-group)\n";
    return "";
  } catch (const ConfigError&) {
    return kDefault;
  }
}

// The plan's parts of the day and weekdays met with the station's windows,
// when the station can be read; otherwise the guesses say what to check.
void fitPlanToStation(PlanImport& plan, const CliContext& ctx) {
  std::optional<StationConfig> station;
  try {
    station = ctx.loadConfig();
  } catch (const ConfigError&) {
    // No station to ask: the file's comments name what the plan asks for.
  }
  fitToStation(plan, station ? &*station : nullptr);
}

// Writes `content` to `file` through a temporary file in the same directory
// and a rename, so that `file` is either the old one or the complete new
// one. The draft is checked with loadCampaignFile before it replaces `file`.
void writeCampaignAtomically(const std::filesystem::path& file, const std::string& content) {
  std::string pattern = (file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path()) /
                        ("." + file.filename().string() + ".XXXXXX");
  int fd = mkstemp(pattern.data());
  if (fd < 0) throw UserError(fmt::format("{}: cannot create a file there: {}", file.string(), std::strerror(errno)));
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  int saved = errno;
  bool ok = written == content.size() && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(pattern.c_str());
    throw UserError(fmt::format("{}: cannot write: {}", file.string(), std::strerror(saved)));
  }
  try {
    loadCampaignFile(pattern);
  } catch (const CampaignError& e) {
    ::unlink(pattern.c_str());
    throw UserError(fmt::format("internal error: the drafted campaign does not pass its own check:\n{}", e.what()));
  }
  if (std::rename(pattern.c_str(), file.c_str()) != 0) {
    saved = errno;
    ::unlink(pattern.c_str());
    throw UserError(fmt::format("{}: cannot write: {}", file.string(), std::strerror(saved)));
  }
}

void runImport(const ImportCliOptions& options, const CliContext& ctx) {
  Result<std::string> text = readPlanDocument(options.document);
  if (!text) throw UserError(text.error().message);
  ImportOptions import_options;
  import_options.source_name = options.document.filename().string();
  import_options.neighbourhood_group = neighbourhoodGroup(options, ctx);
  // A plan that names no year is for this year (the station's clock).
  import_options.fallback_year =
      int(Date(std::chrono::floor<std::chrono::days>(ctx.clock.now())).year());
  Result<PlanImport> plan = importPlan(*text, import_options);
  if (!plan) throw UserError(fmt::format("{}: {}", options.document.string(), plan.error().message));
  fitPlanToStation(*plan, ctx);
  std::string toml = campaignToToml(*plan);
  if (options.output) writeCampaignAtomically(*options.output, toml);
  else std::cout << toml;
  for (const auto& line : plan->skipped) std::cerr << "wardcast: " << line << "\n";
  std::cerr << fmt::format("wardcast: {} topics from {}{}\n", plan->campaign.topics.size(),
                           options.document.filename().string(),
                           options.output ? " written to " + options.output->string() : "");
}

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

  auto import = std::make_shared<ImportCliOptions>();
  auto* import_cmd = plan->add_subcommand("import", "draft a campaign file from a plan document (.txt .md .docx .pdf)");
  import_cmd->add_option("DOC", import->document, "the plan document")->required();
  import_cmd->add_option("-o,--output", import->output, "write the campaign file here (default: standard output)");
  import_cmd->add_option("--neighbourhood-group", import->neighbourhood_group,
                         "station group of the neighbourhood loudspeakers (loa tổ dân phố / thôn); "
                         "default 'neighbourhood' when the station has it, else kind:loudspeaker");
  import_cmd->callback([import, &ctx] { runImport(*import, ctx); });

  auto check = std::make_shared<CheckOptions>();
  auto* check_cmd = plan->add_subcommand("check", "validate a campaign file (against the station unless --standalone)");
  check_cmd->add_option("FILE", check->file, "campaign file (TOML)")->required();
  check_cmd->add_flag("--standalone", check->standalone,
                      "validate the file alone, without resolving targets and windows against the station");
  check_cmd->callback([check, &ctx] { runCheck(*check, ctx); });
}

}  // namespace wardcast::cli
