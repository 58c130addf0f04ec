#pragma once
// What the Icecast statistics poller reports: listeners per mount point of
// one Icecast server, and the parsers for Icecast's two statistics formats.
// Pure functions and plain values; no I/O.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/civil_time.hpp"
#include "util/result.hpp"

namespace wardcast::drivers {

struct MountListeners {
  std::string mount;        // "/ward.mp3"
  int listeners = 0;        // connected now
  std::optional<int> peak;  // listener_peak since the source connected
};

// One poll's outcome, delivered as an event.
struct IcecastListenerReport {
  std::string server;                  // "127.0.0.1:8000"
  SysMillis polled;                    // UTC; when the answer (or failure) came
  std::vector<MountListeners> mounts;  // sorted by mount; empty on error
  std::string error;                   // empty when the poll succeeded

  bool ok() const { return error.empty(); }
  // Listeners on `mount`; nullopt when that mount has no source connected.
  std::optional<int> listenersOn(std::string_view mount) const;
};

// Parses the body of GET /status-json.xsl (Icecast 2.4: "icestats.source"
// is absent, one object, or an array; the mount comes from "mount" when
// present, else from the path of "listenurl").
Result<std::vector<MountListeners>> parseStatusJson(std::string_view body);

// Parses the body of GET /admin/stats (XML: <icestats><source mount="...">
// <listeners>N</listeners>...). Lists hidden mounts too.
Result<std::vector<MountListeners>> parseAdminStats(std::string_view body);

}  // namespace wardcast::drivers
