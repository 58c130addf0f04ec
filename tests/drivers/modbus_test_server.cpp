#include "tests/drivers/modbus_test_server.hpp"

#include <sys/select.h>
#include <unistd.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/test_support.hpp"

namespace wardcast::test {

ModbusTestServer::ModbusTestServer() {
  mapping_ = modbus_mapping_new(16, 0, 0, 0);
  // A port can be taken between freePort() and listen(): try a few.
  for (int attempt = 0; attempt < 5 && listen_fd_ < 0; ++attempt) {
    if (ctx_) modbus_free(ctx_);
    port_ = freePort();
    ctx_ = modbus_new_tcp("127.0.0.1", port_);
    listen_fd_ = modbus_tcp_listen(ctx_, 4);
  }
  if (listen_fd_ < 0 || !mapping_) {
    if (ctx_) modbus_free(ctx_);
    if (mapping_) modbus_mapping_free(mapping_);
    throw std::runtime_error("ModbusTestServer: cannot listen on 127.0.0.1");
  }
  thread_ = std::thread([this] { serve(); });
}

ModbusTestServer::~ModbusTestServer() {
  stop_ = true;
  thread_.join();
  ::close(listen_fd_);
  modbus_free(ctx_);
  modbus_mapping_free(mapping_);
}

int ModbusTestServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

bool ModbusTestServer::coil(int address) const {
  std::lock_guard lock(mutex_);
  return mapping_->tab_bits[address] != 0;
}

void ModbusTestServer::setCoil(int address, bool on) {
  std::lock_guard lock(mutex_);
  mapping_->tab_bits[address] = on ? 1 : 0;
}

// select() over the listening socket and every client, waking every 20 ms
// to notice stop_.
void ModbusTestServer::serve() {
  std::vector<int> clients;
  while (!stop_) {
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(listen_fd_, &fds);
    int max_fd = listen_fd_;
    for (int c : clients) {
      FD_SET(c, &fds);
      max_fd = std::max(max_fd, c);
    }
    timeval tv{0, 20000};
    if (::select(max_fd + 1, &fds, nullptr, nullptr, &tv) <= 0) continue;
    if (FD_ISSET(listen_fd_, &fds)) {
      int fd = listen_fd_;
      int client = modbus_tcp_accept(ctx_, &fd);
      if (client >= 0) clients.push_back(client);
    }
    for (auto it = clients.begin(); it != clients.end();) {
      if (!FD_ISSET(*it, &fds)) {
        ++it;
        continue;
      }
      modbus_set_socket(ctx_, *it);
      std::uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
      int n = modbus_receive(ctx_, query);
      if (n > 0) {
        // Counted before the reply leaves, under the lock requests() takes:
        // a client that has its answer always sees its request counted.
        std::lock_guard lock(mutex_);
        ++requests_;
        modbus_reply(ctx_, query, n, mapping_);
      }
      if (n < 0) {
        ::close(*it);
        it = clients.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (int c : clients) ::close(c);
}

}  // namespace wardcast::test
