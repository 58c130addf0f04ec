#include "media/forward/mp3_frame.hpp"

#include <array>

namespace wardcast::media {
namespace {

// Layer III bit rates (kbit/s) by index; 0 = free format (refused), and
// index 15 is invalid.
constexpr std::array<int, 15> kMpeg1Kbps{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
constexpr std::array<int, 15> kMpeg2Kbps{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
constexpr std::array<int, 3> kMpeg1Rates{44100, 48000, 32000};

constexpr int kLayer3 = 1;        // layer bits 01
constexpr int kRateIndex48k = 1;  // MPEG-1 sample rate index of 48 kHz

}  // namespace

std::optional<Mp3FrameHeader> parseMp3FrameHeader(const std::uint8_t* data) {
  if (data[0] != 0xff || (data[1] & 0xe0) != 0xe0) return std::nullopt;
  int version_bits = (data[1] >> 3) & 0x03;
  int layer = (data[1] >> 1) & 0x03;
  int bitrate_index = data[2] >> 4;
  int rate_index = (data[2] >> 2) & 0x03;
  int padding = (data[2] >> 1) & 0x01;
  int mode = data[3] >> 6;
  int emphasis = data[3] & 0x03;
  if (version_bits == 1 || layer != kLayer3 || bitrate_index == 0 || bitrate_index == 15 ||
      rate_index == 3 || emphasis == 2)
    return std::nullopt;
  Mp3FrameHeader header;
  header.version = version_bits == 3   ? MpegVersion::kMpeg1
                   : version_bits == 2 ? MpegVersion::kMpeg2
                                       : MpegVersion::kMpeg25;
  bool mpeg1 = header.version == MpegVersion::kMpeg1;
  header.bitrate_kbps = mpeg1 ? kMpeg1Kbps[std::size_t(bitrate_index)]
                              : kMpeg2Kbps[std::size_t(bitrate_index)];
  int divisor = header.version == MpegVersion::kMpeg1   ? 1
                : header.version == MpegVersion::kMpeg2 ? 2
                                                        : 4;
  header.sample_rate = kMpeg1Rates[std::size_t(rate_index)] / divisor;
  header.channels = mode == 3 ? 1 : 2;
  header.crc = (data[1] & 0x01) == 0;
  header.samples = mpeg1 ? 1152 : 576;
  // Layer III: 144 (MPEG-1) or 72 bytes per kbit/s per kHz, plus the slot.
  int per = mpeg1 ? 144000 : 72000;
  header.bytes = std::size_t(per * header.bitrate_kbps / header.sample_rate + padding);
  std::size_t side_info = mpeg1 ? (header.channels == 1 ? 17 : 32) : (header.channels == 1 ? 9 : 17);
  header.side_info_end = 4 + (header.crc ? 2 : 0) + side_info;
  if (header.bytes < header.side_info_end) return std::nullopt;
  return header;
}

std::optional<int> mp3BitrateIndex(int kbps) {
  for (std::size_t i = 1; i < kMpeg1Kbps.size(); ++i)
    if (kMpeg1Kbps[i] == kbps) return int(i);
  return std::nullopt;
}

std::vector<std::uint8_t> mp3SilenceFrame(int kbps) {
  auto index = mp3BitrateIndex(kbps);
  if (!index) return {};
  // Sync, MPEG-1, Layer III, no CRC; the bit rate, 48 kHz, no padding;
  // stereo, "original". Everything after the header is zero: side info with
  // main_data_begin 0 and empty granules, then unused main data.
  std::vector<std::uint8_t> frame(std::size_t(144 * kbps / 48), 0);
  frame[0] = 0xff;
  frame[1] = 0xfb;
  frame[2] = std::uint8_t(*index << 4 | kRateIndex48k << 2);
  frame[3] = 0x04;
  return frame;
}

}  // namespace wardcast::media
