#include "tests/drivers/icecast_server.hpp"

#include <arpa/inet.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <stdexcept>

#include "tests/support/test_support.hpp"

namespace wardcast::test {
namespace {

bool accepts(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// <security> for the current user: changeowner to nobody when we are root.
std::string securityXml() {
  std::string xml = "<security><chroot>0</chroot>";
  if (::geteuid() == 0) {
    const passwd* user = ::getpwnam("nobody");
    const group* grp = user ? ::getgrgid(user->pw_gid) : nullptr;
    if (!user || !grp)
      throw std::runtime_error("IcecastServer: running as root and no nobody user");
    xml += std::string("<changeowner><user>") + user->pw_name + "</user><group>" + grp->gr_name +
           "</group></changeowner>";
  }
  return xml + "</security>";
}

}  // namespace

IcecastServer::IcecastServer(const std::filesystem::path& dir) : dir_(dir) {
  // freePort() can race with another process: try a few ports.
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (startOnce()) return;
  }
  throw std::runtime_error("IcecastServer: icecast2 did not start; log:\n" +
                           (process_ ? process_->log() : std::string()));
}

bool IcecastServer::startOnce() {
  port_ = freePort();
  const auto config = dir_ / "icecast.xml";
  writeFile(config,
            "<icecast>\n"
            "  <location>test</location><admin>test@localhost</admin>\n"
            "  <limits><clients>20</clients><sources>4</sources>"
            "<source-timeout>5</source-timeout></limits>\n"
            "  <authentication><source-password>" +
                source_password_ + "</source-password><admin-user>" + admin_user_ +
                "</admin-user><admin-password>" + admin_password_ +
                "</admin-password></authentication>\n"
                "  <hostname>127.0.0.1</hostname>\n"
                "  <listen-socket><port>" +
                std::to_string(port_) +
                "</port><bind-address>127.0.0.1</bind-address></listen-socket>\n"
                "  <fileserve>1</fileserve>\n"
                "  <paths><basedir>/usr/share/icecast2</basedir><logdir>" +
                dir_.string() +
                "</logdir><webroot>/usr/share/icecast2/web</webroot>"
                "<adminroot>/usr/share/icecast2/admin</adminroot><pidfile>" +
                (dir_ / "icecast.pid").string() +
                "</pidfile></paths>\n"
                "  <logging><accesslog>-</accesslog><errorlog>-</errorlog><loglevel>3</loglevel>"
                "</logging>\n  " +
                securityXml() + "\n</icecast>\n");
  process_ = std::make_unique<BackgroundProcess>(
      std::vector<std::string>{"/usr/bin/icecast2", "-c", config.string()},
      dir_ / ("icecast-" + std::to_string(port_) + ".log"));
  bool up =
      waitFor([&] { return !process_->running() || accepts(port_); }, std::chrono::seconds(10));
  return up && process_->running();
}

std::string IcecastServer::listenUrl(const std::string& mount) const {
  return "http://127.0.0.1:" + std::to_string(port_) + mount;
}

std::string IcecastServer::sourceUri(const std::string& mount) const {
  return "icecast://source:" + source_password_ + "@127.0.0.1:" + std::to_string(port_) + mount;
}

BackgroundProcess IcecastServer::startToneSource(const std::string& mount) const {
  return BackgroundProcess(
      {"ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "warning", "-re", "-f", "lavfi", "-i",
       "sine=frequency=440:sample_rate=44100", "-c:a", "libmp3lame", "-b:a", "64k", "-content_type",
       "audio/mpeg", "-f", "mp3", sourceUri(mount)},
      dir_ / ("source" + std::string(mount).replace(0, 1, "-") + ".log"));
}

BackgroundProcess IcecastServer::startListener(const std::string& mount) const {
  return BackgroundProcess(
      {"curl", "--silent", "--show-error", "--output", "/dev/null", listenUrl(mount)},
      dir_ / ("listener" + std::string(mount).replace(0, 1, "-") + ".log"));
}

}  // namespace wardcast::test
