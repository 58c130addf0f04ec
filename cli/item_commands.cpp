// wardcast bulletin add|list|show, clip add|list|show, approve, reject
// (SPEC §4). Media goes through ingest (content/ingest), text through TTS;
// the store (content/store.hpp) keeps the items and enforces who may do what.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>

#include "cli/cli_context.hpp"
#include "content/ingest/ingest.hpp"
#include "content/ingest/tts.hpp"
#include "content/ingest_lock.hpp"
#include "content/store.hpp"

namespace wardcast::cli {
namespace {
namespace fs = std::filesystem;

struct OpenedStore {
  StationConfig config;
  std::unique_ptr<Store> store;
};

template <class T>
T orFail(Result<T> result) {
  if (!result) throw UserError(result.error().message);
  return std::move(result.value());
}

OpenedStore openStore(const CliContext& ctx) {
  OpenedStore out{ctx.loadConfig(), nullptr};
  out.store = orFail(Store::open(out.config.station.data_dir));
  for (const auto& missing : out.store->openReport().missing_asset_files)
    std::cerr << "wardcast: warning: asset file missing (row kept): " << missing << "\n";
  return out;
}

// The acting user (--user), who must exist.
User actingUser(const CliContext& ctx, Store& store, const char* needed) {
  if (!ctx.user) throw UserError(fmt::format("this command needs --user NAME ({})", needed));
  return orFail(store.users().find(*ctx.user));
}

std::optional<Date> dateOption(const std::optional<std::string>& text, const char* flag) {
  if (!text) return std::nullopt;
  auto date = parseDate(*text);
  if (!date) throw UserError(fmt::format("{} '{}' is not a date (expected YYYY-MM-DD)", flag, *text));
  return date;
}

std::string formatDuration(std::chrono::milliseconds d) {
  auto tenths = (d.count() + 50) / 100;
  return fmt::format("{}:{:02}.{}", tenths / 600, (tenths / 10) % 60, tenths % 10);
}

std::string formatInstant(const StationConfig& config, SysMillis at) {
  auto zone = TimeZone::load(config.station.timezone);
  return zone ? zone->formatIso(at) : std::to_string(at.time_since_epoch().count());
}

// A file under data_dir/tmp that is removed when this goes out of scope.
class TempFile {
 public:
  TempFile(const fs::path& data_dir, const std::string& suffix) {
    std::random_device rd;
    path_ = data_dir / "tmp" / fmt::format("cli-{}-{:08x}{}", ::getpid(), rd(), suffix);
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct AddOptions {
  ItemKind kind = ItemKind::kBulletin;
  std::string topic;
  std::string title;
  std::optional<std::string> text;
  std::optional<fs::path> media;
  std::optional<std::string> valid_from;
  std::optional<std::string> valid_to;
};

AssetInfo ingestMedia(const AddOptions& o, const StationConfig& config) {
  IngestLimits limits{config.station.max_asset_bytes, config.station.image_duration};
  auto expect = o.kind == ItemKind::kClip ? IngestExpect::kClip : IngestExpect::kBulletin;
  if (o.media) return orFail(ingestFile(*o.media, expect, config.station.data_dir, limits));
  TempFile wav(config.station.data_dir, ".wav");
  SpeechSettings speech{config.station.tts_voice, config.station.tts_rate_wpm};
  orFail(synthesizeSpeech(*o.text, speech, wav.path()));
  return orFail(ingestFile(wav.path(), expect, config.station.data_dir, limits));
}

void runAdd(const AddOptions& o, const CliContext& ctx) {
  NewItem item{o.kind, o.topic, o.title, o.text, std::nullopt, dateOption(o.valid_from, "--valid-from"),
               dateOption(o.valid_to, "--valid-to")};
  if (item.valid_from && item.valid_to && *item.valid_to < *item.valid_from)
    throw UserError(fmt::format("--valid-to {} is before --valid-from {}", *o.valid_to, *o.valid_from));
  if (o.text && o.text->find_first_not_of(" \t\r\n") == std::string::npos)
    throw UserError("--text is empty");
  if (o.media) item.source_file = o.media->filename().string();
  auto opened = openStore(ctx);
  User user = actingUser(ctx, *opened.store, "an editor");
  if (user.role != Role::kEditor && user.role != Role::kAdmin)
    throw UserError(fmt::format("'{}' is {}; adding {}s needs an editor or an admin", user.name,
                                toString(user.role), toString(o.kind)));
  // Held until the row is committed, so no sweep takes the new asset file
  // for an orphan.
  auto lock = orFail(IngestLock::acquire(opened.config.station.data_dir, IngestLock::Mode::kShared));
  AssetInfo asset = ingestMedia(o, opened.config);
  Item stored = orFail(opened.store->items().add(item, asset, user.name));
  std::cout << fmt::format("added {} {} \"{}\" on topic {}: {}, {}", toString(stored.kind), stored.id,
                           stored.title, stored.topic_id, toString(stored.state),
                           formatDuration(stored.duration()))
            << (asset.loudness_lufs ? fmt::format(", {:.1f} LUFS", *asset.loudness_lufs) : std::string())
            << "\n"
            << stored.id << "\n";
}

nlohmann::json assetJson(const AssetInfo& a) {
  nlohmann::json j{{"sha256", a.sha256},           {"kind", toString(a.kind)},
                   {"path", a.relative_path},      {"size_bytes", a.size_bytes},
                   {"container", a.container},     {"audio_codec", a.audio_codec},
                   {"video_codec", a.video_codec}, {"duration_ms", a.duration.count()},
                   {"sample_rate", a.sample_rate}, {"channels", a.channels},
                   {"width", a.width},             {"height", a.height},
                   {"frame_rate", a.frame_rate}};
  j["loudness_lufs"] = a.loudness_lufs ? nlohmann::json(*a.loudness_lufs) : nlohmann::json();
  j["true_peak_dbtp"] = a.true_peak_dbtp ? nlohmann::json(*a.true_peak_dbtp) : nlohmann::json();
  return j;
}

nlohmann::json itemJson(const Item& i, const StationConfig& config) {
  auto opt = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  auto date = [](const std::optional<Date>& d) { return d ? nlohmann::json(formatDate(*d)) : nlohmann::json(); };
  return {{"id", i.id},
          {"kind", toString(i.kind)},
          {"title", i.title},
          {"topic", i.topic_id},
          {"state", toString(i.state)},
          {"duration_ms", i.duration().count()},
          {"valid_from", date(i.valid_from)},
          {"valid_to", date(i.valid_to)},
          {"author", i.author},
          {"decided_by", opt(i.decided_by)},
          {"reason", opt(i.reason)},
          {"text", opt(i.text)},
          {"source_file", opt(i.source_file)},
          {"created", formatInstant(config, i.created)},
          {"decided", i.decided ? nlohmann::json(formatInstant(config, *i.decided)) : nlohmann::json()},
          {"asset", assetJson(i.asset)}};
}

void printListLine(const Item& i) {
  std::cout << fmt::format("{:<6} {:<9} {:>8}  {:<16} {}\n", i.id, toString(i.state),
                           formatDuration(i.duration()), i.topic_id, i.title);
}

void printAssetText(const AssetInfo& a) {
  auto line = [](const char* label, const std::string& value) {
    if (!value.empty()) std::cout << fmt::format("  {:<13}{}\n", label, value);
  };
  std::cout << "asset:\n";
  line("sha256:", a.sha256);
  line("kind:", toString(a.kind));
  line("file:", a.relative_path);
  line("size:", fmt::format("{} bytes", a.size_bytes));
  line("container:", a.container);
  line("audio codec:", a.audio_codec);
  line("video codec:", a.video_codec);
  line("duration:", fmt::format("{} ({} ms)", formatDuration(a.duration), a.duration.count()));
  if (a.sample_rate) line("audio:", fmt::format("{} Hz, {} channel(s)", a.sample_rate, a.channels));
  if (a.width) line("video:", fmt::format("{}x{} at {:.2f} fps", a.width, a.height, a.frame_rate));
  line("loudness:", a.loudness_lufs ? fmt::format("{:.1f} LUFS", *a.loudness_lufs) : "not measured");
  line("true peak:", a.true_peak_dbtp ? fmt::format("{:.1f} dBTP", *a.true_peak_dbtp) : "not measured");
}

void printShowText(const Item& i, const StationConfig& config) {
  auto line = [](const char* label, const std::string& value) {
    std::cout << fmt::format("{:<13}{}\n", label, value);
  };
  auto dateText = [](const std::optional<Date>& d) { return d ? formatDate(*d) : std::string("(open)"); };
  line("id:", i.id);
  line("kind:", toString(i.kind));
  line("title:", i.title);
  line("topic:", i.topic_id);
  line("state:", toString(i.state));
  line("author:", i.author);
  line(i.state == ItemState::kRejected ? "rejected by:" : "approver:", i.decided_by.value_or("-"));
  line("reason:", i.reason.value_or("-"));
  line("valid:", dateText(i.valid_from) + " .. " + dateText(i.valid_to));
  line("created:", formatInstant(config, i.created));
  line("decided:", i.decided ? formatInstant(config, *i.decided) : "-");
  line("duration:", formatDuration(i.duration()));
  line("source file:", i.source_file.value_or("-"));
  line("text:", i.text.value_or("-"));
  printAssetText(i.asset);
}

void addFormatOption(CLI::App* cmd, std::string& format) {
  cmd->add_option("--format", format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
}

void registerFamily(CLI::App& app, CliContext& ctx, ItemKind kind) {
  bool clip = kind == ItemKind::kClip;
  auto* family = app.add_subcommand(toString(kind), clip ? "LED clips: add, list, show"
                                                         : "bulletins for the loudspeakers: add, list, show");
  family->require_subcommand(1);

  auto add_opts = std::make_shared<AddOptions>();
  add_opts->kind = kind;
  auto* add = family->add_subcommand("add", clip ? "ingest a video (or still image) as a draft clip"
                                                 : "ingest recorded audio, or speak --text by TTS, as a draft bulletin");
  add->add_option("--topic", add_opts->topic, "topic id (an unknown id becomes an unplanned topic)")->required();
  add->add_option("--title", add_opts->title, "title shown in lists and on the LED ticker")->required();
  if (clip) {
    add->add_option("--video", add_opts->media, "video or image file")->required()->check(CLI::ExistingFile);
  } else {
    auto* source = add->add_option_group("content", "exactly one of --text and --audio");
    source->add_option("--text", add_opts->text, "text to speak (kept with the bulletin)");
    source->add_option("--audio", add_opts->media, "recorded audio file")->check(CLI::ExistingFile);
    source->require_option(1);
  }
  add->add_option("--valid-from", add_opts->valid_from, "first day it may air, YYYY-MM-DD");
  add->add_option("--valid-to", add_opts->valid_to, "last day it may air, YYYY-MM-DD");
  add->callback([add_opts, &ctx] { runAdd(*add_opts, ctx); });

  struct ListOptions {
    std::string format = "text";
    std::optional<std::string> state;
    std::optional<std::string> topic;
  };
  auto list_opts = std::make_shared<ListOptions>();
  auto* list = family->add_subcommand("list", "one line per item: id, state, duration, topic, title");
  addFormatOption(list, list_opts->format);
  list->add_option("--state", list_opts->state, "only draft, approved or rejected items")
      ->check(CLI::IsMember({"draft", "approved", "rejected"}));
  list->add_option("--topic", list_opts->topic, "only items of this topic");
  list->callback([list_opts, kind, &ctx] {
    auto opened = openStore(ctx);
    ItemFilter filter{kind, std::nullopt, list_opts->topic};
    if (list_opts->state) filter.state = parseItemState(*list_opts->state);
    auto items = orFail(opened.store->items().list(filter));
    if (list_opts->format == "json") {
      auto out = nlohmann::json::array();
      for (const auto& i : items) out.push_back(itemJson(i, opened.config));
      std::cout << out.dump(2) << "\n";
      return;
    }
    for (const auto& i : items) printListLine(i);
  });

  auto show_format = std::make_shared<std::string>("text");
  auto show_id = std::make_shared<std::string>();
  auto* show = family->add_subcommand("show", "every field of one item, with its asset's facts");
  show->add_option("ID", *show_id, clip ? "clip id, e.g. c3" : "bulletin id, e.g. b12")->required();
  addFormatOption(show, *show_format);
  show->callback([show_format, show_id, kind, &ctx] {
    auto opened = openStore(ctx);
    if (itemKindOfId(*show_id) != kind)
      throw UserError(fmt::format("no {} '{}' ({} ids look like {})", toString(kind), *show_id, toString(kind),
                                  kind == ItemKind::kClip ? "c3" : "b12"));
    Item item = orFail(opened.store->items().get(*show_id));
    if (*show_format == "json")
      std::cout << itemJson(item, opened.config).dump(2) << "\n";
    else
      printShowText(item, opened.config);
  });
}

void registerDecisions(CLI::App& app, CliContext& ctx) {
  auto approve_id = std::make_shared<std::string>();
  auto* approve = app.add_subcommand("approve", "approve a draft bulletin or clip (approver, not its author)");
  approve->add_option("ID", *approve_id, "item id, e.g. b12 or c3")->required();
  approve->callback([approve_id, &ctx] {
    auto opened = openStore(ctx);
    User user = actingUser(ctx, *opened.store, "an approver");
    Item item = orFail(opened.store->items().approve(*approve_id, user.name));
    std::cout << fmt::format("approved {} \"{}\"\n", item.id, item.title);
  });

  struct RejectOptions {
    std::string id;
    std::string reason;
  };
  auto reject_opts = std::make_shared<RejectOptions>();
  auto* reject = app.add_subcommand("reject", "reject a draft bulletin or clip, saying why");
  reject->add_option("ID", reject_opts->id, "item id, e.g. b12 or c3")->required();
  reject->add_option("--reason", reject_opts->reason, "why it may not air")->required();
  reject->callback([reject_opts, &ctx] {
    auto opened = openStore(ctx);
    User user = actingUser(ctx, *opened.store, "an approver");
    Item item = orFail(opened.store->items().reject(reject_opts->id, user.name, reject_opts->reason));
    std::cout << fmt::format("rejected {} \"{}\": {}\n", item.id, item.title, *item.reason);
  });
}

}  // namespace

void registerItemCommands(CLI::App& app, CliContext& ctx) {
  registerFamily(app, ctx, ItemKind::kBulletin);
  registerFamily(app, ctx, ItemKind::kClip);
  registerDecisions(app, ctx);
}

}  // namespace wardcast::cli
