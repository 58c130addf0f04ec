#include "media/led/rtsp_server_host.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "media/gst/gst_handles.hpp"

namespace wardcast::media::led {
namespace {

GstRTSPFilterResult closeClient(GstRTSPServer* /*server*/, GstRTSPClient* /*client*/,
                                gpointer /*data*/) {
  return GST_RTSP_FILTER_REMOVE;
}

gboolean cleanupSessions(GstRTSPSessionPool* pool, gpointer /*data*/) {
  gst_rtsp_session_pool_cleanup(pool);
  return G_SOURCE_CONTINUE;
}

}  // namespace

RtspServerHost::RtspServerHost(boost::asio::any_io_executor executor, std::string address)
    : executor_(executor),
      timer_(executor),
      address_(std::move(address)),
      context_(g_main_context_new()),
      server_(gst_rtsp_server_new()),
      anchor_(std::make_shared<Anchor>(Anchor{this})) {}

Result<std::unique_ptr<RtspServerHost>> RtspServerHost::create(
    boost::asio::any_io_executor executor, const std::string& address, int port) {
  if (auto ok = ensureGstreamer(); !ok) return ok.error();
  std::unique_ptr<RtspServerHost> host(new RtspServerHost(executor, address));
  if (auto ok = host->start(port); !ok) return ok.error();
  host->scheduleDispatch();
  return host;
}

Status RtspServerHost::start(int port) {
  gst_rtsp_server_set_address(server_, address_.c_str());
  gst_rtsp_server_set_service(server_, std::to_string(port).c_str());
  // Zero client threads: requests are handled in our context (header).
  GstRTSPThreadPool* pool = gst_rtsp_server_get_thread_pool(server_);
  gst_rtsp_thread_pool_set_max_threads(pool, 0);
  g_object_unref(pool);

  GError* raw_error = nullptr;
  GSource* source = gst_rtsp_server_create_source(server_, nullptr, &raw_error);
  GErrorHandle error = GErrorHandle::adopt(raw_error);
  if (!source) {
    return makeError(ErrorKind::kIo, "RTSP server cannot listen on " + address_ + ":" +
                                         std::to_string(port) + ": " + errorText(error.get()));
  }
  server_source_ = g_source_attach(source, context_);
  g_source_unref(source);
  port_ = gst_rtsp_server_get_bound_port(server_);

  GstRTSPSessionPool* sessions = gst_rtsp_server_get_session_pool(server_);
  session_cleanup_ = gst_rtsp_session_pool_create_watch(sessions);
  g_source_set_callback(session_cleanup_, G_SOURCE_FUNC(cleanupSessions), nullptr, nullptr);
  g_source_attach(session_cleanup_, context_);
  g_object_unref(sessions);
  spdlog::info("RTSP server listening on {}:{}", address_, port_);
  return okStatus();
}

RtspServerHost::~RtspServerHost() {
  anchor_.reset();
  timer_.cancel();
  if (server_) {
    GstRTSPMountPoints* mounts = gst_rtsp_server_get_mount_points(server_);
    for (const auto& path : mounted_) gst_rtsp_mount_points_remove_factory(mounts, path.c_str());
    g_object_unref(mounts);
    gst_rtsp_server_client_filter(server_, closeClient, nullptr);
  }
  if (session_cleanup_) {
    g_source_destroy(session_cleanup_);
    g_source_unref(session_cleanup_);
  }
  if (server_source_ != 0) {
    if (GSource* source = g_main_context_find_source_by_id(context_, server_source_)) {
      g_source_destroy(source);
    }
  }
  // Let closed clients run their last callbacks, then drop everything.
  dispatchReady();
  if (server_) g_object_unref(server_);
  dispatchReady();
  if (context_) g_main_context_unref(context_);
}

Status RtspServerHost::mount(const std::string& path, GstRTSPMediaFactory* factory) {
  if (path.size() < 2 || path.front() != '/') {
    return makeError(ErrorKind::kInvalidInput,
                     "RTSP mount path '" + path + "' must start with '/' and name something");
  }
  if (std::find(mounted_.begin(), mounted_.end(), path) != mounted_.end()) {
    return makeError(ErrorKind::kConflict,
                     "RTSP mount " + path + " is already served on port " + std::to_string(port_));
  }
  GstRTSPMountPoints* mounts = gst_rtsp_server_get_mount_points(server_);
  gst_rtsp_mount_points_add_factory(mounts, path.c_str(),
                                    GST_RTSP_MEDIA_FACTORY(g_object_ref(factory)));
  g_object_unref(mounts);
  mounted_.push_back(path);
  return okStatus();
}

void RtspServerHost::unmount(const std::string& path) {
  auto it = std::find(mounted_.begin(), mounted_.end(), path);
  if (it == mounted_.end()) return;
  GstRTSPMountPoints* mounts = gst_rtsp_server_get_mount_points(server_);
  gst_rtsp_mount_points_remove_factory(mounts, path.c_str());
  g_object_unref(mounts);
  mounted_.erase(it);
}

void RtspServerHost::dispatchReady() {
  // Bounded so a flood of ready sources cannot starve the executor.
  for (int i = 0; i < 64 && g_main_context_iteration(context_, FALSE); ++i) {
  }
}

void RtspServerHost::scheduleDispatch() {
  timer_.expires_after(kDispatchInterval);
  timer_.async_wait([anchor = std::weak_ptr<Anchor>(anchor_)](const boost::system::error_code& ec) {
    if (ec) return;
    auto alive = anchor.lock();
    if (!alive) return;
    alive->self->dispatchReady();
    alive->self->scheduleDispatch();
  });
}

}  // namespace wardcast::media::led
