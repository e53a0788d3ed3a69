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
}

}  // namespace edigate::schema
