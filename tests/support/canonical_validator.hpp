#pragma once
// Canonical messages checked against the published JSON Schemas (docs/canonical, compiled into
// edigate) with the validator `edigate canonical validate` uses (valijson, through
// canonical/json_schemas.hpp), in process.
#include "canonical/json_schemas.hpp"

#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace edigate::test {

/// "valid" or "invalid: /json/pointer: why; ..." for one message given as JSON text.
inline std::string canonical_verdict(const std::string& text) {
  Poco::Dynamic::Var message;
  try {
    Poco::JSON::Parser parser;
    message = parser.parse(text);
  } catch (const std::exception& ex) {
    return std::string("invalid: not JSON: ") + ex.what();
  }
  auto problems = canonical::JsonSchemas::embedded().validate(message);
  if (problems.empty()) return "valid";
  std::string out = "invalid";
  for (std::size_t i = 0; i < problems.size(); ++i)
    out += (i ? "; " : ": ") + (problems[i].path.empty() ? std::string("(message)") : problems[i].path) + ": " +
           problems[i].message;
  return out;
}

/// Validates files holding one message each; returns path -> "valid PATH" / "invalid PATH: why".
inline std::map<std::string, std::string> validate_canonical_files(const std::vector<std::filesystem::path>& files) {
  std::map<std::string, std::string> results;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream text;
    text << in.rdbuf();
    std::string verdict = canonical_verdict(text.str());
    results[f.string()] = verdict == "valid" ? "valid " + f.string()
                                             : "invalid " + f.string() + verdict.substr(std::string("invalid").size());
  }
  return results;
}

/// Validates messages given as JSON text, in order; one "valid ..." / "invalid ...: why" each.
inline std::vector<std::string> validate_canonical_texts(const std::vector<std::string>& messages) {
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    std::string verdict = canonical_verdict(messages[i]);
    std::string name = "message " + std::to_string(i);
    lines.push_back(verdict == "valid" ? "valid " + name : "invalid " + name + verdict.substr(7));
  }
  return lines;
}

}  // namespace edigate::test
