#pragma once
// One entry of a loudspeaker program's queue: an ingested audio asset and the
// measurement ingest made of it, or another station's stream (a relay) for a
// given length.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "content/asset.hpp"
#include "media/loudness_gain.hpp"
#include "util/result.hpp"

namespace wardcast::media {

struct ProgramItem {
  std::string id;                // the caller's id (item id, or a file name)
  std::filesystem::path path;    // absolute path of the audio file
  MeasuredLoudness loudness;     // from ingest; empty = play at unity gain
  // (Default member initializers: ProgramItem{id, path, loudness} stays
  // a complete initialisation under -Wmissing-field-initializers.)
  // A stream instead of a file: a GStreamer URI (relayStreamUri()), decoded
  // by uridecodebin behind a jitter buffer. `path` is unused then.
  std::string stream_uri{};
  // Plays at most this long (stream time from its first sample), then ends:
  // a relay ends when its span does, even if the stream goes on.
  std::optional<std::chrono::nanoseconds> length{};

  // What to print for it: the file, or the stream.
  std::string source() const { return stream_uri.empty() ? path.string() : stream_uri; }
};

// The GStreamer URI a relay source (SPEC §2 [[relay]] source, checked by
// config's parseRelaySourceUri) is read from: http(s)://, rtsp:// and srt://
// as they are; icecast://[USER:PASS@]HOST[:PORT]/MOUNT as http://;
// file:PATH as file:///ABSOLUTE (relative to `base_dir`); rtp://HOST:PORT
// (Opus, payload type 96 unless pt=N) for rtpsrc. An error says what cannot
// be relayed.
Result<std::string> relayStreamUri(const std::string& source, const std::filesystem::path& base_dir);

// A relay of `source` for `length`.
Result<ProgramItem> relayItem(const std::string& source, std::chrono::nanoseconds length,
                              const std::filesystem::path& base_dir);

// The item for an ingested asset stored under `data_dir`.
ProgramItem itemFromAsset(std::string id, const AssetInfo& asset,
                          const std::filesystem::path& data_dir);

}  // namespace wardcast::media
