#include "media/output_plan.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>

#include "config/output_uri.hpp"

namespace wardcast::media {
namespace {

Error invalid(const std::string& uri, const std::string& what) {
  return makeError(ErrorKind::kInvalidInput, fmt::format("output {}: {}", uri, what));
}

bool isMulticast(const std::string& host) {
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 28) == 0xE;
  in6_addr v6{};
  if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) return v6.s6_addr[0] == 0xff;
  return false;
}

int intOption(const OutputUri& uri, const char* key, int fallback) {
  auto value = uri.option(key);
  return value ? std::stoi(*value) : fallback;
}

std::string extensionOf(const std::string& path) {
  auto ext = std::filesystem::path(path).extension().string();
  for (auto& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

Result<AudioCodec> codecFor(const OutputUri& uri, const std::string& text) {
  if (auto codec = uri.option("codec")) {
    if (*codec == "opus") return AudioCodec::kOpus;
    if (*codec == "mp3") return AudioCodec::kMp3;
    return invalid(text, "codec " + *codec + " is not supported on loudspeaker channels (opus, mp3)");
  }
  auto ext = extensionOf(uri.path);
  if (ext == ".mp3") return AudioCodec::kMp3;
  if (ext == ".ogg" || ext == ".opus") return AudioCodec::kOpus;
  if (ext == ".wav" && uri.scheme == "file") return AudioCodec::kPcm;
  return invalid(text, "cannot tell the codec from \"" + uri.path +
                           "\" (use .mp3, .ogg, .opus" +
                           (uri.scheme == "file" ? ", .wav" : "") + " or ?codec=)");
}

std::string maskPassword(const OutputUri& uri) {
  return fmt::format("icecast://{}@{}:{}{}", uri.user.empty() ? "source" : uri.user, uri.host,
                     uri.port ? uri.port : 8000, uri.path);
}

Status addOutput(const std::string& text, OutputPlan& plan) {
  auto parsed = parseOutputUri(text);
  if (!parsed) return invalid(text, parsed.error().message);
  const OutputUri& uri = *parsed;
  if (uri.scheme == "rtp") {
    auto codec = uri.option("codec");
    if (codec && *codec != "opus") return invalid(text, "only codec=opus is supported over RTP");
    RtpOutput out;
    out.uri = text;
    out.host = uri.host;
    out.port = uri.port;
    out.payload_type = intOption(uri, "pt", 96);
    if (auto ssrc = uri.option("ssrc")) out.ssrc = unsigned(std::stoul(*ssrc));
    out.bitrate_kbps = intOption(uri, "bitrate", kDefaultOpusKbps);
    out.ptime_ms = intOption(uri, "ptime", 20);
    if (out.ptime_ms != 10 && out.ptime_ms != 20 && out.ptime_ms != 40 && out.ptime_ms != 60)
      return invalid(text, "ptime must be 10, 20, 40 or 60 ms for Opus");
    out.multicast = isMulticast(uri.host);
    out.ttl = intOption(uri, "ttl", 1);
    out.iface = uri.option("iface").value_or("");
    plan.rtp.push_back(std::move(out));
  } else if (uri.scheme == "icecast") {
    IcecastOutput out;
    out.uri = maskPassword(uri);
    out.host = uri.host;
    if (uri.port) out.port = uri.port;
    if (!uri.user.empty()) out.user = uri.user;
    out.password = uri.password;
    out.mount = uri.path;
    auto codec = codecFor(uri, text);
    if (!codec) return codec.error();
    if (*codec == AudioCodec::kPcm) return invalid(text, "Icecast takes mp3 or opus");
    out.codec = *codec;
    out.bitrate_kbps = intOption(uri, "bitrate",
                                 out.codec == AudioCodec::kMp3 ? kDefaultMp3Kbps : kDefaultOpusKbps);
    out.stream_name = uri.option("name").value_or("");
    out.description = uri.option("description").value_or("");
    out.genre = uri.option("genre").value_or("");
    out.is_public = uri.option("public").value_or("false") == "true";
    plan.icecast.push_back(std::move(out));
  } else if (uri.scheme == "alsa") {
    plan.alsa.push_back(AlsaOutput{text, uri.path.empty() ? "default" : uri.path});
  } else if (uri.scheme == "file") {
    auto codec = codecFor(uri, text);
    if (!codec) return codec.error();
    plan.files.push_back(FileOutput{text, uri.path, *codec, intOption(uri, "bitrate", 0)});
  } else {
    return invalid(text, uri.scheme + ":// is not a loudspeaker output (rtp, icecast, alsa, file)");
  }
  return okStatus();
}

}  // namespace

Result<OutputPlan> planOutputs(const std::vector<std::string>& uris) {
  OutputPlan plan;
  for (const auto& text : uris)
    if (auto status = addOutput(text, plan); !status) return status.error();
  return plan;
}

}  // namespace wardcast::media
