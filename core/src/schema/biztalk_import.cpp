// Reading one BizTalk EDI XSD (see biztalk_import.hpp for the shape it has).
#include "schema/biztalk_import.hpp"

#include "config/xml_positions.hpp"
#include "schema/biztalk_merge.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <set>

namespace edigate::schema::biztalk {
namespace {

using config::local_name;

constexpr std::size_t kMaxXsdBytes = 256u << 20;
constexpr int kMaxDepth = 64;

bool is_tag(std::string_view s) {
  return s.size() >= 2 && s.size() <= 3 && std::all_of(s.begin(), s.end(), [](char c) {
           return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c));
         });
}

// "C002_2" -> "C002": BizTalk gives every use of a composite or segment after the first its own
// global element with a numeric suffix.
std::string strip_variant(std::string_view name) {
  auto us = name.rfind('_');
  if (us != std::string_view::npos && us + 1 < name.size() &&
      std::all_of(name.begin() + us + 1, name.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return std::string(name.substr(0, us));
  return std::string(name);
}

// BizTalk defines the message header's composites inline and names them by position (UNH2);
// ISO 9735 numbers them: S009 message identifier, S010 status of the transfer, and in syntax 4
// S016 message subset, S017 implementation guideline, S018 scenario identification.
std::string service_composite_id(std::string name) {
  static const std::map<std::string_view, std::string_view> kIds = {
      {"UNH2", "S009"}, {"UNH4", "S010"}, {"UNH5", "S016"}, {"UNH6", "S017"}, {"UNH7", "S018"}};
  auto it = kIds.find(name);
  return it == kIds.end() ? name : std::string(it->second);
}

pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
  for (auto c : n.children())
    if (local_name(c) == name) return c;
  return {};
}

// b:recordInfo / b:fieldInfo under xs:annotation/xs:appinfo.
pugi::xml_node info(const pugi::xml_node& n, std::string_view which) {
  for (auto ann : n.children()) {
    if (local_name(ann) != "annotation") continue;
    for (auto app : ann.children()) {
      if (local_name(app) != "appinfo") continue;
      for (auto i : app.children())
        if (local_name(i) == which) return i;
    }
  }
  return {};
}

std::vector<pugi::xml_node> particles(const pugi::xml_node& element) {
  std::vector<pugi::xml_node> out;
  pugi::xml_node seq = child(child(element, "complexType"), "sequence");
  for (auto c : seq.children())
    if (local_name(c) == "element") out.push_back(c);
  return out;
}

class Importer {
 public:
  Importer(std::string_view xml, std::string name, const ImportOptions& options)
      : xml_(xml), name_(std::move(name)), where_(xml_, name_), options_(options) {}
  Result<Message> run();

 private:
  Error fail(const pugi::xml_node& n, std::string code, std::string msg) const {
    return where_.at_node(n, Error("schema.import." + code, std::move(msg)));
  }
  Result<std::uint32_t> occurs(const pugi::xml_node& p, const char* attr, std::uint32_t def) const;
  Result<pugi::xml_node> target_of(const pugi::xml_node& particle) const;
  std::string tag_of(const pugi::xml_node& particle, const pugi::xml_node& target) const;
  Result<bool> read_node(const pugi::xml_node& particle, StructureNode& out, int depth);
  Result<bool> read_children(const std::vector<pugi::xml_node>& kids, std::vector<StructureNode>& out, int depth);
  const Correction* correction(const pugi::xml_node& particle, std::string_view action_prefix);
  void repaired(const pugi::xml_node& n, const std::string& what);
  Result<bool> read_segment(const std::string& tag, const pugi::xml_node& target);
  Result<Ref> read_position(const pugi::xml_node& particle, bool in_composite);
  Result<std::string> read_element(const pugi::xml_node& particle, const pugi::xml_node& def);
  Result<bool> read_restriction(const pugi::xml_node& restriction, ElementDef& d, const pugi::xml_node& at,
                                bool named_code_type = false);
  char optional_usage() const { return x12_ ? 'O' : 'C'; }

  std::string_view xml_;
  std::string name_;
  config::TextPositions where_;
  const ImportOptions& options_;
  std::map<std::string, pugi::xml_node, std::less<>> elements_, types_;
  bool x12_ = false;
  std::uint32_t next_group_ = 1;
  Message m_;
  std::map<std::string, std::size_t> element_at_, composite_at_, segment_at_;
};

bool ends_with_path(const std::string& path, const std::string& suffix) {
  if (suffix.empty() || path.size() < suffix.size()) return false;
  if (path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  return path.size() == suffix.size() || path[path.size() - suffix.size() - 1] == '/';
}

const Correction* Importer::correction(const pugi::xml_node& particle, std::string_view action_prefix) {
  std::string_view ref =
      particle.attribute("ref") ? particle.attribute("ref").value() : particle.attribute("name").value();
  if (ref.empty()) return nullptr;
  for (std::size_t i = 0; i < options_.corrections.size(); ++i) {
    const Correction& c = options_.corrections[i];
    if (c.element != ref || c.action.rfind(action_prefix, 0) != 0 || !ends_with_path(name_, c.file)) continue;
    if (std::find(m_.corrections_applied.begin(), m_.corrections_applied.end(), i) == m_.corrections_applied.end())
      m_.corrections_applied.push_back(i);
    return &c;
  }
  return nullptr;
}

void Importer::repaired(const pugi::xml_node& n, const std::string& what) {
  m_.repairs.push_back(where_.at_node(n, Error("schema.import.repaired", what)).to_string(false));
}

Result<std::uint32_t> Importer::occurs(const pugi::xml_node& p, const char* attr, std::uint32_t def) const {
  pugi::xml_attribute a = p.attribute(attr);
  if (!a) return def;
  std::string_view v = a.value();
  if (v == "unbounded") return kUnboundedOccurs;
  std::uint32_t n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || ptr != v.data() + v.size())
    return fail(p, "occurs", std::string(attr) + " \"" + std::string(v) + "\" is not a number or unbounded");
  return n;
}

Result<pugi::xml_node> Importer::target_of(const pugi::xml_node& particle) const {
  pugi::xml_attribute ref = particle.attribute("ref");
  if (!ref) return particle;
  auto it = elements_.find(ref.value());
  if (it == elements_.end()) return fail(particle, "reference", std::string("no global element named ") + ref.value());
  return it->second;
}

std::string Importer::tag_of(const pugi::xml_node& particle, const pugi::xml_node& target) const {
  for (const auto& n : {particle, target}) {
    std::string_view t = info(n, "recordInfo").attribute("tag_name").value();
    if (!t.empty()) return std::string(t);
  }
  std::string_view name = target.attribute("name").value();
  return is_tag(name) ? std::string(name) : std::string();
}

Result<bool> Importer::read_node(const pugi::xml_node& particle, StructureNode& out, int depth) {
  if (depth > kMaxDepth) return fail(particle, "depth", "segment groups nested deeper than 64");
  EDIGATE_TRY(auto target, target_of(particle));
  EDIGATE_TRY(auto min, occurs(particle, "minOccurs", 1));
  EDIGATE_TRY(auto max, occurs(particle, "maxOccurs", 1));
  for (const char* attr : {"min", "max"}) {
    const Correction* c = correction(particle, std::string(attr) + "=");
    if (!c) continue;
    auto n = parse_occurs(std::string_view(c->action).substr(4));
    if (!n) return fail(particle, "correction", "correction \"" + c->action + "\" is not min=N or max=N");
    bool is_min = attr[1] == 'i';
    if (is_min && (*n > 1 || std::string_view(c->action).substr(4) == "unbounded"))
      return fail(particle, "correction", "correction \"" + c->action + "\": minOccurs is 0 or 1");
    auto& field = is_min ? min : max;
    // max 0 is "unbounded" (kUnboundedOccurs); min 0 is optional.
    auto show = [is_min](std::uint32_t v) {
      return !is_min && v == kUnboundedOccurs ? std::string("unbounded") : std::to_string(v);
    };
    repaired(particle, std::string(attr) + "Occurs of " + c->element + " " + show(field) + " read as " + show(*n) +
                           " (correction: " + c->source + ")");
    field = *n;
  }
  if (max == 0 && particle.attribute("maxOccurs") && std::string_view(particle.attribute("maxOccurs").value()) == "0")
    return fail(particle, "occurs", "maxOccurs 0: a position that can never occur");
  out.usage = min == 0 ? optional_usage() : 'M';
  out.max = max;
  std::string tag = tag_of(particle, target);
  if (!tag.empty()) {
    out.loop = false;
    out.id = tag;
    if (min > 1)
      return fail(particle, "occurs",
                  "segment " + tag + " with minOccurs " + std::to_string(min) + " (edigate usage is M or optional)");
    EDIGATE_TRY_VOID(read_segment(tag, target));
    return true;
  }
  auto kids = particles(target);
  if (kids.empty())
    return fail(target, "structure",
                std::string("element ") + target.attribute("name").value() +
                    " is neither a segment (no tag_name) nor a segment group (no sequence)");
  if (min > 1) return fail(particle, "occurs", "segment group with minOccurs " + std::to_string(min));
  out.loop = true;
  // EDIFACT numbers segment groups in order of appearance (SG1, SG2, ...); BizTalk's names
  // (RFFLoop1) are per trigger tag, so the number is recomputed here. X12 loops go by trigger.
  std::uint32_t group = next_group_++;
  EDIGATE_TRY_VOID(read_children(kids, out.children, depth + 1));
  if (out.children.empty()) return fail(target, "structure", "segment group with no positions");
  StructureNode& trigger = out.children.front();
  if (trigger.loop)
    return fail(kids.front(), "structure", "segment group whose first position is a group, not a trigger segment");
  if (trigger.usage != 'M' || trigger.max != 1) {
    if (x12_)
      return fail(kids.front(), "structure",
                  "segment group trigger " + trigger.id + " must occur exactly once (minOccurs 1, maxOccurs 1)");
    // ISO 9735-1 trigger segment: M 1, the condition is the group's (biztalk_import.hpp).
    std::string was = std::string(trigger.usage == 'M' ? "M" : "C") + " " +
                      (trigger.max == kUnboundedOccurs ? std::string("unbounded") : std::to_string(trigger.max));
    repaired(kids.front(), "segment group SG" + std::to_string(group) + " (" + target.attribute("name").value() +
                               ") trigger " + trigger.id + " " + was +
                               " read as M 1, the group keeping its own occurrence (trigger rule)");
    trigger.usage = 'M';
    trigger.max = 1;
  }
  out.id = x12_ ? trigger.id : "SG" + std::to_string(group);
  return true;
}

Result<bool> Importer::read_children(const std::vector<pugi::xml_node>& kids, std::vector<StructureNode>& out,
                                     int depth) {
  for (const auto& kid : kids) {
    if (const Correction* c = correction(kid, "unwrap")) {
      if (out.empty() || !out.back().loop)
        return fail(kid, "correction", "unwrap " + c->element + ": the position before it is not a segment group");
      EDIGATE_TRY(auto target, target_of(kid));
      auto inner = particles(target);
      if (inner.empty()) return fail(kid, "correction", "unwrap " + c->element + ": not a segment group");
      repaired(kid, "group " + c->element + " read as the last positions of the group before it, " + out.back().id +
                        " (correction: " + c->source + ")");
      StructureNode& before = out.back();
      EDIGATE_TRY_VOID(read_children(inner, before.children, depth + 1));
      continue;
    }
    out.emplace_back();
    EDIGATE_TRY_VOID(read_node(kid, out.back(), depth));
  }
  return true;
}

Result<bool> Importer::read_segment(const std::string& tag, const pugi::xml_node& target) {
  SegmentDef d;
  d.id = tag;
  d.name = info(target, "recordInfo").attribute("notes").value();
  for (auto p : particles(target)) {
    EDIGATE_TRY(auto ref, read_position(p, false));
    d.refs.push_back(std::move(ref));
  }
  if (d.refs.empty()) return fail(target, "structure", "segment " + tag + " has no data elements");
  auto [it, inserted] = segment_at_.emplace(tag, m_.segments.size());
  if (inserted) {
    m_.segments.push_back(std::move(d));
    return true;
  }
  std::string note;
  if (!merge_segment(m_.segments[it->second], d, note)) return fail(target, "conflict", "segment " + tag + ": " + note);
  if (!note.empty()) m_.notes.push_back("segment " + tag + ": " + note);
  return true;
}

Result<Ref> Importer::read_position(const pugi::xml_node& particle, bool in_composite) {
  EDIGATE_TRY(auto target, target_of(particle));
  EDIGATE_TRY(auto min, occurs(particle, "minOccurs", 1));
  EDIGATE_TRY(auto max, occurs(particle, "maxOccurs", 1));
  Ref r;
  r.usage = min == 0 ? optional_usage() : 'M';
  r.repeat = max;
  auto comps = particles(target);
  if (!comps.empty()) {
    if (in_composite) return fail(particle, "structure", "a composite inside a composite");
    r.composite = true;
    CompositeDef c;
    c.id = service_composite_id(strip_variant(target.attribute("name").value()));
    c.name = info(target, "recordInfo").attribute("notes").value();
    for (auto comp : comps) {
      EDIGATE_TRY(auto cr, read_position(comp, true));
      if (cr.repeat != 1) return fail(comp, "occurs", "a repeating component in composite " + c.id);
      c.components.push_back(std::move(cr));
    }
    r.id = c.id;
    auto [it, inserted] = composite_at_.emplace(c.id, m_.composites.size());
    if (inserted) {
      m_.composites.push_back(std::move(c));
    } else {
      std::string note;
      if (!merge_composite(m_.composites[it->second], c, note))
        return fail(target, "conflict", "composite " + c.id + ": " + note);
      if (!note.empty()) m_.notes.push_back("composite " + c.id + ": " + note);
    }
    return r;
  }
  EDIGATE_TRY(r.id, read_element(particle, target));
  return r;
}

Result<bool> Importer::read_restriction(const pugi::xml_node& restriction, ElementDef& d, const pugi::xml_node& at,
                                        bool named_code_type) {
  std::string_view base = restriction.attribute("base").value();
  static const std::map<std::string_view, std::string_view> kBases = {
      {"EDIFACT_AN", "an"}, {"EDIFACT_A", "a"}, {"EDIFACT_N", "n"}, {"EDIFACT_R", "n"}, {"EDIFACT_ID", "an"},
      {"X12_AN", "AN"},     {"X12_ID", "ID"},   {"X12_R", "R"},     {"X12_DT", "DT"},   {"X12_TM", "TM"},
      {"X12_B", "B"},       {"X12_N", "N"},     {"xs:string", ""}};
  if (base.size() == 6 && base.substr(0, 5) == "X12_N" && std::isdigit(static_cast<unsigned char>(base[5]))) {
    d.type = "N" + std::string(1, base[5]);
  } else if (auto it = kBases.find(base); it != kBases.end()) {
    if (!it->second.empty()) d.type = std::string(it->second);
  } else {
    return fail(at, "type", "element " + d.id + ": unsupported base type \"" + std::string(base) + "\"");
  }
  bool have_min = false, have_max = false;
  for (auto f : restriction.children()) {
    std::string_view k = local_name(f);
    std::string_view v = f.attribute("value").value();
    std::uint32_t n = 0;
    if (k == "enumeration") {
      d.codes.emplace_back(v);
      continue;
    }
    if (k == "minLength" || k == "maxLength" || k == "length") {
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec != std::errc() || p != v.data() + v.size())
        return fail(f, "type", "element " + d.id + ": length \"" + std::string(v) + "\" is not a number");
      if (k != "maxLength") d.min = n, have_min = true;
      if (k != "minLength") d.max = n, have_max = true;
      continue;
    }
    if (k == "annotation") continue;
    // A pattern or a numeric facet would be dropped silently otherwise.
    return fail(f, "type",
                "element " + d.id + ": facet xs:" + std::string(k) + " cannot be expressed in an edigate schema");
  }
  if (!d.codes.empty()) {
    std::sort(d.codes.begin(), d.codes.end());
    d.codes.erase(std::unique(d.codes.begin(), d.codes.end()), d.codes.end());
    // BizTalk gives coded elements their code list but no length: the longest code bounds it
    // (the list is closed, so a longer value is an error either way).
    std::size_t longest = 0;
    for (const auto& c : d.codes) longest = std::max(longest, c.size());
    if (!have_max) d.max = static_cast<std::uint32_t>(std::max<std::size_t>(longest, 1));
    if (!have_min) d.min = 1;
  } else if (!have_max && named_code_type) {
    // EANCOM subsets leave some code lists empty (any value of the UN directory's format):
    // the length then comes from the directory the subset restricts (LibraryBuilder::
    // resolve_lengths); max 0 marks it unknown until then.
    d.min = 1;
    d.max = 0;
  } else if (!have_max) {
    return fail(at, "type", "element " + d.id + ": no maxLength and no code list");
  }
  if (d.min == 0) d.min = 1;  // an empty value is an absent one in EDI
  if (d.max != 0 && d.min > d.max) return fail(at, "type", "element " + d.id + ": minLength greater than maxLength");
  if (d.type.empty()) d.type = x12_ ? (d.codes.empty() ? "AN" : "ID") : "an";
  return true;
}

Result<std::string> Importer::read_element(const pugi::xml_node& particle, const pugi::xml_node& def) {
  ElementDef d;
  std::string notes = info(particle, "fieldInfo").attribute("notes").value();
  if (notes.empty()) notes = info(def, "fieldInfo").attribute("notes").value();
  std::string_view type = def.attribute("type").value();
  // The element number: "Message function, coded_1225" -> 1225; else the number in the code
  // list's type name; else (an X12 schema without numbers) the position's own name, "BEG02".
  auto us = notes.rfind('_');
  if (us != std::string::npos && us + 1 < notes.size() && std::all_of(notes.begin() + us + 1, notes.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c));
      })) {
    d.id = notes.substr(us + 1);
    d.name = notes.substr(0, us);
  } else {
    d.name = notes;
    for (std::string_view prefix : {"EDIFACT_ID_", "X12_ID_"})
      if (type.substr(0, prefix.size()) == prefix) d.id = std::string(type.substr(prefix.size()));
    if (d.id.empty()) d.id = def.attribute("name").value();
  }
  if (d.name.empty()) d.name = d.id;
  if (d.id.empty()) return fail(particle, "element", "data element without a name or number");
  if (!type.empty()) {
    if (type.substr(0, 3) == "xs:")
      return fail(def, "type", "element " + d.id + ": plain " + std::string(type) + " (no length) cannot be expressed");
    auto it = types_.find(type);
    if (it == types_.end()) return fail(def, "type", "element " + d.id + ": no simpleType named " + std::string(type));
    pugi::xml_node r = child(it->second, "restriction");
    if (!r) return fail(it->second, "type", "simpleType " + std::string(type) + " is not a restriction");
    bool code_type = type.rfind("EDIFACT_ID_", 0) == 0 || type.rfind("X12_ID_", 0) == 0;
    EDIGATE_TRY_VOID(read_restriction(r, d, it->second, code_type));
  } else {
    pugi::xml_node r = child(child(def, "simpleType"), "restriction");
    if (!r) return fail(def, "type", "element " + d.id + ": no type");
    EDIGATE_TRY_VOID(read_restriction(r, d, def));
  }
  auto [it, inserted] = element_at_.emplace(d.id, m_.elements.size());
  if (inserted) {
    m_.elements.push_back(std::move(d));
  } else if (!(m_.elements[it->second] == d)) {
    std::string note;
    merge_element(m_.elements[it->second], d, note);
    if (!note.empty()) m_.notes.push_back("element " + d.id + ": " + note);
  }
  return m_.elements[it->second].id;
}

Result<Message> Importer::run() {
  pugi::xml_document doc;
  auto parsed =
      doc.load_buffer(xml_.data(), xml_.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_auto);
  if (!parsed)
    return where_.at_offset(static_cast<std::size_t>(parsed.offset),
                            Error("schema.import.xml", std::string("not well-formed XML (") + parsed.description() +
                                                           "): expected a complete BizTalk EDI XSD"));
  for (auto n : doc.children())
    if (n.type() == pugi::node_doctype) return fail(n, "xml", "DOCTYPE is refused (no entities in schema files)");
  pugi::xml_node root = doc.document_element();
  if (local_name(root) != "schema") return fail(root, "xml", "not an XSD (root is not xs:schema)");
  m_.file = name_;
  pugi::xml_node si;
  for (auto ann : root.children()) {
    if (local_name(ann) != "annotation") continue;
    for (auto app : ann.children())
      for (auto i : app.children())
        if (local_name(i) == "schemaInfo" && i.attribute("document_type")) si = i;
  }
  for (auto c : root.children()) {
    std::string_view k = local_name(c);
    if (k == "element" && c.attribute("name")) elements_.emplace(c.attribute("name").value(), c);
    if (k == "simpleType" && c.attribute("name")) types_.emplace(c.attribute("name").value(), c);
  }
  if (!si)
    return fail(root, "info", "no b:schemaInfo with document_type and standards_version: not a BizTalk EDI schema");
  std::string root_name = si.attribute("root_reference").value();
  auto top = elements_.find(root_name);
  if (top == elements_.end()) return fail(si, "info", "root_reference \"" + root_name + "\" names no global element");
  if (root_name.rfind("X12_", 0) == 0) {
    x12_ = true;
    m_.standard = "X12";
  } else if (root_name.rfind("EFACT_", 0) == 0) {
    m_.standard = "EDIFACT";
  } else {
    return fail(top->second, "info", "root " + root_name + " is neither EFACT_<dir>_<msg> nor X12_<version>_<set>");
  }
  m_.set = si.attribute("document_type").value();
  std::string version = si.attribute("standards_version").value();
  version.erase(std::remove(version.begin(), version.end(), '.'), version.end());  // EANCOM 94: "D.93A"
  // BizTalk writes X12 versions without the release digit: 00401 is 004010.
  if (x12_ && version.size() == 5) version += '0';
  m_.version = version;
  bool token_ok = !version.empty() && version.size() <= 12 && std::all_of(version.begin(), version.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c));
  });
  if (!token_ok || (!x12_ && !std::isalpha(static_cast<unsigned char>(version[0]))))
    return fail(si, "info",
                "standards_version \"" + std::string(si.attribute("standards_version").value()) +
                    "\" is not a directory edigate can look up (D93A..D10B, 004010, ...)");
  if (m_.set.empty() ||
      !std::all_of(m_.set.begin(), m_.set.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }))
    return fail(si, "info", "document_type \"" + m_.set + "\" is not a message type");
  m_.name = info(top->second, "recordInfo").attribute("notes").value();
  if (m_.name.empty()) m_.name = m_.set;

  m_.root.loop = true;
  m_.root.id = m_.set;
  m_.root.usage = 'M';
  auto kids = particles(top->second);
  if (kids.empty()) return fail(top->second, "structure", "root element has no sequence");
  EDIGATE_TRY_VOID(read_children(kids, m_.root.children, 1));
  // BizTalk marks the message header and trailer optional because its envelope layer handles
  // them; in an edigate schema they are the mandatory first and last segments.
  std::string_view header = x12_ ? "ST" : "UNH", trailer = x12_ ? "SE" : "UNT";
  auto& first = m_.root.children.front();
  auto& last = m_.root.children.back();
  if (first.loop || first.id != header)
    return fail(kids.front(), "structure", "the message does not start with " + std::string(header));
  if (last.loop || last.id != trailer)
    return fail(kids.back(), "structure", "the message does not end with " + std::string(trailer));
  first.usage = last.usage = 'M';
  first.max = last.max = 1;
  return std::move(m_);
}

}  // namespace

Result<Message> import_xsd_text(std::string_view xml, const std::string& name, const ImportOptions& options) {
  try {
    Importer imp(xml, name, options);
    return imp.run();
  } catch (const std::exception& ex) {
    Error e("schema.import.internal", std::string("cannot import: ") + ex.what());
    e.position.file = name;
    return e;
  }
}

Result<Message> import_xsd(const std::filesystem::path& file, const ImportOptions& options) {
  Error e("schema.import.unreadable", "");
  e.position.file = file.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    e.message = std::filesystem::exists(file, ec) ? "not a regular file: expected an XSD file or a folder of them"
                                                  : "no such file or folder";
    return e;
  }
  auto size = std::filesystem::file_size(file, ec);
  if (ec || size > kMaxXsdBytes) {
    e.message = ec ? "cannot read: " + ec.message() : "file larger than 256 MiB";
    return e;
  }
  std::ifstream in(file, std::ios::binary);
  std::string text(static_cast<std::size_t>(size), '\0');
  if (!in || !in.read(text.data(), static_cast<std::streamsize>(size))) {
    e.message = "cannot read";
    return e;
  }
  return import_xsd_text(text, file.string(), options);
}

}  // namespace edigate::schema::biztalk
