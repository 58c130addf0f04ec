#pragma once
// What a loudspeaker channel's output URIs (SPEC §2, config/output_uri.hpp)
// ask the program to build: which encoders (one per codec and bit rate) and
// which sinks hang off them. Pure; callable from any thread.
//
//   rtp://HOST:PORT?codec=opus[&bitrate=KBPS&ptime=MS&pt=N&ssrc=N&ttl=N&iface=NAME]
//       RTP/Opus over UDP. A multicast HOST uses ttl (default 1) and iface.
//   icecast://USER:PASS@HOST[:PORT]/MOUNT.mp3|.ogg|.opus[?bitrate=KBPS]
//       MP3 (LAME, default 128 kbit/s CBR) or Opus in Ogg to an Icecast2 server.
//   alsa://DEVICE                      a sound card (wired amplifier, FM exciter)
//   file:///PATH.ogg|.opus|.mp3|.wav   a recording
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace wardcast::media {

enum class AudioCodec { kOpus = 1, kMp3, kPcm };

struct RtpOutput {
  std::string uri;
  std::string host;
  int port = 0;
  int payload_type = 96;
  std::optional<unsigned> ssrc;  // random when absent
  int bitrate_kbps = 64;
  int ptime_ms = 20;
  bool multicast = false;
  int ttl = 1;                   // multicast only
  std::string iface;             // multicast only; empty = the routing table's choice
};

struct IcecastOutput {
  std::string uri;  // with the password masked, for messages
  std::string host;
  int port = 8000;
  std::string user = "source";
  std::string password;
  std::string mount;  // "/ward.mp3"
  AudioCodec codec = AudioCodec::kMp3;
  int bitrate_kbps = 128;
  std::string stream_name;
  std::string description;
  std::string genre;
  bool is_public = false;
};

struct AlsaOutput {
  std::string uri;
  std::string device = "default";
};

struct FileOutput {
  std::string uri;
  std::filesystem::path path;
  AudioCodec codec = AudioCodec::kOpus;  // .ogg/.opus: Opus in Ogg
  int bitrate_kbps = 0;                  // 0 = the codec's default
};

struct OutputPlan {
  std::vector<RtpOutput> rtp;
  std::vector<IcecastOutput> icecast;
  std::vector<AlsaOutput> alsa;
  std::vector<FileOutput> files;
  bool empty() const { return rtp.empty() && icecast.empty() && alsa.empty() && files.empty(); }
};

// Parses every URI (with config's parseOutputUri) and checks that a
// loudspeaker program can serve it. The error names the URI.
Result<OutputPlan> planOutputs(const std::vector<std::string>& uris);

// Default bit rates (kbit/s).
constexpr int kDefaultOpusKbps = 64;
constexpr int kDefaultMp3Kbps = 128;

}  // namespace wardcast::media
