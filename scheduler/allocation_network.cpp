#include "scheduler/allocation_network.hpp"

#include <algorithm>

// Boost.Graph's edge iterators trip GCC 12's -Wmaybe-uninitialized (a
// false positive inside boost::optional); templates are instantiated at the
// end of the file, so the suppression covers this whole file.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/boykov_kolmogorov_max_flow.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/property_map/property_map.hpp>

namespace wardcast::planner {
namespace {

// The network is built once per solve, so a compressed-sparse-row graph
// (two arrays, edges numbered by position) replaces an adjacency list
// (a vector per vertex); capacities, residuals and reverse edges live in
// vectors indexed by edge number.
using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                 boost::no_property, int, int>;
using Edge = boost::graph_traits<Graph>::edge_descriptor;
using EdgeIndexMap = boost::property_map<Graph, boost::edge_index_t>::const_type;
using VertexIndexMap = boost::property_map<Graph, boost::vertex_index_t>::const_type;

template <typename T>
using EdgeMap = boost::iterator_property_map<typename std::vector<T>::iterator, EdgeIndexMap>;
template <typename T>
using VertexMap = boost::iterator_property_map<typename std::vector<T>::iterator, VertexIndexMap>;

struct ArcSpec {
  int from;
  int to;
  long capacity;
};

}  // namespace

struct AllocationNetwork::Impl {
  // Before solve(): the arcs as added.
  int nodes = 0;
  std::vector<ArcSpec> specs;
  // After solve(): the graph; edges 2k and 2k+1 of the input are arc k
  // and its reverse, at positions forward[k] and backward[k].
  Graph graph;
  std::vector<int> forward, backward;  // per ArcId: edge number
  std::vector<long> capacity, residual;  // per edge number
  std::vector<Edge> reverse;             // per edge number
  std::vector<Edge> edge_at;             // per edge number: its descriptor

  std::vector<int> priority;      // per node; 0 = not a demand
  std::vector<ArcId> demand_arc;  // per node: its source arc (demands only)
  std::vector<NodeId> demands;    // demand nodes, in creation order
  std::vector<unsigned> seen;     // BFS stamps, per node
  std::vector<int> via;           // BFS: edge number that reached each node
  unsigned stamp = 0;

  void build();
  void push(int edge, long amount) {
    residual[std::size_t(edge)] -= amount;
    residual[std::size_t(get(boost::edge_index, graph, reverse[std::size_t(edge)]))] += amount;
  }
  long arcFlow(ArcId arc) const {
    int e = forward[std::size_t(arc)];
    return capacity[std::size_t(e)] - residual[std::size_t(e)];
  }
};

// Counting sort of the 2·arcs edges by source gives the CSR order.
void AllocationNetwork::Impl::build() {
  std::size_t arcs = specs.size(), edges = 2 * arcs;
  std::vector<int> start(std::size_t(nodes) + 1, 0);
  for (const ArcSpec& a : specs) {
    ++start[std::size_t(a.from) + 1];
    ++start[std::size_t(a.to) + 1];
  }
  for (std::size_t v = 0; v < std::size_t(nodes); ++v) start[v + 1] += start[v];
  std::vector<std::pair<int, int>> sorted(edges);
  forward.resize(arcs);
  backward.resize(arcs);
  capacity.assign(edges, 0);
  for (std::size_t k = 0; k < arcs; ++k) {
    const ArcSpec& a = specs[k];
    int f = start[std::size_t(a.from)]++, b = start[std::size_t(a.to)]++;
    sorted[std::size_t(f)] = {a.from, a.to};
    sorted[std::size_t(b)] = {a.to, a.from};
    forward[k] = f;
    backward[k] = b;
    capacity[std::size_t(f)] = a.capacity;
  }
  graph = Graph(boost::edges_are_sorted, sorted.begin(), sorted.end(), std::size_t(nodes));
  edge_at.assign(edges, Edge{});
  for (auto [it, end] = boost::edges(graph); it != end; ++it) edge_at[std::size_t(get(boost::edge_index, graph, *it))] = *it;
  reverse.assign(edges, Edge{});
  for (std::size_t k = 0; k < arcs; ++k) {
    reverse[std::size_t(forward[k])] = edge_at[std::size_t(backward[k])];
    reverse[std::size_t(backward[k])] = edge_at[std::size_t(forward[k])];
  }
  residual.assign(edges, 0);
  specs.clear();
  specs.shrink_to_fit();
}

AllocationNetwork::AllocationNetwork() : impl_(std::make_unique<Impl>()) {
  addNode();
  addNode();
}

AllocationNetwork::~AllocationNetwork() = default;

AllocationNetwork::NodeId AllocationNetwork::addNode() {
  impl_->priority.push_back(0);
  impl_->demand_arc.push_back(-1);
  return impl_->nodes++;
}

AllocationNetwork::NodeId AllocationNetwork::addDemand(std::int64_t plays, int priority) {
  NodeId node = addNode();
  ArcId arc = addArc(source(), node, plays);
  impl_->priority[std::size_t(node)] = std::max(1, priority);
  impl_->demand_arc[std::size_t(node)] = arc;
  impl_->demands.push_back(node);
  return node;
}

AllocationNetwork::ArcId AllocationNetwork::addArc(NodeId from, NodeId to, std::int64_t capacity) {
  impl_->specs.push_back({from, to, static_cast<long>(capacity)});
  return static_cast<ArcId>(impl_->specs.size() - 1);
}

std::int64_t AllocationNetwork::flow(ArcId arc) const { return impl_->arcFlow(arc); }

std::int64_t AllocationNetwork::demandFlow(NodeId demand) const {
  return impl_->arcFlow(impl_->demand_arc[std::size_t(demand)]);
}

std::int64_t AllocationNetwork::solve() {
  auto& im = *impl_;
  im.build();
  const Graph& g = im.graph;
  EdgeIndexMap edge_index = get(boost::edge_index, g);
  VertexIndexMap vertex_index = get(boost::vertex_index, g);
  std::vector<Edge> pred(std::size_t(im.nodes));
  std::vector<boost::default_color_type> color(std::size_t(im.nodes));
  std::vector<long> distance(std::size_t(im.nodes));
  long value = boost::boykov_kolmogorov_max_flow(
      g, EdgeMap<long>(im.capacity.begin(), edge_index), EdgeMap<long>(im.residual.begin(), edge_index),
      EdgeMap<Edge>(im.reverse.begin(), edge_index), VertexMap<Edge>(pred.begin(), vertex_index),
      VertexMap<boost::default_color_type>(color.begin(), vertex_index),
      VertexMap<long>(distance.begin(), vertex_index), vertex_index, source(), sink());

  // Priority exchanges: highest priority first; each demand takes what it
  // can from strictly lower priorities. Repeat until a pass changes nothing.
  std::vector<NodeId> order = im.demands;
  std::stable_sort(order.begin(), order.end(), [&](NodeId a, NodeId b) {
    return im.priority[std::size_t(a)] < im.priority[std::size_t(b)];
  });
  if (order.empty() || im.priority[std::size_t(order.front())] == im.priority[std::size_t(order.back())])
    return value;
  im.seen.assign(std::size_t(im.nodes), 0);
  im.via.assign(std::size_t(im.nodes), -1);
  for (bool changed = true; changed;) {
    changed = false;
    for (NodeId high : order)
      while (im.residual[std::size_t(im.forward[std::size_t(im.demand_arc[std::size_t(high)])])] > 0 &&
             exchangeOnce(high))
        changed = true;
  }
  return value;
}

// Breadth-first search in the residual graph (never through source or sink)
// from `high` to a flowing demand of lower priority; moves flow along it.
bool AllocationNetwork::exchangeOnce(NodeId high) {
  auto& im = *impl_;
  const Graph& g = im.graph;
  unsigned stamp = ++im.stamp;
  std::vector<NodeId> queue{high};
  im.seen[std::size_t(high)] = stamp;
  NodeId found = -1;
  for (std::size_t head = 0; head < queue.size() && found < 0; ++head) {
    NodeId v = queue[head];
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
      int e = get(boost::edge_index, g, *it);
      NodeId w = static_cast<NodeId>(boost::target(*it, g));
      if (w == source() || w == sink() || im.seen[std::size_t(w)] == stamp || im.residual[std::size_t(e)] <= 0)
        continue;
      im.seen[std::size_t(w)] = stamp;
      im.via[std::size_t(w)] = e;
      if (im.priority[std::size_t(w)] > im.priority[std::size_t(high)] && demandFlow(w) > 0) {
        found = w;
        break;
      }
      queue.push_back(w);
    }
  }
  if (found < 0) return false;
  int high_arc = im.forward[std::size_t(im.demand_arc[std::size_t(high)])];
  long amount = std::min<long>(im.residual[std::size_t(high_arc)], demandFlow(found));
  auto from = [&](int e) { return static_cast<NodeId>(boost::source(im.edge_at[std::size_t(e)], g)); };
  for (NodeId v = found; v != high; v = from(im.via[std::size_t(v)]))
    amount = std::min(amount, im.residual[std::size_t(im.via[std::size_t(v)])]);
  for (NodeId v = found; v != high; v = from(im.via[std::size_t(v)])) im.push(im.via[std::size_t(v)], amount);
  im.push(high_arc, amount);
  im.push(im.backward[std::size_t(im.demand_arc[std::size_t(found)])], amount);
  return true;
}

}  // namespace wardcast::planner
