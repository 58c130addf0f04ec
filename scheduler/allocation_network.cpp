#include "scheduler/allocation_network.hpp"

#include <algorithm>

// Boost.Graph's edge iterators trip GCC 12's -Wmaybe-uninitialized (a
// false positive inside boost::optional); templates are instantiated at the
// end of the file, so the suppression covers this whole file.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/boykov_kolmogorov_max_flow.hpp>
#include <limits>

namespace wardcast::planner {
namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using Graph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS,
    boost::property<boost::vertex_color_t, boost::default_color_type,
                    boost::property<boost::vertex_distance_t, long,
                                    boost::property<boost::vertex_predecessor_t, Traits::edge_descriptor>>>,
    boost::property<boost::edge_capacity_t, long,
                    boost::property<boost::edge_residual_capacity_t, long,
                                    boost::property<boost::edge_reverse_t, Traits::edge_descriptor>>>>;
using Edge = Traits::edge_descriptor;

}  // namespace

struct AllocationNetwork::Impl {
  Graph graph;
  std::vector<Edge> arcs;            // forward edges, by ArcId
  std::vector<int> priority;         // per node; 0 = not a demand
  std::vector<Edge> demand_arc;      // per node: its source arc (demands only)
  std::vector<NodeId> demands;       // demand nodes, in creation order
  std::vector<unsigned> seen;        // BFS stamps, per node
  std::vector<Edge> via;             // BFS: edge that reached each node
  unsigned stamp = 0;

  long residual(Edge e) const { return get(boost::edge_residual_capacity, graph)[e]; }
  long capacity(Edge e) const { return get(boost::edge_capacity, graph)[e]; }
  void push(Edge e, long amount) {
    auto res = get(boost::edge_residual_capacity, graph);
    auto rev = get(boost::edge_reverse, graph);
    res[e] -= amount;
    res[rev[e]] += amount;
  }
};

AllocationNetwork::AllocationNetwork() : impl_(std::make_unique<Impl>()) {
  addNode();
  addNode();
}

AllocationNetwork::~AllocationNetwork() = default;

AllocationNetwork::NodeId AllocationNetwork::addNode() {
  auto v = boost::add_vertex(impl_->graph);
  impl_->priority.push_back(0);
  impl_->demand_arc.emplace_back();
  return static_cast<NodeId>(v);
}

AllocationNetwork::NodeId AllocationNetwork::addDemand(std::int64_t plays, int priority) {
  NodeId node = addNode();
  ArcId arc = addArc(source(), node, plays);
  impl_->priority[node] = std::max(1, priority);
  impl_->demand_arc[node] = impl_->arcs[arc];
  impl_->demands.push_back(node);
  return node;
}

AllocationNetwork::ArcId AllocationNetwork::addArc(NodeId from, NodeId to, std::int64_t capacity) {
  auto& g = impl_->graph;
  Edge forward = boost::add_edge(from, to, g).first;
  Edge backward = boost::add_edge(to, from, g).first;
  auto cap = get(boost::edge_capacity, g);
  auto rev = get(boost::edge_reverse, g);
  cap[forward] = static_cast<long>(capacity);
  cap[backward] = 0;
  rev[forward] = backward;
  rev[backward] = forward;
  impl_->arcs.push_back(forward);
  return static_cast<ArcId>(impl_->arcs.size() - 1);
}

std::int64_t AllocationNetwork::flow(ArcId arc) const {
  Edge e = impl_->arcs[arc];
  return impl_->capacity(e) - impl_->residual(e);
}

std::int64_t AllocationNetwork::demandFlow(NodeId demand) const {
  Edge e = impl_->demand_arc[demand];
  return impl_->capacity(e) - impl_->residual(e);
}

std::int64_t AllocationNetwork::solve() {
  auto& g = impl_->graph;
  long value = boost::boykov_kolmogorov_max_flow(g, source(), sink());

  // Priority exchanges: highest priority first; each demand takes what it
  // can from strictly lower priorities. Repeat until a pass changes nothing.
  std::vector<NodeId> order = impl_->demands;
  std::stable_sort(order.begin(), order.end(), [&](NodeId a, NodeId b) {
    return impl_->priority[a] < impl_->priority[b];
  });
  if (order.empty() || impl_->priority[order.front()] == impl_->priority[order.back()])
    return value;
  impl_->seen.assign(boost::num_vertices(g), 0);
  impl_->via.assign(boost::num_vertices(g), Edge{});
  for (bool changed = true; changed;) {
    changed = false;
    for (NodeId high : order)
      while (impl_->residual(impl_->demand_arc[high]) > 0 && exchangeOnce(high)) changed = true;
  }
  return value;
}

// Breadth-first search in the residual graph (never through source or sink)
// from `high` to a flowing demand of lower priority; moves flow along it.
bool AllocationNetwork::exchangeOnce(NodeId high) {
  auto& im = *impl_;
  auto& g = im.graph;
  unsigned stamp = ++im.stamp;
  std::vector<NodeId> queue{high};
  im.seen[high] = stamp;
  NodeId found = -1;
  for (std::size_t head = 0; head < queue.size() && found < 0; ++head) {
    NodeId v = queue[head];
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
      NodeId w = static_cast<NodeId>(boost::target(*it, g));
      if (w == source() || w == sink() || im.seen[w] == stamp || im.residual(*it) <= 0) continue;
      im.seen[w] = stamp;
      im.via[w] = *it;
      if (im.priority[w] > im.priority[high] && demandFlow(w) > 0) {
        found = w;
        break;
      }
      queue.push_back(w);
    }
  }
  if (found < 0) return false;
  long amount = std::min<long>(im.residual(im.demand_arc[high]), demandFlow(found));
  for (NodeId v = found; v != high; v = static_cast<NodeId>(boost::source(im.via[v], g)))
    amount = std::min(amount, im.residual(im.via[v]));
  for (NodeId v = found; v != high; v = static_cast<NodeId>(boost::source(im.via[v], g)))
    im.push(im.via[v], amount);
  im.push(im.demand_arc[high], amount);
  im.push(get(boost::edge_reverse, g)[im.demand_arc[found]], amount);
  return true;
}

}  // namespace wardcast::planner
