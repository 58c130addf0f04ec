#pragma once
// makeAmplifier(): a channel's `amplifier` URI (station config) -> driver and
// timing. Schemes (docs/drivers.md has every option):
//   modbus-tcp://HOST[:PORT]?coil=N[&unit=N][&timeout=1s]
//   modbus-rtu:///dev/DEVICE?coil=N[&baud=9600][&parity=N|E|O][&data=8][&stop=1]
//                                  [&unit=N][&timeout=1s]
//   exec:///ABSOLUTE/PROGRAM[?on=ARG&on=ARG...][&off=ARG...][&timeout=10s]
// and, on every scheme, lead=30s, tail=10s, retry=1s, retry_max=60s
// (AmplifierTiming). Unknown options are errors. Meant for start-up: it
// opens no connection, but checks that an exec program is executable.
#include <memory>
#include <string_view>

#include "drivers/amplifier_driver.hpp"
#include "drivers/amplifier_timing.hpp"
#include "util/result.hpp"

namespace wardcast::drivers {

struct AmplifierSetup {
  std::unique_ptr<AmplifierDriver> driver;
  AmplifierTiming timing;
};

// Errors are kInvalidInput with a sentence that quotes the URI and says what
// is wrong and what was expected.
Result<AmplifierSetup> makeAmplifier(std::string_view uri);

}  // namespace wardcast::drivers
