#pragma once
// ProgramStatus: the one lifecycle of every program kind (ForwardProgram,
// LoudspeakerProgram, led::LedProgram), as gst-rtsp-server's
// GstRTSPMediaStatus is for its media. Each program keeps one status and
// every public call checks it first:
//
//   kIdle ──start()──► kOnAir ──drain()──► kDraining ──(item ends / EOS)──► kStopped
//     │                  │  └──stop()────────────────────────────────────────►  ▲
//     │                  └──(pipeline error)──► kError ──stop()──────────────────┤
//     └──stop() / drain()──────────────────────────────────────────────────────┘
//
// start() only from kIdle (an LED program also from kStopped: it resumes the
// item that was on screen); enqueueing only in kIdle or kOnAir (afterwards
// it is ignored); drain() and stop() are no-ops once stopped.
#include <string_view>

namespace wardcast::media {

enum class ProgramStatus {
  kIdle = 1,  // made, not started: outputs open, nothing sent yet
  kOnAir,     // started: items play, silence between them
  kDraining,  // drain() called: ends after the item on air
  kStopped,   // drained or stopped: nothing is sent
  kError,     // the program failed (reported as kError); stop() next
};

constexpr std::string_view toString(ProgramStatus status) {
  switch (status) {
    case ProgramStatus::kIdle: return "idle";
    case ProgramStatus::kOnAir: return "on air";
    case ProgramStatus::kDraining: return "draining";
    case ProgramStatus::kStopped: return "stopped";
    case ProgramStatus::kError: return "error";
  }
  return "?";
}

// Whether a program in `status` sends packets.
constexpr bool isSending(ProgramStatus status) {
  return status == ProgramStatus::kOnAir || status == ProgramStatus::kDraining;
}

}  // namespace wardcast::media
