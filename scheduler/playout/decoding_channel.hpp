#pragma once
// DecodingChannel: a ChannelProgram on the decoding path
// (media::LoudspeakerProgram): items are decoded, brought to the station's
// loudness, mixed and encoded at playout. Serves every output kind, relays
// and live sources. Threads: as ChannelProgram.
#include "scheduler/playout/channel_program.hpp"

namespace wardcast::playout {

class DecodingChannel final : public ChannelProgram {
 public:
  explicit DecodingChannel(std::unique_ptr<media::LoudspeakerProgram> program) : program_(std::move(program)) {}

  std::string path() const override { return "decoding path"; }
  media::ProgramStatus status() const override { return program_->status(); }
  void setEventHandler(EventHandler handler) override;
  Status start() override { return program_->start(); }
  void enqueue(media::ProgramItem item, std::optional<SystemTime> start) override;
  void drain() override { program_->drain(); }
  void stop() override { program_->stop(); }
  std::size_t queued() const override { return program_->queued(); }
  bool playing() const override { return program_->playing(); }
  void setDeadAirWatch(media::DeadAirWatch watch) override { program_->setDeadAirWatch(watch); }

  media::LoudspeakerProgram& program() { return *program_; }

 private:
  std::unique_ptr<media::LoudspeakerProgram> program_;
};

}  // namespace wardcast::playout
