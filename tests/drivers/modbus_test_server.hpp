#pragma once
// ModbusTestServer: a real libmodbus TCP server on 127.0.0.1 (free port) for
// tests. A thread answers requests with modbus_receive/modbus_reply until the
// object is destroyed; it holds 16 coils, all off at start.
#include <atomic>
#include <mutex>
#include <thread>

#include <modbus.h>

namespace wardcast::test {

class ModbusTestServer {
 public:
  ModbusTestServer();  // throws std::runtime_error when it cannot listen
  ~ModbusTestServer();
  ModbusTestServer(const ModbusTestServer&) = delete;
  ModbusTestServer& operator=(const ModbusTestServer&) = delete;

  int port() const { return port_; }
  bool coil(int address) const;
  void setCoil(int address, bool on);
  int requests() const;  // requests answered (counted before each reply is sent)

 private:
  void serve();

  int port_ = 0;
  modbus_t* ctx_ = nullptr;
  modbus_mapping_t* mapping_ = nullptr;
  int listen_fd_ = -1;
  mutable std::mutex mutex_;  // guards mapping_ and requests_
  std::atomic<bool> stop_{false};
  int requests_ = 0;
  std::thread thread_;
};

}  // namespace wardcast::test
