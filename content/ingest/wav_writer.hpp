#pragma once
// WavWriter: writes 16-bit PCM little-endian RIFF/WAVE files. The header's
// sizes are written as zero first and patched by finish(), which also
// fsyncs. A writer destroyed without finish() removes its partial file.
// Not thread-safe.
#include <cstdint>
#include <cstdio>
#include <filesystem>

#include "util/result.hpp"

namespace wardcast::ingest_detail {

class WavWriter {
 public:
  static Result<WavWriter> create(const std::filesystem::path& path, int sample_rate, int channels);
  ~WavWriter();
  WavWriter(WavWriter&& other) noexcept;
  WavWriter& operator=(WavWriter&&) = delete;
  WavWriter(const WavWriter&) = delete;
  WavWriter& operator=(const WavWriter&) = delete;

  // `count` samples (interleaved when channels > 1).
  Status write(const std::int16_t* samples, std::size_t count);
  Status finish();
  std::uint64_t samplesWritten() const { return data_bytes_ / 2; }

 private:
  WavWriter(std::filesystem::path path, std::FILE* file) : path_(std::move(path)), file_(file) {}
  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::uint64_t data_bytes_ = 0;
  bool finished_ = false;
};

}  // namespace wardcast::ingest_detail
