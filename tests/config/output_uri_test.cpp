// Output URIs as drivers read them back.
#include <catch2/catch.hpp>

#include "config/output_uri.hpp"

using namespace wardcast;
using Catch::Matchers::Contains;

TEST_CASE("output URIs split into their parts") {
  auto rtp = parseOutputUri("rtp://127.0.0.1:5004?codec=opus&bitrate=32");
  REQUIRE(rtp.ok());
  CHECK(rtp->scheme == "rtp");
  CHECK(rtp->host == "127.0.0.1");
  CHECK(rtp->port == 5004);
  CHECK(rtp->option("codec") == "opus");
  CHECK(rtp->option("bitrate") == "32");
  CHECK_FALSE(rtp->option("ttl"));

  auto ice = parseOutputUri("icecast://source:p%40ss@127.0.0.1:8000/ward.mp3");
  REQUIRE(ice.ok());
  CHECK(ice->user == "source");
  CHECK(ice->password == "p@ss");
  CHECK(ice->path == "/ward.mp3");
  CHECK(ice->port == 8000);

  auto alsa = parseOutputUri("alsa://plughw:CARD=Device,DEV=0");
  REQUIRE(alsa.ok());
  CHECK(alsa->path == "plughw:CARD=Device,DEV=0");

  auto v6 = parseOutputUri("rtp://[::1]:5006");
  REQUIRE(v6.ok());
  CHECK(v6->host == "::1");
  CHECK(v6->port == 5006);

  auto rtsp = parseOutputUri("rtsp://127.0.0.1:8554/led-sanh");
  REQUIRE(rtsp.ok());
  CHECK(rtsp->path == "/led-sanh");

  auto file = parseOutputUri("file:///var/lib/wardcast/rec/ward.ogg");
  REQUIRE(file.ok());
  CHECK(file->path == "/var/lib/wardcast/rec/ward.ogg");
  auto relative = parseOutputUri("file:rec/ward.ogg");
  REQUIRE(relative.ok());
  CHECK(relative->path == "rec/ward.ogg");

  CHECK(parseOutputUri("display://").ok());
  CHECK(parseOutputUri("srt://127.0.0.1:9000?mode=caller&latency=120").ok());
}

TEST_CASE("malformed output URIs say what is wrong") {
  auto message = [](std::string_view uri) {
    auto result = parseOutputUri(uri);
    REQUIRE_FALSE(result.ok());
    return result.error().message;
  };
  CHECK_THAT(message("127.0.0.1:5004"), Contains("unknown scheme \"127.0.0.1\""));
  CHECK_THAT(message("rtp:127.0.0.1:5004"), Contains("expected rtp://"));
  CHECK_THAT(message("rtp://127.0.0.1:0"), Contains("invalid port \"0\""));
  CHECK_THAT(message("rtp://127.0.0.1:5004/x"), Contains("takes no path"));
  CHECK_THAT(message("rtp://127.0.0.1:5004?codec=wav"), Contains("option codec=wav is invalid"));
  CHECK_THAT(message("rtp://127.0.0.1:5004?codec"), Contains("expected NAME=VALUE"));
  CHECK_THAT(message("rtp://127.0.0.1:5004?pt=1&pt=2"), Contains("given twice"));
  CHECK_THAT(message("icecast://127.0.0.1:8000"), Contains("icecast:// needs a path"));
  CHECK_THAT(message("alsa://"), Contains("needs a device name"));
  CHECK_THAT(message("srt://127.0.0.1:9000?mode=server"),
             Contains("caller, listener or rendezvous"));
  CHECK_THAT(message("file://rec/x.ogg"), Contains("file:///ABSOLUTE/PATH or file:RELATIVE/PATH"));
  CHECK_THAT(message("rtsp://bad host:8554/x"), Contains("invalid host"));
  CHECK_THAT(message("icecast://s:%zz@127.0.0.1/x.mp3"), Contains("percent-escape"));
}

TEST_CASE("amplifier and relay URIs have their own schemes") {
  auto amp = parseAmplifierUri("modbus-tcp://127.0.0.1:1502?coil=3&lead=30s");
  REQUIRE(amp.ok());
  CHECK(amp->option("coil") == "3");
  CHECK(amp->option("lead") == "30s");
  CHECK_FALSE(parseAmplifierUri("modbus-tcp://127.0.0.1:1502?coil=3&lead=soon").ok());
  CHECK_FALSE(parseAmplifierUri("rtp://127.0.0.1:5004").ok());
  CHECK(parseAmplifierUri("modbus-rtu:///dev/ttyUSB0?coil=1&baud=9600&parity=E").ok());
  CHECK_FALSE(parseAmplifierUri("modbus-rtu:///dev/ttyUSB0?baud=9600").ok());  // no coil
  auto exec =
      parseAmplifierUri("exec:///usr/local/bin/amp?on=--zone&on=3&off=--zone&off=3&timeout=5s");
  REQUIRE(exec.ok());
  CHECK(exec->path == "/usr/local/bin/amp");
  CHECK(exec->options.size() == 5);
  auto relative = parseAmplifierUri("exec://amp?on=x");
  REQUIRE_FALSE(relative.ok());
  CHECK_THAT(relative.error().message, Contains("expected exec:///ABSOLUTE/PATH"));
  CHECK(parseRelaySourceUri("http://127.0.0.1:8000/province.mp3").ok());
  CHECK_FALSE(parseRelaySourceUri("alsa://default").ok());
}
