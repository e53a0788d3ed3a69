#pragma once
// Helpers for the X12 base map tests: loading base maps and shipped schemas by version/set,
// translating fixture files, rendering back to EDI text, and checking canonical messages
// against docs/canonical with tests/core/canonical/validate_canonical.py.
#include "canonical_validator.hpp"
#include "mapping_fixture.hpp"

#include "canonical/envelope.hpp"
#include "canonical/json_io.hpp"

#include <Poco/JSON/Array.h>

#include <sys/wait.h>
#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <map>

namespace edigate::test {

inline const Delimiters kFixtureX12{'*', '>', 0, 0, '.', "~", "\n", ""};

inline std::string src(const std::string& rel) { return std::string(EDIGATE_SOURCE_DIR) + "/" + rel; }

inline std::string fixture_path(const std::string& name) { return src("tests/core/mapping/fixtures/x12/" + name); }

inline mapping::MapPtr base_map(const std::string& version, const std::string& set, const std::string& direction) {
  auto m = mapping::load_map(src("maps/base/x12/" + version + "/" + set + "." + direction + ".xml"), src("maps"));
  if (!m) FAIL(m.error().to_string());
  return m.value();
}

inline std::shared_ptr<const schema::CompiledSchema> x12_schema(const std::string& version, const std::string& set) {
  return load_test_schema("plugins/x12/schemas/" + version + "/" + set + ".xml");
}

inline std::string json_line(const Poco::JSON::Object::Ptr& o) {
  auto line = canonical::to_json_line(o);
  REQUIRE(line.ok());
  return line.value();
}

/// The body with an envelope in front: what the schemas in docs/canonical describe.
inline Poco::JSON::Object::Ptr with_envelope(const std::string& type, const std::string& set,
                                             const std::string& version, const std::string& control,
                                             const Poco::JSON::Object::Ptr& body,
                                             const canonical::Correlation& correlation) {
  canonical::Source source;
  source.standard = "x12";
  source.version = version;
  source.transaction_set = set;
  source.transaction_control_number = control;
  auto msg = canonical::make_envelope(type, "test-partner", canonical::Direction::inbound, source, correlation);
  for (const auto& [k, v] : *body) msg->set(k, v);
  return msg;
}

/// Validates each message against its canonical JSON Schema (in process). Returns one
/// line per message: "valid FILE" or "invalid FILE: path: why".
inline std::vector<std::string> validate_messages(const std::vector<Poco::JSON::Object::Ptr>& messages) {
  std::vector<std::string> texts;
  for (const auto& m : messages) texts.push_back(json_line(m));
  return validate_canonical_texts(texts);
}

/// Rendered segments as EDI text with the fixture delimiters (ST..SE only; the envelopes are
/// the format plugin's job and not under test here).
inline std::string to_edi(const TransactionData& t) { return print(t, '*', '>'); }

}  // namespace edigate::test
