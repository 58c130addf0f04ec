#include "media/forward/ogg_reader.hpp"

#include <fmt/format.h>

#include <array>
#include <cstring>

namespace wardcast::media {
namespace {

constexpr std::size_t kPageHeaderBytes = 27;
constexpr std::uint8_t kFlagEndOfStream = 0x04;

// The Ogg CRC: CRC-32 with polynomial 0x04c11db7, no reflection, initial 0.
class OggCrc {
 public:
  OggCrc() {
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t r = i << 24;
      for (int bit = 0; bit < 8; ++bit) r = (r & 0x80000000u) ? (r << 1) ^ 0x04c11db7u : r << 1;
      table_[i] = r;
    }
  }
  std::uint32_t update(std::uint32_t crc, const std::uint8_t* data, std::size_t size) const {
    for (std::size_t i = 0; i < size; ++i)
      crc = (crc << 8) ^ table_[((crc >> 24) ^ data[i]) & 0xff];
    return crc;
  }

 private:
  std::array<std::uint32_t, 256> table_{};
};

const OggCrc& oggCrc() {
  static const OggCrc crc;  // immutable after construction (thread-safe static init)
  return crc;
}

std::uint32_t le32(const std::uint8_t* p) {
  return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
         std::uint32_t(p[3]) << 24;
}

}  // namespace

Result<OggOpusReader> OggOpusReader::open(const std::filesystem::path& file) {
  OggOpusReader reader;
  reader.path_ = file;
  reader.in_.open(file, std::ios::binary);
  if (!reader.in_) return makeError(ErrorKind::kNotFound, "cannot open " + file.string());
  if (auto status = reader.readHeaders(); !status) return status.error();
  return reader;
}

Error OggOpusReader::corrupt(const std::string& what) const {
  return makeError(ErrorKind::kIo, fmt::format("{}: {}", path_.string(), what));
}

Status OggOpusReader::readHeaders() {
  std::vector<std::uint8_t> head;
  auto got = nextRaw(head);
  if (!got) return got.error();
  if (!*got || head.size() < 19 || std::memcmp(head.data(), "OpusHead", 8) != 0)
    return corrupt("not an Ogg/Opus stream (no OpusHead)");
  channels_ = head[9];
  pre_skip_ = int(head[10]) | int(head[11]) << 8;
  if (channels_ < 1 || channels_ > 2)
    return corrupt(fmt::format("{} channels (1 or 2 expected)", channels_));
  std::vector<std::uint8_t> tags;
  got = nextRaw(tags);
  if (!got) return got.error();
  if (!*got || tags.size() < 8 || std::memcmp(tags.data(), "OpusTags", 8) != 0)
    return corrupt("no OpusTags after OpusHead");
  return okStatus();
}

Status OggOpusReader::readPage() {
  for (;;) {
    std::array<std::uint8_t, kPageHeaderBytes> header{};
    if (!in_.read(reinterpret_cast<char*>(header.data()), header.size()))
      return corrupt("stream ends without an end-of-stream page");
    if (std::memcmp(header.data(), "OggS", 4) != 0 || header[4] != 0)
      return corrupt("lost Ogg page sync");
    segments_.resize(header[26]);
    if (!in_.read(reinterpret_cast<char*>(segments_.data()), std::streamsize(segments_.size())))
      return corrupt("truncated page header");
    std::size_t body = 0;
    for (auto lacing : segments_) body += lacing;
    page_.resize(body);
    if (!in_.read(reinterpret_cast<char*>(page_.data()), std::streamsize(body)))
      return corrupt("truncated page");
    std::uint32_t stored = le32(header.data() + 22);
    std::memset(header.data() + 22, 0, 4);
    const OggCrc& crc = oggCrc();
    std::uint32_t computed = crc.update(0, header.data(), header.size());
    computed = crc.update(computed, segments_.data(), segments_.size());
    computed = crc.update(computed, page_.data(), page_.size());
    if (computed != stored) return corrupt("page CRC mismatch (damaged file)");
    std::uint32_t serial = le32(header.data() + 14);
    if (!have_serial_) {
      have_serial_ = true;
      serial_ = serial;
    }
    if (serial != serial_) continue;  // another logical stream: not ours
    last_page_ = (header[5] & kFlagEndOfStream) != 0;
    segment_ = 0;
    offset_ = 0;
    return okStatus();
  }
}

// A packet is the concatenation of lacing values up to the first one below
// 255; it may continue on the next page.
Result<bool> OggOpusReader::nextRaw(std::vector<std::uint8_t>& packet) {
  packet.clear();
  for (;;) {
    if (segment_ >= segments_.size()) {
      if (last_page_) {
        if (!packet.empty()) return corrupt("last packet is incomplete");
        return false;
      }
      if (auto status = readPage(); !status) return status.error();
      continue;
    }
    std::uint8_t lacing = segments_[segment_++];
    packet.insert(packet.end(), page_.begin() + long(offset_),
                  page_.begin() + long(offset_ + lacing));
    offset_ += lacing;
    if (lacing < 255) return true;
  }
}

Result<bool> OggOpusReader::next(std::vector<std::uint8_t>& packet) {
  for (;;) {
    auto got = nextRaw(packet);
    if (!got || !*got) return got;
    if (!packet.empty()) return true;  // a zero-length packet carries nothing to send
  }
}

}  // namespace wardcast::media
