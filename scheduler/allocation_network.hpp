#pragma once
// AllocationNetwork: the flow network the planner allocates plays with
// (docs/planner.md, "Allocation"). Units are plays (integers).
//
//   source ─(plays demanded, priority)─► demand ─► [gap block] ─► window ─► sink
//
// solve() builds a Boost.Graph compressed-sparse-row graph from the arcs
// (one allocation, edges numbered by position) and runs Boost.Graph's
// Boykov–Kolmogorov max-flow on it, so the value is a
// maximum flow: a proven upper bound on the plays any schedule can place
// under the network's (relaxed) constraints. It then exchanges flow along
// residual paths from unsaturated demands of a higher priority (smaller
// number) to flowing demands of a lower priority, which keeps the value
// maximal: the sets of demand units a network can route form a matroid (a
// gammoid), so a maximum flow that admits no such exchange is one where
// higher-priority topics win as far as capacity allows.
//
// Not thread-safe; one network per solve, built and used on one thread.
#include <cstdint>
#include <memory>
#include <vector>

namespace wardcast::planner {

class AllocationNetwork {
 public:
  using NodeId = int;
  using ArcId = int;

  AllocationNetwork();
  ~AllocationNetwork();
  AllocationNetwork(const AllocationNetwork&) = delete;
  AllocationNetwork& operator=(const AllocationNetwork&) = delete;

  NodeId source() const { return 0; }
  NodeId sink() const { return 1; }
  NodeId addNode();
  // A demand node fed from the source with `plays` units. priority 1 is
  // the highest.
  NodeId addDemand(std::int64_t plays, int priority);
  ArcId addArc(NodeId from, NodeId to, std::int64_t capacity);

  // Maximum flow with priority exchanges; returns its value (plays).
  std::int64_t solve();
  std::int64_t flow(ArcId arc) const;
  // Units routed from the source to a demand node.
  std::int64_t demandFlow(NodeId demand) const;

 private:
  struct Impl;
  bool exchangeOnce(NodeId high);
  std::unique_ptr<Impl> impl_;
};

}  // namespace wardcast::planner
