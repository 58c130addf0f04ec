#pragma once
// ForwardingChannel: a ChannelProgram on the forwarding path
// (media::ForwardProgram). Each item is rendered once to an air rendition
// (media::AirRenditionCache: at the station's loudness, in the channel's
// codec) and its packets are then sent as they are.
//
// enqueue() never waits: the item waits in this class's queue while its
// rendition is found or made (a render runs on GStreamer's threads and ends
// on the executor), and is handed to the program, in enqueue order, as soon
// as it and every item before it are ready. An item that cannot be rendered
// is reported as kItemFailed and skipped. An item whose start has passed by
// the time its rendition is ready starts at once. (The daemon renders ahead
// of air, when an item is approved or planned; this is the fallback.)
//
// Threads: as ChannelProgram; render completions arrive on the executor.
#include <deque>
#include <filesystem>

#include "media/forward/forward_program.hpp"
#include "media/rendition/air_rendition.hpp"
#include "scheduler/playout/channel_program.hpp"

namespace wardcast::playout {

class ForwardingChannel final : public ChannelProgram {
 public:
  ForwardingChannel(std::unique_ptr<media::ForwardProgram> program, std::unique_ptr<media::AirRenditionCache> cache)
      : program_(std::move(program)), cache_(std::move(cache)) {}

  std::string path() const override;
  media::ProgramStatus status() const override { return program_->status(); }
  void setEventHandler(EventHandler handler) override;
  Status start() override { return program_->start(); }
  void enqueue(media::ProgramItem item, std::optional<SystemTime> start) override;
  void drain() override;
  void stop() override;
  std::size_t queued() const override { return waiting_.size() + program_->queued(); }
  bool playing() const override { return program_->onAir(); }

  media::ForwardProgram& program() { return *program_; }
  media::AirRenditionCache& renditions() { return *cache_; }

 private:
  struct Waiting {
    media::ProgramItem item;
    std::optional<SystemTime> start;
    std::optional<Result<std::filesystem::path>> rendition;  // empty until found or made
  };
  void handOver();  // ready items at the front go to the program, in order

  std::unique_ptr<media::ForwardProgram> program_;
  std::unique_ptr<media::AirRenditionCache> cache_;
  EventHandler handler_;
  std::deque<Waiting> waiting_;
  std::uint64_t generation_ = 0;  // bumped by drain()/stop(): late renders are dropped
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace wardcast::playout
