#pragma once
// How an Icecast source connection retries, the same for every kind of
// mount (IcecastSender on the decoding path, IcecastSource on the forwarding
// path): after a failure wait kFirstBackoff, doubling up to kMaxBackoff; a
// connection that stays up kResetBackoffAfter starts over from kFirstBackoff.
#include <chrono>

namespace wardcast::media::icecast_backoff {

constexpr std::chrono::milliseconds kFirstBackoff{250};
constexpr std::chrono::milliseconds kMaxBackoff{2000};
constexpr std::chrono::milliseconds kResetBackoffAfter{10000};

}  // namespace wardcast::media::icecast_backoff
