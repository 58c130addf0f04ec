#pragma once
// wardcastd's exit codes: sysexits(3), as WirePlumber uses them, so that a
// log (or systemd's Restart= logic) tells a configuration error from a
// crash (SPEC §4).
namespace wardcast::daemon {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 64;        // EX_USAGE: bad command line
constexpr int kExitUnavailable = 69;  // EX_UNAVAILABLE: store, socket or outputs cannot be had
constexpr int kExitSoftware = 70;     // EX_SOFTWARE: a bug
constexpr int kExitConfig = 78;       // EX_CONFIG: the station file is wrong

}  // namespace wardcast::daemon
