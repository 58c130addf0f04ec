#include "content/ingest/asset_writer.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>
#include <vector>

namespace wardcast::ingest_detail {
namespace {

namespace fs = std::filesystem;
constexpr std::size_t kCopyBlock = 1 << 20;  // bytes per read/hash/write step
// Written data is handed to the disk every this many bytes while copying, so
// the final fsync of a large file has little left to wait for.
constexpr std::uint64_t kWritebackEvery = 8ull << 20;

Error ioError(const std::string& what, const fs::path& path, int err) {
  return makeError(ErrorKind::kIo, what + " " + path.string() + ": " + std::strerror(err));
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

Status writeAll(int fd, const unsigned char* data, std::size_t size, const fs::path& path) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ioError("cannot write", path, errno);
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return okStatus();
}

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

}  // namespace

Status syncDirectory(const fs::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return ioError("cannot open directory", dir, errno);
  if (::fsync(fd.get()) != 0) return ioError("cannot sync directory", dir, errno);
  return okStatus();
}

Result<AssetWriter> AssetWriter::begin(const fs::path& data_dir) {
  if (sodium_init() < 0) return makeError(ErrorKind::kInternal, "libsodium failed to start");
  std::error_code ec;
  fs::create_directories(data_dir / "tmp", ec);
  if (ec) return ioError("cannot create", data_dir / "tmp", ec.value());
  for (int attempt = 0; attempt < 8; ++attempt) {
    unsigned char random[8];
    randombytes_buf(random, sizeof random);
    fs::path temp = data_dir / "tmp" / (kTempPrefix + hex(random, sizeof random) + kTempSuffix);
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno == EEXIST) continue;
    if (fd < 0) return ioError("cannot create", temp, errno);
    // A concurrent sweepIngestTemp() may have unlinked the new name before
    // the lock was taken; then the file is gone (no links) and we try again.
    struct stat st {};
    if (::flock(fd, LOCK_EX) == 0 && ::fstat(fd, &st) == 0 && st.st_nlink > 0) {
      return AssetWriter(data_dir, temp, fd);
    }
    ::close(fd);
  }
  return makeError(ErrorKind::kIo,
                   "cannot find a free temporary name in " + (data_dir / "tmp").string());
}

AssetWriter::AssetWriter(AssetWriter&& other) noexcept
    : data_dir_(std::move(other.data_dir_)),
      temp_(std::move(other.temp_)),
      fd_(std::exchange(other.fd_, -1)) {
  other.temp_.clear();
}

AssetWriter::~AssetWriter() {
  if (!temp_.empty()) ::unlink(temp_.c_str());
  if (fd_ >= 0) ::close(fd_);
}

Result<CopiedFile> AssetWriter::copyFrom(const fs::path& source, const std::atomic<bool>* cancel) {
  Fd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) return ioError("cannot read", source, errno);
  ::posix_fadvise(in.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  crypto_hash_sha256_state hash;
  crypto_hash_sha256_init(&hash);
  std::vector<unsigned char> buffer(kCopyBlock);
  CopiedFile copied;
  for (;;) {
    if (cancel != nullptr && cancel->load()) {
      return makeError(ErrorKind::kInvalidInput, "copy of " + source.string() + " cancelled");
    }
    ssize_t n = ::read(in.get(), buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ioError("cannot read", source, errno);
    if (n == 0) break;
    crypto_hash_sha256_update(&hash, buffer.data(), static_cast<unsigned long long>(n));
    if (Status st = writeAll(fd_, buffer.data(), static_cast<std::size_t>(n), temp_); !st) {
      return st.error();
    }
    copied.size_bytes += static_cast<std::uint64_t>(n);
    if (copied.size_bytes % kWritebackEvery < static_cast<std::uint64_t>(n)) {
      // Start writeback of what is written so far; does not wait.
      ::sync_file_range(fd_, 0, 0, SYNC_FILE_RANGE_WRITE);
    }
  }
  if (::fsync(fd_) != 0) return ioError("cannot sync", temp_, errno);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&hash, digest);
  copied.sha256 = hex(digest, sizeof digest);
  return copied;
}

Result<std::string> AssetWriter::commit(const std::string& sha256, const std::string& extension) {
  std::string relative = "assets/" + sha256.substr(0, 2) + "/" + sha256 + "." + extension;
  fs::path shard = data_dir_ / "assets" / sha256.substr(0, 2);
  fs::path target = data_dir_ / relative;
  std::error_code ec;
  bool shard_is_new = !fs::exists(shard, ec);
  fs::create_directories(shard, ec);
  if (ec) return ioError("cannot create", shard, ec.value());
  if (shard_is_new) {
    if (Status st = syncDirectory(data_dir_ / "assets"); !st) return st.error();
    if (Status st = syncDirectory(data_dir_); !st) return st.error();
  }
  if (fs::exists(target, ec)) return relative;  // same bytes stored before; temp goes
  if (::rename(temp_.c_str(), target.c_str()) != 0) return ioError("cannot store", target, errno);
  temp_.clear();
  if (Status st = syncDirectory(shard); !st) return st.error();
  return relative;
}

}  // namespace wardcast::ingest_detail
