// Corpus files of the golden types (850/856/214/ORDERS/DESADV/IFTSTA) against what they must
// translate to. Permissive files (MIT/Apache) have a golden in golden/<corpus path>.jsonl,
// checked by hand against the EDI (golden/README.md); files without one are listed below with
// the reason, and the reason is checked, so the list cannot go stale. GPL/LGPL files get no
// stored output: their messages are checked against docs/canonical and for invariants.
#include "canonical_validator.hpp"
#include "corpus_support.hpp"

#include "translation/compare.hpp"

#include <set>

using namespace edigate;
using namespace edigate::test;

namespace {

const std::set<std::string> kGoldenSets{"850", "856", "214", "ORDERS", "DESADV", "IFTSTA"};

bool golden_type(const CorpusFile& f) {
  for (const auto& s : f.sets)
    if (kGoldenSets.count(s)) return true;
  return false;
}

std::filesystem::path golden_of(const CorpusFile& f) { return kCorpusTests / "golden" / (f.entry.path + ".jsonl"); }

// Permissive files of the golden types with no golden. `code`: the file gives no message and
// this error. `path`/`value`: the file translates, but this field is known to be wrong (a map
// gap, reported); the test pins the wrong value so that fixing the map fails here and the
// golden gets written (and checked) then.
struct NoGolden {
  const char* file;
  const char* code;   // expected error code when no message comes out
  const char* path;   // JSON path of a known-wrong field ("" when code is set)
  const char* value;  // its current, wrong value
  const char* why;
};
const NoGolden kNoGolden[] = {
    {"edifact/edifact-rs/d01b_orders_conforming.edi", "schema.segment.missing", "", "",
     "no UNS section separator, mandatory in ORDERS (edifact-rs calls it conforming; it is not)"},
    {"edifact/edifact-rs/d96a_orders_conforming.edi", "schema.segment.missing", "", "", "no UNS, mandatory in ORDERS"},
    {"edifact/edifact-rs/d01b_orders_malformed.edi", "edifact.segment.outside_message", "", "", "negative sample"},
    {"edifact/edifact-rs/d96a_orders_malformed.edi", "edifact.segment.outside_message", "", "", "negative sample"},
    {"edifact/edifact-rs/d11a_malformed.edi", "edifact.segment.outside_message", "", "", "negative sample"},
    {"edifact/edifact-rs/d11a_conforming.edi", "translate.schema.missing", "", "", "no D11A schemas are shipped"},
    {"edifact/edifact-rs/d11a_malformed_component.edi", "translate.schema.missing", "", "", "D11A"},
    {"edifact/staedi/orders-with-group.edi", "schema.element.too_long", "", "",
     "D96B ORDERS tagged EANCOM (0057 EAN008B): the D96B table with its code lists open checks it (MEA 6313 "
     "LAY/ULY and SCC 4017 7 are not D96B codes, which an EANCOM message may carry); 0057 EAN008B is 7 long, "
     "an..6"},
    {"edifact/smooks-examples/input-message.txt", "schema.element.too_many_components", "", "",
     "FTX04 holds components in a simple element (and no UNZ): MANIFEST marks it invalid"},
    {"x12/edinet/214-MGCTLYST-SAMPLE.EDI", "schema.segment.unexpected", "", "",
     "004030 214 in the 004010 layout: heading N1 loop (scripts/schemas/README.md, pass 5)"},
    {"x12/edinet/x12.214.edi", "schema.segment.unexpected", "", "", "004030 214: heading N1 loop"},
    {"x12/node-x12/856.edi", "schema.element.too_many_repetitions", "", "",
     "004060: ISA11 '-' is the repetition separator, and REF02/N403 hold '-' (scripts/schemas/README.md)"},
    {"x12/edinet/x12.810.mandatory-conditions.edi", "schema.segment.unrecognized", "", "", "BAL is not an 850 segment"},
    {"x12/edinet/x12.850.issue135.edi", "schema.element.too_many_components", "", "",
     "'~' is the component separator in ISA16 and also ends segments"},
    {"x12/edinet/x12.850a.edi", "schema.element.too_long", "", "", "N402 'State'"},
    {"x12/edinet/x12.Issue101.edi", "schema.segment.unrecognized", "", "", "TFS/FGS segments in an 850"},
    {"x12/edinet/x12.Issue172.edi", "schema.segment.unrecognized", "", "", "made-up AA/BB segments"},
    {"x12/edinet/x12.Issue91.edi", "schema.segment.unrecognized", "", "", "made-up XYZ segments"},
};

const NoGolden* no_golden(const std::string& path) {
  for (const auto& n : kNoGolden)
    if (path == n.file) return &n;
  return nullptr;
}

/// The value at a JSON path ("/lines/0/quantity") of a message, as text; "" when absent.
std::string value_at(const Poco::JSON::Object::Ptr& m, const std::string& path) {
  Poco::Dynamic::Var v = m;
  std::stringstream steps(path.substr(1));
  for (std::string step; std::getline(steps, step, '/');) {
    if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
      auto o = v.extract<Poco::JSON::Object::Ptr>();
      if (!o->has(step)) return "";
      v = o->get(step);
    } else if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
      auto a = v.extract<Poco::JSON::Array::Ptr>();
      auto i = std::stoul(step);
      if (i >= a->size()) return "";
      v = a->get(i);
    } else {
      return "";
    }
  }
  return v.isString() || v.isNumeric() || v.isBoolean() ? v.convert<std::string>() : "(structure)";
}

std::vector<std::string> golden_lines(const std::filesystem::path& file) {
  std::vector<std::string> out;
  std::istringstream in(read_file(file));
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

/// "" when equal; else the message and JSON path where they first differ.
std::string difference(const std::vector<std::string>& got, const std::vector<std::string>& want) {
  for (std::size_t i = 0; i < std::max(got.size(), want.size()); ++i) {
    const std::string where = "message " + std::to_string(i + 1);
    if (i >= got.size()) return where + ": in the golden, not translated";
    if (i >= want.size()) return where + ": translated, not in the golden";
    if (got[i] == want[i]) continue;
    auto a = canonical::parse_message(got[i]);
    auto b = canonical::parse_message(want[i]);
    if (!a || !b) return where + ": not a canonical message: " + (!a ? "output" : "golden");
    if (auto d = translation::first_difference(*a, *b, {})) return where + ": translated vs golden differ at " + *d;
    return where + ": same values, written differently:\n  translated: " + got[i] + "\n  golden:     " + want[i];
  }
  return "";
}

// GPL/LGPL files of the golden types that give no message, with the error that says why.
struct NoMessage {
  const char* file;
  const char* code;
  const char* why;
};
const NoMessage kNoMessage[] = {
    {"edifact/bots/0T0000000004.edi", "translate.format.unknown", "MANIFEST: invalid, starts with '#' filler"},
};

const NoMessage* no_message(const std::string& path) {
  for (const auto& n : kNoMessage)
    if (path == n.file) return &n;
  return nullptr;
}

const std::map<std::string, std::string> kTypeOfSet{{"850", "purchase_order"},
                                                    {"ORDERS", "purchase_order"},
                                                    {"855", "purchase_order_ack"},
                                                    {"ORDRSP", "purchase_order_ack"},
                                                    {"856", "ship_notice"},
                                                    {"DESADV", "ship_notice"},
                                                    {"810", "invoice"},
                                                    {"INVOIC", "invoice"},
                                                    {"214", "tracking_event"},
                                                    {"IFTSTA", "tracking_event"},
                                                    {"997", "functional_ack"},
                                                    {"999", "functional_ack"},
                                                    {"CONTRL", "functional_ack"},
                                                    {"940", "warehouse_order"},
                                                    {"945", "warehouse_advice"}};

bool gs1_check_digit_ok(const std::string& digits) {
  int sum = 0;
  for (std::size_t i = 0; i + 1 < digits.size(); ++i) {
    const int d = digits[digits.size() - 2 - i] - '0';
    sum += (i % 2 == 0) ? d * 3 : d;
  }
  return (10 - sum % 10) % 10 == digits.back() - '0';
}

}  // namespace

TEST_CASE("permissive corpus files translate exactly to their hand-checked goldens", "[corpus][golden]") {
  CorpusRuntime rt;
  std::set<std::filesystem::path> expected_goldens;
  int compared = 0, listed = 0;
  for (const auto& f : corpus_files()) {
    if (!permissive(f) || !golden_type(f) || f.entry.standard == "JSON") continue;
    INFO(f.entry.path);
    auto t = translate_file(rt, f);
    const auto golden = golden_of(f);
    if (std::filesystem::exists(golden)) {
      REQUIRE_FALSE(no_golden(f.entry.path));  // listed as having no golden, yet one is stored
      expected_goldens.insert(golden);
      const auto diff = difference(t.lines, golden_lines(golden));
      if (!diff.empty()) FAIL(f.entry.path << ": " << diff);
      ++compared;
      continue;
    }
    const NoGolden* n = no_golden(f.entry.path);
    if (!n)
      FAIL(f.entry.path << " has no golden and no reason: it gives " << t.messages.size() << " message(s) ["
                        << error_codes(t.errors) << "]; run scripts/regen-corpus-goldens " << f.entry.path
                        << " and check it by hand, or list why not in kNoGolden");
    INFO(n->why);
    ++listed;
    if (*n->code) {
      CHECK(t.messages.empty());
      CHECK_THAT(error_codes(t.errors), Catch::Contains(n->code));
    } else {
      REQUIRE_FALSE(t.messages.empty());
      // Fails once the map is fixed: then check the output by hand and store its golden.
      CHECK(value_at(t.messages.front(), n->path) == n->value);
    }
  }
  for (const auto& e : std::filesystem::recursive_directory_iterator(kCorpusTests / "golden"))
    if (e.path().extension() == ".jsonl") CHECK(expected_goldens.count(e.path()));  // a golden for no eligible file
  CHECK(compared >= 6);
  CHECK(listed == static_cast<int>(std::size(kNoGolden)));
}

TEST_CASE("a stored golden differing from the translation is reported at its first differing JSON path",
          "[corpus][golden]") {
  // The comparison above on a golden with one value changed: the report names the path.
  const std::string a =
      R"({"schema":"edigate.canonical/v1","type":"purchase_order","lines":[{"quantity":"120"},{"quantity":"220"}]})";
  const std::string b =
      R"({"schema":"edigate.canonical/v1","type":"purchase_order","lines":[{"quantity":"120"},{"quantity":"22"}]})";
  CHECK(difference({a}, {a}).empty());
  CHECK_THAT(difference({a}, {b}), Catch::Contains("/lines/1/quantity"));
  CHECK_THAT(difference({a, a}, {a}), Catch::Contains("message 2: translated, not in the golden"));
}

TEST_CASE("GPL/LGPL corpus files of the golden types translate to schema-valid, deterministic messages",
          "[corpus][invariants]") {
  CorpusRuntime rt;
  std::vector<std::string> texts, origins;
  std::size_t files = 0, packs = 0, silent = 0;
  for (const auto& f : corpus_files()) {
    if (permissive(f) || !golden_type(f) || f.entry.standard == "JSON") continue;
    INFO(f.entry.path);
    auto t = translate_file(rt, f);
    if (t.messages.empty()) {
      const auto* known = no_message(f.entry.path);
      if (!known) FAIL(f.entry.path << " gives no message: " << error_codes(t.errors));
      INFO(known->why);
      CHECK_THAT(error_codes(t.errors), Catch::Contains(known->code));
      ++silent;
    }
    if (!t.messages.empty()) ++files;
    // Reprocessing gives the same messages, message_id included.
    CHECK(translate_file(rt, f).lines == t.lines);
    for (std::size_t i = 0; i < t.messages.size(); ++i) {
      const auto& m = t.messages[i];
      auto source = m->getObject("source");
      const std::string set = source->getValue<std::string>("transaction_set");
      INFO("message " << i + 1 << " (" << set << " " << source->optValue<std::string>("transaction_control_number", "")
                      << ")");
      CHECK(m->getValue<std::string>("type") == kTypeOfSet.at(set));
      CHECK(m->getValue<std::string>("partner_id") == "corpus");
      CHECK(source->getValue<std::string>("file") == f.entry.path);
      const std::string type = m->getValue<std::string>("type");
      if (type == "purchase_order") {
        CHECK(value_at(m, "/correlation/po_number") == value_at(m, "/po_number"));
        CHECK(m->getArray("lines")->size() > 0);
      }
      if (type == "ship_notice" && m->has("orders")) {
        // Every SSCC the map lets through is 18 digits with a right GS1 check digit.
        auto orders = m->getArray("orders");
        for (std::size_t o = 0; o < orders->size(); ++o) {
          auto ps = orders->getObject(o)->getArray("packs");
          for (std::size_t p = 0; ps && p < ps->size(); ++p) {
            const std::string sscc = ps->getObject(p)->optValue<std::string>("sscc", "");
            if (sscc.empty()) continue;
            ++packs;
            CHECK(sscc.size() == 18);
            CHECK(gs1_check_digit_ok(sscc));
          }
        }
      }
      texts.push_back(t.lines[i]);
      origins.push_back(f.entry.path + " message " + std::to_string(i + 1));
    }
  }
  auto results = validate_canonical_texts(texts);
  for (std::size_t i = 0; i < results.size(); ++i) {
    INFO(origins[i]);
    if (results[i].rfind("valid ", 0) != 0) CHECK(results[i] == "valid");
  }
  WARN("GPL/LGPL corpus files translated: " << files << ", messages: " << texts.size() << ", SSCCs: " << packs);
  CHECK(files >= 20);
  CHECK(silent == std::size(kNoMessage));
}
