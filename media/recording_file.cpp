#include "media/recording_file.hpp"

#include <fmt/format.h>

#include <chrono>
#include <ctime>

namespace wardcast::media {
namespace {

std::string stamp(std::filesystem::file_time_type changed) {
  auto system = std::chrono::file_clock::to_sys(changed);
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::time_point_cast<std::chrono::seconds>(system));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[24];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &tm);
  return text;
}

}  // namespace

Result<std::filesystem::path> keepEarlierRecording(const std::filesystem::path& file) {
  std::error_code ec;
  auto size = std::filesystem::file_size(file, ec);
  if (ec || size == 0) return std::filesystem::path();
  auto changed = std::filesystem::last_write_time(file, ec);
  if (ec) return makeError(ErrorKind::kIo, fmt::format("recording {}: {}", file.string(), ec.message()));
  std::string base = file.stem().string() + "-" + stamp(changed);
  std::filesystem::path aside = file.parent_path() / (base + file.extension().string());
  for (int n = 2; std::filesystem::exists(aside); ++n)
    aside = file.parent_path() / fmt::format("{}-{}{}", base, n, file.extension().string());
  std::filesystem::rename(file, aside, ec);
  if (ec)
    return makeError(ErrorKind::kIo, fmt::format("cannot keep the earlier recording {} as {}: {}", file.string(),
                                                 aside.filename().string(), ec.message()));
  return aside;
}

}  // namespace wardcast::media
