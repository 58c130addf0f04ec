#include "media/gst/gst_handles.hpp"

#include <fmt/format.h>

namespace wardcast::media {

Status ensureGstreamer() {
  GError* raw = nullptr;
  if (!gst_init_check(nullptr, nullptr, &raw)) {
    GErrorHandle error = GErrorHandle::adopt(raw);
    return makeError(ErrorKind::kInternal,
                     "GStreamer could not start: " + errorText(error.get()));
  }
  return okStatus();
}

Result<ElementHandle> makeElement(const char* factory, const std::string& name) {
  if (auto status = ensureGstreamer(); !status) return status.error();
  GstElement* element = gst_element_factory_make(factory, name.empty() ? nullptr : name.c_str());
  if (!element)
    return makeError(ErrorKind::kInternal,
                     fmt::format("GStreamer element '{}' is not available (missing plugin?)",
                                 factory));
  return sinkElement(element);
}

Result<ElementHandle> parseLaunch(const std::string& description) {
  if (auto status = ensureGstreamer(); !status) return status.error();
  GError* raw = nullptr;
  // A bin, never a nested GstPipeline (which would pick its own clock and
  // base time inside ours).
  GstElement* element = gst_parse_bin_from_description(description.c_str(), FALSE, &raw);
  GErrorHandle error = GErrorHandle::adopt(raw);
  if (!element || error) {
    ElementHandle discard = sinkElement(element);
    return makeError(ErrorKind::kInternal,
                     fmt::format("cannot build pipeline '{}': {}", description,
                                 errorText(error.get())));
  }
  return sinkElement(element);
}

std::string errorText(const GError* error, const char* fallback) {
  return error && error->message ? std::string(error->message) : std::string(fallback);
}

}  // namespace wardcast::media
