// Choosing among a partner's inbound maps for one message type (see selector.hpp).
#include "mapping/selector.hpp"

#include "mapping/edi_source.hpp"
#include "schema/compiled_schema.hpp"
#include "schema/tree.hpp"

namespace edigate::mapping {
namespace {

// A selector path is a loop or segment path: it holds when it has a match (its conditions
// carry the values: RFF[1.1=PP], BGM[3=19]).
bool matches(const EdiSource& src, std::int32_t path) {
  bool hit = false;
  src.each(path, src.root(), [&](const EdiCtx&) {
    hit = true;
    return false;  // one match is enough
  });
  return hit;
}

bool takes(const CompiledMap& map, const schema::TransactionTree& tree, const Delimiters& delimiters,
           const std::string& file) {
  if (!map.has_selector()) return true;
  EdiSource src(map, tree, delimiters, file);
  bool when = map.select_when.empty();
  for (std::int32_t p : map.select_when)
    if (!when && matches(src, p)) when = true;
  if (!when) return false;
  for (std::int32_t p : map.select_unless)
    if (matches(src, p)) return false;
  return true;
}

}  // namespace

Result<int> choose_map(std::span<const CompiledMap* const> maps, const schema::CompiledSchema& schema,
                       std::span<const Segment> segments, const Delimiters& delimiters, const std::string& file) {
  bool any_selector = false;
  for (const CompiledMap* m : maps) any_selector = any_selector || m->has_selector();
  if (!any_selector) return maps.empty() ? -1 : 0;  // no tree needed
  try {
    thread_local schema::TransactionTree tree;  // reused: allocates only for a bigger transaction
    tree.build(schema, segments);
    for (std::size_t i = 0; i < maps.size(); ++i)
      if (takes(*maps[i], tree, delimiters, file)) return static_cast<int>(i);
    return -1;
  } catch (const std::exception& ex) {
    Position p;
    p.file = file;
    return Error("mapping.internal", std::string("map selection aborted: ") + ex.what())
        .at(std::move(p))
        .as(ErrorCategory::internal);
  }
}

std::string describe_selector(const CompiledMap& map) {
  if (!map.has_selector()) return "every transaction";
  std::string out;
  auto list = [&](const std::vector<std::int32_t>& paths, const char* head, const char* joint) {
    if (paths.empty()) return;
    if (!out.empty()) out += ", ";
    out += head;
    for (std::size_t i = 0; i < paths.size(); ++i)
      out += (i ? joint : "") + map.paths[static_cast<std::size_t>(paths[i])].text;
  };
  list(map.select_when, "when ", " or ");
  list(map.select_unless, "unless ", " or ");
  return out;
}

}  // namespace edigate::mapping
