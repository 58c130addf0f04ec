#pragma once
// What a ChannelPlayout tells its owner (the `wardcast play` front end, the
// daemon's as-run recorder, the console), on the owner's executor. Plain
// values: the playout neither prints nor throws; its owner decides what to
// say and where.
//
// Instants are on the station's WallClock (util/wall_clock.hpp), the same
// clock the program log is planned on, to the millisecond.
#include <optional>
#include <string>
#include <string_view>

#include "util/civil_time.hpp"

namespace wardcast::playout {

struct PlayoutEvent {
  enum class Kind {
    kItemStarted = 1,  // item_id; `planned` when it had a planned start
    kItemEnded,        // item_id
    kItemFailed,       // item_id, message: skipped (missing, corrupt, cannot be rendered)
    kOutputUp,         // output
    kOutputDown,       // output, message
    kDeadAirStarted,   // message
    kDeadAirEnded,     // message (may be empty)
    kLiveStarted,
    kLiveEnded,
    kError,     // message: the program failed; the playout drains and finishes
    kFinished,  // the program has stopped: recordings are complete
  };
  Kind kind = Kind::kItemStarted;
  std::string item_id;
  std::string output;
  std::string message;
  SysMillis at{};                    // when it happened on the outputs
  std::optional<SysMillis> planned;  // kItemStarted, kItemFailed: the planned start
};

std::string_view toString(PlayoutEvent::Kind kind);

}  // namespace wardcast::playout
