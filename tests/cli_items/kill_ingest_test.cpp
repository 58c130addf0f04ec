// kill -9 in the middle of `bulletin add --audio` (SPEC §8): the database
// passes PRAGMA integrity_check, and after the next open there is no
// orphan file and no row without its file.
//
// Each kill lands at a stage of the ingest the test has seen: the command
// runs in the background and is killed once the ingest's temporary file
// (data/tmp/ingest-*.part, content/ingest/asset_writer.hpp) exists, or has
// reached half or all of the source's size, each waited for with a
// deadline. That the file is still there after the kill shows the kill
// landed before the ingest was done, and the store then shows no new item.
#include <catch2/catch.hpp>

#include <signal.h>

#include <csignal>
#include <fstream>
#include <optional>
#include <set>

#include "content/ingest/asset_writer.hpp"
#include "content/store.hpp"
#include "tests/cli_items/cli_items_support.hpp"
#include "tests/support/background_process.hpp"

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

// The ingest's temporary file in data/tmp, if one exists.
std::optional<fs::path> ingestTemp(const fs::path& data_dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(data_dir / "tmp", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(ingest_detail::AssetWriter::kTempPrefix) &&
        name.ends_with(ingest_detail::AssetWriter::kTempSuffix))
      return entry.path();
  }
  return std::nullopt;
}

std::uintmax_t sizeOf(const fs::path& file) {
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  return ec ? 0 : size;
}

std::size_t itemCount(const CliStation& s) {
  auto store = Store::open(s.dataDir());
  REQUIRE(store);
  return store.value()->items().list().value().size();
}

}  // namespace

TEST_CASE("SIGKILL during bulletin add leaves a sound database and no orphans") {
  CliStation s;
  s.addStaff();
  auto big = s.tone("big.wav", 600.0);  // 10 minutes, about 55 MB
  const auto source_size = fs::file_size(big);
  // The stages of the ingest to kill at, by the bytes its temporary file holds.
  struct Stage {
    const char* name;
    std::uintmax_t bytes;
  };
  const Stage stages[] = {{"copy begun", 0}, {"copy half done", source_size / 2},
                          {"copy done, not yet stored", source_size}};
  int n = 0;
  for (const auto& stage : stages) {
    INFO("kill when " << stage.name);
    stamp(big, ++n);
    const auto before = itemCount(s);
    BackgroundProcess cli(
        s.argv({"--user", "lan", "bulletin", "add", "--topic", "t", "--title", "big", "--audio", big.string()}),
        s.file("cli-" + std::to_string(n) + ".log"));
    std::optional<fs::path> temp;
    const bool reached = waitFor(
        [&] {
          temp = ingestTemp(s.dataDir());
          return temp && sizeOf(*temp) >= stage.bytes;
        },
        std::chrono::seconds(60));
    INFO("log: " << cli.log());
    REQUIRE(reached);
    REQUIRE(::kill(cli.pid(), SIGKILL) == 0);
    REQUIRE(waitFor([&] { return !cli.running(); }, std::chrono::seconds(10)));
    CHECK(cli.termSignal() == SIGKILL);  // killed, not finished first
    // The kill landed during the ingest: its temporary file was left behind
    // (a finished ingest renames it into assets/, a failed one removes it).
    CHECK(fs::exists(*temp));
    CHECK(sizeOf(*temp) >= stage.bytes);
    checkConsistent(s);  // the open sweeps the leftover away
    CHECK(itemCount(s) == before);
  }
  // The store still works after all this, and numbers on.
  const std::size_t stored = itemCount(s);
  auto tone = s.tone("tone.wav", 1.0);
  auto r = s.ok({"--user", "lan", "bulletin", "add", "--topic", "t", "--title", "after", "--audio", tone.string()});
  CHECK(lastLine(r.out) == "b" + std::to_string(stored + 1));
}
