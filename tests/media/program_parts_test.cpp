// The pure parts of a loudspeaker program: normalisation gain, dead-air
// detection, and what the output URIs ask for.
#include <catch2/catch.hpp>

#include "media/decode/dead_air_detector.hpp"
#include "media/loudness_gain.hpp"
#include "media/output_plan.hpp"

using namespace wardcast::media;
using namespace std::chrono_literals;

TEST_CASE("gain brings the measured loudness to the target") {
  LoudnessTarget target{-16.0, -1.0};
  MeasuredLoudness quiet{-30.0, -20.0, 2};
  CHECK(itemGainDb(quiet, target, 2) == Approx(14.0));
  MeasuredLoudness loud{-8.0, -0.5, 2};
  CHECK(itemGainDb(loud, target, 2) == Approx(-8.0));
}

TEST_CASE("gain is capped so that the true peak stays at or below the ceiling") {
  LoudnessTarget target{-16.0, -1.0};
  MeasuredLoudness peaky{-30.0, -6.0, 2};  // +14 dB would peak at +8 dBTP
  CHECK(itemGainDb(peaky, target, 2) == Approx(5.0));
}

TEST_CASE("a mono item on a stereo program gets 3 dB less") {
  LoudnessTarget target{-16.0, -1.0};
  MeasuredLoudness mono{-20.0, -12.0, 1};
  CHECK(itemGainDb(mono, target, 2) == Approx(4.0 - 3.0103).margin(0.001));
}

TEST_CASE("an unmeasured item plays at unity gain") {
  CHECK(itemGainDb(MeasuredLoudness{}, LoudnessTarget{}, 2) == 0.0);
}

TEST_CASE("dead air starts after the configured silence and ends with sound") {
  DeadAirDetector detector(DeadAirSettings{-50.0, 1000ms});
  CHECK(detector.feed(-20.0, 100ms) == DeadAirDetector::Change::kNone);
  CHECK(detector.feed(-70.0, 200ms) == DeadAirDetector::Change::kNone);
  CHECK(detector.feed(-70.0, 1100ms) == DeadAirDetector::Change::kNone);
  CHECK(detector.feed(-70.0, 1200ms) == DeadAirDetector::Change::kStarted);
  CHECK(detector.active());
  CHECK(detector.feed(-70.0, 1300ms) == DeadAirDetector::Change::kNone);
  CHECK(detector.feed(-30.0, 1400ms) == DeadAirDetector::Change::kEnded);
  CHECK(!detector.active());
}

TEST_CASE("output URIs become encoders and sinks") {
  auto plan = planOutputs({"rtp://127.0.0.1:5004?codec=opus", "icecast://source:pw@127.0.0.1:8000/ward.mp3",
                           "icecast://source:pw@127.0.0.1/ward.ogg", "alsa://default",
                           "file:///tmp/rec.wav", "rtp://239.1.2.3:5004?codec=opus&ttl=4&iface=eth0"});
  REQUIRE(plan.ok());
  REQUIRE(plan->rtp.size() == 2);
  CHECK(!plan->rtp[0].multicast);
  CHECK(plan->rtp[1].multicast);
  CHECK(plan->rtp[1].ttl == 4);
  CHECK(plan->rtp[1].iface == "eth0");
  REQUIRE(plan->icecast.size() == 2);
  CHECK(plan->icecast[0].codec == AudioCodec::kMp3);
  CHECK(plan->icecast[0].bitrate_kbps == 128);
  CHECK(plan->icecast[0].password == "pw");
  CHECK(plan->icecast[0].uri.find("pw") == std::string::npos);  // masked in messages
  CHECK(plan->icecast[1].codec == AudioCodec::kOpus);
  CHECK(plan->icecast[1].port == 8000);
  CHECK(plan->alsa.size() == 1);
  REQUIRE(plan->files.size() == 1);
  CHECK(plan->files[0].codec == AudioCodec::kPcm);
}

TEST_CASE("outputs a loudspeaker program cannot serve are refused with the URI") {
  auto led = planOutputs({"rtsp://127.0.0.1:8554/led"});
  REQUIRE(!led.ok());
  CHECK(led.error().message.find("rtsp://127.0.0.1:8554/led") != std::string::npos);
  CHECK(!planOutputs({"file:///tmp/x.flac"}).ok());
  CHECK(!planOutputs({"rtp://127.0.0.1:5004?codec=pcmu"}).ok());
}
