#include "content/ingest/ingest.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <future>
#include <system_error>

#include <fmt/format.h>

#include "content/ingest/asset_writer.hpp"
#include "content/ingest/media_inspector.hpp"

namespace wardcast {
namespace {

namespace fs = std::filesystem;
using ingest_detail::AssetWriter;
using ingest_detail::CopiedFile;
using ingest_detail::MediaInspector;

std::string humanBytes(std::uint64_t bytes) {
  if (bytes >= (1ull << 30)) return fmt::format("{:.1f} GiB", bytes / double(1ull << 30));
  if (bytes >= (1ull << 20)) return fmt::format("{:.1f} MiB", bytes / double(1ull << 20));
  if (bytes >= (1ull << 10)) return fmt::format("{:.1f} KiB", bytes / double(1ull << 10));
  return fmt::format("{} bytes", bytes);
}

struct SourceStat {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

// The checks a person expects before any decoding: exists, is a readable
// regular file, not empty, within the size limit.
Result<SourceStat> checkSource(const fs::path& file, const IngestLimits& limits) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    int err = errno;
    if (err == ENOENT || err == ENOTDIR) {
      return makeError(ErrorKind::kNotFound, file.string() + ": no such file");
    }
    return makeError(ErrorKind::kInvalidInput,
                     file.string() + ": cannot be read (" + std::strerror(err) + ")");
  }
  if (S_ISDIR(st.st_mode)) {
    return makeError(ErrorKind::kInvalidInput,
                     file.string() + ": is a directory, not a media file");
  }
  if (!S_ISREG(st.st_mode)) {
    return makeError(ErrorKind::kInvalidInput, file.string() + ": is not a regular file");
  }
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return makeError(ErrorKind::kInvalidInput,
                     file.string() + ": cannot be read (" + std::strerror(errno) + ")");
  }
  ::close(fd);
  auto size = static_cast<std::uint64_t>(st.st_size);
  if (size == 0)
    return makeError(ErrorKind::kInvalidInput, file.string() + ": empty file (0 bytes)");
  if (size > limits.max_bytes) {
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("{}: too large ({}; the limit is {})", file.string(),
                                 humanBytes(size), humanBytes(limits.max_bytes)));
  }
  return SourceStat{size,
                    static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

}  // namespace

Result<AssetInfo> probeMedia(const fs::path& file, IngestExpect expect,
                             const IngestLimits& limits) {
  auto source = checkSource(file, limits);
  if (!source) return source.error();
  MediaInspector inspector(file, expect, limits);
  auto info = inspector.run();
  if (!info) return info;
  info->size_bytes = source->size;
  return info;
}

Result<AssetInfo> ingestFile(const fs::path& file, IngestExpect expect, const fs::path& data_dir,
                             const IngestLimits& limits) {
  auto source = checkSource(file, limits);
  if (!source) return source.error();
  auto writer = AssetWriter::begin(data_dir);
  if (!writer) return writer.error();
  // Copy and hash on a helper thread while this one decodes and measures.
  // A refusal cancels the copy: nothing of a bad file is kept.
  std::atomic<bool> refused{false};
  auto copying = std::async(std::launch::async, [&] { return writer->copyFrom(file, &refused); });
  MediaInspector inspector(file, expect, limits);
  Result<AssetInfo> info = inspector.run();
  refused = !info.ok();
  Result<CopiedFile> copied = copying.get();
  if (!info) return info;
  if (!copied) return copied.error();
  auto after = checkSource(file, limits);
  if (!after || after->size != source->size || after->mtime_ns != source->mtime_ns ||
      copied->size_bytes != source->size) {
    return makeError(ErrorKind::kConflict, file.string() + ": changed while being ingested");
  }
  auto relative = writer->commit(copied->sha256, ingest_detail::storedExtension(*info));
  if (!relative) return relative.error();
  info->sha256 = copied->sha256;
  info->relative_path = *relative;
  info->size_bytes = copied->size_bytes;
  return info;
}

void sweepIngestTemp(const fs::path& data_dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(data_dir / "tmp", ec)) {
    std::string name = entry.path().filename().string();
    if (!name.starts_with(AssetWriter::kTempPrefix) || !name.ends_with(AssetWriter::kTempSuffix)) {
      continue;
    }
    int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    // A live ingest holds the lock; only abandoned files can be locked here.
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) ::unlink(entry.path().c_str());
    ::close(fd);
  }
}

}  // namespace wardcast
