// wardcastd end to end: an approved item whose file is deleted, or replaced
// by other sound, after approval never airs. It is logged as skipped with
// the reason, the daemon stays up, and the next entry airs at its second
// (issue 10 point 8).
#include <map>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/daemon/daemon_station.hpp"
#include "tests/media/media_test_support.hpp"
#include "tests/media/rtp_receiver.hpp"

using namespace wardcast::test;
using namespace std::chrono_literals;
using Catch::Contains;
using nlohmann::json;

namespace {

constexpr auto kTolerance = 150ms;  // as in daemon_test

// The asset file of `item`, from `wardcast bulletin show`.
std::filesystem::path assetFile(const DaemonStation& s, const std::string& item) {
  auto show = s.ok({"bulletin", "show", item}).out;
  auto at = show.find("\n  file:");  // the asset's, not "source file:"
  REQUIRE(at != std::string::npos);
  auto begin = show.find_first_not_of(' ', at + 8);
  return s.dataDir() / show.substr(begin, show.find('\n', begin) - begin);
}

}  // namespace

TEST_CASE("wardcastd skips an item whose file was deleted or replaced after approval, and airs the next") {
  boost::asio::io_context io;
  RtpReceiver receiver(io);
  DaemonStation s(receiver.port());
  auto ids = s.addTones({{440, 1.5}, {660, 1.5}, {880, 1.5}});
  WallTime first = aheadOnOneDay(8s, 30s);
  s.pin(ids[0], first);
  s.pin(ids[1], first + 3s);
  s.pin(ids[2], first + 6s);

  // b1's file is gone; b2's is replaced by a longer 2500 Hz tone.
  REQUIRE(std::filesystem::remove(assetFile(s, ids[0])));
  auto b2 = assetFile(s, ids[1]);
  REQUIRE(std::filesystem::remove(b2));
  REQUIRE(run({"sox", "-n", "-r", "48000", "-c", "1", "-b", "16", b2.string(), "synth", "3", "sine", "2500"})
              .exit_code == 0);

  auto daemon = s.startDaemon();
  REQUIRE(runUntil(io, [&] { return std::chrono::system_clock::now() > first + 8500ms; }, 40s));
  INFO("wardcastd log:\n" << daemon.log());
  REQUIRE(daemon.running());

  auto blocks = decodeOpus(receiver.packets());
  REQUIRE(blocks.size() == receiver.packets().size());
  CHECK_FALSE(firstWith(blocks, 440));   // deleted: never on air
  CHECK_FALSE(firstWith(blocks, 2500));  // replaced: never on air
  CHECK_FALSE(firstWith(blocks, 660));
  auto b3 = firstWith(blocks, 880);
  REQUIRE(b3);
  auto off = std::chrono::duration_cast<std::chrono::milliseconds>(receiver.packets()[*b3].received - (first + 6s));
  INFO("b3 first packet " << off.count() << " ms from planned");
  CHECK(std::chrono::abs(off) <= kTolerance);

  auto log = json::parse(s.ok({"asrun", "--format", "json"}).out);
  INFO(log.dump(2));
  std::map<std::string, json> by_item;
  for (const auto& r : log["records"]) by_item[r["item"].get<std::string>()] = r;
  REQUIRE(by_item.count(ids[0]) == 1);
  REQUIRE(by_item.count(ids[1]) == 1);
  REQUIRE(by_item.count(ids[2]) == 1);
  CHECK(by_item[ids[0]]["status"] == "skipped");
  CHECK_THAT(by_item[ids[0]]["reason"].get<std::string>(), Contains("cannot be read"));
  CHECK(by_item[ids[1]]["status"] == "skipped");
  CHECK_THAT(by_item[ids[1]]["reason"].get<std::string>(), Contains("has changed"));
  CHECK(by_item[ids[2]]["status"] == "played");
}
