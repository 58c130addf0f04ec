#pragma once
// Opus packet facts the forwarding path needs without decoding anything
// (RFC 6716 §3.1): how many 48 kHz samples a packet lasts, and a
// pre-encoded silence packet. Pure functions; callable from any thread.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace wardcast::media {

// Opus always counts time at 48 kHz, whatever the input rate was.
constexpr int kOpusClockRate = 48000;

// Duration of one Opus packet in 48 kHz samples, from its TOC byte (and
// frame count byte for code 3). Empty when the packet is malformed (empty,
// a code 3 packet without its count, or longer than 120 ms).
std::optional<std::uint32_t> opusPacketSamples(const std::uint8_t* data, std::size_t size);

// A stereo CELT packet that every decoder plays as digital silence whatever
// its state: each 20 ms (or shorter) frame carries only the CELT silence flag.
// `frame_ms` is 10, 20, 40 or 60; 40 and 60 ms are two or three 20 ms frames.
// Empty for any other duration.
std::vector<std::uint8_t> opusSilencePacket(int frame_ms);

}  // namespace wardcast::media
