#pragma once
// MPEG audio Layer III frame facts the MP3 forwarding path needs without
// decoding anything (ISO/IEC 11172-3 §2.4.1.3, 13818-3): what a frame's
// 4-byte header says (version, bit rate, sample rate, padding: its length in
// bytes and how many samples it carries), and a pre-encoded frame of digital
// silence. Pure functions; callable from any thread.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace wardcast::media {

enum class MpegVersion { kMpeg1 = 1, kMpeg2, kMpeg25 };

struct Mp3FrameHeader {
  MpegVersion version = MpegVersion::kMpeg1;
  int bitrate_kbps = 0;
  int sample_rate = 0;
  int channels = 0;           // 1 (mono) or 2
  bool crc = false;           // a 16-bit CRC follows the header
  std::size_t bytes = 0;      // the whole frame, header included
  std::uint32_t samples = 0;  // per channel: 1152 (MPEG-1) or 576
  // Bytes from the frame's start to its main data (header, CRC, side info):
  // where LAME puts its Xing/Info tag in an information frame.
  std::size_t side_info_end = 0;
};

// Parses the 4 bytes at `data` as a Layer III frame header. Empty when they
// are not one: no sync, another layer, a reserved version, sample rate or
// emphasis, or a free-format or invalid bit rate index.
std::optional<Mp3FrameHeader> parseMp3FrameHeader(const std::uint8_t* data);

// The MPEG-1 Layer III bit rate index (1..14) of `kbps`; empty when `kbps`
// is not an MPEG-1 Layer III bit rate (32, 40, ..., 320).
std::optional<int> mp3BitrateIndex(int kbps);

// One MPEG-1 Layer III stereo frame at 48 kHz and `kbps` that every decoder
// plays as 1152 samples of digital silence whatever came before it: every
// granule has no Huffman data (part2_3_length 0) and main_data_begin is 0,
// so it borrows nothing from earlier frames. Empty when `kbps` is not an
// MPEG-1 bit rate.
std::vector<std::uint8_t> mp3SilenceFrame(int kbps);

}  // namespace wardcast::media
