#include "content/ingest/wav_writer.hpp"

#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

namespace wardcast::ingest_detail {
namespace {

constexpr std::size_t kHeaderBytes = 44;
constexpr std::uint64_t kMaxDataBytes = 0xFFFFFFFFull - kHeaderBytes;

void put32(unsigned char* at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) at[i] = static_cast<unsigned char>(v >> (8 * i));
}
void put16(unsigned char* at, std::uint16_t v) {
  at[0] = static_cast<unsigned char>(v);
  at[1] = static_cast<unsigned char>(v >> 8);
}

std::array<unsigned char, kHeaderBytes> header(int rate, int channels, std::uint32_t data_bytes) {
  std::array<unsigned char, kHeaderBytes> h{};
  std::memcpy(&h[0], "RIFF", 4);
  put32(&h[4], data_bytes + kHeaderBytes - 8);
  std::memcpy(&h[8], "WAVEfmt ", 8);
  put32(&h[16], 16);  // fmt chunk size
  put16(&h[20], 1);   // PCM
  put16(&h[22], static_cast<std::uint16_t>(channels));
  put32(&h[24], static_cast<std::uint32_t>(rate));
  put32(&h[28], static_cast<std::uint32_t>(rate * channels * 2));  // bytes per second
  put16(&h[32], static_cast<std::uint16_t>(channels * 2));         // block align
  put16(&h[34], 16);                                               // bits per sample
  std::memcpy(&h[36], "data", 4);
  put32(&h[40], data_bytes);
  return h;
}

Error writeError(const std::filesystem::path& path, int err) {
  return makeError(ErrorKind::kIo, "cannot write " + path.string() + ": " + std::strerror(err));
}

}  // namespace

Result<WavWriter> WavWriter::create(const std::filesystem::path& path, int sample_rate,
                                    int channels) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return writeError(path, errno);
  WavWriter writer(path, file);
  auto h = header(sample_rate, channels, 0);
  if (std::fwrite(h.data(), 1, h.size(), file) != h.size()) return writeError(path, errno);
  return writer;
}

WavWriter::WavWriter(WavWriter&& other) noexcept
    : path_(std::move(other.path_)),
      file_(std::exchange(other.file_, nullptr)),
      data_bytes_(other.data_bytes_),
      finished_(other.finished_) {}

WavWriter::~WavWriter() {
  if (file_ != nullptr) std::fclose(file_);
  if (!finished_ && !path_.empty()) ::unlink(path_.c_str());
}

Status WavWriter::write(const std::int16_t* samples, std::size_t count) {
  if (data_bytes_ + count * 2 > kMaxDataBytes) {
    return makeError(ErrorKind::kInvalidInput, path_.string() + ": WAV data over 4 GiB");
  }
  // WAV is little-endian, like every machine Wardcast runs on (x86-64, arm64).
  if (std::fwrite(samples, 2, count, file_) != count) return writeError(path_, errno);
  data_bytes_ += count * 2;
  return okStatus();
}

Status WavWriter::finish() {
  std::array<unsigned char, 4> size{};
  put32(size.data(), static_cast<std::uint32_t>(data_bytes_ + kHeaderBytes - 8));
  bool ok = std::fseek(file_, 4, SEEK_SET) == 0 && std::fwrite(size.data(), 1, 4, file_) == 4;
  put32(size.data(), static_cast<std::uint32_t>(data_bytes_));
  ok = ok && std::fseek(file_, 40, SEEK_SET) == 0 && std::fwrite(size.data(), 1, 4, file_) == 4;
  ok = ok && std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  int err = errno;
  ok = std::fclose(std::exchange(file_, nullptr)) == 0 && ok;
  if (!ok) return writeError(path_, err);
  finished_ = true;
  return okStatus();
}

}  // namespace wardcast::ingest_detail
