#pragma once
// RAII handles for GStreamer objects, built on util/c_handle.hpp's CHandle.
//
// Ownership rules (GStreamer's, made explicit):
// - Elements, bins, pads and buses are GstObjects: ref/unref with
//   gst_object_ref/gst_object_unref. Freshly made elements and pipelines
//   carry a *floating* reference; sinkElement()/sinkObject() sink it so the
//   handle owns a normal reference.
// - Messages, caps, buffers and samples are GstMiniObjects with their own
//   ref/unref functions.
// - GstStructure, GError and g_malloc'd strings are owned, not counted: their
//   handles move but do not copy.
// Threads: handles are plain values; a handle may be moved to another thread,
// but one handle must not be used from two threads at once.
#include <gst/gst.h>

#include <string>

#include "util/c_handle.hpp"
#include "util/result.hpp"

namespace wardcast::media {

template <class T>
struct GstObjectTraits {
  static void ref(T* p) { gst_object_ref(p); }
  static void unref(T* p) { gst_object_unref(p); }
};
struct GstMessageTraits {
  static void ref(GstMessage* p) { gst_message_ref(p); }
  static void unref(GstMessage* p) { gst_message_unref(p); }
};
struct GstCapsTraits {
  static void ref(GstCaps* p) { gst_caps_ref(p); }
  static void unref(GstCaps* p) { gst_caps_unref(p); }
};
struct GstBufferTraits {
  static void ref(GstBuffer* p) { gst_buffer_ref(p); }
  static void unref(GstBuffer* p) { gst_buffer_unref(p); }
};
struct GstSampleTraits {
  static void ref(GstSample* p) { gst_sample_ref(p); }
  static void unref(GstSample* p) { gst_sample_unref(p); }
};
struct GstStructureTraits {
  static void unref(GstStructure* p) { gst_structure_free(p); }
};
struct GErrorTraits {
  static void unref(GError* p) { g_error_free(p); }
};
struct GCharTraits {
  static void unref(gchar* p) { g_free(p); }
};

using ElementHandle = CHandle<GstElement, GstObjectTraits<GstElement>>;
using PadHandle = CHandle<GstPad, GstObjectTraits<GstPad>>;
using BusHandle = CHandle<GstBus, GstObjectTraits<GstBus>>;
using ClockHandle = CHandle<GstClock, GstObjectTraits<GstClock>>;
using MessageHandle = CHandle<GstMessage, GstMessageTraits>;
using CapsHandle = CHandle<GstCaps, GstCapsTraits>;
using BufferHandle = CHandle<GstBuffer, GstBufferTraits>;
using SampleHandle = CHandle<GstSample, GstSampleTraits>;
using StructureHandle = CHandle<GstStructure, GstStructureTraits>;
using GErrorHandle = CHandle<GError, GErrorTraits>;
using GCharHandle = CHandle<gchar, GCharTraits>;

// Takes a floating reference (as returned by gst_element_factory_make,
// gst_parse_launch, gst_pipeline_new) and returns a handle that owns it.
// Given a non-floating pointer it adds a reference, so the handle still owns
// exactly one.
inline ElementHandle sinkElement(GstElement* element) {
  if (!element) return {};
  return ElementHandle::adopt(GST_ELEMENT(gst_object_ref_sink(element)));
}

// Initialises GStreamer once per process (gst_init_check is idempotent and
// thread-safe). Fails with a sentence when the library cannot start.
Status ensureGstreamer();

// gst_element_factory_make with a Result: the error names the factory and
// the Debian package that usually provides it is the caller's concern.
Result<ElementHandle> makeElement(const char* factory, const std::string& name = {});

// A GstBin built from a gst-launch description (gst_parse_bin_from_description,
// no ghost pads), sunk.
Result<ElementHandle> parseLaunch(const std::string& description);

// The text of a GError, or `fallback` when there is none.
std::string errorText(const GError* error, const char* fallback = "unknown error");

}  // namespace wardcast::media
