#pragma once
// Text-to-speech with espeak-ng: Vietnamese text to a WAV file, which is then
// ingested like any recorded bulletin. The text itself is kept with the
// bulletin (the LED ticker shows it).
#include <filesystem>
#include <string>

#include "util/result.hpp"

namespace wardcast {

struct SpeechSettings {
  std::string voice = "vi";
  int rate_wpm = 150;
};

// Writes 16-bit mono WAV speech of `text` to `out_wav`. Fails on empty text,
// an unknown voice, or an unwritable path.
Status synthesizeSpeech(const std::string& text, const SpeechSettings& settings,
                        const std::filesystem::path& out_wav);

}  // namespace wardcast
