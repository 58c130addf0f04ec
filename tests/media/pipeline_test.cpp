// Pipeline: typed bus events on the owner's executor, explicit states.
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <vector>

#include "media/gst/pipeline.hpp"

using namespace wardcast::media;
using namespace std::chrono_literals;

namespace {

// Runs `io` until `done` or the watchdog deadline; returns whether done.
bool runUntil(boost::asio::io_context& io, const std::function<bool()>& done,
              std::chrono::milliseconds deadline = 8s) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (!done() && std::chrono::steady_clock::now() < until) {
    io.run_for(20ms);
    if (io.stopped()) io.restart();
  }
  return done();
}

}  // namespace

TEST_CASE("a finite pipeline goes through its states and ends with EOS") {
  boost::asio::io_context io;
  auto pipeline = Pipeline::fromDescription(
      io.get_executor(), "finite", "audiotestsrc num-buffers=5 ! fakesink sync=false");
  REQUIRE(pipeline);
  std::vector<PipelineState> states;
  bool eos = false;
  (*pipeline)->setEventHandler([&](const PipelineEvent& event) {
    if (auto* changed = std::get_if<StateChangedEvent>(&event)) states.push_back(changed->to);
    if (std::holds_alternative<EndOfStreamEvent>(event)) eos = true;
  });
  CHECK((*pipeline)->state() == PipelineState::kUnprepared);
  REQUIRE((*pipeline)->play());
  REQUIRE(runUntil(io, [&] { return eos; }));
  CHECK((*pipeline)->state() == PipelineState::kPlaying);
  REQUIRE(!states.empty());
  CHECK(states.front() == PipelineState::kPreparing);
  (*pipeline)->stop();
  CHECK((*pipeline)->state() == PipelineState::kUnprepared);
}

TEST_CASE("a bus error moves the pipeline to kError and is reported") {
  boost::asio::io_context io;
  auto pipeline = Pipeline::fromDescription(io.get_executor(), "broken",
                                            "filesrc location=/nonexistent/x.wav ! fakesink");
  REQUIRE(pipeline);
  std::string error_from;
  (*pipeline)->setEventHandler([&](const PipelineEvent& event) {
    if (auto* error = std::get_if<ErrorEvent>(&event)) error_from = error->element;
  });
  CHECK(!(*pipeline)->play());  // filesrc refuses the state change
  REQUIRE(runUntil(io, [&] { return !error_from.empty(); }));
  CHECK((*pipeline)->state() == PipelineState::kError);
  CHECK(!(*pipeline)->play());  // must be stopped first
  (*pipeline)->stop();
  CHECK((*pipeline)->state() == PipelineState::kUnprepared);
}

TEST_CASE("events posted after the pipeline is gone are dropped") {
  boost::asio::io_context io;
  int events = 0;
  {
    auto pipeline = Pipeline::fromDescription(io.get_executor(), "short",
                                              "audiotestsrc num-buffers=2 ! fakesink sync=false");
    REQUIRE(pipeline);
    (*pipeline)->setEventHandler([&](const PipelineEvent&) { ++events; });
    REQUIRE((*pipeline)->play());
    // Destroyed before the io_context ran any posted handler.
  }
  io.run_for(200ms);
  CHECK(events == 1);  // only the synchronous kPreparing transition
}
