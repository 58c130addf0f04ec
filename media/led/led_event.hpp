#pragma once
// Events an LedProgram reports to its owner, on the owner's executor: what
// went on screen and when (for the as-run log), and failures.
#include <chrono>
#include <string>
#include <variant>

#include "media/led/playlist.hpp"

namespace wardcast::media::led {

using SteadyTime = std::chrono::steady_clock::time_point;

struct ItemStartedEvent {
  PlaylistItem item;
  SteadyTime at;
};
struct ItemEndedEvent {
  PlaylistItem item;
  SteadyTime at;
};
// The item could not be played (missing, corrupt, undecodable); the program
// has moved on to the next one.
struct ItemFailedEvent {
  PlaylistItem item;
  std::string message;
};
// The program pipeline itself failed; outputs are down until the owner
// stops and starts the program again.
struct ProgramErrorEvent {
  std::string message;
};
// finish() completed: every output got EOS (recordings are finalised).
struct ProgramFinishedEvent {};

using LedEvent = std::variant<ItemStartedEvent, ItemEndedEvent, ItemFailedEvent, ProgramErrorEvent,
                              ProgramFinishedEvent>;

}  // namespace wardcast::media::led
