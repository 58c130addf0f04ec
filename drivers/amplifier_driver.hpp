#pragma once
// AmplifierDriver: switches one channel's power amplifier on and off.
// Implementations: ModbusRelayDriver (a relay coil over Modbus TCP/RTU) and
// CommandDriver (runs a configured program). Make one from the channel's
// `amplifier` URI with makeAmplifier() (amplifier_factory.hpp).
//
// Threads: calls BLOCK the calling thread (network round trip, child
// process) for at most the driver's configured timeout. A driver is not
// thread-safe; call it from one thread or strand at a time. The
// AmplifierScheduler does so.
#include <string>

#include "util/result.hpp"

namespace wardcast::drivers {

enum class AmplifierPower { kOff = 1, kOn };

class AmplifierDriver {
 public:
  virtual ~AmplifierDriver() = default;
  AmplifierDriver() = default;
  AmplifierDriver(const AmplifierDriver&) = delete;
  AmplifierDriver& operator=(const AmplifierDriver&) = delete;

  // Switches the amplifier on; ok once the device confirmed it.
  virtual Status powerOn() = 0;
  // Switches the amplifier off; ok once the device confirmed it.
  virtual Status powerOff() = 0;
  // A short human description for logs and events, without secrets
  // ("modbus-tcp 127.0.0.1:1502 unit 1 coil 3").
  virtual std::string describe() const = 0;

  Status setPower(AmplifierPower power) {
    return power == AmplifierPower::kOn ? powerOn() : powerOff();
  }
};

}  // namespace wardcast::drivers
