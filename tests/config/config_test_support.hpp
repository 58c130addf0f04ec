#pragma once
// Helpers for the config tests: write a station file into a TempDir and load
// it, returning the error message (or failing when it loads).
#include <string>

#include "config/station_config.hpp"
#include "tests/support/test_support.hpp"

namespace wardcast::test {

// Four lines: [station] with a name and data_dir = "data", then a blank
// line. Cases append their own sections, which so start at line 5.
extern const char* const kStationHead;
// A valid station body for line 5 onwards: window "morning" (lines 5-8),
// a blank line, channel "ward" (lines 10-15, windows on line 14, outputs on 15).
extern const char* const kValidBody;

// Writes `text` to DIR/wardcast.toml and loads it; returns ConfigError::what()
// and fails the test when the file loads.
std::string loadError(const TempDir& dir, const std::string& text);
// Writes `text` to DIR/wardcast.toml and loads it (throws on error).
StationConfig loadText(const TempDir& dir, const std::string& text);
// "DIR/wardcast.toml:LINE:COLUMN: " for comparisons.
std::string positionPrefix(const TempDir& dir, int line, int column);

}  // namespace wardcast::test
