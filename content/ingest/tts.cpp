// synthesizeSpeech() with espeak-ng's library.
//
// espeak-ng keeps global state (the loaded voice, parameters, the synth
// callback, its output buffer), so every call takes one process-wide mutex
// for its whole duration: calls from several threads run one after another.
// The library is initialised once, in synchronous mode (espeak_Synth returns
// when all audio has gone through the callback), with
// espeakINITIALIZE_DONT_EXIT so a missing data directory is an error, not an
// exit of the process.
#include "content/ingest/tts.hpp"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <mutex>
#include <optional>

#include "content/ingest/wav_writer.hpp"

namespace wardcast {
namespace {

using ingest_detail::WavWriter;

std::mutex g_espeak_mutex;  // guards every espeak_* call and g_sample_rate
int g_sample_rate = 0;      // > 0 once espeak is initialised

struct SynthTarget {
  WavWriter* writer = nullptr;
  Status status = okStatus();
};

int onSamples(short* wav, int count, espeak_EVENT* events) {
  auto* target = static_cast<SynthTarget*>(events != nullptr ? events->user_data : nullptr);
  if (target == nullptr || wav == nullptr || count <= 0) return 0;
  if (!target->status) return 1;
  target->status = target->writer->write(wav, static_cast<std::size_t>(count));
  return target->status ? 0 : 1;  // 1 aborts synthesis
}

// Needs g_espeak_mutex held.
Status ensureInitialised() {
  if (g_sample_rate > 0) return okStatus();
  int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
  if (rate <= 0) {
    return makeError(ErrorKind::kInternal, "espeak-ng cannot start (is espeak-ng-data installed?)");
  }
  espeak_SetSynthCallback(onSamples);
  g_sample_rate = rate;
  return okStatus();
}

bool isBlank(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); });
}

}  // namespace

Status synthesizeSpeech(const std::string& text, const SpeechSettings& settings,
                        const std::filesystem::path& out_wav) {
  if (isBlank(text))
    return makeError(ErrorKind::kInvalidInput, "no text to speak (the text is empty)");
  if (settings.rate_wpm < espeakRATE_MINIMUM || settings.rate_wpm > espeakRATE_MAXIMUM) {
    return makeError(ErrorKind::kInvalidInput, "speech rate " + std::to_string(settings.rate_wpm) +
                                                   " words/min is outside " +
                                                   std::to_string(espeakRATE_MINIMUM) + "–" +
                                                   std::to_string(espeakRATE_MAXIMUM));
  }
  std::lock_guard lock(g_espeak_mutex);
  if (Status st = ensureInitialised(); !st) return st;
  if (settings.voice.empty() || espeak_SetVoiceByName(settings.voice.c_str()) != EE_OK) {
    return makeError(ErrorKind::kInvalidInput,
                     "unknown espeak-ng voice \"" + settings.voice + "\"");
  }
  espeak_SetParameter(espeakRATE, settings.rate_wpm, 0);
  auto writer = WavWriter::create(out_wav, g_sample_rate, 1);
  if (!writer) return writer.error();
  SynthTarget target{&*writer};
  espeak_ERROR err = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                  espeakCHARS_UTF8, nullptr, &target);
  if (err == EE_OK) err = espeak_Synchronize();
  if (!target.status) return target.status;
  if (err != EE_OK)
    return makeError(ErrorKind::kInternal, "espeak-ng failed to synthesise the text");
  if (writer->samplesWritten() == 0) {
    return makeError(ErrorKind::kInvalidInput, "the text produced no speech");
  }
  return writer->finish();
}

}  // namespace wardcast
