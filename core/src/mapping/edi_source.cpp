#include "mapping/edi_source.hpp"

#include <algorithm>

namespace edigate::mapping {

std::string_view EdiSource::raw(const Segment& s, const ElemRef& r) const {
  std::string_view v = s.element(r.element);
  if (v.empty()) return v;
  // Most elements hold no repetition, component or release character: the element is its
  // own first repetition and first component (one scan instead of two splits per lookup).
  bool plain = true;
  for (char c : v)
    if (c == d_.component || (d_.repetition && c == d_.repetition) || (d_.release && c == d_.release)) {
      plain = false;
      break;
    }
  if (plain) return r.component > 1 ? std::string_view{} : v;
  if (d_.repetition) {
    // First repetition only: maps address repeats through qualifiers, not positions.
    std::string_view first;
    bool got = false;
    split_raw(v, d_.repetition, d_.release, [&](std::size_t, std::string_view part) {
      if (!got) {
        first = part;
        got = true;
      }
    });
    v = first;
  }
  return component(v, r.component ? r.component : 1, d_);
}

bool EdiSource::sub_path_hit(const Cond& c, const Ctx& at) const {
  const Path& sub = c.sub.front();
  bool hit = false;
  walk_path(sub, at, [&](const Ctx& m) {
    if (!sub.has_elem) {
      hit = true;
    } else {
      std::string v;
      if (value_at(sub, m, v)) hit = c.presence || std::find(c.values.begin(), c.values.end(), v) != c.values.end();
    }
    return !hit;
  });
  return hit;
}

bool EdiSource::cond_ok(const Segment& s, const Cond& c, const Ctx& at) const {
  if (!c.sub.empty()) return sub_path_hit(c, at) != c.negate;
  std::string_view v = raw(s, c.ref);
  bool hit;
  if (c.presence) {
    hit = !v.empty();
  } else {
    hit = false;
    for (const auto& want : c.values)
      if (same(v, want)) {
        hit = true;
        break;
      }
  }
  return hit != c.negate;
}

bool EdiSource::value_at(const Path& path, const Ctx& ctx, std::string& out, Ctx* from) const {
  auto segs = t_.segments();
  if (ctx.seg >= segs.size()) return false;
  const Segment* seg = &segs[ctx.seg];
  std::uint16_t shift = ctx.shift;  // a position group reads the segment in focus only
  if (!path.elem.tag.empty() && !same(seg->tag(), path.elem.tag)) {
    shift = 0;
    // "N1[N101='ST']/N304": the element names another segment of the loop instance.
    seg = nullptr;
    const schema::LoopInstance& here = t_.instances()[ctx.inst];
    for (std::uint32_t k = here.first; k <= here.last && k < segs.size(); ++k)
      if (t_.owner(k) == ctx.inst && same(segs[k].tag(), path.elem.tag)) {
        seg = &segs[k];
        break;
      }
    if (!seg) return false;
  }
  std::string_view v;
  std::uint16_t element = static_cast<std::uint16_t>(path.elem.element + shift);
  if (path.pair) {
    element = 0;
    for (std::size_t e = path.elem.element + shift; e + 1 <= seg->element_count(); e += 2) {
      ElemRef q{{}, static_cast<std::uint16_t>(e), 0};
      if (same(raw(*seg, q), path.pair_qualifier)) {
        element = static_cast<std::uint16_t>(e + 1);
        v = raw(*seg, ElemRef{{}, element, 0});
        break;
      }
    }
  } else {
    v = shift ? raw(*seg, ElemRef{{}, element, path.elem.component}) : raw(*seg, path.elem);
  }
  // X12 pads some fixed-width values; a value of spaces only is no value.
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  if (v.empty()) return false;
  if (from) {
    *from = ctx;
    from->seg = static_cast<std::uint32_t>(seg - segs.data());
    from->elem = element;
  }
  if (d_.release && v.find(d_.release) != std::string_view::npos)
    out = unescape(v, d_.release);
  else
    out.assign(v.data(), v.size());  // into the caller's buffer: no new string per value
  return true;
}

bool EdiSource::first(std::int32_t p, const Ctx& ctx, std::string& out, Position& where) const {
  const Path& path = m_.paths[static_cast<std::size_t>(p)];
  bool found = false;
  walk_path(path, ctx, [&](const Ctx& c) {
    Ctx at;
    if (value_at(path, c, out, &at)) {
      found = true;
      where = position(at);
      return false;
    }
    return true;
  });
  return found;
}

bool EdiSource::first_at(std::int32_t p, const Ctx& ctx, std::string& out, Ctx& at) const {
  const Path& path = m_.paths[static_cast<std::size_t>(p)];
  bool found = false;
  walk_path(path, ctx, [&](const Ctx& c) {
    if (value_at(path, c, out, &at)) {
      found = true;
      return false;
    }
    return true;
  });
  return found;
}

std::vector<std::uint32_t> EdiSource::hl_descendants(std::uint32_t inst) const {
  // Bounded: real hierarchies are a handful of levels deep (S/O/T/P/I); a malformed one with
  // a parent cycle stops after kMaxHlDepth levels. Document order, each instance once.
  constexpr std::size_t kMaxHlDepth = 32;
  std::vector<std::uint32_t> out, level{inst}, next;
  for (std::size_t depth = 0; depth < kMaxHlDepth && !level.empty(); ++depth) {
    next.clear();
    for (std::uint32_t p : level)
      for (std::uint32_t c : t_.hl_children(p)) next.push_back(c);
    out.insert(out.end(), next.begin(), next.end());
    level.swap(next);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Position EdiSource::position(const Ctx& ctx) const {
  Position p;
  p.file = file_;
  auto segs = t_.segments();
  if (ctx.seg < segs.size()) {
    const Segment& s = segs[ctx.seg];
    p.offset = s.offset;
    p.has_offset = true;
    p.segment_index = s.index;
    p.segment_tag = std::string(s.tag());
  }
  p.loop_id = std::string(t_.instances()[ctx.inst].id);
  if (ctx.elem) p.element = ctx.elem;
  return p;
}

}  // namespace edigate::mapping
