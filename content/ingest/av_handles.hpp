#pragma once
// RAII handles for the libav and libebur128 objects ingest uses, on the
// project's one CHandle template (util/c_handle.hpp). All are owned handles:
// construct with CHandle::adopt(); none supports ref().
extern "C" {
#include <ebur128.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswresample/swresample.h>
}

#include <string>

#include "util/c_handle.hpp"

namespace wardcast::ingest_detail {

struct FormatContextTraits {
  static void unref(AVFormatContext* p) { avformat_close_input(&p); }
};
struct CodecContextTraits {
  static void unref(AVCodecContext* p) { avcodec_free_context(&p); }
};
struct PacketTraits {
  static void unref(AVPacket* p) { av_packet_free(&p); }
};
struct FrameTraits {
  static void unref(AVFrame* p) { av_frame_free(&p); }
};
struct SwrTraits {
  static void unref(SwrContext* p) { swr_free(&p); }
};
struct Ebur128Traits {
  static void unref(ebur128_state* p) { ebur128_destroy(&p); }
};

using FormatContextHandle = CHandle<AVFormatContext, FormatContextTraits>;
using CodecContextHandle = CHandle<AVCodecContext, CodecContextTraits>;
using PacketHandle = CHandle<AVPacket, PacketTraits>;
using FrameHandle = CHandle<AVFrame, FrameTraits>;
using SwrHandle = CHandle<SwrContext, SwrTraits>;
using Ebur128Handle = CHandle<ebur128_state, Ebur128Traits>;

// libav's error code as a sentence ("Invalid data found when processing input").
std::string avErrorText(int av_error);

}  // namespace wardcast::ingest_detail
