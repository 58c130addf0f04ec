#pragma once
// The wall clock that every command, the playout and the daemon read "now"
// from. By default it is the system clock. WARDCAST_NOW, an ISO 8601 instant
// with its offset ("2027-01-04T05:00:00+07:00"), sets it: the clock reads
// that instant when it is made and runs on in real time from there, so a
// test can fix "today" (and plan a week that is always ahead) without faking
// the system clock for the whole process tree.
//
// The clock is a value, made once by each program's entry point
// (fromEnvironment()) and handed down; nothing reads the variable again.
// Timers and media run on the system clock: toSystem() turns an instant of
// this clock into the system-clock instant at which it falls.
#include <chrono>

#include "util/civil_time.hpp"
#include "util/result.hpp"

namespace wardcast {

class WallClock {
 public:
  static constexpr const char* kEnvironmentVariable = "WARDCAST_NOW";

  // The system clock itself.
  WallClock() = default;
  // A clock that reads `now` at this moment.
  static WallClock startingAt(SysMillis now);
  // The system clock, or the clock WARDCAST_NOW sets. Fails, naming the
  // variable and what was expected, when it is set but not an instant.
  static Result<WallClock> fromEnvironment();

  SysMillis now() const;
  // How far this clock reads ahead of the system clock (negative: behind).
  std::chrono::milliseconds shift() const { return shift_; }
  std::chrono::system_clock::time_point toSystem(SysMillis instant) const;
  SysMillis fromSystem(std::chrono::system_clock::time_point instant) const;

 private:
  std::chrono::milliseconds shift_{0};
};

}  // namespace wardcast
