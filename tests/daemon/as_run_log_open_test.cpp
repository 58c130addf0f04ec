// The as-run log as the daemon writes it: a record opened when an item
// starts and closed when it ends; one left open (a crash) is found and
// closed once; a closed record cannot be closed again; daemon runs remember
// the last sign of life.
#include <catch2/catch.hpp>

#include "content/store.hpp"
#include "daemon/as_run_recorder.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace std::chrono_literals;

namespace {
SysMillis at(int seconds) { return SysMillis(std::chrono::milliseconds(1'800'000'000'000LL + seconds * 1000LL)); }
}  // namespace

TEST_CASE("as-run records opened at start, closed at end, and a crash leaves one to close as interrupted") {
  test::TempDir dir;
  auto store = Store::open(dir.path()).value();
  AsRunEntry e;
  e.channel = "ward";
  e.item = "b1";
  e.start = at(0);
  auto id = store->asRunLog().open(e);
  REQUIRE(id);
  auto open = store->asRunLog().openRecords().value();
  REQUIRE(open.size() == 1);
  CHECK(open[0].status == AsRunStatus::kOnAir);
  REQUIRE(store->asRunLog().close(*id, at(30), AsRunStatus::kPlayed));
  CHECK(store->asRunLog().openRecords().value().empty());
  auto again = store->asRunLog().close(*id, at(40), AsRunStatus::kPlayed);
  CHECK_FALSE(again);
  CHECK(again.error().kind == ErrorKind::kNotFound);
  AsRunEntry unfinished = e;
  unfinished.status = AsRunStatus::kOnAir;
  CHECK_FALSE(store->asRunLog().append(unfinished));  // append() takes finished records only

  e.item = "b2";
  e.start = at(60);
  REQUIRE(store->asRunLog().open(e));
  // The daemon is killed; the next start closes what it left open, at its
  // last sign of life.
  daemon::AsRunRecorder::recoverInterrupted(*store, at(75));
  auto rows = store->asRunLog().range(at(-10), at(100)).value();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].status == AsRunStatus::kPlayed);
  CHECK(rows[0].end == at(30));
  CHECK(rows[1].status == AsRunStatus::kInterrupted);
  CHECK(rows[1].end == at(75));
  CHECK(rows[1].reason.find("crash or kill") != std::string::npos);
  daemon::AsRunRecorder::recoverInterrupted(*store, at(90));  // nothing left open: nothing changes
  CHECK(store->asRunLog().range(at(-10), at(100)).value()[1].end == at(75));
}

TEST_CASE("daemon runs: the last run, its sign of life, its stop") {
  test::TempDir dir;
  auto store = Store::open(dir.path()).value();
  CHECK_FALSE(store->daemonRuns().last().value());
  auto id = store->daemonRuns().begin(4242, at(0)).value();
  REQUIRE(store->daemonRuns().alive(id, at(5)));
  auto last = store->daemonRuns().last().value();
  REQUIRE(last);
  CHECK(last->pid == 4242);
  CHECK(last->alive == at(5));
  CHECK_FALSE(last->stopped);
  REQUIRE(store->daemonRuns().stopped(id, at(9)));
  CHECK(store->daemonRuns().last().value()->stopped == at(9));
}
