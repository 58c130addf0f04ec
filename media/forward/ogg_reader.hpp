#pragma once
// OggOpusReader: reads the Opus packets of an Ogg/Opus file (RFC 3533,
// RFC 7845) one at a time, for the forwarding path. Nothing is decoded: a
// packet comes out exactly as the encoder made it. Every page's CRC is
// checked, so a rendition that was truncated or damaged after it was written
// is reported (and skipped by the program) instead of put on air.
//
// Only the first logical stream is read (a rendition has one); its OpusHead
// is checked and OpusTags skipped. Memory: one page (at most ~64 KiB,
// typically 4 KiB) plus the stream's buffer, whatever the file's length.
//
// Threads: a plain object; use it from one thread at a time (the program's
// executor).
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <vector>

#include "util/result.hpp"

namespace wardcast::media {

class OggOpusReader {
 public:
  // Opens `file` and reads up to the first audio packet's page: the error
  // says why the file is not an Ogg/Opus stream.
  static Result<OggOpusReader> open(const std::filesystem::path& file);

  // The next audio packet into `packet`; false at the end of the stream. An
  // error (bad CRC, truncated page, another codec) ends the reading.
  Result<bool> next(std::vector<std::uint8_t>& packet);

  int channels() const { return channels_; }
  // Samples at 48 kHz that a decoder should drop at the start (RFC 7845 §4.2).
  int preSkip() const { return pre_skip_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  OggOpusReader() = default;
  Status readPage();  // the next page of our stream into page_/segments_
  Result<bool> nextRaw(std::vector<std::uint8_t>& packet);  // any packet, headers too
  Status readHeaders();
  Error corrupt(const std::string& what) const;

  std::filesystem::path path_;
  std::ifstream in_;
  std::vector<std::uint8_t> page_;      // the body of the current page
  std::vector<std::uint8_t> segments_;  // its lacing values
  std::size_t segment_ = 0;             // next lacing value to read
  std::size_t offset_ = 0;              // its first byte in page_
  bool have_serial_ = false;
  std::uint32_t serial_ = 0;
  bool last_page_ = false;  // the page with end-of-stream flag was read
  int channels_ = 0;
  int pre_skip_ = 0;
};

}  // namespace wardcast::media
