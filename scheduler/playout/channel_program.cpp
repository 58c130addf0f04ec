#include "scheduler/playout/channel_program.hpp"

#include <fmt/format.h>

#include "media/forward/forward_program.hpp"
#include "media/rendition/air_rendition.hpp"
#include "scheduler/playout/decoding_channel.hpp"
#include "scheduler/playout/forwarding_channel.hpp"
#include "scheduler/playout/led_channel.hpp"

namespace wardcast::playout {
namespace {

Result<std::unique_ptr<ChannelProgram>> decodingProgram(boost::asio::any_io_executor executor,
                                                        const StationConfig& config, const Channel& channel) {
  auto program = media::LoudspeakerProgram::create(std::move(executor), media::programSettings(config, channel));
  if (!program) return program.error();
  return std::unique_ptr<ChannelProgram>(std::make_unique<DecodingChannel>(std::move(*program)));
}

Result<std::unique_ptr<ChannelProgram>> forwardingProgram(boost::asio::any_io_executor executor,
                                                          const StationConfig& config, const Channel& channel,
                                                          const media::OutputPlan& plan,
                                                          const media::RenditionFormat& format) {
  media::ForwardSettings settings;
  settings.channel_id = channel.id;
  settings.outputs = plan.rtp;
  if (const auto* opus = std::get_if<media::AirFormat>(&format)) settings.format = *opus;
  settings.icecast = plan.icecast;
  auto program = media::ForwardProgram::create(executor, std::move(settings));
  if (!program) return program.error();
  auto cache = std::make_unique<media::AirRenditionCache>(
      executor, config.station.data_dir,
      media::LoudnessTarget{config.station.loudness_lufs, config.station.true_peak_dbtp}, format);
  return std::unique_ptr<ChannelProgram>(std::make_unique<ForwardingChannel>(std::move(*program), std::move(cache)));
}

}  // namespace

Result<std::unique_ptr<ChannelProgram>> makeChannelProgram(boost::asio::any_io_executor executor,
                                                           const StationConfig& config, const Channel& channel,
                                                           ProgramPath path, media::led::RtspHostPool* rtsp_hosts) {
  if (channel.kind == ChannelKind::kLed) {
    auto screen = LedChannel::create(std::move(executor), config, channel, rtsp_hosts);
    if (!screen) return screen.error();
    return std::unique_ptr<ChannelProgram>(std::move(*screen));
  }
  auto plan = media::planOutputs(channel.outputs);
  if (!plan) return makeError(plan.error().kind, fmt::format("channel {}: {}", channel.id, plan.error().message));
  auto format = media::forwardRenditionFormat(*plan);
  if (path == ProgramPath::kDecode || !format) return decodingProgram(std::move(executor), config, channel);
  return forwardingProgram(std::move(executor), config, channel, *plan, *format);
}

}  // namespace wardcast::playout
