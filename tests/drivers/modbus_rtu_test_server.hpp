#pragma once
// ModbusRtuTestServer: a real libmodbus RTU server on one end of a pair of
// linked pseudo-terminals (made by socat in the test's directory), for
// testing the modbus-rtu driver without a serial port. devicePath() is the
// other end, for the client. 16 coils, all off at start; unit id 1.
#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include <modbus.h>

#include "tests/support/background_process.hpp"

namespace wardcast::test {

class ModbusRtuTestServer {
 public:
  // Throws std::runtime_error when socat or the server cannot start.
  explicit ModbusRtuTestServer(const std::filesystem::path& dir);
  ~ModbusRtuTestServer();
  ModbusRtuTestServer(const ModbusRtuTestServer&) = delete;
  ModbusRtuTestServer& operator=(const ModbusRtuTestServer&) = delete;

  std::filesystem::path devicePath() const { return client_end_; }
  bool coil(int address) const;

 private:
  void serve();

  std::filesystem::path client_end_;
  std::unique_ptr<BackgroundProcess> socat_;
  modbus_t* ctx_ = nullptr;
  modbus_mapping_t* mapping_ = nullptr;
  mutable std::mutex mutex_;  // guards mapping_
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace wardcast::test
