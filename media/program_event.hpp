#pragma once
// What a loudspeaker channel's program (LoudspeakerProgram or ForwardProgram)
// tells its owner, on the owner's executor.
#include <chrono>
#include <string>
#include <string_view>

namespace wardcast::media {

struct ProgramEvent {
  enum class Kind {
    kItemStarted = 1,  // item_id: its first sample entered the program
    kItemEnded,        // item_id: its last sample entered the program
    kItemFailed,       // item_id, message: skipped (missing, corrupt, changed file)
    kQueueEmpty,       // nothing left to play; silence follows
    kDeadAirStarted,   // silence longer than DeadAirSettings::after on the output
    kDeadAirEnded,
    kLiveStarted,      // a live source is on air (takeover or ducking)
    kLiveEnded,        // it ended; the program resumes where it stopped
    kOutputUp,         // output: an Icecast mount (re)connected
    kOutputDown,       // output, message: an Icecast mount lost; retrying
    kError,            // message: the program's pipeline failed
    kStopped,          // drained: every recording is complete
  };
  Kind kind = Kind::kItemStarted;
  std::string item_id;
  std::string output;
  std::string message;
  // Running time of the program pipeline the event refers to (item events:
  // the stamp of the item's first/last sample; others: when it was seen).
  std::chrono::nanoseconds running_time{0};
};

std::string_view toString(ProgramEvent::Kind kind);

}  // namespace wardcast::media
