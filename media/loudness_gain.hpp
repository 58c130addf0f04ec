#pragma once
// Loudness normalisation at playout, from the ingest measurement.
// Pure functions; callable from any thread.
#include <optional>

namespace wardcast::media {

struct LoudnessTarget {
  double loudness_lufs = -16.0;  // station target, integrated (EBU R128)
  double ceiling_dbtp = -1.0;    // the true peak must stay at or below this
};

struct MeasuredLoudness {
  std::optional<double> loudness_lufs;  // integrated, as measured at ingest
  std::optional<double> true_peak_dbtp;
  int channels = 0;  // channels of the measured file (0 = unknown)
};

// Gain in dB that brings an item to the target: target - measured, reduced
// so that measured true peak + gain <= ceiling. Items with no measurement get
// 0 dB; the result is kept within [-60, +20] dB. `output_channels` corrects for the layout change: a mono file played
// on both channels of a stereo program measures 3.01 LU louder than the mono
// file did (R128 sums channel powers), so the gain drops by that much.
double itemGainDb(const MeasuredLoudness& measured, const LoudnessTarget& target,
                  int output_channels);

// 10^(dB/20).
double dbToLinear(double gain_db);

}  // namespace wardcast::media
