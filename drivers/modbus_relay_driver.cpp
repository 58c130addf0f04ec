#include "drivers/modbus_relay_driver.hpp"

#include <modbus.h>

#include <cerrno>

#include <fmt/format.h>

#include "util/c_handle.hpp"

namespace wardcast::drivers {
namespace {

struct ModbusTraits {
  static void unref(modbus_t* ctx) {
    modbus_close(ctx);
    modbus_free(ctx);
  }
};
using ModbusHandle = CHandle<modbus_t, ModbusTraits>;

std::string lastError() {
  return modbus_strerror(errno);
}

ModbusHandle newContext(const ModbusRelayConfig& config) {
  if (const auto* tcp = std::get_if<ModbusTcpEndpoint>(&config.endpoint)) {
    // The protocol-independent variant takes IPv4, IPv6 and host names.
    return ModbusHandle::adopt(
        modbus_new_tcp_pi(tcp->host.c_str(), std::to_string(tcp->port).c_str()));
  }
  const auto& rtu = std::get<ModbusRtuEndpoint>(config.endpoint);
  return ModbusHandle::adopt(
      modbus_new_rtu(rtu.device.c_str(), rtu.baud, rtu.parity, rtu.data_bits, rtu.stop_bits));
}

}  // namespace

ModbusRelayDriver::ModbusRelayDriver(ModbusRelayConfig config) : config_(std::move(config)) {}

std::string ModbusRelayDriver::describe() const {
  if (const auto* tcp = std::get_if<ModbusTcpEndpoint>(&config_.endpoint)) {
    return fmt::format("modbus-tcp {}:{} unit {} coil {}", tcp->host, tcp->port, config_.unit,
                       config_.coil);
  }
  const auto& rtu = std::get<ModbusRtuEndpoint>(config_.endpoint);
  return fmt::format("modbus-rtu {} {} {}{}{} unit {} coil {}", rtu.device, rtu.baud, rtu.data_bits,
                     rtu.parity, rtu.stop_bits, config_.unit, config_.coil);
}

Status ModbusRelayDriver::powerOn() {
  return writeAndVerify(true);
}
Status ModbusRelayDriver::powerOff() {
  return writeAndVerify(false);
}

// Opens a connected context, or fails with a sentence naming the device.
static Result<ModbusHandle> connectTo(const ModbusRelayConfig& config, const std::string& what) {
  ModbusHandle ctx = newContext(config);
  if (!ctx) {
    return makeError(ErrorKind::kIo,
                     fmt::format("{}: cannot create context: {}", what, lastError()));
  }
  auto timeout = config.response_timeout.count();
  modbus_set_response_timeout(ctx.get(), static_cast<std::uint32_t>(timeout / 1000),
                              static_cast<std::uint32_t>((timeout % 1000) * 1000));
  if (modbus_set_slave(ctx.get(), config.unit) != 0) {
    return makeError(ErrorKind::kInvalidInput,
                     fmt::format("{}: bad unit id: {}", what, lastError()));
  }
  if (modbus_connect(ctx.get()) != 0) {
    return makeError(ErrorKind::kIo, fmt::format("{}: connect failed: {}", what, lastError()));
  }
  return ctx;
}

Status ModbusRelayDriver::writeAndVerify(bool on) {
  const std::string what = describe();
  auto ctx = connectTo(config_, what);
  if (!ctx) return ctx.error();
  if (modbus_write_bit(ctx->get(), config_.coil, on ? 1 : 0) != 1) {
    return makeError(ErrorKind::kIo, fmt::format("{}: writing the coil {} failed: {}", what,
                                                 on ? "on" : "off", lastError()));
  }
  std::uint8_t state = 0;
  if (modbus_read_bits(ctx->get(), config_.coil, 1, &state) != 1) {
    return makeError(ErrorKind::kIo,
                     fmt::format("{}: reading the coil back failed: {}", what, lastError()));
  }
  if ((state != 0) != on) {
    return makeError(ErrorKind::kIo, fmt::format("{}: the coil reads {} after writing {}", what,
                                                 state ? "on" : "off", on ? "on" : "off"));
  }
  return okStatus();
}

Result<bool> ModbusRelayDriver::readCoil() {
  const std::string what = describe();
  auto ctx = connectTo(config_, what);
  if (!ctx) return ctx.error();
  std::uint8_t state = 0;
  if (modbus_read_bits(ctx->get(), config_.coil, 1, &state) != 1) {
    return makeError(ErrorKind::kIo,
                     fmt::format("{}: reading the coil failed: {}", what, lastError()));
  }
  return state != 0;
}

}  // namespace wardcast::drivers
