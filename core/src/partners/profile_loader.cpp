#include "partners/profile_loader.hpp"

#include "config/safe_xml.hpp"
#include "partners/profile_rules.hpp"

#include <pugixml.hpp>

#include <cctype>
#include <cstring>
#include <fstream>
#include <sstream>

namespace edigate::partners {
namespace {

using config::local_name;

class Reader {
 public:
  Reader(std::string_view xml, const std::filesystem::path& file)
      : xml_(xml), file_(file), where_(xml, file.string()) {}

  Result<std::shared_ptr<const Profile>> run() {
    pugi::xml_document doc;
    EDIGATE_TRY_VOID(
        config::load_config_xml(doc, {"partner.xsd", kPartnerXsd}, xml_, file_.string(), "partner.file.invalid"));
    pugi::xml_node root = doc.document_element();
    auto p = std::make_shared<Profile>();
    p->file = file_;
    p->folder = file_.parent_path();
    p->id = root.attribute("id").value();
    p->enabled = root.attribute("enabled").empty() || root.attribute("enabled").as_bool();
    EDIGATE_TRY(p->standard, parse_standard(root.attribute("standard").value()));
    p->utc_offset = root.attribute("utc-offset").value();
    p->delimiters = default_delimiters(p->standard);
    for (pugi::xml_node n : root.children()) {
      if (n.type() != pugi::node_element) continue;
      std::string_view tag = local_name(n);
      if (tag == "name")
        p->name = n.text().get();
      else if (tag == "identities")
        EDIGATE_TRY_VOID(read_identities(n, p->identities));
      else if (tag == "local")
        EDIGATE_TRY_VOID(read_identities(n, p->local));
      else if (tag == "delimiters")
        EDIGATE_TRY_VOID(read_delimiters(n, *p));
      else if (tag == "documents")
        EDIGATE_TRY_VOID(read_documents(n, *p));
      else if (tag == "acks")
        read_acks(n, p->acks);
      else if (tag == "tolerance") {
        read_tolerance(n, p->tolerance);
        p->unknown_receiver_is_warning = n.attribute("unknown-receiver-is-warning").as_bool(false);
        p->reject_business_rules = std::strcmp(n.attribute("business-rule-violations").value(), "reject") == 0;
      } else if (tag == "control-numbers")
        read_control_numbers(n, p->control_numbers);
      else if (tag == "transports")
        EDIGATE_TRY_VOID(read_endpoints(n, p->transports));
      else if (tag == "destinations")
        EDIGATE_TRY_VOID(read_endpoints(n, p->destinations));
    }
    EDIGATE_TRY_VOID(check_identities_fit(root, *p));
    return std::shared_ptr<const Profile>(std::move(p));
  }

 private:
  Result<void> read_identities(const pugi::xml_node& node, Identities& out) {
    for (pugi::xml_node n : node.children()) {
      if (n.type() != pugi::node_element) continue;
      std::string_view tag = local_name(n);
      if (tag == "x12") {
        out.x12.push_back(
            {n.attribute("isa-qualifier").value(), n.attribute("isa-id").value(), n.attribute("gs-id").value()});
      } else if (tag == "edifact") {
        out.edifact.push_back({n.attribute("unb-id").value(), n.attribute("unb-qualifier").value(),
                               n.attribute("ung-id").value(), n.attribute("ung-qualifier").value()});
        if (out.edifact.back().ung_id.empty() && !out.edifact.back().ung_qualifier.empty())
          return where_.at_node(n, Error("partner.invalid", "ung-qualifier given without ung-id"));
      } else if (tag == "as2") {
        out.as2.emplace_back(n.attribute("id").value());
      } else if (tag == "identity") {
        std::string standard = n.attribute("standard").value();
        for (auto& c : standard) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out.other.push_back({std::move(standard), n.attribute("qualifier").value(), n.attribute("id").value()});
      }
    }
    return {};
  }

  Result<void> read_delimiters(const pugi::xml_node& node, Profile& p) {
    pugi::xml_node n = node.first_child();
    while (n && n.type() != pugi::node_element) n = n.next_sibling();
    if (!n) return {};
    if (p.standard.family == Family::json)
      return where_.at_node(n, Error("partner.invalid", "a JSON partner has no EDI delimiters")
                                   .want("no <delimiters>", std::string(local_name(n))));
    const bool x12 = local_name(n) == "x12";
    if (x12 != (p.standard.family == Family::x12))
      return where_.at_node(
          n, Error("partner.invalid", "delimiters do not match the partner's standard")
                 .want(p.standard.family == Family::x12 ? "<x12>" : "<edifact>", std::string(local_name(n))));
    Delimiters d = default_delimiters(p.standard);
    auto sep = [&](const char* attr, char fallback, char& out) -> Result<void> {
      pugi::xml_attribute a = n.attribute(attr);
      if (a.empty()) return (out = fallback, Result<void>{});
      std::string v = a.value();
      if (v == "none") return (out = 0, Result<void>{});
      EDIGATE_TRY(std::string bytes, decode_separator(v));
      if (bytes.size() != 1)
        return where_.at_attribute(
            n, attr, Error("partner.invalid", "a separator is one byte").want("one character or 0xNN", v));
      out = bytes[0];
      return {};
    };
    EDIGATE_TRY_VOID(sep("element", d.element, d.element));
    EDIGATE_TRY_VOID(sep("component", d.component, d.component));
    EDIGATE_TRY_VOID(sep("repetition", d.repetition, d.repetition));
    if (!x12) {
      EDIGATE_TRY_VOID(sep("release", d.release, d.release));
      d.decimal = n.attribute("decimal").empty() ? '.' : n.attribute("decimal").value()[0];
      p.send_una = n.attribute("send-una").empty() || n.attribute("send-una").as_bool();
    }
    if (pugi::xml_attribute a = n.attribute("segment"); !a.empty()) {
      EDIGATE_TRY(d.segment, decode_separator(a.value()));
    }
    std::string suffix = n.attribute("suffix").empty() ? (x12 ? "lf" : "none") : n.attribute("suffix").value();
    d.suffix = suffix == "lf" ? "\n" : suffix == "crlf" ? "\r\n" : suffix == "cr" ? "\r" : "";
    if (auto problem = delimiter_problem(d, p.standard.family); !problem.empty())
      return where_.at_node(n, Error("partner.invalid", problem));
    p.delimiters = d;
    return {};
  }

  Result<void> read_documents(const pugi::xml_node& node, Profile& p) {
    for (pugi::xml_node n : node.children()) {
      if (n.type() != pugi::node_element) continue;
      DocumentType d;
      d.type = n.attribute("type").value();
      d.direction =
          std::strcmp(n.attribute("direction").value(), "outbound") == 0 ? Direction::outbound : Direction::inbound;
      d.map = n.attribute("map").value();
      d.schema = n.attribute("schema").value();
      d.schema_variant = n.attribute("schema-variant").value();
      d.line = where_.line_of(static_cast<std::size_t>(n.offset_debug()));
      // X12 sets are three digits (850), EDIFACT messages six capitals (ORDERS), JSON
      // documents a lower-case kind (tracking); the XSD allows all three shapes.
      const unsigned char first = d.type.empty() ? 0 : static_cast<unsigned char>(d.type[0]);
      const Family shape = std::isdigit(first) ? Family::x12 : std::islower(first) ? Family::json : Family::edifact;
      if (shape != p.standard.family) {
        const char* want = p.standard.family == Family::x12       ? "an X12 set such as 850"
                           : p.standard.family == Family::edifact ? "an EDIFACT message such as ORDERS"
                                                                  : "a JSON document kind such as tracking";
        return where_.at_attribute(
            n, "type",
            Error("partner.invalid", "document type does not fit the partner's standard " + p.standard.key)
                .want(want, d.type));
      }
      for (const char* attr : {"map", "schema"}) {
        std::string ref = n.attribute(attr).value();
        if (ref.empty() && std::strcmp(attr, "schema") == 0) continue;
        if (auto why = reference_problem(ref); !why.empty())
          return where_.at_attribute(
              n, attr,
              Error("partner.reference.outside", std::string(attr) + " reference is " + why +
                                                     ": references stay inside the partner's folder or the maps folder")
                  .want("a relative path without '..'", ref));
      }
      if (!d.schema.empty() && !d.schema_variant.empty())
        return where_.at_attribute(n, "schema-variant",
                                   Error("partner.document.schema_conflict",
                                         "a document names either its own schema file or a library variant, not both")
                                       .want("schema or schema-variant", "both"));
      // A transaction is validated before its map is chosen (docs/maps.md, "Several inbound
      // maps for one message type"), so the documents of one type share one schema.
      auto schema_of = [](const DocumentType& x) {
        return !x.schema.empty()           ? "schema=\"" + x.schema + "\""
               : !x.schema_variant.empty() ? "schema-variant=\"" + x.schema_variant + "\""
                                           : std::string("the installed schema");
      };
      for (const DocumentType& other : p.documents)
        if (other.type == d.type && other.direction == d.direction &&
            (other.schema != d.schema || other.schema_variant != d.schema_variant))
          return where_.at_attribute(
              n, d.schema_variant.empty() ? "schema" : "schema-variant",
              Error("partner.document.schema_differs",
                    "documents of one type and direction name one schema: " + d.type + " is declared at line " +
                        std::to_string(other.line) + " with " + schema_of(other))
                  .want(schema_of(other), schema_of(d)));
      p.documents.push_back(std::move(d));
    }
    return {};
  }

  static void read_acks(const pugi::xml_node& n, AckPolicy& a) {
    std::string f = n.attribute("functional").value();
    a.functional = f == "997"    ? FunctionalAck::x997
                   : f == "999"  ? FunctionalAck::x999
                   : f == "none" ? FunctionalAck::none
                                 : FunctionalAck::automatic;
    std::string t = n.attribute("ta1").value();
    if (!t.empty())
      a.ta1 = t == "never"       ? Ta1Policy::never
              : t == "requested" ? Ta1Policy::requested
              : t == "always"    ? Ta1Policy::always
                                 : Ta1Policy::on_error;
    if (!n.attribute("contrl").empty()) a.contrl = n.attribute("contrl").as_bool();
    if (!n.attribute("expect-within-minutes").empty())
      a.expect_within_minutes = n.attribute("expect-within-minutes").as_uint();
  }

  static void read_tolerance(const pugi::xml_node& n, Tolerance& t) {
    if (std::strcmp(n.attribute("base").value(), "strict") == 0) t = Tolerance::strict();
    auto flag = [&](const char* attr, bool& out) {
      if (pugi::xml_attribute a = n.attribute(attr); !a.empty()) out = a.as_bool();
    };
    flag("byte-order-mark", t.byte_order_mark);
    flag("hard-wrapped-lines", t.hard_wrapped_lines);
    flag("variable-length-isa", t.variable_length_isa);
    flag("junk-between-interchanges", t.junk_between_interchanges);
    flag("missing-final-terminator", t.missing_final_terminator);
    flag("lowercase-tags", t.lowercase_tags);
    flag("trailing-spaces", t.trailing_spaces);
    flag("count-mismatch-is-warning", t.count_mismatch_is_warning);
    flag("bare-messages", t.bare_messages);
    flag("ebcdic", t.ebcdic);
  }

  static void read_control_numbers(const pugi::xml_node& n, ControlNumbers& c) {
    if (auto a = n.attribute("interchange-start"); !a.empty()) c.interchange_start = a.as_ullong();
    if (auto a = n.attribute("group-start"); !a.empty()) c.group_start = a.as_ullong();
    if (auto a = n.attribute("transaction-start"); !a.empty()) c.transaction_start = a.as_ullong();
    c.scope = std::strcmp(n.attribute("scope").value(), "gateway") == 0 ? ControlScope::gateway : ControlScope::partner;
    c.transaction_reset_per_group = std::strcmp(n.attribute("transaction-reset").value(), "per-group") == 0;
  }

  Result<void> read_endpoints(const pugi::xml_node& node, std::vector<Endpoint>& out) {
    for (pugi::xml_node n : node.children()) {
      if (n.type() != pugi::node_element) continue;
      Endpoint e;
      e.kind = std::string(local_name(n));
      e.name = n.attribute("name").value();
      if (e.kind == "transport") {
        // A plugin's own element: its options stay text here; the host decides which are
        // secrets from the plugin's option table (transport_host/endpoint_config.hpp).
        e.kind = n.attribute("type").value();
        for (pugi::xml_node o : n.children())
          if (o.type() == pugi::node_element)
            e.settings.emplace(o.attribute("name").value(), o.attribute("value").value());
        out.push_back(std::move(e));
        continue;
      }
      for (pugi::xml_attribute a : n.attributes()) {
        std::string key = a.name();
        if (key == "name" || key.rfind("xmlns", 0) == 0) continue;
        if (is_secret_attribute(key)) {
          auto ref = parse_secret_ref(a.value());
          if (!ref) {
            // Never echo the value: it may be the secret itself.
            Error err("partner.secret.inline", "'" + key + "' must reference a secret, not contain it");
            err.expected = "env:NAME or file:PATH";
            return where_.at_attribute(n, key.c_str(), std::move(err));
          }
          e.secrets.emplace(key, *ref);
        } else {
          e.settings.emplace(key, a.value());
        }
      }
      fill_endpoint_defaults(e);
      out.push_back(std::move(e));
    }
    return {};
  }

  Result<void> check_identities_fit(const pugi::xml_node& root, const Profile& p) {
    if (p.standard.family == Family::json) return {};  // routed by --partner / the transport, not by envelope
    const bool x12 = p.standard.family == Family::x12;
    if (!p.identities.has_standard(x12 ? "X12" : "EDIFACT")) {
      pugi::xml_node ids;
      for (pugi::xml_node n : root.children())
        if (n.type() == pugi::node_element && local_name(n) == "identities") ids = n;
      return where_.at_node(
          ids ? ids : root,
          Error("partner.invalid", std::string("a ") + (x12 ? "X12" : "EDIFACT") + " partner needs at least one " +
                                       (x12 ? "<x12>" : "<edifact>") + " identity (inbound files are routed by it)"));
    }
    return {};
  }

  std::string_view xml_;
  std::filesystem::path file_;
  TextPositions where_;
};

}  // namespace

Result<std::shared_ptr<const Profile>> load_profile_from_memory(std::string_view xml,
                                                                const std::filesystem::path& file) {
  try {
    if (xml.size() > kMaxProfileBytes) {
      Error e("partner.file.invalid", "profile larger than " + std::to_string(kMaxProfileBytes) + " bytes");
      e.position.file = file.string();
      return e;
    }
    return Reader(xml, file).run();
  } catch (const std::exception& ex) {
    Error e("partner.file.invalid", std::string("cannot load: ") + ex.what());
    e.position.file = file.string();
    return e;
  }
}

Result<std::shared_ptr<const Profile>> load_profile(const std::filesystem::path& path) {
  EDIGATE_TRY(auto xml,
              config::read_config_file(path, kMaxProfileBytes, "partner.file.unreadable", "partner.file.invalid"));
  return load_profile_from_memory(xml, path);
}

}  // namespace edigate::partners
