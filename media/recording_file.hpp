#pragma once
// A recording is a new file per run, never overwritten. A channel's file
// output always records to the path its URI names (rec/ward.ogg), so that
// the newest recording is where the station file says; before a run opens
// it, keepEarlierRecording() moves the previous run's file aside to
// rec/ward-20261206T214500Z.ogg (its last change, UTC; -2, -3 ... when that
// name is taken). Only the channel lock's holder plays a channel, so no
// other process is writing the file being moved.
#include <filesystem>

#include "util/result.hpp"

namespace wardcast::media {

// Moves an existing, non-empty `file` aside; an empty one is left to be
// overwritten. Returns the new name of the earlier recording (empty when
// there was none). Fails when it cannot be moved: the run must not start,
// or it would destroy the earlier recording.
Result<std::filesystem::path> keepEarlierRecording(const std::filesystem::path& file);

}  // namespace wardcast::media
