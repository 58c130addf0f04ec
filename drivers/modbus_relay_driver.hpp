#pragma once
// ModbusRelayDriver: an amplifier on a relay output ("coil") of a Modbus
// device, over Modbus TCP or Modbus RTU (serial), through libmodbus.
// powerOn() writes the coil to 1 and reads it back; powerOff() writes 0.
// Each call opens the connection, switches, verifies and closes it again:
// the amplifier is switched a few times a day, and a fresh connection
// survives device reboots and idle-connection timeouts.
//
// Threads: each call blocks for at most about 3 x `response_timeout`
// (connect, write, read back). Not thread-safe (see AmplifierDriver).
#include <chrono>
#include <string>
#include <variant>

#include "drivers/amplifier_driver.hpp"

namespace wardcast::drivers {

struct ModbusTcpEndpoint {
  std::string host;  // IPv4 or IPv6 address, or a host name
  int port = 502;
};

struct ModbusRtuEndpoint {
  std::string device;  // e.g. /dev/ttyUSB0
  int baud = 9600;
  char parity = 'N';  // 'N', 'E' or 'O'
  int data_bits = 8;
  int stop_bits = 1;
};

struct ModbusRelayConfig {
  std::variant<ModbusTcpEndpoint, ModbusRtuEndpoint> endpoint;
  int unit = 1;  // Modbus slave / unit id, 0..247 (255 allowed on TCP)
  int coil = 0;  // coil address, 0-based as on the wire
  // libmodbus response timeout; also bounds the TCP connect.
  std::chrono::milliseconds response_timeout{std::chrono::seconds(1)};
};

class ModbusRelayDriver final : public AmplifierDriver {
 public:
  explicit ModbusRelayDriver(ModbusRelayConfig config);

  Status powerOn() override;
  Status powerOff() override;
  std::string describe() const override;

  // Reads the coil: true when the relay is closed (amplifier on).
  Result<bool> readCoil();

 private:
  Status writeAndVerify(bool on);

  ModbusRelayConfig config_;
};

}  // namespace wardcast::drivers
