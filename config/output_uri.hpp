#pragma once
// Output URIs of a channel (SPEC §2): one scheme per driver, options as query
// parameters. The loader checks every output with parseOutputUri(); drivers
// parse the stored strings again with the same function and read the parts.
// Pure functions, no state: callable from any thread.
//
//   rtp://HOST:PORT?codec=opus&bitrate=32
//   icecast://USER:PASSWORD@HOST[:PORT]/MOUNT?bitrate=128
//   alsa://DEVICE                      (default, hw:1,0, plughw:CARD=X,DEV=0)
//   srt://[HOST]:PORT?mode=caller&latency=120
//   rtsp://HOST[:PORT]/PATH            (the mount the station serves)
//   display://[CONNECTOR]              (a local screen)
//   file:///ABSOLUTE/PATH  or  file:RELATIVE/PATH (the loader makes it
//                                       absolute under [station].data_dir)
// Amplifier control (Channel::amplifier) uses parseAmplifierUri(), which
// checks the shape and option names; drivers::makeAmplifier() checks values:
//   modbus-tcp://HOST[:PORT]?coil=N&lead=30s
//   modbus-rtu:///dev/DEVICE?coil=N&baud=9600
//   exec:///ABSOLUTE/PROGRAM?on=ARG&on=ARG&off=ARG
// Every scheme's options are listed in docs/config.md; unknown options are
// errors, like unknown keys.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/result.hpp"

namespace wardcast {

struct OutputUri {
  std::string scheme;    // lower case: "rtp", "icecast", ...
  std::string user;      // percent-decoded; empty when absent
  std::string password;  // percent-decoded; empty when absent
  std::string host;      // IPv6 without brackets; empty when absent
  int port = 0;          // 0 when absent (the driver's default applies)
  // icecast/rtsp: the mount, "/ward.mp3"; alsa: the device name; display:
  // the connector; file: the file system path (absolute, or relative before
  // the loader resolves it). Percent-decoded.
  std::string path;
  // In URI order. Only exec's on/off may repeat.
  std::vector<std::pair<std::string, std::string>> options;

  std::optional<std::string> option(std::string_view key) const;
};

// Checks one channel output URI. The error message says what is wrong and
// what was expected, without a position (the caller adds it).
Result<OutputUri> parseOutputUri(std::string_view text);

// Checks an amplifier control URI (modbus-tcp, modbus-rtu or exec).
Result<OutputUri> parseAmplifierUri(std::string_view text);

// Checks a relay source URI: http, https, rtp, rtsp, srt, icecast or file.
Result<OutputUri> parseRelaySourceUri(std::string_view text);

// The output schemes, in the order the documentation lists them.
const std::vector<std::string>& outputSchemes();

}  // namespace wardcast
