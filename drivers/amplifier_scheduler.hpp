#pragma once
// AmplifierScheduler: keeps one channel's amplifier powered for its
// broadcast windows. Given the channel's window instances (UTC), it powers
// on `timing.lead` before each window starts and off `timing.tail` after it
// ends. Windows whose powered spans touch or overlap are merged, so the
// amplifier is not cycled between back-to-back windows. A failed switch is
// retried after timing.retry_initial, doubling up to timing.retry_max, for
// as long as the switch is still wanted (a power-on stops being retried when
// its window's span is over). Every attempt, failed or not, is reported as
// an AmplifierEvent.
//
// At start the amplifier's state is unknown: outside a window the scheduler
// switches it off once (a relay left on by a crash or by hand is cleared);
// inside one it switches it on at once.
//
// Threads: no threads of its own. Timers, handlers and the event callback
// run on `executor`; every member function must be called there, and the
// object must be destroyed there. Driver calls block (up to the driver's
// timeout: about 3 x the Modbus response timeout, or the exec timeout):
// they run on `blocking` when given (e.g. a boost::asio::thread_pool or a
// strand the owner keeps for blocking I/O), otherwise on `executor` itself.
// The driver is called by one attempt at a time, never concurrently.
// Destroying the scheduler cancels its timers; a driver call already running
// on `blocking` finishes and its result is dropped.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "drivers/amplifier_driver.hpp"
#include "drivers/amplifier_timing.hpp"
#include "util/civil_time.hpp"

namespace wardcast::drivers {

// One occurrence of a broadcast window, in UTC.
struct WindowInstance {
  SysMillis start;
  SysMillis end;
};

enum class AttemptOutcome { kSucceeded = 1, kFailed };

struct AmplifierEvent {
  std::string channel;
  std::string driver;  // AmplifierDriver::describe()
  AmplifierPower action = AmplifierPower::kOff;
  AttemptOutcome outcome = AttemptOutcome::kSucceeded;
  int attempt = 1;                        // 1 for the first try of this switch
  SysMillis planned;                      // when the switch was due
  SysMillis finished;                     // when this attempt returned
  std::string detail;                     // the driver's error sentence on failure
  std::chrono::milliseconds retry_in{0};  // on failure: delay before the next try
};

class AmplifierScheduler {
 public:
  using EventHandler = std::function<void(const AmplifierEvent&)>;

  AmplifierScheduler(const boost::asio::any_io_executor& executor, std::string channel,
                     std::unique_ptr<AmplifierDriver> driver, AmplifierTiming timing,
                     EventHandler on_event,
                     const std::optional<boost::asio::any_io_executor>& blocking = std::nullopt);
  ~AmplifierScheduler();
  AmplifierScheduler(const AmplifierScheduler&) = delete;
  AmplifierScheduler& operator=(const AmplifierScheduler&) = delete;

  // Replaces the planned windows (any order; past ones are ignored) and acts
  // on them: at once if the amplifier should change now, else at the next
  // planned switch.
  void setWindows(const std::vector<WindowInstance>& windows);

  // The state last confirmed by the driver; nullopt before the first success.
  std::optional<AmplifierPower> confirmedState() const;

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;
};

const char* toString(AmplifierPower power);    // "on", "off"
const char* toString(AttemptOutcome outcome);  // "succeeded", "failed"

}  // namespace wardcast::drivers
