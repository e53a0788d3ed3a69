#include "mapping/compile.hpp"
#include "canonical/json_io.hpp"

#include "mapping/path_parser.hpp"

#include <algorithm>
#include <sstream>

namespace edigate::mapping {

const std::string* Table::find(std::string_view code) const {
  auto it = std::lower_bound(entries.begin(), entries.end(), code,
                             [](const auto& e, std::string_view c) { return e.first < c; });
  if (it != entries.end() && it->first == code) return &it->second;
  return has_default ? &default_value : nullptr;
}

namespace {

class Compiler {
 public:
  explicit Compiler(CompiledMap& m) : m_(m) {}

  Result<void> tables(const MapNode& root) {
    for (const MapNode& t : root.children) {
      if (t.kind != "table") continue;
      Table table;
      table.name = t.get("name");
      if (const std::string* d = t.attr("default")) {
        table.has_default = true;
        table.default_value = *d;
      }
      for (const MapNode& e : t.children) table.entries.emplace_back(e.get("code"), e.get("value"));
      std::sort(table.entries.begin(), table.entries.end());
      for (std::size_t i = 1; i < table.entries.size(); ++i)
        if (table.entries[i].first == table.entries[i - 1].first)
          return t.error("mapping.table.duplicate",
                         "table " + table.name + ": code '" + table.entries[i].first + "' listed twice");
      m_.tables.push_back(std::move(table));
    }
    return {};
  }

  Result<std::int32_t> path(const MapNode& n, const std::string& text, bool want_element) {
    Path p;
    std::string why;
    bool ok = json_ ? parse_json_path(text, p, why) : parse_edi_path(text, want_element, p, why);
    if (!ok) return n.error("mapping.path.syntax", "bad path \"" + text + "\": " + why);
    m_.paths.push_back(std::move(p));
    return static_cast<std::int32_t>(m_.paths.size() - 1);
  }

  Result<std::int32_t> optional_path(const MapNode& n, const char* attr, bool want_element) {
    const std::string* v = n.attr(attr);
    if (!v) return -1;
    return path(n, *v, want_element);
  }

  Result<Part> part(const MapNode& n) {
    Part p;
    EDIGATE_TRY(p.path, optional_path(n, "path", true));
    if (const std::string* c = n.attr("const")) {
      p.has_const = true;
      p.constant = *c;
    }
    EDIGATE_TRY_VOID(conversion(n, "convert", "table", p));
    return p;
  }

  // convert= and table= (or their qualifier- forms on <pair>) into p.
  Result<void> conversion(const MapNode& n, const char* convert_attr, const char* table_attr, Part& p) {
    if (const std::string* c = n.attr(convert_attr)) {
      static const std::pair<const char*, Convert> kNames[] = {
          {"date", Convert::date},          {"date8", Convert::date8},     {"date6", Convert::date6},
          {"time", Convert::time},          {"decimal", Convert::decimal}, {"integer", Convert::integer},
          {"upper", Convert::upper},        {"lower", Convert::lower},     {"trim", Convert::trim},
          {"zone", Convert::zone},          {"sscc", Convert::sscc},       {"upc", Convert::upc},
          {"gtin", Convert::gtin},          {"length", Convert::length},   {"range_start", Convert::range_start},
          {"range_end", Convert::range_end}};
      for (const auto& [name, conv] : kNames)
        if (*c == name) p.convert = conv;
      if (c->rfind("implied", 0) == 0 && c->size() == 8) {
        p.convert = Convert::implied;
        p.scale = std::uint8_t((*c)[7] - '0');
      }
    }
    if (const std::string* t = n.attr(table_attr)) {
      auto it = std::find_if(m_.tables.begin(), m_.tables.end(), [&](const Table& x) { return x.name == *t; });
      if (it == m_.tables.end()) return n.error("mapping.table.unknown", "unknown table '" + *t + "'");
      p.table = static_cast<std::int32_t>(it - m_.tables.begin());
    }
    return {};
  }

  // <pairs from="6" to="25"> or <pairs at="4 6 15">: the qualifier positions of a segment's
  // id pairs (docs/maps.md, "Product id pairs").
  Result<Item> pairs(const MapNode& n, const std::string& tag) {
    Item it;
    it.kind = Item::Kind::pairs;
    it.line = n.line;
    it.column = n.column;
    it.name = tag;
    auto number = [](const std::string& s) {
      unsigned v = 0;
      for (char ch : s) v = v * 10 + unsigned(ch - '0');  // the XSD allows digits only
      return v;
    };
    const std::string* from = n.attr("from");
    const std::string* to = n.attr("to");
    const std::string* at = n.attr("at");
    if (at && (from || to)) return n.error("mapping.pairs.positions", "<pairs> takes either at= or from= and to=");
    if (at) {
      std::istringstream in(*at);
      for (std::string w; in >> w;) {
        unsigned q = number(w);
        if (q == 0 || q >= 99 || (!it.slots.empty() && q <= it.slots.back() + 1u))
          return n.error("mapping.pairs.positions", "at=\"" + *at +
                                                        "\": qualifier positions must rise and leave room "
                                                        "for the value after each");
        it.slots.push_back(static_cast<std::uint16_t>(q));
      }
    } else if (from && to) {
      unsigned f = number(*from), t = number(*to);
      if (f == 0 || t <= f || (t - f) % 2 == 0)
        return n.error("mapping.pairs.positions",
                       "from=\"" + *from + "\" to=\"" + *to +
                           "\": to must be the value position of the last pair (from + 1, from + 3, ...)");
      for (unsigned q = f; q < t; q += 2) it.slots.push_back(static_cast<std::uint16_t>(q));
    }
    if (it.slots.empty()) return n.error("mapping.pairs.positions", "<pairs> needs at= or from= and to=");
    for (const MapNode& c : n.children) {
      if (c.kind != "pair") continue;
      PairSpec ps;
      EDIGATE_TRY(ps.value, part(c));
      if (const std::string* q = c.attr("qualifier")) {
        ps.qualifier.has_const = true;
        ps.qualifier.constant = *q;
      }
      EDIGATE_TRY_VOID(conversion(c, "qualifier-convert", "qualifier-table", ps.qualifier));
      if (ps.qualifier.has_const == (ps.qualifier.convert != Convert::none || ps.qualifier.table >= 0))
        return c.error("mapping.pairs.qualifier",
                       "<pair> needs either qualifier= or qualifier-convert=/qualifier-table=");
      if (ps.value.path < 0 && !ps.value.has_const)
        return c.error("mapping.pairs.value", "<pair> needs path= or const=");
      it.pair_specs.push_back(std::move(ps));
    }
    return it;
  }

  Result<Value> value(const MapNode& n) {
    Value v;
    EDIGATE_TRY(v.main, part(n));
    for (const MapNode& c : n.children) {
      if (c.kind != "part") continue;
      EDIGATE_TRY(auto p, part(c));
      v.parts.push_back(std::move(p));
    }
    v.separator = n.get("separator");
    v.coalesce = flag(n, "coalesce");
    if (const std::string* d = n.attr("default")) {
      v.has_default = true;
      v.default_value = *d;
    }
    v.required = flag(n, "required");
    return v;
  }

  /// groups= stride= when= on an inbound EDI array (docs/maps.md, "Position groups").
  Result<void> position_groups(const MapNode& n, Item& it) {
    const std::string* g = n.attr("groups");
    const std::string* s = n.attr("stride");
    if (!g && !s) {
      if (n.attr("when")) return n.error("mapping.array.groups", "when= on an array needs groups= and stride=");
      return {};
    }
    if (!g || !s || it.each < 0 || !it.levels.empty() || m_.json_source())
      return n.error("mapping.array.groups",
                     "array " + it.name + ": groups= and stride= go together, with each= over EDI segments");
    auto number = [](const std::string& v) {
      unsigned x = 0;
      for (char ch : v) x = x * 10 + unsigned(ch - '0');  // the XSD allows 1-2 digits only
      return x;
    };
    const unsigned groups = number(*g), stride = number(*s);
    if (groups < 1 || stride < 1 || groups * stride > 99)
      return n.error("mapping.array.groups", "array " + it.name + ": groups * stride must stay within 99 elements");
    it.groups = static_cast<std::uint16_t>(groups);
    it.stride = static_cast<std::uint16_t>(stride);
    EDIGATE_TRY(it.when, optional_path(n, "when", true));
    return {};
  }

  static bool flag(const MapNode& n, const char* a) {
    std::string v = n.get(a);
    return v == "true" || v == "1";
  }

  Result<Item> item(const MapNode& n) {
    Item it;
    it.line = n.line;
    it.column = n.column;
    it.name = n.get("name");
    it.required = flag(n, "required");
    std::string corr = n.get("correlation");
    if (corr == "po_number")
      it.correlation = Correlation::po_number;
    else if (corr == "shipment_id")
      it.correlation = Correlation::shipment_id;
    else if (corr == "bol")
      it.correlation = Correlation::bol;
    else if (corr == "tracking_numbers")
      it.correlation = Correlation::tracking_numbers;
    const bool inbound_kind =
        n.kind == "field" || n.kind == "timestamp" || n.kind == "list" || n.kind == "object" || n.kind == "array";
    if (inbound_kind != m_.inbound())
      return n.error("mapping.item.direction", "<" + n.kind + "> cannot be used in an " + m_.direction + " map");
    if (n.kind == "field") {
      it.kind = Item::Kind::field;
      EDIGATE_TRY(it.value, value(n));
      if (it.value.main.path < 0 && !it.value.main.has_const && it.value.parts.empty() && !it.value.has_default)
        return n.error("mapping.field.no_source", "field " + it.name + " has no path, const, default or <part>");
    } else if (n.kind == "timestamp") {
      it.kind = Item::Kind::timestamp;
      EDIGATE_TRY(it.ts_date, optional_path(n, "date", true));
      EDIGATE_TRY(it.ts_time, optional_path(n, "time", true));
      EDIGATE_TRY(it.ts_zone, optional_path(n, "zone", true));
      EDIGATE_TRY(it.ts_value, optional_path(n, "value", true));
      EDIGATE_TRY(it.ts_format, optional_path(n, "format", true));
      it.ts_offset = n.get("offset");
      if ((it.ts_date < 0) == (it.ts_value < 0))
        return n.error("mapping.timestamp.source",
                       "timestamp " + it.name + " needs either date= or value= (with format=)");
    } else if (n.kind == "list") {
      it.kind = Item::Kind::list;
      EDIGATE_TRY(it.each, optional_path(n, "each", false));
      EDIGATE_TRY(it.value, value(n));
      it.value.parts.clear();
      for (const MapNode& c : n.children) {
        EDIGATE_TRY(auto p, part(c));
        it.value.parts.push_back(std::move(p));
      }
    } else if (n.kind == "object" || n.kind == "array" || n.kind == "loop") {
      it.kind = n.kind == "object" ? Item::Kind::object : n.kind == "array" ? Item::Kind::array : Item::Kind::loop;
      if (n.kind != "object") {
        EDIGATE_TRY(it.each, optional_path(n, "each", false));
      }
      if (const std::string* lv = n.attr("level")) {
        std::size_t start = 0;
        while (start <= lv->size()) {
          std::size_t bar = lv->find('|', start);
          if (bar == std::string::npos) bar = lv->size();
          if (bar > start) it.levels.push_back(lv->substr(start, bar - start));
          start = bar + 1;
        }
      }
      it.deep = flag(n, "deep");
      it.hl = flag(n, "hl");
      if (it.kind == Item::Kind::array && it.each < 0 && it.levels.empty())
        return n.error("mapping.array.no_each", "array " + it.name + " needs each= (a loop or segment path) or level=");
      if (n.attr("each-else")) {
        if (it.kind != Item::Kind::array || it.each < 0 || !it.levels.empty() || n.attr("groups"))
          return n.error("mapping.array.each_else",
                         "each-else= is a fallback for an inbound array's each= (not with level= or groups=)");
        EDIGATE_TRY(it.each_else, optional_path(n, "each-else", false));
      }
      if (it.kind == Item::Kind::array) EDIGATE_TRY_VOID(position_groups(n, it));
      EDIGATE_TRY_VOID(items(n, it.children));
    } else if (n.kind == "segment") {
      it.kind = Item::Kind::segment;
      it.name = n.get("tag");
      EDIGATE_TRY(it.when, optional_path(n, "when", true));
      for (const MapNode& c : n.children) {
        if (c.kind == "remove") continue;  // merged away already
        if (c.kind == "pairs") {
          EDIGATE_TRY(auto p, pairs(c, it.name));
          it.children.push_back(std::move(p));
          continue;
        }
        Item e;
        e.kind = Item::Kind::element;
        e.line = c.line;
        e.column = c.column;
        ElemRef r;
        parse_elem_ref(c.get("pos"), r);  // the XSD pattern guarantees N or N.M
        e.pos = r.element;
        e.comp = r.component;
        e.name = it.name + (e.pos < 10 ? "0" : "") + std::to_string(e.pos);
        EDIGATE_TRY(e.value, value(c));
        EDIGATE_TRY(e.when, optional_path(c, "when", true));
        std::string s = c.get("source");
        static const std::pair<const char*, Special> kSpecial[] = {
            {"control", Special::control}, {"segment_count", Special::segment_count}, {"index", Special::index},
            {"hl_id", Special::hl_id},     {"hl_parent", Special::hl_parent},         {"count", Special::count}};
        for (const auto& [name, sp] : kSpecial)
          if (s == name) e.special = sp;
        if (e.special == Special::count && e.value.main.path < 0)
          return c.error("mapping.element.count", "source=\"count\" needs path= naming an array");
        it.children.push_back(std::move(e));
      }
    } else {
      return n.error("mapping.item.unknown", "unexpected <" + n.kind + ">");
    }
    return it;
  }

  Result<void> items(const MapNode& parent, std::vector<Item>& out) {
    for (const MapNode& c : parent.children) {
      if (c.kind == "table" || c.kind == "part" || c.kind == "item" || c.kind == "selector") continue;
      if (c.kind == "remove") continue;  // only meaningful while merging; harmless left over
      EDIGATE_TRY(auto it, item(c));
      out.push_back(std::move(it));
    }
    return {};
  }

  // Count paths need "array" semantics in JSON: the path names the array itself.
  bool json_ = false;

 private:
  CompiledMap& m_;
};

/// No two output items of one object share a name (inbound kinds: field, timestamp, list,
/// object, array). Poco replaces a repeated key in place, a direct JSON writer would repeat it.
bool unique_output_keys(const std::vector<Item>& items) {
  std::vector<std::string_view> names;
  for (const Item& it : items) {
    if (it.kind != Item::Kind::field && it.kind != Item::Kind::timestamp && it.kind != Item::Kind::list &&
        it.kind != Item::Kind::object && it.kind != Item::Kind::array)
      continue;
    if (std::find(names.begin(), names.end(), it.name) != names.end()) return false;
    names.push_back(it.name);
    if (!unique_output_keys(it.children)) return false;
  }
  return true;
}

/// Item::json_key for every item: the JSON text writer appends it instead of escaping the name
/// for every value it writes.
void set_json_keys(std::vector<Item>& items) {
  for (Item& it : items) {
    it.json_key.clear();
    canonical::append_json_string(it.json_key, it.name);
    it.json_key += ':';
    set_json_keys(it.children);
  }
}

/// Path::self_step for a path and the sub-paths of its conditions.
void set_self_step(Path& p) {
  p.self_step = p.steps.size() == 1 && p.steps[0].conds.empty() && p.elem.tag == p.steps[0].name;
  for (Step& step : p.steps)
    for (Cond& c : step.conds)
      for (Path& sub : c.sub) set_self_step(sub);
}

}  // namespace

Result<CompiledMap> compile_map(const MapNode& root) {
  CompiledMap m;
  m.id = root.get("id");
  m.file = root.file;
  m.direction = root.get("direction");
  m.source = root.get("source", m.direction == "inbound" ? "edi" : "json");
  m.standard = root.get("standard");
  m.version = root.get("version");
  m.set = root.get("set");
  m.type = root.get("type");
  Compiler c(m);
  // Outbound maps read JSON; inbound maps read EDI unless source="json".
  c.json_ = m.source == "json";
  if (!m.inbound() && m.source == "edi")
    return root.error("mapping.file.invalid", "an outbound map reads canonical JSON: source must be json");
  EDIGATE_TRY_VOID(c.tables(root));
  if (const std::string* msgs = root.attr("messages")) {
    EDIGATE_TRY(m.messages, c.path(root, *msgs, false));
  }
  for (const MapNode& s : root.children) {
    if (s.kind != "selector") continue;
    // A selector chooses among a partner's inbound EDI maps for one message type; nothing else
    // is chosen per document (outbound maps go by canonical type, a JSON partner has one map).
    if (!m.inbound() || m.json_source())
      return s.error("mapping.selector.direction", "<selector> is for inbound EDI maps");
    for (const MapNode& w : s.children) {
      EDIGATE_TRY(auto p, c.path(w, w.get("path"), false));
      (w.kind == "when" ? m.select_when : m.select_unless).push_back(p);
    }
  }
  EDIGATE_TRY_VOID(c.items(root, m.items));
  m.unique_output_keys = unique_output_keys(m.items);
  set_json_keys(m.items);
  for (Path& p : m.paths) set_self_step(p);
  return m;
}

}  // namespace edigate::mapping
