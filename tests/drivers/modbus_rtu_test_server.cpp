#include "tests/drivers/modbus_rtu_test_server.hpp"

#include <chrono>
#include <stdexcept>
#include <string>

#include "tests/support/test_support.hpp"

namespace wardcast::test {

ModbusRtuTestServer::ModbusRtuTestServer(const std::filesystem::path& dir)
    : client_end_(dir / "rtu-client") {
  const auto server_end = dir / "rtu-server";
  socat_ = std::make_unique<BackgroundProcess>(
      std::vector<std::string>{"socat", "pty,raw,echo=0,link=" + server_end.string(),
                               "pty,raw,echo=0,link=" + client_end_.string()},
      dir / "socat.log");
  if (!waitFor([&] { return exists(server_end) && exists(client_end_); },
               std::chrono::seconds(5))) {
    throw std::runtime_error("ModbusRtuTestServer: socat made no ptys: " + socat_->log());
  }
  ctx_ = modbus_new_rtu(server_end.c_str(), 9600, 'N', 8, 1);
  mapping_ = modbus_mapping_new(16, 0, 0, 0);
  if (!ctx_ || !mapping_ || modbus_set_slave(ctx_, 1) != 0 || modbus_connect(ctx_) != 0) {
    if (ctx_) modbus_free(ctx_);
    if (mapping_) modbus_mapping_free(mapping_);
    throw std::runtime_error("ModbusRtuTestServer: cannot open " + server_end.string());
  }
  // modbus_receive() returns every 50 ms without a request, to notice stop_.
  modbus_set_indication_timeout(ctx_, 0, 50000);
  thread_ = std::thread([this] { serve(); });
}

ModbusRtuTestServer::~ModbusRtuTestServer() {
  stop_ = true;
  thread_.join();
  modbus_close(ctx_);
  modbus_free(ctx_);
  modbus_mapping_free(mapping_);
}

bool ModbusRtuTestServer::coil(int address) const {
  std::lock_guard lock(mutex_);
  return mapping_->tab_bits[address] != 0;
}

void ModbusRtuTestServer::serve() {
  while (!stop_) {
    std::uint8_t query[MODBUS_RTU_MAX_ADU_LENGTH];
    int n = modbus_receive(ctx_, query);
    if (n > 0) {
      std::lock_guard lock(mutex_);
      modbus_reply(ctx_, query, n, mapping_);
    }
  }
}

}  // namespace wardcast::test
