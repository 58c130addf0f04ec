#include "drivers/amplifier_factory.hpp"

#include <unistd.h>

#include <charconv>

#include <fmt/format.h>

#include "drivers/command_driver.hpp"
#include "drivers/driver_uri.hpp"
#include "drivers/modbus_relay_driver.hpp"

namespace wardcast::drivers {
namespace {

// Keeps the URI text so every error can quote it.
class OptionReader {
 public:
  OptionReader(std::string_view text, const DriverUri& uri) : text_(text), uri_(uri) {}

  Error fail(std::string_view what) const {
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("bad amplifier URI \"{}\": {}", text_, what));
  }

  // Integer option in [low, high]; `fallback` when absent, nullopt+error set on failure.
  Status integer(std::string_view key, int low, int high, int& out) const {
    auto value = uri_.get(key);
    if (!value) return okStatus();
    int parsed = 0;
    auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), parsed);
    if (ec != std::errc() || end != value->data() + value->size() || parsed < low ||
        parsed > high) {
      return fail(fmt::format("{}={} is not a whole number from {} to {}", key, *value, low, high));
    }
    out = parsed;
    return okStatus();
  }

  Status duration(std::string_view key, std::chrono::milliseconds& out) const {
    auto value = uri_.get(key);
    if (!value) return okStatus();
    auto parsed = parseDuration(*value);
    if (!parsed) {
      return fail(fmt::format("{}={} is not a duration like 30s, 500ms, 2m or 1h", key, *value));
    }
    out = *parsed;
    return okStatus();
  }

 private:
  std::string_view text_;
  const DriverUri& uri_;
};

Status readTiming(const OptionReader& options, AmplifierTiming& timing) {
  for (auto [key, field] :
       {std::pair<std::string_view, std::chrono::milliseconds*>{"lead", &timing.lead},
        {"tail", &timing.tail},
        {"retry", &timing.retry_initial},
        {"retry_max", &timing.retry_max}}) {
    if (auto st = options.duration(key, *field); !st) return st;
  }
  if (timing.retry_initial.count() == 0) return options.fail("retry must be more than 0");
  if (timing.retry_max < timing.retry_initial) {
    return options.fail("retry_max must not be less than retry");
  }
  return okStatus();
}

Status readModbusCommon(const DriverUri& uri, const OptionReader& options,
                        ModbusRelayConfig& config) {
  if (!uri.get("coil")) return options.fail("the coil option is required, e.g. coil=3");
  if (auto st = options.integer("coil", 0, 65535, config.coil); !st) return st;
  if (auto st = options.integer("unit", 0, 255, config.unit); !st) return st;
  if (auto st = options.duration("timeout", config.response_timeout); !st) return st;
  if (config.response_timeout.count() == 0) return options.fail("timeout must be more than 0");
  return okStatus();
}

Result<std::unique_ptr<AmplifierDriver>> makeModbusTcp(const DriverUri& uri,
                                                       const OptionReader& options) {
  if (uri.host.empty())
    return options.fail("modbus-tcp needs a host, e.g. modbus-tcp://10.0.0.5:502");
  if (!uri.user.empty()) return options.fail("modbus-tcp takes no user or password");
  if (!uri.path.empty() && uri.path != "/") return options.fail("modbus-tcp takes no path");
  ModbusRelayConfig config;
  config.endpoint = ModbusTcpEndpoint{uri.host, uri.port.value_or(502)};
  if (auto st = readModbusCommon(uri, options, config); !st) return st.error();
  if (config.unit > 247 && config.unit != 255) {
    return options.fail("unit must be 0..247 or 255");
  }
  return std::unique_ptr<AmplifierDriver>(std::make_unique<ModbusRelayDriver>(config));
}

Result<std::unique_ptr<AmplifierDriver>> makeModbusRtu(const DriverUri& uri,
                                                       const OptionReader& options) {
  if (!uri.host.empty() || uri.port) {
    return options.fail("modbus-rtu takes a device path, e.g. modbus-rtu:///dev/ttyUSB0");
  }
  if (uri.path.size() < 2) return options.fail("modbus-rtu needs a device path after ///");
  ModbusRtuEndpoint rtu;
  rtu.device = uri.path;
  if (auto st = options.integer("baud", 300, 4000000, rtu.baud); !st) return st.error();
  if (auto st = options.integer("data", 5, 8, rtu.data_bits); !st) return st.error();
  if (auto st = options.integer("stop", 1, 2, rtu.stop_bits); !st) return st.error();
  if (auto parity = uri.get("parity")) {
    if (*parity != "N" && *parity != "E" && *parity != "O") {
      return options.fail(fmt::format("parity={} is not N, E or O", *parity));
    }
    rtu.parity = (*parity)[0];
  }
  ModbusRelayConfig config;
  config.endpoint = rtu;
  if (auto st = readModbusCommon(uri, options, config); !st) return st.error();
  if (config.unit > 247) return options.fail("unit must be 0..247 on a serial line");
  return std::unique_ptr<AmplifierDriver>(std::make_unique<ModbusRelayDriver>(config));
}

Result<std::unique_ptr<AmplifierDriver>> makeCommand(const DriverUri& uri,
                                                     const OptionReader& options) {
  if (!uri.host.empty() || uri.port || !uri.user.empty()) {
    return options.fail(
        "exec takes an absolute program path after three slashes, "
        "e.g. exec:///usr/local/bin/amp");
  }
  if (uri.path.size() < 2 || uri.path.back() == '/') {
    return options.fail("exec needs a program path, e.g. exec:///usr/local/bin/amp");
  }
  if (::access(uri.path.c_str(), X_OK) != 0) {
    return options.fail(fmt::format("program {} does not exist or is not executable", uri.path));
  }
  CommandConfig config;
  config.program = uri.path;
  if (uri.get("on")) config.on_args = uri.getAll("on");
  if (uri.get("off")) config.off_args = uri.getAll("off");
  if (auto st = options.duration("timeout", config.timeout); !st) return st.error();
  if (config.timeout.count() == 0) return options.fail("timeout must be more than 0");
  return std::unique_ptr<AmplifierDriver>(std::make_unique<CommandDriver>(config));
}

}  // namespace

Result<AmplifierSetup> makeAmplifier(std::string_view text) {
  auto uri = parseDriverUri(text);
  if (!uri) return uri.error();
  OptionReader options(text, *uri);
  static const std::vector<std::string_view> kTimingKeys{"lead", "tail", "retry", "retry_max"};
  auto with = [&](std::vector<std::string_view> keys) {
    keys.insert(keys.end(), kTimingKeys.begin(), kTimingKeys.end());
    return keys;
  };
  Result<std::unique_ptr<AmplifierDriver>> driver = options.fail("");
  if (uri->scheme == "modbus-tcp") {
    if (auto st = checkQueryKeys(*uri, text, with({"coil", "unit", "timeout"})); !st)
      return st.error();
    driver = makeModbusTcp(*uri, options);
  } else if (uri->scheme == "modbus-rtu") {
    auto keys = with({"coil", "unit", "timeout", "baud", "parity", "data", "stop"});
    if (auto st = checkQueryKeys(*uri, text, keys); !st) return st.error();
    driver = makeModbusRtu(*uri, options);
  } else if (uri->scheme == "exec") {
    if (auto st = checkQueryKeys(*uri, text, with({"on", "off", "timeout"})); !st)
      return st.error();
    driver = makeCommand(*uri, options);
  } else {
    return options.fail(fmt::format(
        "unknown scheme \"{}\" (expected modbus-tcp, modbus-rtu or exec)", uri->scheme));
  }
  if (!driver) return driver.error();
  AmplifierSetup setup;
  setup.driver = std::move(*driver);
  if (auto st = readTiming(options, setup.timing); !st) return st.error();
  return setup;
}

}  // namespace wardcast::drivers
