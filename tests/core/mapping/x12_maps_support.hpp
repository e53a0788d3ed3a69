#pragma once
// Helpers for the X12 base map tests: loading base maps and shipped schemas by version/set,
// translating fixture files, rendering back to EDI text, and checking canonical messages
// against docs/canonical with tests/core/canonical/validate_canonical.py.
#include "mapping_fixture.hpp"

#include "canonical/envelope.hpp"
#include "canonical/json_io.hpp"

#include <Poco/JSON/Array.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

namespace edigate::test {

inline const Delimiters kFixtureX12{'*', '>', 0, 0, '.', "~", "\n"};

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

inline std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Writes each message to a temp file and validates them all in one python3 run. Returns one
/// line per message: "valid FILE" or "invalid FILE: path: why".
inline std::vector<std::string> validate_messages(const std::vector<Poco::JSON::Object::Ptr>& messages) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("edigate-x12maps-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string command = "python3 " + shell_quoted(src("tests/core/canonical/validate_canonical.py")) + " " +
                        shell_quoted(src("docs/canonical"));
  for (std::size_t i = 0; i < messages.size(); ++i) {
    fs::path f = dir / ("m" + std::to_string(i) + ".json");
    std::ofstream(f) << json_line(messages[i]);
    command += " " + shell_quoted(f.string());
  }
  command += " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = pclose(pipe);
  fs::remove_all(dir);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 3) FAIL("python3-jsonschema is not installed (scripts/bootstrap)\n" << output);
  INFO(output);
  REQUIRE(code == 0);
  std::vector<std::string> lines;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  REQUIRE(lines.size() == messages.size());
  return lines;
}

/// Rendered segments as EDI text with the fixture delimiters (ST..SE only; the envelopes are
/// the format plugin's job and not under test here).
inline std::string to_edi(const TransactionData& t) { return print(t, '*', '>'); }

}  // namespace edigate::test
