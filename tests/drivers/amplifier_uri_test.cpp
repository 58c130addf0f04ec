// Bad amplifier URIs are refused at start-up with a sentence that quotes the
// URI and says what is wrong.
#include <string>

#include <catch2/catch.hpp>

#include "drivers/amplifier_factory.hpp"
#include "drivers/driver_uri.hpp"

using namespace wardcast;
using namespace wardcast::drivers;
using namespace std::chrono_literals;

namespace {

std::string errorOf(const std::string& uri) {
  auto setup = makeAmplifier(uri);
  REQUIRE_FALSE(setup.ok());
  CHECK(setup.error().kind == ErrorKind::kInvalidInput);
  CHECK_THAT(setup.error().message, Catch::Contains(uri));
  return setup.error().message;
}

}  // namespace

TEST_CASE("driver URIs parse into parts", "[drivers][uri]") {
  auto uri = parseDriverUri("icecast://source:s%40cret@[::1]:8000/ward.mp3?a=1&a=2&b=x%20y");
  REQUIRE(uri.ok());
  CHECK(uri->scheme == "icecast");
  CHECK(uri->user == "source");
  CHECK(uri->password == "s@cret");
  CHECK(uri->host == "::1");
  CHECK(uri->port == 8000);
  CHECK(uri->path == "/ward.mp3");
  CHECK(uri->getAll("a") == std::vector<std::string>{"1", "2"});
  CHECK(uri->get("b") == "x y");
  CHECK_FALSE(uri->get("c"));
}

TEST_CASE("durations need a unit", "[drivers][uri]") {
  CHECK(parseDuration("30s") == 30s);
  CHECK(parseDuration("500ms") == 500ms);
  CHECK(parseDuration("2m") == 120s);
  CHECK(parseDuration("1h") == 3600s);
  CHECK_FALSE(parseDuration("30"));
  CHECK_FALSE(parseDuration("-1s"));
  CHECK_FALSE(parseDuration("s"));
  CHECK_FALSE(parseDuration("3 s"));
}

TEST_CASE("good amplifier URIs give drivers and timing", "[drivers][uri]") {
  auto tcp = makeAmplifier("modbus-tcp://127.0.0.1:1502?coil=3&lead=30s&unit=1");
  REQUIRE(tcp.ok());
  CHECK(tcp->timing.lead == 30s);
  CHECK(tcp->timing.tail == 10s);
  CHECK(tcp->driver->describe() == "modbus-tcp 127.0.0.1:1502 unit 1 coil 3");

  auto rtu = makeAmplifier(
      "modbus-rtu:///dev/"
      "ttyUSB0?baud=19200&parity=E&coil=3&lead=45s&tail=5s&retry=2s&retry_max=1m");
  REQUIRE(rtu.ok());
  CHECK(rtu->driver->describe() == "modbus-rtu /dev/ttyUSB0 19200 8E1 unit 1 coil 3");
  CHECK(rtu->timing.lead == 45s);
  CHECK(rtu->timing.tail == 5s);
  CHECK(rtu->timing.retry_initial == 2s);
  CHECK(rtu->timing.retry_max == 60s);

  auto tcp_default_port = makeAmplifier("modbus-tcp://10.1.2.3?coil=0");
  REQUIRE(tcp_default_port.ok());
  CHECK(tcp_default_port->driver->describe() == "modbus-tcp 10.1.2.3:502 unit 1 coil 0");

  auto exec = makeAmplifier("exec:///bin/true?on=1&off=0");
  REQUIRE(exec.ok());
  CHECK(exec->driver->describe() == "exec /bin/true");
}

TEST_CASE("bad amplifier URIs give clear errors", "[drivers][uri]") {
  CHECK_THAT(errorOf("relay://127.0.0.1?coil=3"), Catch::Contains("unknown scheme \"relay\""));
  CHECK_THAT(errorOf("127.0.0.1:1502"), Catch::Contains("expected SCHEME://"));
  CHECK_THAT(errorOf("modbus-tcp://127.0.0.1:1502"), Catch::Contains("coil option is required"));
  CHECK_THAT(errorOf("modbus-tcp://127.0.0.1:1502?coil=three"),
             Catch::Contains("coil=three is not a whole number"));
  CHECK_THAT(errorOf("modbus-tcp://127.0.0.1:99999?coil=3"),
             Catch::Contains("port \"99999\" is not a number"));
  CHECK_THAT(errorOf("modbus-tcp://?coil=3"), Catch::Contains("needs a host"));
  CHECK_THAT(errorOf("modbus-tcp://127.0.0.1?coil=3&lead=30"),
             Catch::Contains("lead=30 is not a duration"));
  CHECK_THAT(errorOf("modbus-tcp://127.0.0.1?coil=3&colour=red"),
             Catch::Contains("unknown option \"colour\""));
  CHECK_THAT(errorOf("modbus-tcp://127.0.0.1?coil=3&unit=300"),
             Catch::Contains("unit=300 is not a whole number from 0 to 255"));
  CHECK_THAT(errorOf("modbus-tcp://127.0.0.1?coil=3&retry=5s&retry_max=1s"),
             Catch::Contains("retry_max must not be less than retry"));
  CHECK_THAT(errorOf("modbus-rtu://ttyUSB0?coil=3"), Catch::Contains("device path"));
  CHECK_THAT(errorOf("modbus-rtu:///dev/ttyUSB0?coil=3&parity=X"),
             Catch::Contains("parity=X is not N, E or O"));
  CHECK_THAT(errorOf("modbus-rtu:///dev/ttyUSB0?coil=3&baud=fast"),
             Catch::Contains("baud=fast is not a whole number"));
  CHECK_THAT(errorOf("exec://localhost/bin/true"), Catch::Contains("absolute program path"));
  CHECK_THAT(errorOf("exec:///nonexistent/amp"),
             Catch::Contains("/nonexistent/amp does not exist or is not executable"));
  CHECK_THAT(errorOf("exec:///bin/true?on=x&shell=1"), Catch::Contains("unknown option \"shell\""));
  CHECK_THAT(errorOf("exec:///bin/true?timeout=0s"),
             Catch::Contains("timeout must be more than 0"));
  CHECK_THAT(errorOf("modbus-tcp://127.0.0.1?coil=3&lead=1s%ZZ"),
             Catch::Contains("malformed percent-escape"));
}
