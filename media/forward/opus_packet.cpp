#include "media/forward/opus_packet.hpp"

namespace wardcast::media {
namespace {

// Frame length in 48 kHz samples for each TOC configuration (RFC 6716, table 2).
std::uint32_t frameSamples(unsigned config) {
  if (config < 12) {  // SILK-only: 10, 20, 40, 60 ms
    constexpr std::uint32_t kSilk[] = {480, 960, 1920, 2880};
    return kSilk[config % 4];
  }
  if (config < 16) return config % 2 == 0 ? 480 : 960;     // hybrid: 10, 20 ms
  constexpr std::uint32_t kCelt[] = {120, 240, 480, 960};  // CELT-only: 2.5 .. 20 ms
  return kCelt[config % 4];
}

// Two bytes that a range decoder reads as "silence" for a whole CELT frame.
constexpr std::uint8_t kCeltSilence[] = {0xff, 0xfe};
// TOC: CELT-only fullband (configs 28..31 are 2.5/5/10/20 ms), stereo bit set.
constexpr std::uint8_t kCeltFullbandStereo10ms = (30u << 3) | 0x04;
constexpr std::uint8_t kCeltFullbandStereo20ms = (31u << 3) | 0x04;

}  // namespace

std::optional<std::uint32_t> opusPacketSamples(const std::uint8_t* data, std::size_t size) {
  if (!data || size == 0) return std::nullopt;
  std::uint32_t frame = frameSamples(data[0] >> 3);
  std::uint32_t frames = 0;
  switch (data[0] & 0x03) {
    case 0:
      frames = 1;
      break;
    case 1:
    case 2:
      frames = 2;
      break;
    default:
      if (size < 2) return std::nullopt;
      frames = data[1] & 0x3f;
      break;
  }
  std::uint32_t samples = frame * frames;
  if (samples == 0 || samples > 5760) return std::nullopt;  // 120 ms at most
  return samples;
}

std::vector<std::uint8_t> opusSilencePacket(int frame_ms) {
  std::vector<std::uint8_t> packet;
  auto frame = [&packet] {
    packet.insert(packet.end(), std::begin(kCeltSilence), std::end(kCeltSilence));
  };
  switch (frame_ms) {
    case 10:
      packet.push_back(kCeltFullbandStereo10ms);
      frame();
      break;
    case 20:
      packet.push_back(kCeltFullbandStereo20ms);
      frame();
      break;
    case 40:  // code 1: two frames of equal size
      packet.push_back(kCeltFullbandStereo20ms | 0x01);
      frame();
      frame();
      break;
    case 60:  // code 3, CBR, no padding: the count byte, then three equal frames
      packet.push_back(kCeltFullbandStereo20ms | 0x03);
      packet.push_back(3);
      frame();
      frame();
      frame();
      break;
    default:
      break;
  }
  return packet;
}

}  // namespace wardcast::media
