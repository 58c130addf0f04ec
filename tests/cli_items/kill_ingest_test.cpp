// kill -9 in the middle of `bulletin add --audio` (SPEC §8): the database
// passes PRAGMA integrity_check, and after the next open there is no
// orphan file and no row without its file.
#include <catch2/catch.hpp>

#include <csignal>
#include <fstream>
#include <set>

#include "content/store.hpp"
#include "tests/cli_items/cli_items_support.hpp"

using namespace wardcast;
using namespace wardcast::test;
namespace fs = std::filesystem;

namespace {

// Makes the file's content unique without changing its length or format:
// overwrites the last two bytes (one sample) with `n`.
void stamp(const fs::path& wav, int n) {
  std::fstream f(wav, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(-2, std::ios::end);
  char sample[2] = {static_cast<char>(n & 0xff), static_cast<char>((n >> 8) & 0xff)};
  f.write(sample, 2);
}

void checkConsistent(const CliStation& s) {
  auto opened = Store::open(s.dataDir());
  REQUIRE(opened);
  auto& store = *opened.value();
  CHECK(store.integrityCheck().value() == "ok");
  CHECK(store.openReport().swept);
  CHECK(store.openReport().missing_asset_files.empty());
  CHECK(fs::is_empty(s.dataDir() / "tmp"));
  std::set<fs::path> referenced;
  auto assets = store.items().assets().value();
  for (const auto& a : assets) {
    referenced.insert(s.dataDir() / a.relative_path);
    CHECK(fs::is_regular_file(s.dataDir() / a.relative_path));
  }
  for (const auto& f : filesUnder(s.dataDir() / "assets")) {
    INFO(f);
    CHECK(referenced.count(f) == 1);
  }
  auto items = store.items().list().value();
  for (const auto& item : items) CHECK(referenced.count(s.dataDir() / item.asset.relative_path));
}

}  // namespace

TEST_CASE("SIGKILL during bulletin add leaves a sound database and no orphans") {
  CliStation s;
  s.addStaff();
  auto big = s.tone("big.wav", 600.0);  // 10 minutes, about 55 MB
  int killed = 0;
  for (int delay_ms : {30, 80, 150, 250, 400, 600, 900, 1300, 2000}) {
    stamp(big, delay_ms);
    auto r = s.cli({"--user", "lan", "bulletin", "add", "--topic", "t", "--title", "big", "--audio", big.string()},
                   {}, std::chrono::milliseconds(delay_ms));
    INFO("delay " << delay_ms << " ms, stderr: " << r.err);
    if (r.timed_out) {
      CHECK(r.signal == SIGKILL);
      ++killed;
    } else {
      CHECK(r.exit_code == 0);
    }
    checkConsistent(s);
  }
  CHECK(killed > 0);
  // The store still works after all this, and numbers on.
  std::size_t stored = 0;
  {
    auto store = Store::open(s.dataDir());
    REQUIRE(store);
    stored = store.value()->items().list().value().size();
  }
  auto tone = s.tone("tone.wav", 1.0);
  auto r = s.ok({"--user", "lan", "bulletin", "add", "--topic", "t", "--title", "after", "--audio", tone.string()});
  CHECK(lastLine(r.out) == "b" + std::to_string(stored + 1));
}
