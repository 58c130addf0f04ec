#pragma once
// AmplifierTiming: when the AmplifierScheduler switches an amplifier around a
// broadcast window, and how it retries. Read from the amplifier URI's common
// options (docs/drivers.md): lead, tail, retry, retry_max.
#include <chrono>

namespace wardcast::drivers {

struct AmplifierTiming {
  // Power on this long before a window starts (amplifiers and relays need
  // time to settle; no pop on the first word).
  std::chrono::milliseconds lead{std::chrono::seconds(30)};
  // Power off this long after a window ends.
  std::chrono::milliseconds tail{std::chrono::seconds(10)};
  // First retry delay after a failed attempt; doubles each failure...
  std::chrono::milliseconds retry_initial{std::chrono::seconds(1)};
  // ...up to this ceiling.
  std::chrono::milliseconds retry_max{std::chrono::seconds(60)};
};

}  // namespace wardcast::drivers
