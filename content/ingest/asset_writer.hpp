#pragma once
// AssetWriter: puts one file into the content-addressed store, crash-safely.
//
//   begin():    creates data_dir/tmp/ingest-<random>.part (O_EXCL) and holds
//               an flock on it for the writer's lifetime, so sweepIngestTemp()
//               in another process never removes a live temp file;
//   copyFrom(): copies the source into it while hashing the same bytes
//               (libsodium crypto_hash_sha256, streaming), then fsyncs it;
//   commit():   renames it to data_dir/assets/<sha[0:2]>/<sha>.<ext> and
//               fsyncs that directory (and assets/ when the shard is new).
//               When that path exists already (same bytes, same name) the temp
//               file is dropped and the existing file kept.
// The destructor removes the temp file unless commit() succeeded.
// Not thread-safe; copyFrom() may run on another thread than begin()/commit()
// as long as the calls do not overlap.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>

#include "util/result.hpp"

namespace wardcast::ingest_detail {

struct CopiedFile {
  std::string sha256;  // 64 lowercase hex digits
  std::uint64_t size_bytes = 0;
};

class AssetWriter {
 public:
  static Result<AssetWriter> begin(const std::filesystem::path& data_dir);
  ~AssetWriter();
  AssetWriter(AssetWriter&& other) noexcept;
  AssetWriter& operator=(AssetWriter&&) = delete;
  AssetWriter(const AssetWriter&) = delete;
  AssetWriter& operator=(const AssetWriter&) = delete;

  // Stops early, with an error, once `*cancel` is true (may be set from
  // another thread).
  Result<CopiedFile> copyFrom(const std::filesystem::path& source,
                              const std::atomic<bool>* cancel = nullptr);
  // Returns the stored file's path relative to data_dir.
  Result<std::string> commit(const std::string& sha256, const std::string& extension);

  static constexpr const char* kTempPrefix = "ingest-";
  static constexpr const char* kTempSuffix = ".part";

 private:
  AssetWriter(std::filesystem::path data_dir, std::filesystem::path temp, int fd)
      : data_dir_(std::move(data_dir)), temp_(std::move(temp)), fd_(fd) {}
  std::filesystem::path data_dir_;
  std::filesystem::path temp_;
  int fd_ = -1;  // the temp file, open and flock'ed
};

// fsyncs a directory so that a rename or creation in it is durable.
Status syncDirectory(const std::filesystem::path& dir);

}  // namespace wardcast::ingest_detail
