#pragma once
// AirRenditionCache: the "air renditions" of a station's items, made once
// and kept in the data directory, content-addressed, so that playing an item
// on any number of channels, any number of times, costs no decoding, no
// loudness gain and no encoding at playout (SPEC §7, "the cheapest encode is
// the one not done at playout").
//
// A rendition is Ogg/Opus in the station's AirFormat (rtp:// outputs) or
// MP3 in an Mp3AirFormat (icecast:// .mp3 mounts; air_rendition_format.hpp),
// already brought to the station loudness target with the true-peak cap
// (loudness_gain.hpp's itemGainDb, the same gain LoudspeakerProgram
// applies), cut to whole frames (forward_render_job.hpp). A cache makes one
// format; a station forwarding both codecs has one cache per format, in the
// same directory. A rendition lives at
//   DATA_DIR/renditions/<id[0:2]>/<id>_<gain>dB_opus<kbps>k<ms>ms.opus
//   DATA_DIR/renditions/<id[0:2]>/<id>_<gain>dB_mp3<kbps>k48khz.mp3
// (codec, bit rate and frame or rate in the name: the two never collide) where <id> is the asset's SHA-256 when the item is a stored asset
// (assets/ab/<sha256>.<ext>) and otherwise a hash of the file's absolute path,
// size and modification time; <gain> is the applied gain to 0.01 dB. A changed
// target, bit rate or frame length is a different file; stale ones can be
// deleted at any time (they are only a cache).
//
// Threads: every method on the owner's executor; completion handlers run
// there too (posted, never from inside ensure()). One render at a time per
// file: concurrent requests for the same rendition wait for the same job.
#include <boost/asio/any_io_executor.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "media/rendition/air_rendition_format.hpp"
#include "media/rendition/render_job.hpp"
#include "media/loudness_gain.hpp"
#include "media/program_item.hpp"

namespace wardcast::media {

class AirRenditionCache {
 public:
  using Done = std::function<void(Result<std::filesystem::path>)>;

  AirRenditionCache(boost::asio::any_io_executor executor, std::filesystem::path data_dir,
                    LoudnessTarget target, RenditionFormat format);
  AirRenditionCache(boost::asio::any_io_executor executor, std::filesystem::path data_dir,
                    LoudnessTarget target, AirFormat format)
      : AirRenditionCache(std::move(executor), std::move(data_dir), target,
                          RenditionFormat(format)) {}
  // Stops renders in progress; their handlers are not called.
  ~AirRenditionCache();
  AirRenditionCache(const AirRenditionCache&) = delete;
  AirRenditionCache& operator=(const AirRenditionCache&) = delete;

  // Calls `done` with the rendition's path once it exists: at once (posted)
  // when it is already stored, after a render otherwise. An error names the
  // item and says why it could not be rendered (missing, corrupt, no audio).
  void ensure(const ProgramItem& item, Done done);

  // Removes `item`'s stored rendition (say, one a ForwardProgram reported as
  // damaged), so that the next ensure() renders it again.
  void discard(const ProgramItem& item);

  // Where `item`'s rendition is (or will be) stored.
  std::filesystem::path pathFor(const ProgramItem& item) const;
  // Gain the rendition of `item` carries, in dB.
  double gainDb(const ProgramItem& item) const;
  // Renders started since construction (for tests and status pages).
  std::size_t rendersStarted() const { return renders_started_; }
  const RenditionFormat& format() const { return format_; }

 private:
  struct Job {
    std::unique_ptr<RenderJob> render;
    std::vector<Done> waiters;
  };
  void finished(const std::filesystem::path& path, const std::string& item_id, Status status);

  boost::asio::any_io_executor executor_;
  std::filesystem::path data_dir_;
  LoudnessTarget target_;
  RenditionFormat format_;
  std::map<std::filesystem::path, Job> jobs_;
  std::size_t renders_started_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace wardcast::media
