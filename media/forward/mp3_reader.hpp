#pragma once
// Mp3FrameReader: reads the frames of an MP3 file (MPEG audio Layer III)
// one at a time, for the forwarding path. Nothing is decoded: a frame comes
// out exactly as the encoder made it, with the samples it lasts.
//
// Strict, because what it reads goes on air: frames must follow one another
// with no byte between them, all in the first frame's MPEG version and
// sample rate; a lost sync, a truncated frame or a change of format is
// reported as an error (the program skips the item), never skipped over or
// crashed on. Tolerated around the frames, and not returned: an ID3v2 tag at
// the start, a LAME/Xing "Info"/"Xing" or "VBRI" information frame first (it
// carries no audio), and an ID3v1 tag (the last 128 bytes, "TAG").
//
// Memory: one frame (at most 1,441 bytes), whatever the file's length.
// Threads: a plain object; use it from one thread at a time.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

#include "media/forward/mp3_frame.hpp"
#include "util/result.hpp"

namespace wardcast::media {

class Mp3FrameReader {
 public:
  // Opens `file` and reads up to its first audio frame: the error says why
  // the file is not an MP3 stream.
  static Result<Mp3FrameReader> open(const std::filesystem::path& file);

  // The next frame into `frame`, header included; returns the samples (per
  // channel) it lasts, 0 at the end of the stream. An error (lost sync,
  // truncated frame, another format) ends the reading.
  Result<std::uint32_t> next(std::vector<std::uint8_t>& frame);

  // The first audio frame's header: version, sample rate, bit rate, channels.
  const Mp3FrameHeader& format() const { return format_; }
  const std::filesystem::path& path() const { return path_; }
  // Frames returned so far.
  std::uint64_t frames() const { return frames_; }

 private:
  Mp3FrameReader() = default;
  Status skipId3v2();
  // The frame at the current offset into `frame`; 0 at a clean end.
  Result<std::uint32_t> readFrame(std::vector<std::uint8_t>& frame);
  static bool isInfoFrame(const Mp3FrameHeader& header, const std::vector<std::uint8_t>& frame);
  Error corrupt(const std::string& what) const;

  std::filesystem::path path_;
  std::ifstream in_;
  std::uint64_t size_ = 0;    // the file's size in bytes
  std::uint64_t offset_ = 0;  // of the next frame
  Mp3FrameHeader format_;
  bool have_format_ = false;
  std::optional<std::vector<std::uint8_t>> first_;  // read by open(), returned first
  std::uint32_t first_samples_ = 0;
  std::uint64_t frames_ = 0;
};

}  // namespace wardcast::media
