#include "media/rendition/air_rendition.hpp"

#include <fmt/format.h>
#include <boost/asio/post.hpp>

#include <cctype>

#include "media/audio_format.hpp"

namespace wardcast::media {
namespace {

bool isSha256(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// FNV-1a, 64 bits: a stable name for a file that is not a stored asset.
std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : text) hash = (hash ^ c) * 0x100000001b3ull;
  return hash;
}

std::string sourceId(const std::filesystem::path& file) {
  std::string stem = file.stem().string();
  if (isSha256(stem)) return stem;  // content-addressed already
  std::error_code ec;
  auto absolute = std::filesystem::absolute(file, ec);
  auto size = std::filesystem::file_size(file, ec);
  auto written = std::filesystem::last_write_time(file, ec).time_since_epoch().count();
  return fmt::format("{:016x}", fnv1a(fmt::format("{}|{}|{}", absolute.string(), size, written)));
}

}  // namespace

AirRenditionCache::AirRenditionCache(boost::asio::any_io_executor executor,
                                     std::filesystem::path data_dir, LoudnessTarget target,
                                     RenditionFormat format)
    : executor_(std::move(executor)),
      data_dir_(std::move(data_dir)),
      target_(target),
      format_(format) {}

AirRenditionCache::~AirRenditionCache() {
  *alive_ = false;
  jobs_.clear();  // stops the renders (their temporary files are removed)
}

double AirRenditionCache::gainDb(const ProgramItem& item) const {
  return itemGainDb(item.loudness, target_, kProgramChannels);
}

std::filesystem::path AirRenditionCache::pathFor(const ProgramItem& item) const {
  std::string id = sourceId(item.path);
  std::string name;
  if (const auto* opus = std::get_if<AirFormat>(&format_))
    name = fmt::format("{}_{:+.2f}dB_opus{}k{}ms.opus", id, gainDb(item), opus->bitrate_kbps,
                       opus->frame_ms);
  else
    name = fmt::format("{}_{:+.2f}dB_mp3{}k{}khz.mp3", id, gainDb(item),
                       std::get<Mp3AirFormat>(format_).bitrate_kbps, kMp3AirRate / 1000);
  return data_dir_ / "renditions" / id.substr(0, 2) / name;
}

void AirRenditionCache::discard(const ProgramItem& item) {
  std::error_code ignored;
  std::filesystem::remove(pathFor(item), ignored);
}

void AirRenditionCache::ensure(const ProgramItem& item, Done done) {
  auto path = pathFor(item);
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) {
    boost::asio::post(executor_, [done = std::move(done), path]() { done(path); });
    return;
  }
  if (auto it = jobs_.find(path); it != jobs_.end()) {
    it->second.waiters.push_back(std::move(done));
    return;
  }
  Job& job = jobs_[path];
  job.waiters.push_back(std::move(done));
  std::string id = item.id;
  auto render =
      RenderJob::start(executor_, item.path, gainDb(item), format_, path,
                       [this, path, id, alive = std::weak_ptr<bool>(alive_)](Status status) {
                         if (alive.lock()) finished(path, id, std::move(status));
                       });
  ++renders_started_;
  if (!render) {
    finished(path, id, render.error());
    return;
  }
  job.render = std::move(*render);
}

void AirRenditionCache::finished(const std::filesystem::path& path, const std::string& item_id,
                                 Status status) {
  auto it = jobs_.find(path);
  if (it == jobs_.end()) return;
  Job job = std::move(it->second);
  jobs_.erase(it);
  // The job is destroyed later: this runs inside its pipeline's handler.
  boost::asio::post(executor_, [render = std::shared_ptr<RenderJob>(std::move(job.render))]() {});
  for (auto& waiter : job.waiters) {
    Result<std::filesystem::path> result =
        status.ok() ? Result<std::filesystem::path>(path)
                    : Result<std::filesystem::path>(makeError(
                          status.error().kind, "item " + item_id + ": " + status.error().message));
    boost::asio::post(
        executor_, [waiter = std::move(waiter), result = std::move(result)]() { waiter(result); });
  }
}

}  // namespace wardcast::media
