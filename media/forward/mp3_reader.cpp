#include "media/forward/mp3_reader.hpp"

#include <fmt/format.h>

#include <array>
#include <cstring>

namespace wardcast::media {
namespace {

constexpr std::size_t kId3v2HeaderBytes = 10;
constexpr std::size_t kId3v1Bytes = 128;

}  // namespace

Result<Mp3FrameReader> Mp3FrameReader::open(const std::filesystem::path& file) {
  Mp3FrameReader reader;
  reader.path_ = file;
  std::error_code ec;
  reader.size_ = std::filesystem::file_size(file, ec);
  if (!ec) reader.in_.open(file, std::ios::binary);
  if (ec || !reader.in_) return makeError(ErrorKind::kNotFound, "cannot open " + file.string());
  if (auto status = reader.skipId3v2(); !status) return status.error();
  std::vector<std::uint8_t> frame;
  auto samples = reader.readFrame(frame);
  // Only the very first frame may be an information frame.
  if (samples && *samples && isInfoFrame(reader.format_, frame)) samples = reader.readFrame(frame);
  if (!samples) return samples.error();
  if (*samples == 0) return reader.corrupt("no MPEG audio frame");
  reader.first_ = std::move(frame);
  reader.first_samples_ = *samples;
  return reader;
}

Error Mp3FrameReader::corrupt(const std::string& what) const {
  return makeError(ErrorKind::kIo, fmt::format("{}: {}", path_.string(), what));
}

// ID3v2 (id3.org, v2.3/2.4 §3.1): "ID3", version, flags, a 28-bit syncsafe
// size of what follows the 10-byte header, plus a 10-byte footer if flagged.
Status Mp3FrameReader::skipId3v2() {
  std::array<std::uint8_t, kId3v2HeaderBytes> header{};
  if (size_ < header.size()) return okStatus();  // too short for a tag: readFrame says why
  in_.read(reinterpret_cast<char*>(header.data()), header.size());
  if (!in_ || std::memcmp(header.data(), "ID3", 3) != 0) {
    in_.clear();
    in_.seekg(0);
    return okStatus();
  }
  for (std::size_t i = 6; i < 10; ++i)
    if (header[i] & 0x80) return corrupt("ID3v2 tag with an invalid size");
  std::uint64_t body = std::uint64_t(header[6]) << 21 | std::uint64_t(header[7]) << 14 |
                       std::uint64_t(header[8]) << 7 | header[9];
  bool footer = (header[5] & 0x10) != 0;
  offset_ = kId3v2HeaderBytes + body + (footer ? kId3v2HeaderBytes : 0);
  if (offset_ > size_) return corrupt("truncated ID3v2 tag");
  in_.seekg(std::streamoff(offset_));
  return okStatus();
}

Result<std::uint32_t> Mp3FrameReader::readFrame(std::vector<std::uint8_t>& frame) {
  if (offset_ == size_) return 0u;
  frame.resize(4);
  if (size_ - offset_ < 4 || !in_.read(reinterpret_cast<char*>(frame.data()), 4))
    return corrupt(fmt::format("truncated frame header at byte {}", offset_));
  // An ID3v1 tag is the last 128 bytes.
  if (size_ - offset_ == kId3v1Bytes && std::memcmp(frame.data(), "TAG", 3) == 0) {
    offset_ = size_;
    return 0u;
  }
  auto header = parseMp3FrameHeader(frame.data());
  if (!header) return corrupt(fmt::format("no MPEG Layer III frame at byte {} (lost sync)", offset_));
  if (!have_format_) {
    format_ = *header;
    have_format_ = true;
  } else if (header->version != format_.version || header->sample_rate != format_.sample_rate) {
    return corrupt(fmt::format("frame at byte {} changes the format ({} Hz, {} Hz before)",
                               offset_, header->sample_rate, format_.sample_rate));
  }
  if (size_ - offset_ < header->bytes)
    return corrupt(fmt::format("truncated frame at byte {} ({} of {} bytes)", offset_,
                               size_ - offset_, header->bytes));
  frame.resize(header->bytes);
  if (!in_.read(reinterpret_cast<char*>(frame.data() + 4), std::streamsize(header->bytes - 4)))
    return corrupt(fmt::format("cannot read the frame at byte {}", offset_));
  offset_ += header->bytes;
  return header->samples;
}

// LAME writes "Info" (CBR) or "Xing" (VBR) right after the side info of a
// first frame that holds no audio; the Fraunhofer encoder writes "VBRI" 32
// bytes after the header.
bool Mp3FrameReader::isInfoFrame(const Mp3FrameHeader& header,
                                 const std::vector<std::uint8_t>& frame) {
  auto at = [&](std::size_t offset, const char* tag) {
    return frame.size() >= offset + 4 && std::memcmp(frame.data() + offset, tag, 4) == 0;
  };
  return at(header.side_info_end, "Xing") || at(header.side_info_end, "Info") || at(36, "VBRI");
}

Result<std::uint32_t> Mp3FrameReader::next(std::vector<std::uint8_t>& frame) {
  if (first_) {
    frame = std::move(*first_);
    first_.reset();
    ++frames_;
    return first_samples_;
  }
  auto samples = readFrame(frame);
  if (samples && *samples) ++frames_;
  return samples;
}

}  // namespace wardcast::media
