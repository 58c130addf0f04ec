#pragma once
// RenditionReader: the packets of one air rendition, whatever its codec,
// with how long each lasts on the 48 kHz clock the forwarding program paces
// by: Opus packets out of Ogg (OggOpusReader, durations from the TOC byte)
// or MP3 frames (Mp3FrameReader, which must be 48 kHz: kMp3AirRate). And the
// silence a program sends between items in that format.
//
// Threads: a plain object; use it from one thread at a time.
#include <cstdint>
#include <filesystem>
#include <variant>
#include <vector>

#include "media/rendition/air_rendition_format.hpp"
#include "media/forward/mp3_reader.hpp"
#include "media/forward/ogg_reader.hpp"
#include "util/result.hpp"

namespace wardcast::media {

class RenditionReader {
 public:
  // Opens `file` as a rendition in `format`'s codec; the error says why it
  // cannot be forwarded (not that codec, not 48 kHz, damaged).
  static Result<RenditionReader> open(const RenditionFormat& format,
                                      const std::filesystem::path& file);

  // The next packet into `packet`; returns its duration in 48 kHz samples,
  // 0 at the end. An error (damaged file, malformed packet) ends the reading.
  Result<std::uint32_t> next(std::vector<std::uint8_t>& packet);

  const std::filesystem::path& path() const;

 private:
  explicit RenditionReader(std::variant<OggOpusReader, Mp3FrameReader> reader)
      : reader_(std::move(reader)) {}
  std::variant<OggOpusReader, Mp3FrameReader> reader_;
};

// One packet of digital silence in `format` and its duration (48 kHz
// samples); empty bytes when the format has none (an Opus frame length
// other than 10, 20, 40, 60 ms, or a bit rate MPEG-1 does not have).
struct SilencePacket {
  std::vector<std::uint8_t> bytes;
  std::uint32_t samples = 0;
};
SilencePacket silencePacket(const RenditionFormat& format);

}  // namespace wardcast::media
