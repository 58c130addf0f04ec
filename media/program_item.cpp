#include "media/program_item.hpp"

#include <gst/gst.h>

#include <fmt/format.h>

#include "config/output_uri.hpp"

namespace wardcast::media {

ProgramItem itemFromAsset(std::string id, const AssetInfo& asset,
                          const std::filesystem::path& data_dir) {
  ProgramItem item;
  item.id = std::move(id);
  item.path = data_dir / asset.relative_path;
  item.loudness.loudness_lufs = asset.loudness_lufs;
  item.loudness.true_peak_dbtp = asset.true_peak_dbtp;
  item.loudness.channels = asset.channels;
  return item;
}

namespace {

std::string hostPort(const OutputUri& uri) {
  std::string host = uri.host.find(':') != std::string::npos ? "[" + uri.host + "]" : uri.host;
  return uri.port ? fmt::format("{}:{}", host, uri.port) : host;
}

Result<std::string> fileUri(const std::filesystem::path& path) {
  GError* error = nullptr;
  gchar* uri = gst_filename_to_uri(path.c_str(), &error);
  if (!uri) {
    std::string why = error ? error->message : "not a file name";
    if (error) g_error_free(error);
    return makeError(ErrorKind::kInvalidInput, fmt::format("relay source {}: {}", path.string(), why));
  }
  std::string text = uri;
  g_free(uri);
  return text;
}

}  // namespace

Result<std::string> relayStreamUri(const std::string& source, const std::filesystem::path& base_dir) {
  auto uri = parseRelaySourceUri(source);
  if (!uri) return makeError(ErrorKind::kInvalidInput, fmt::format("relay source {}: {}", source, uri.error().message));
  if (uri->scheme == "http" || uri->scheme == "https" || uri->scheme == "rtsp" || uri->scheme == "srt")
    return source;
  if (uri->scheme == "icecast") return fmt::format("http://{}{}", hostPort(*uri), uri->path);
  if (uri->scheme == "file") {
    std::filesystem::path path = uri->path;
    return fileUri(path.is_absolute() ? path : base_dir / path);
  }
  return makeError(ErrorKind::kInvalidInput,
                   fmt::format("relay source {}: {}:// relays cannot be played yet (use http, icecast, "
                               "rtsp, srt or file)",
                               source, uri->scheme));
}

Result<ProgramItem> relayItem(const std::string& source, std::chrono::nanoseconds length,
                              const std::filesystem::path& base_dir) {
  auto uri = relayStreamUri(source, base_dir);
  if (!uri) return uri.error();
  ProgramItem item;
  item.id = "relay " + *uri;  // the stream, without an icecast:// password
  item.stream_uri = std::move(*uri);
  item.length = length;
  return item;
}

}  // namespace wardcast::media
