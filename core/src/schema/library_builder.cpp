// Merging imported messages per directory and writing dictionary.xml + <SET>.xml files.
#include "schema/library_builder.hpp"

#include "schema/biztalk_merge.hpp"
#include "schema/file_set_writer.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <memory>
#include <sstream>

namespace edigate::schema::biztalk {
namespace {

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        // Control characters are not allowed in XML 1.0 attribute values.
        out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
  }
  return out;
}

// "--" may not occur inside an XML comment.
std::string comment_text(std::string s) {
  for (std::size_t p; (p = s.find("--")) != std::string::npos;) s.replace(p, 2, "- -");
  return s;
}

// A dictionary element's codes, in either form (<code value=.../>... or <codes>a b c</codes>).
std::vector<std::string> codes_of(const pugi::xml_node& element) {
  std::vector<std::string> out;
  for (auto c : element.children("code")) out.emplace_back(c.attribute("value").value());
  std::istringstream list(element.child_value("codes"));
  for (std::string code; list >> code;) out.push_back(code);
  return out;
}

std::string max_text(std::uint32_t max) { return max == kUnboundedOccurs ? "unbounded" : std::to_string(max); }

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void write_refs(std::ostream& o, const std::vector<Ref>& refs, const char* simple_tag, bool composite_ok) {
  for (const auto& r : refs) {
    o << "<" << (r.composite && composite_ok ? "composite" : simple_tag) << " ref=\"" << xml_escape(r.id)
      << "\" usage=\"" << r.usage << "\"";
    if (r.repeat != 1) o << " repeat=\"" << max_text(r.repeat) << "\"";
    o << "/>";
  }
}

void write_node(std::ostream& o, const StructureNode& n, int indent) {
  std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  if (!n.loop) {
    o << pad << "<segment ref=\"" << xml_escape(n.id) << "\" usage=\"" << n.usage << "\"";
    if (n.max != 1) o << " max=\"" << max_text(n.max) << "\"";
    o << "/>\n";
    return;
  }
  o << pad << "<loop id=\"" << xml_escape(n.id) << "\" usage=\"" << n.usage << "\"";
  if (n.max != 1) o << " max=\"" << max_text(n.max) << "\"";
  o << ">\n";
  for (const auto& c : n.children) write_node(o, c, indent + 1);
  o << pad << "</loop>\n";
}

// A directory's dictionary.xml is rewritten whole from the messages of this import, so a
// message file already there and not imported again would lose its definitions (it then fails
// to load with "unknown segment"). Refused before anything is written.
template <class Messages>
Result<void> check_no_orphans(const std::filesystem::path& dir, const Messages& imported) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(dir / "dictionary.xml", ec)) return {};
  std::vector<std::string> orphans;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const auto& p = e.path();
    if (p.extension() != ".xml" || p.filename() == "dictionary.xml" || !e.is_regular_file(ec)) continue;
    if (!imported.count(p.stem().string())) orphans.push_back(p.stem().string());
  }
  if (orphans.empty()) return {};
  std::sort(orphans.begin(), orphans.end());
  std::string names;
  for (std::size_t i = 0; i < orphans.size() && i < 8; ++i) names += (i ? ", " : "") + orphans[i];
  if (orphans.size() > 8) names += ", ... (" + std::to_string(orphans.size()) + ")";
  Error e("schema.import.write",
          "already holds a library whose messages " + names +
              " are not in this import: its new dictionary.xml would drop their definitions; "
              "expected the directory's XSDs imported together, or an --out without this folder");
  e.position.file = dir.string();
  return e;
}

}  // namespace

std::size_t LibraryBuilder::messages() const {
  std::size_t n = 0;
  for (const auto& [k, d] : dirs_) n += d.messages.size();
  return n;
}

Result<void> LibraryBuilder::add(Message m) {
  Directory& d = dirs_[m.standard + "/" + m.version];
  d.standard = m.standard;
  d.version = m.version;
  auto conflict = [&](const std::string& what, const std::string& first, const std::string& note) {
    Error e("schema.import.conflict", what + " differs from its definition in " + first + ": " + note);
    e.position.file = m.file;
    return e;
  };
  if (auto it = d.messages.find(m.set); it != d.messages.end()) {
    Error e("schema.import.duplicate",
            m.standard + " " + m.version + " " + m.set + " is also imported from " + it->second.file);
    e.position.file = m.file;
    return e;
  }
  for (auto& el : m.elements) {
    auto [it, inserted] = d.element_at.emplace(el.id, d.elements.size());
    if (inserted) {
      d.elements.push_back(std::move(el));
      continue;
    }
    std::string note;
    merge_element(d.elements[it->second], el, note);
    if (!note.empty()) notes_.push_back(m.version + " element " + el.id + " (" + m.set + "): " + note);
  }
  for (auto& c : m.composites) {
    auto [it, inserted] = d.composite_at.emplace(c.id, d.composites.size());
    if (inserted) {
      d.composite_from[c.id] = m.file;
      d.composites.push_back(std::move(c));
      continue;
    }
    std::string note;
    if (!merge_composite(d.composites[it->second], c, note))
      return conflict("composite " + c.id, d.composite_from[c.id], note);
    if (!note.empty()) notes_.push_back(m.version + " composite " + c.id + " (" + m.set + "): " + note);
  }
  for (auto& s : m.segments) {
    auto [it, inserted] = d.segment_at.emplace(s.id, d.segments.size());
    if (inserted) {
      d.segment_from[s.id] = m.file;
      d.segments.push_back(std::move(s));
      continue;
    }
    std::string note;
    if (!merge_segment(d.segments[it->second], s, note)) return conflict("segment " + s.id, d.segment_from[s.id], note);
    if (!note.empty()) notes_.push_back(m.version + " segment " + s.id + " (" + m.set + "): " + note);
  }
  for (const auto& n : m.notes) notes_.push_back(m.version + " " + m.set + ": " + n);
  m.elements.clear();
  m.composites.clear();
  m.segments.clear();
  m.notes.clear();
  std::string set = m.set;
  d.messages.emplace(std::move(set), std::move(m));
  return {};
}

namespace {

void align(StructureNode& ours, const pugi::xml_node& theirs, std::uint32_t& unmatched, std::vector<std::string>& notes,
           const std::string& where) {
  std::vector<pugi::xml_node> groups;
  for (auto c : theirs.children("loop")) groups.push_back(c);
  std::size_t next = 0;
  for (auto& c : ours.children) {
    if (!c.loop) continue;
    const std::string& trigger = c.children.front().id;
    std::size_t k = next;
    while (k < groups.size() && trigger != groups[k].first_child().attribute("ref").value()) ++k;
    if (k == groups.size()) {
      std::string id = trigger + "_EAN" + std::to_string(++unmatched);
      notes.push_back(where + ": group " + c.id + " (" + trigger +
                      ") has no counterpart in the directory's table; named " + id);
      c.id = id;
      // Its inner groups cannot be matched either; they keep unique names of their own.
      align(c, pugi::xml_node(), unmatched, notes, where);
      continue;
    }
    c.id = groups[k].attribute("id").value();
    align(c, groups[k], unmatched, notes, where);
    next = k + 1;
  }
}

}  // namespace

void LibraryBuilder::align_groups(const std::filesystem::path& base) {
  for (auto& [key, d] : dirs_) {
    for (auto& [set, m] : d.messages) {
      pugi::xml_document doc;
      std::filesystem::path file = base / lower(d.standard) / d.version / (set + ".xml");
      std::string where = d.version + " " + set;
      std::uint32_t unmatched = 0;
      if (!doc.load_file(file.c_str())) {
        notes_.push_back(where + ": no table in the base directory; groups keep their order numbers");
        continue;
      }
      align(m.root, doc.document_element().child("structure"), unmatched, notes_, where);
    }
  }
}

Result<void> LibraryBuilder::resolve_lengths(const std::filesystem::path& base) {
  // The directory the subset restricts first, then every other one (sorted): an EANCOM 1997
  // message uses 7171, which UN D96A does not define but D00A onwards do.
  std::map<std::string, std::unique_ptr<pugi::xml_document>> docs;
  auto dictionary = [&](const std::filesystem::path& file) -> const pugi::xml_document* {
    auto [it, inserted] = docs.emplace(file.string(), nullptr);
    if (inserted) {
      auto doc = std::make_unique<pugi::xml_document>();
      if (doc->load_file(file.c_str())) it->second = std::move(doc);
    }
    return it->second.get();
  };
  for (auto& [key, d] : dirs_) {
    std::filesystem::path standard_dir = base / lower(d.standard);
    std::vector<std::filesystem::path> files{standard_dir / d.version / "dictionary.xml"};
    std::error_code ec;
    std::vector<std::filesystem::path> others;
    for (const auto& e : std::filesystem::directory_iterator(standard_dir, ec))
      if (e.path().filename() != d.version) others.push_back(e.path() / "dictionary.xml");
    std::sort(others.begin(), others.end());
    files.insert(files.end(), others.begin(), others.end());
    for (auto& e : d.elements) {
      if (e.max != 0 && !open_codes_) continue;
      pugi::xml_node def;
      std::filesystem::path from;
      for (const auto& f : files) {
        const pugi::xml_document* doc = dictionary(f);
        if (!doc) continue;
        def = doc->document_element().child("elements").find_child_by_attribute("element", "id", e.id.c_str());
        if (def) {
          from = f;
          break;
        }
      }
      if (!def && e.max != 0) continue;
      if (!def) {
        Error err("schema.import.base", d.version + " element " + e.id +
                                            " has no length in its XSD and is in no dictionary under the base folder");
        err.position.file = base.string();
        return err;
      }
      std::vector<std::string> base_codes = codes_of(def);
      bool base_coded = !base_codes.empty();
      if (e.max != 0) {
        // Known length, open codes: an uncoded base element's length is the standard's; a
        // coded one's is only its longest code, so it can only widen ours.
        std::uint32_t base_max = def.attribute("max").as_uint(1);
        std::uint32_t before = e.max;
        e.max = base_coded ? std::max(e.max, base_max) : base_max;
        if (!base_coded) e.min = def.attribute("min").as_uint(1);
        if (e.max != before)
          notes_.push_back(d.version + " element " + e.id + ": max length " + std::to_string(before) + " -> " +
                           std::to_string(e.max) + " from " + from.parent_path().filename().string());
        continue;
      }
      e.type = def.attribute("type").value();
      e.min = def.attribute("min").as_uint(1);
      e.max = def.attribute("max").as_uint(1);
      // The base's length of a coded element is its longest code, so its list comes along:
      // an empty EANCOM list means "the directory's codes", not "any value of that length".
      e.codes = std::move(base_codes);
      notes_.push_back(d.version + " element " + e.id + ": length " + e.type + " " + std::to_string(e.min) + ".." +
                       std::to_string(e.max) +
                       (e.codes.empty() ? "" : " and " + std::to_string(e.codes.size()) + " codes") + " taken from " +
                       from.parent_path().filename().string());
    }
  }
  return {};
}

Result<std::size_t> LibraryBuilder::write(const std::filesystem::path& out, const std::string& notice) const {
  FileSet files;
  for (const auto& [key, d] : dirs_) {
    std::filesystem::path dir = out / lower(d.standard) / d.version;
    if (!variant_.empty()) dir /= variant_;
    EDIGATE_TRY_VOID(check_no_orphans(dir, d.messages));
    for (const auto& e : d.elements) {
      if (e.max != 0) continue;
      Error err("schema.import.length", d.version + " element " + e.id +
                                            " has no length in its XSD (an empty code list): import with --base DIR");
      err.position.file = dir.string();
      return err;
    }
    std::string variant_attr = variant_.empty() ? "" : " variant=\"" + xml_escape(variant_) + "\"";

    // Sorted by id so a re-run over the same inputs writes the same bytes whatever their order.
    auto sorted = [](auto v) {
      std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
      return v;
    };
    std::ostringstream o;
    o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--\n" << comment_text(notice) << "\n-->\n";
    o << "<dictionary xmlns=\"urn:edigate:schema:1\" standard=\"" << d.standard << "\" version=\"" << d.version << "\""
      << variant_attr << ">\n<elements>\n";
    for (const auto& e : sorted(d.elements)) {
      o << "<element id=\"" << xml_escape(e.id) << "\" name=\"" << xml_escape(e.name) << "\" type=\"" << e.type
        << "\" min=\"" << e.min << "\" max=\"" << e.max << "\"";
      if (e.codes.empty()) {
        o << "/>\n";
        continue;
      }
      o << (open_codes_ ? " codes=\"open\">" : ">");
      // Compact form (one text node) unless a code holds white space, which a list cannot.
      bool listable = std::none_of(e.codes.begin(), e.codes.end(), [](const std::string& c) {
        return c.empty() || c.find_first_of(" \t\r\n") != std::string::npos;
      });
      if (listable) {
        o << "<codes>";
        for (std::size_t i = 0; i < e.codes.size(); ++i) o << (i ? " " : "") << xml_escape(e.codes[i]);
        o << "</codes>";
      } else {
        for (const auto& c : e.codes) o << "<code value=\"" << xml_escape(c) << "\"/>";
      }
      o << "</element>\n";
    }
    o << "</elements>\n";
    if (!d.composites.empty()) {  // the XSD wants at least one composite in a <composites>
      o << "<composites>\n";
      for (const auto& c : sorted(d.composites)) {
        o << "<composite id=\"" << xml_escape(c.id) << "\" name=\"" << xml_escape(c.name) << "\">";
        write_refs(o, c.components, "component", false);
        o << "</composite>\n";
      }
      o << "</composites>\n";
    }
    o << "<segments>\n";
    for (const auto& s : sorted(d.segments)) {
      o << "<segment id=\"" << xml_escape(s.id) << "\" name=\"" << xml_escape(s.name) << "\">";
      write_refs(o, s.refs, "element", true);
      o << "</segment>\n";
    }
    o << "</segments>\n</dictionary>\n";
    files.emplace_back(dir / "dictionary.xml", o.str());

    for (const auto& [set, m] : d.messages) {
      std::ostringstream s;
      s << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Generated by `edigate schemas import biztalk` from "
        << comment_text(std::filesystem::path(m.file).filename().string())
        << ". Source, copyright and license: the header of dictionary.xml beside this file. -->\n";
      s << "<schema xmlns=\"urn:edigate:schema:1\" standard=\"" << m.standard << "\" version=\"" << m.version
        << "\" set=\"" << xml_escape(m.set) << "\" name=\"" << xml_escape(m.name)
        << "\" dictionary=\"dictionary.xml\">\n"
        << "  <structure>\n";
      for (const auto& c : m.root.children) write_node(s, c, 2);
      s << "  </structure>\n</schema>\n";
      files.emplace_back(dir / (set + ".xml"), s.str());
    }
  }
  EDIGATE_TRY_VOID(write_all_or_nothing(files));
  return files.size();
}

}  // namespace edigate::schema::biztalk
