#pragma once
// The pipeline of one playlist item (led_launch.hpp: clipLaunch(),
// stillLaunch()), wired to the program's ScreenFeed. LedProgram prerolls it
// (prepare()) while the previous item plays and plays it when that one ends.
//
// Threads: both functions run on the owner's executor. A clip's audio pad is
// linked on the decoder's streaming thread ("pad-added"), inside the item
// pipeline, to an appsink that feeds the program's sound.
#include <boost/asio/any_io_executor.hpp>

#include <memory>
#include <string>
#include <vector>

#include "media/led/led_launch.hpp"
#include "media/led/playlist.hpp"
#include "media/led/screen_feed.hpp"
#include "media/gst/pipeline.hpp"
#include "util/result.hpp"

namespace wardcast::media::led {

// Sets each property on the element of `pipeline` it names (string values,
// deserialised to the property's type). Fails when an element is missing.
Status setLaunchProperties(const Pipeline& pipeline,
                           const std::vector<LaunchPlan::Property>& properties);

// Builds the pipeline that shows `item` through `feed` at `format`, in
// state NULL, named "led-CHANNEL-item". Fails with a sentence when the file
// does not exist or the description cannot be built; a file that exists but
// does not decode fails later, as an ErrorEvent of the pipeline.
Result<std::unique_ptr<Pipeline>> makeItemPipeline(boost::asio::any_io_executor executor,
                                                   const std::string& channel_id,
                                                   const LedFormat& format,
                                                   const PlaylistItem& item,
                                                   const ScreenFeed& feed);

}  // namespace wardcast::media::led
