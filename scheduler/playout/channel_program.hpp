#pragma once
// ChannelProgram: one channel's program behind one interface, whichever
// program kind plays it (docs/playout.md):
//   - the forwarding path (media::ForwardProgram): items rendered once to
//     air renditions, whose packets are sent as they are; the cheapest, when
//     every output can be forwarded (RTP/Opus, or Icecast MP3 mounts) and
//     nothing needs decoding at playout (a relay does);
//   - the decoding path (media::LoudspeakerProgram): decode, mix, encode;
//   - an LED screen (media::led::LedProgram): the clips loop.
// makeChannelProgram() picks the cheapest one the channel allows.
//
// Lifecycle: status() is the program's media::ProgramStatus; start() only
// from kIdle, enqueue() before or while on air, drain() and stop() at any
// time (no-ops once stopped).
//
// Threads: every method and the event handler run on the executor given to
// makeChannelProgram(). Event instants are system-clock times at which the
// sound (or picture) left the outputs; the playout turns them into station
// time.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>

#include "config/station_config.hpp"
#include "media/decode/loudspeaker_program.hpp"
#include "media/program_event.hpp"
#include "media/program_item.hpp"
#include "media/program_status.hpp"
#include "util/result.hpp"

namespace wardcast::media::led {
class RtspHostPool;
}

namespace wardcast::playout {

using SystemTime = std::chrono::system_clock::time_point;

class ChannelProgram {
 public:
  using EventHandler = std::function<void(const media::ProgramEvent&, SystemTime at)>;

  virtual ~ChannelProgram() = default;
  // "forwarding Opus air renditions", "decoding path", "LED screen".
  virtual std::string path() const = 0;
  virtual media::ProgramStatus status() const = 0;
  virtual void setEventHandler(EventHandler handler) = 0;
  virtual Status start() = 0;
  // Appends `item`: at `start` or, without one, after the item before it.
  // Items start in the order they were enqueued. An item that cannot be
  // played is reported (kItemFailed) and skipped.
  virtual void enqueue(media::ProgramItem item, std::optional<SystemTime> start) = 0;
  // Ends after the item on air; kStopped follows.
  virtual void drain() = 0;
  virtual void stop() = 0;
  // Items enqueued that have not started yet.
  virtual std::size_t queued() const = 0;
  // An item is on air.
  virtual bool playing() const = 0;
  // Programs that cannot tell dead air ignore it.
  virtual void setDeadAirWatch(media::DeadAirWatch) {}
};

// Which program kind may play a loudspeaker channel.
enum class ProgramPath {
  kCheapest = 1,  // forwarding when the outputs allow it, else decoding
  kDecode,        // always the decoding path (`play --decode`, relays, live)
};

// The program for `channel` of `config`. Fails with a sentence when the
// channel's outputs cannot be opened. An LED screen's RTSP server comes from
// `rtsp_hosts` (shared by the screens of one process); null: its own.
Result<std::unique_ptr<ChannelProgram>> makeChannelProgram(boost::asio::any_io_executor executor,
                                                           const StationConfig& config, const Channel& channel,
                                                           ProgramPath path,
                                                           media::led::RtspHostPool* rtsp_hosts = nullptr);

}  // namespace wardcast::playout
