// Placement follows schema/validator.cpp's Walker (search the innermost loop from its current
// child on, then each enclosing loop; an open loop's trigger starts a new repetition in its
// parent), minus the error reporting: the tree is for mapping valid-enough input.
#include "schema/tree.hpp"

#include "schema/compiled_schema.hpp"

namespace edigate::schema {

void TransactionTree::open(std::uint32_t node, std::uint32_t seg, const CompiledSchema& schema) {
  LoopInstance li;
  li.id = schema.nodes[node].id;
  li.parent = stack_.empty() ? kNoInstance : stack_.back().instance;
  li.first = li.last = seg;
  const Segment& s = segments_[seg];
  if (s.tag() == "HL") {
    li.hl_id = s.element(1);
    li.hl_parent = s.element(2);
    li.hl_level = s.element(3);
  }
  auto index = static_cast<std::uint32_t>(instances_.size());
  if (li.parent != kNoInstance) {
    // Append as the parent's last child: walk from the previous sibling we remember.
    LoopInstance& p = instances_[li.parent];
    if (p.first_child == kNoInstance) {
      p.first_child = index;
    } else {
      std::uint32_t c = last_child_[li.parent];
      instances_[c].next_sibling = index;
    }
    last_child_[li.parent] = index;
  }
  instances_.push_back(li);
  last_child_.push_back(kNoInstance);
  stack_.push_back({node, 0, index});
}

void TransactionTree::build(const CompiledSchema& schema, std::span<const Segment> segments) {
  segments_ = segments;
  instances_.clear();
  last_child_.clear();
  owner_.assign(segments.size(), 0);
  stack_.clear();
  if (segments.empty() || schema.nodes.empty()) {
    instances_.push_back({});
    last_child_.push_back(kNoInstance);
    index_hl();
    return;
  }
  open(0, 0, schema);
  instances_[0].id = {};
  auto close_top = [&](std::uint32_t last) {
    instances_[stack_.back().instance].last = last;
    stack_.pop_back();
  };
  for (std::uint32_t si = 0; si < segments.size(); ++si) {
    std::uint32_t def = schema.find_segment(segments[si].tag());
    bool placed = false;
    if (def != kNone) {
      for (std::size_t k = stack_.size(); k-- > 0 && !placed;) {
        const Node& loop = schema.nodes[stack_[k].node];
        std::uint32_t n = loop.child_end - loop.child_begin;
        for (std::uint32_t i = stack_[k].pos; i < n; ++i) {
          if (k > 0 && i == 0) continue;
          std::uint32_t child = schema.children[loop.child_begin + i];
          if (schema.nodes[child].segment != def) continue;
          while (stack_.size() > k + 1) close_top(si - 1);
          stack_[k].pos = i;
          if (schema.nodes[child].loop) open(child, si, schema);
          placed = true;
          break;
        }
      }
    }
    // Unplaced segments (unknown, out of order) stay where the cursor is.
    owner_[si] = stack_.back().instance;
  }
  auto last = static_cast<std::uint32_t>(segments.size() - 1);
  while (!stack_.empty()) close_top(last);
  index_hl();
}

// Parent links by HL02 -> HL01 through one hash lookup each, then children as one flat
// array grouped by parent (counting sort), so each list keeps document order.
void TransactionTree::index_hl() {
  const auto n = static_cast<std::uint32_t>(instances_.size());
  hl_list_.clear();
  hl_by_id_.clear();
  hl_parent_.assign(n, kNoInstance);
  hl_child_begin_.assign(std::size_t(n) + 1, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (i == 0 || segments_[instances_[i].first].tag() != "HL") continue;
    hl_list_.push_back(i);
    hl_by_id_.try_emplace(instances_[i].hl_id, i);
  }
  for (std::uint32_t i : hl_list_) {
    std::string_view parent = instances_[i].hl_parent;
    if (parent.empty()) continue;
    auto it = hl_by_id_.find(parent);
    if (it == hl_by_id_.end() || it->second == i) continue;
    hl_parent_[i] = it->second;
    ++hl_child_begin_[it->second + 1];
  }
  for (std::uint32_t i = 0; i < n; ++i) hl_child_begin_[i + 1] += hl_child_begin_[i];
  hl_child_list_.assign(hl_child_begin_[n], 0);
  std::vector<std::uint32_t>& fill = last_child_;  // reused as per-parent write cursors
  fill.assign(hl_child_begin_.begin(), hl_child_begin_.end() - 1);
  for (std::uint32_t i : hl_list_)
    if (hl_parent_[i] != kNoInstance) hl_child_list_[fill[hl_parent_[i]]++] = i;
}

std::span<const std::uint32_t> TransactionTree::hl_children(std::uint32_t instance) const noexcept {
  if (instance + 1 >= hl_child_begin_.size()) return {};
  return std::span<const std::uint32_t>(hl_child_list_)
      .subspan(hl_child_begin_[instance], hl_child_begin_[instance + 1] - hl_child_begin_[instance]);
}

}  // namespace edigate::schema
