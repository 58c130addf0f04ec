#include "media/loudness_gain.hpp"

#include <algorithm>
#include <cmath>

namespace wardcast::media {

double itemGainDb(const MeasuredLoudness& measured, const LoudnessTarget& target,
                  int output_channels) {
  if (!measured.loudness_lufs || !std::isfinite(*measured.loudness_lufs)) return 0.0;
  double layout_db = 0.0;
  if (measured.channels == 1 && output_channels == 2) layout_db = 10.0 * std::log10(2.0);
  // Loudness the item will have on the program before any gain.
  double program_lufs = *measured.loudness_lufs + layout_db;
  double gain_db = target.loudness_lufs - program_lufs;
  if (measured.true_peak_dbtp && std::isfinite(*measured.true_peak_dbtp))
    gain_db = std::min(gain_db, target.ceiling_dbtp - *measured.true_peak_dbtp);
  return std::clamp(gain_db, -60.0, 20.0);
}

double dbToLinear(double gain_db) { return std::pow(10.0, gain_db / 20.0); }

}  // namespace wardcast::media
