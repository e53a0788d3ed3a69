#pragma once
// Path evaluation over a TransactionTree (docs/maps.md, "Paths"). A step matches, among the
// context instance's own segments and child loop instances (in document order), a segment
// with that tag or a loop instance whose id or trigger tag is the name; conditions test the
// segment (the trigger for loops). Child loop ranges are skipped, so a lookup costs the
// context's direct content, and nothing is allocated until a value is copied out.
#include "mapping/compiled_map.hpp"
#include "schema/tree.hpp"

#include <edigate/delimiters.hpp>
#include <edigate/error.hpp>

#include <string>

namespace edigate::mapping {

/// Equality for the short strings paths compare (tags, qualifiers, codes): inline, where
/// std::string_view's == calls memcmp (~9% of a translation, most of it on 2-3 byte tags).
inline bool same(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

struct EdiCtx {
  std::uint32_t inst = 0;
  std::uint32_t seg = 0;   ///< the segment in focus (the instance's trigger by default)
  std::uint16_t elem = 0;  ///< the element a value came from (first_at), 0 when none
  /// Position group (array groups=): elements of the segment in focus are read this many
  /// positions further on. Steps to other segments start again at 0.
  std::uint16_t shift = 0;
};

class EdiSource {
 public:
  using Ctx = EdiCtx;
  EdiSource(const CompiledMap& m, const schema::TransactionTree& t, const Delimiters& d, const std::string& file)
      : m_(m), t_(t), d_(d), file_(file) {}

  Ctx root() const { return {0, 0}; }

  /// First non-empty value of path `p`; `where` gets the segment it came from (or the context).
  bool first(std::int32_t p, const Ctx& ctx, std::string& out, Position& where) const;
  /// Same, with the context the value came from in `at` (position(at) when an error needs it:
  /// building a Position per value costs more than the lookup).
  bool first_at(std::int32_t p, const Ctx& ctx, std::string& out, Ctx& at) const;
  /// Every non-empty value of path `p`.
  template <typename F>
  void each_value(std::int32_t p, const Ctx& ctx, F&& f) const {
    const Path& path = m_.paths[static_cast<std::size_t>(p)];
    walk_path(path, ctx, [&](const Ctx& c) {
      std::string v;
      if (value_at(path, c, v)) f(std::move(v), c);
      return true;
    });
  }
  /// Every match of loop/segment path `p` (array each=).
  template <typename F>
  void each(std::int32_t p, const Ctx& ctx, F&& f) const {
    walk_path(m_.paths[static_cast<std::size_t>(p)], ctx, [&](const Ctx& c) { return f(c); });
  }
  /// Every match of segment path `item.each`, once per position group (Item::groups): the k-th
  /// pass reads the segment k * stride positions further on, kept when `item.when` has a value.
  template <typename F>
  void each_group(const Item& item, const Ctx& ctx, F&& f) const {
    bool go = true;
    walk_path(m_.paths[static_cast<std::size_t>(item.each)], ctx, [&](const Ctx& c) {
      for (std::uint16_t k = 0; k < item.groups && go; ++k) {
        Ctx g = c;
        g.shift = static_cast<std::uint16_t>(k * item.stride);
        std::string probe;
        Ctx at;
        if (item.when >= 0 && !first_at(item.when, g, probe, at)) continue;
        go = f(g);
      }
      return go;
    });
  }
  /// HL loop instances below the context's HL (or every one at the root) at one of `levels`.
  /// Uses the tree's HL parent/children index: cost is the matches, not all HLs per call.
  template <typename F>
  void each_hl(const Item& item, const Ctx& ctx, F&& f) const {
    const auto& inst = t_.instances();
    const schema::LoopInstance& here = inst[ctx.inst];
    if (here.hl_level.empty()) {
      for (std::uint32_t j : t_.hl_instances())
        if (level_ok(item, inst[j].hl_level) && !f(Ctx{j, inst[j].first})) return;
      return;
    }
    if (!item.deep) {
      for (std::uint32_t j : t_.hl_children(ctx.inst))
        if (level_ok(item, inst[j].hl_level) && !f(Ctx{j, inst[j].first})) return;
      return;
    }
    for (std::uint32_t j : hl_descendants(ctx.inst))
      if (level_ok(item, inst[j].hl_level) && !f(Ctx{j, inst[j].first})) return;
  }
  Position position(const Ctx& ctx) const;

 private:
  template <typename F>
  bool walk(const Step* steps, std::size_t n, const Ctx& ctx, F& f) const;
  template <typename F>
  void walk_path(const Path& path, const Ctx& ctx, F&& f) const {
    const Ctx from = path.absolute ? root() : ctx;
    if (implicit_self(path, from)) {
      f(from);
      return;
    }
    walk(path.steps.data(), path.steps.size(), from, f);
  }
  bool implicit_self(const Path& path, const Ctx& ctx) const {
    if (!path.self_step) return false;
    auto segs = t_.segments();
    return ctx.seg < segs.size() && same(segs[ctx.seg].tag(), path.elem.tag);
  }
  /// `at`: the step's match (the segment, or the loop instance it triggers), for sub-paths.
  bool cond_ok(const Segment& s, const Cond& c, const Ctx& at) const;
  bool conds_ok(const Segment& s, const Step& step, const Ctx& at) const {
    for (const Cond& c : step.conds)
      if (!cond_ok(s, c, at)) return false;
    return true;
  }
  bool sub_path_hit(const Cond& c, const Ctx& at) const;
  std::string_view raw(const Segment& s, const ElemRef& r) const;
  /// The value of `path` in the context's segment; `from` (when given) gets the segment and
  /// element it was read from (a pair() value or another segment of the loop instance).
  bool value_at(const Path& path, const Ctx& ctx, std::string& out, Ctx* from = nullptr) const;
  static bool level_ok(const Item& item, std::string_view level) {
    for (const auto& l : item.levels)
      if (l == level) return true;
    return false;
  }
  std::vector<std::uint32_t> hl_descendants(std::uint32_t inst) const;

  const CompiledMap& m_;
  const schema::TransactionTree& t_;
  const Delimiters& d_;
  const std::string& file_;
};

template <typename F>
bool EdiSource::walk(const Step* steps, std::size_t n, const Ctx& ctx, F& f) const {
  if (n == 0) return f(ctx);
  const Step& s = steps[0];
  const auto& inst = t_.instances();
  const schema::LoopInstance& here = inst[ctx.inst];
  auto segs = t_.segments();
  if (s.name.size() == 2 && s.name[0] == '.' &&
      s.name[1] == '.') {  // the enclosing loop instance ("../CNI01" from an STS group)
    if (here.parent == schema::kNoInstance) return true;
    const Ctx up{here.parent, inst[here.parent].first};
    if (up.seg >= segs.size() || !conds_ok(segs[up.seg], s, up)) return true;
    return walk(steps + 1, n - 1, up, f);
  }
  for (std::uint32_t k = here.first; k <= here.last && k < segs.size(); ++k) {
    const Segment& seg = segs[k];
    std::uint32_t owner = t_.owner(k);
    if (owner == ctx.inst) {
      if (!same(seg.tag(), s.name)) continue;
      const Ctx at{ctx.inst, k};
      if (conds_ok(seg, s, at) && !walk(steps + 1, n - 1, at, f)) return false;
      continue;
    }
    // A child loop instance starts here: climb to the direct child, test its trigger, skip it.
    for (int guard = 0; owner != schema::kNoInstance && inst[owner].parent != ctx.inst && guard < 64; ++guard)
      owner = inst[owner].parent;
    if (owner == schema::kNoInstance || inst[owner].parent != ctx.inst) continue;
    const schema::LoopInstance& child = inst[owner];
    const Segment& trig = segs[child.first];
    if (same(child.id, s.name) || same(trig.tag(), s.name)) {
      const Ctx at{owner, child.first};
      if (conds_ok(trig, s, at) && !walk(steps + 1, n - 1, at, f)) return false;
    }
    if (child.last > k) k = child.last;
  }
  return true;
}

}  // namespace edigate::mapping
