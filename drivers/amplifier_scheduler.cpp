#include "drivers/amplifier_scheduler.hpp"

#include <algorithm>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/system_timer.hpp>

namespace wardcast::drivers {
namespace {

using namespace std::chrono;

SysMillis nowMillis() {
  return time_point_cast<milliseconds>(system_clock::now());
}

struct PoweredSpan {
  SysMillis on_at;
  SysMillis off_at;
};

// What the amplifier should be at `now`, since when, and when that changes.
struct Wanted {
  AmplifierPower power = AmplifierPower::kOff;
  SysMillis since;  // the boundary that made it so (or `now` for the start)
  SysMillis next;   // the next boundary; SysMillis::max() when none
};

}  // namespace

class AmplifierScheduler::Impl : public std::enable_shared_from_this<Impl> {
 public:
  Impl(const boost::asio::any_io_executor& executor, std::string channel,
       std::shared_ptr<AmplifierDriver> driver, AmplifierTiming timing, EventHandler on_event,
       boost::asio::any_io_executor blocking)
      : executor_(executor),
        blocking_(std::move(blocking)),
        timer_(executor),
        channel_(std::move(channel)),
        driver_(std::move(driver)),
        timing_(timing),
        on_event_(std::move(on_event)) {}

  void setWindows(const std::vector<WindowInstance>& windows);
  void reconcile();
  void cancel() { timer_.cancel(); }
  std::optional<AmplifierPower> state() const { return state_; }

 private:
  Wanted wantedAt(SysMillis now) const;
  void armAt(SysMillis when);
  void startAttempt();
  void onAttemptDone(AmplifierPower action, const Status& status);

  boost::asio::any_io_executor executor_;
  boost::asio::any_io_executor blocking_;
  boost::asio::system_timer timer_;
  std::string channel_;
  std::shared_ptr<AmplifierDriver> driver_;
  AmplifierTiming timing_;
  EventHandler on_event_;

  std::vector<PoweredSpan> spans_;         // sorted, disjoint
  std::optional<AmplifierPower> state_;    // last confirmed
  std::optional<AmplifierPower> pending_;  // the switch being pursued
  SysMillis pending_since_;
  int attempt_ = 0;  // attempts made for pending_
  SysMillis retry_at_;
  bool in_flight_ = false;
};

void AmplifierScheduler::Impl::setWindows(const std::vector<WindowInstance>& windows) {
  std::vector<PoweredSpan> spans;
  for (const auto& w : windows) {
    if (w.end < w.start) continue;
    spans.push_back({w.start - timing_.lead, w.end + timing_.tail});
  }
  std::sort(spans.begin(), spans.end(),
            [](const PoweredSpan& a, const PoweredSpan& b) { return a.on_at < b.on_at; });
  spans_.clear();
  for (const auto& s : spans) {
    if (!spans_.empty() && s.on_at <= spans_.back().off_at) {
      spans_.back().off_at = std::max(spans_.back().off_at, s.off_at);
    } else {
      spans_.push_back(s);
    }
  }
  reconcile();
}

Wanted AmplifierScheduler::Impl::wantedAt(SysMillis now) const {
  Wanted wanted{AmplifierPower::kOff, now, SysMillis::max()};
  for (const auto& s : spans_) {
    if (now < s.on_at) {
      wanted.next = s.on_at;
      return wanted;
    }
    if (now < s.off_at) {
      return {AmplifierPower::kOn, s.on_at, s.off_at};
    }
    wanted.since = s.off_at;
  }
  return wanted;
}

// The one decision point: called at start, after every attempt and when a
// timer fires. Starts an attempt when the amplifier is not as wanted and no
// retry delay is pending; otherwise waits for the next boundary or retry.
void AmplifierScheduler::Impl::reconcile() {
  if (in_flight_) return;
  const SysMillis now = nowMillis();
  const Wanted wanted = wantedAt(now);
  if (state_ == wanted.power) {
    pending_.reset();
    attempt_ = 0;
    armAt(wanted.next);
    return;
  }
  if (pending_ != wanted.power) {
    pending_ = wanted.power;
    pending_since_ = std::min(wanted.since, now);
    attempt_ = 0;
    retry_at_ = now;
  }
  if (now < retry_at_) {
    armAt(std::min(retry_at_, wanted.next));
    return;
  }
  startAttempt();
}

void AmplifierScheduler::Impl::armAt(SysMillis when) {
  if (when == SysMillis::max()) {
    timer_.cancel();
    return;
  }
  timer_.expires_at(time_point_cast<system_clock::duration>(when));
  timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    if (ec) return;  // cancelled or re-armed
    if (auto self = weak.lock()) self->reconcile();
  });
}

void AmplifierScheduler::Impl::startAttempt() {
  in_flight_ = true;
  ++attempt_;
  const AmplifierPower action = *pending_;
  // The work guard keeps the owner's io_context running while the driver
  // call is away on `blocking_`.
  boost::asio::post(blocking_, [weak = weak_from_this(), driver = driver_, action,
                                work = boost::asio::make_work_guard(executor_)]() mutable {
    Status status = driver->setPower(action);
    boost::asio::post(work.get_executor(), [weak, action, status] {
      if (auto self = weak.lock()) self->onAttemptDone(action, status);
    });
    work.reset();
  });
}

void AmplifierScheduler::Impl::onAttemptDone(AmplifierPower action, const Status& status) {
  in_flight_ = false;
  AmplifierEvent event;
  event.channel = channel_;
  event.driver = driver_->describe();
  event.action = action;
  event.attempt = attempt_;
  event.planned = pending_since_;
  event.finished = nowMillis();
  if (status.ok()) {
    state_ = action;
  } else {
    event.outcome = AttemptOutcome::kFailed;
    event.detail = status.error().message;
    auto delay = timing_.retry_initial;
    for (int i = 1; i < attempt_ && delay < timing_.retry_max; ++i) delay *= 2;
    event.retry_in = std::min(delay, timing_.retry_max);
    retry_at_ = event.finished + event.retry_in;
  }
  if (on_event_) on_event_(event);
  reconcile();
}

AmplifierScheduler::AmplifierScheduler(const boost::asio::any_io_executor& executor,
                                       std::string channel, std::unique_ptr<AmplifierDriver> driver,
                                       AmplifierTiming timing, EventHandler on_event,
                                       const std::optional<boost::asio::any_io_executor>& blocking)
    : impl_(std::make_shared<Impl>(executor, std::move(channel), std::move(driver), timing,
                                   std::move(on_event), blocking.value_or(executor))) {}

AmplifierScheduler::~AmplifierScheduler() {
  impl_->cancel();
}

void AmplifierScheduler::setWindows(const std::vector<WindowInstance>& windows) {
  impl_->setWindows(windows);
}

std::optional<AmplifierPower> AmplifierScheduler::confirmedState() const {
  return impl_->state();
}

const char* toString(AmplifierPower power) {
  return power == AmplifierPower::kOn ? "on" : "off";
}

const char* toString(AttemptOutcome outcome) {
  return outcome == AttemptOutcome::kSucceeded ? "succeeded" : "failed";
}

}  // namespace wardcast::drivers
