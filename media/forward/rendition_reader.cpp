#include "media/forward/rendition_reader.hpp"

#include <fmt/format.h>

#include "media/forward/opus_packet.hpp"

namespace wardcast::media {

Result<RenditionReader> RenditionReader::open(const RenditionFormat& format,
                                              const std::filesystem::path& file) {
  if (std::holds_alternative<AirFormat>(format)) {
    auto ogg = OggOpusReader::open(file);
    if (!ogg) return ogg.error();
    return RenditionReader(std::move(*ogg));
  }
  auto mp3 = Mp3FrameReader::open(file);
  if (!mp3) return mp3.error();
  const Mp3FrameHeader& header = mp3->format();
  if (header.version != MpegVersion::kMpeg1 || header.sample_rate != kMp3AirRate)
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("{}: MP3 at {} Hz, an MPEG-1 rendition at {} Hz expected",
                                 file.string(), header.sample_rate, kMp3AirRate));
  return RenditionReader(std::move(*mp3));
}

Result<std::uint32_t> RenditionReader::next(std::vector<std::uint8_t>& packet) {
  if (auto* mp3 = std::get_if<Mp3FrameReader>(&reader_)) return mp3->next(packet);
  auto& ogg = std::get<OggOpusReader>(reader_);
  auto got = ogg.next(packet);
  if (!got) return got.error();
  if (!*got) return 0u;
  auto samples = opusPacketSamples(packet.data(), packet.size());
  if (!samples) return makeError(ErrorKind::kIo, ogg.path().string() + ": malformed Opus packet");
  return *samples;
}

const std::filesystem::path& RenditionReader::path() const {
  return std::visit([](const auto& reader) -> const std::filesystem::path& { return reader.path(); },
                    reader_);
}

SilencePacket silencePacket(const RenditionFormat& format) {
  if (const auto* opus = std::get_if<AirFormat>(&format)) {
    SilencePacket silence{opusSilencePacket(opus->frame_ms), 0};
    if (!silence.bytes.empty()) silence.samples = std::uint32_t(airFrameSamples(*opus));
    return silence;
  }
  SilencePacket silence{mp3SilenceFrame(std::get<Mp3AirFormat>(format).bitrate_kbps), 0};
  if (!silence.bytes.empty()) silence.samples = kMp3FrameSamples;
  return silence;
}

}  // namespace wardcast::media
