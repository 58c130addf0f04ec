// The amplifier drivers against real peers: a libmodbus TCP server in the
// test, and a shell script that records its arguments.
#include <sys/stat.h>

#include <chrono>
#include <string>

#include <catch2/catch.hpp>

#include "drivers/amplifier_factory.hpp"
#include "drivers/modbus_relay_driver.hpp"
#include "tests/drivers/modbus_rtu_test_server.hpp"
#include "tests/drivers/modbus_test_server.hpp"
#include "tests/support/closed_port.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::drivers;
using namespace std::chrono_literals;

namespace {

std::string writeScript(const test::TempDir& dir, const std::string& name,
                        const std::string& body) {
  auto path = dir / name;
  test::writeFile(path, "#!/bin/sh\n" + body);
  ::chmod(path.c_str(), 0755);
  return path.string();
}

}  // namespace

TEST_CASE("modbus-tcp driver switches the coil on and off", "[drivers][modbus]") {
  test::ModbusTestServer server;
  auto setup = makeAmplifier("modbus-tcp://127.0.0.1:" + std::to_string(server.port()) +
                             "?coil=3&unit=1&lead=30s&timeout=3s");  // the timeout is not the point here
  REQUIRE(setup.ok());
  CHECK(setup->timing.lead == 30s);
  CHECK(setup->driver->describe() ==
        "modbus-tcp 127.0.0.1:" + std::to_string(server.port()) + " unit 1 coil 3");
  REQUIRE_FALSE(server.coil(3));

  auto on = setup->driver->powerOn();
  INFO((on.ok() ? std::string() : on.error().message));
  REQUIRE(on.ok());
  CHECK(server.coil(3));
  CHECK_FALSE(server.coil(2));
  CHECK_FALSE(server.coil(4));

  auto off = setup->driver->powerOff();
  REQUIRE(off.ok());
  CHECK_FALSE(server.coil(3));
  CHECK(server.requests() == 4);  // write + read-back, twice
}

TEST_CASE("modbus-tcp driver reads the coil a person switched by hand", "[drivers][modbus]") {
  test::ModbusTestServer server;
  ModbusRelayConfig config;
  config.endpoint = ModbusTcpEndpoint{"127.0.0.1", server.port()};
  config.coil = 5;
  ModbusRelayDriver driver(config);
  auto before = driver.readCoil();
  REQUIRE(before.ok());
  CHECK_FALSE(*before);
  server.setCoil(5, true);
  auto after = driver.readCoil();
  REQUIRE(after.ok());
  CHECK(*after);
}

TEST_CASE("modbus-tcp driver fails fast and clearly when nothing listens", "[drivers][modbus]") {
  test::ClosedPort closed;  // bound, never listening: no test beside this one can listen there
  const int port = closed.port();
  auto setup =
      makeAmplifier("modbus-tcp://127.0.0.1:" + std::to_string(port) + "?coil=3&timeout=300ms");
  REQUIRE(setup.ok());
  auto started = std::chrono::steady_clock::now();
  auto on = setup->driver->powerOn();
  REQUIRE_FALSE(on.ok());
  CHECK(std::chrono::steady_clock::now() - started < 2s);
  CHECK_THAT(on.error().message, Catch::Contains("connect failed") &&
                                     Catch::Contains("127.0.0.1:" + std::to_string(port)));
}

TEST_CASE("modbus-rtu driver switches the coil over a serial line", "[drivers][modbus]") {
  test::TempDir dir;
  test::ModbusRtuTestServer server(dir.path());
  auto setup = makeAmplifier("modbus-rtu://" + server.devicePath().string() +
                             "?baud=9600&parity=N&coil=3&unit=1&timeout=3s");  // not the point here
  REQUIRE(setup.ok());
  auto on = setup->driver->powerOn();
  INFO((on.ok() ? std::string() : on.error().message));
  REQUIRE(on.ok());
  CHECK(server.coil(3));
  REQUIRE(setup->driver->powerOff().ok());
  CHECK_FALSE(server.coil(3));
}

TEST_CASE("exec driver runs the program with the configured arguments", "[drivers][exec]") {
  test::TempDir dir;
  auto log = (dir / "argv.log").string();
  auto script = writeScript(
      dir, "amp",
      "for a in \"$@\"; do printf '[%s]' \"$a\" >> " + log + "; done\necho >> " + log + "\n");
  // Arguments with spaces and shell metacharacters arrive as single words.
  auto setup = makeAmplifier("exec://" + script +
                             "?on=--zone&on=3&on=power%20up&off=--zone&off=3&off=%24(rm%20-rf)%3Bx"
                             "&timeout=5s&lead=2s&tail=1s");
  INFO((setup.ok() ? std::string() : setup.error().message));
  REQUIRE(setup.ok());
  CHECK(setup->timing.lead == 2s);
  CHECK(setup->timing.tail == 1s);
  REQUIRE(setup->driver->powerOn().ok());
  REQUIRE(setup->driver->powerOff().ok());
  CHECK(test::readFile(log) == "[--zone][3][power up]\n[--zone][3][$(rm -rf);x]\n");
}

TEST_CASE("exec driver passes on/off when no arguments are configured", "[drivers][exec]") {
  test::TempDir dir;
  auto log = (dir / "argv.log").string();
  auto script = writeScript(dir, "amp", "echo \"$*\" >> " + log + "\n");
  auto setup = makeAmplifier("exec://" + script);
  REQUIRE(setup.ok());
  REQUIRE(setup->driver->powerOn().ok());
  REQUIRE(setup->driver->powerOff().ok());
  CHECK(test::readFile(log) == "on\noff\n");
}

TEST_CASE("exec driver reports the exit status and output of a failing program",
          "[drivers][exec]") {
  test::TempDir dir;
  auto script = writeScript(dir, "amp", "echo 'relay board not found' >&2\nexit 3\n");
  auto setup = makeAmplifier("exec://" + script);
  REQUIRE(setup.ok());
  auto on = setup->driver->powerOn();
  REQUIRE_FALSE(on.ok());
  CHECK_THAT(on.error().message,
             Catch::Contains("exit status 3") && Catch::Contains("relay board not found"));
}

TEST_CASE("exec driver kills a program that outlives its timeout", "[drivers][exec]") {
  test::TempDir dir;
  auto script = writeScript(dir, "amp", "echo starting\nexec sleep 30\n");
  auto setup = makeAmplifier("exec://" + script + "?timeout=300ms");
  REQUIRE(setup.ok());
  auto started = std::chrono::steady_clock::now();
  auto on = setup->driver->powerOn();
  auto took = std::chrono::steady_clock::now() - started;
  REQUIRE_FALSE(on.ok());
  CHECK(took >= 300ms);
  CHECK(took < 5s);  // killed, not waited for: sleep 30 would take 30 s
  CHECK_THAT(on.error().message,
             Catch::Contains("no exit within 300 ms") && Catch::Contains("starting"));
}
