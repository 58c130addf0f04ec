#include "util/wall_clock.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace wardcast {
namespace {

SysMillis systemNow() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

}  // namespace

WallClock WallClock::startingAt(SysMillis now) {
  WallClock clock;
  clock.shift_ = now - systemNow();
  return clock;
}

Result<WallClock> WallClock::fromEnvironment() {
  const char* text = std::getenv(kEnvironmentVariable);
  if (!text || !*text) return WallClock{};
  auto instant = parseIsoInstant(text);
  if (!instant)
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("{}='{}' is not an instant (expected YYYY-MM-DDTHH:MM:SS with an offset, "
                                 "e.g. 2027-01-04T05:00:00+07:00)",
                                 kEnvironmentVariable, text));
  return startingAt(*instant);
}

SysMillis WallClock::now() const { return systemNow() + shift_; }

std::chrono::system_clock::time_point WallClock::toSystem(SysMillis instant) const {
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>((instant - shift_).time_since_epoch()));
}

SysMillis WallClock::fromSystem(std::chrono::system_clock::time_point instant) const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(instant) + shift_;
}

}  // namespace wardcast
