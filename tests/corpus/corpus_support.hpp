#pragma once
// The public corpus (../shared/corpus) through the real translation library: the built format
// plugins and schemas, the repository's maps, and the test partner "corpus" of
// tests/corpus/partners/<standard>/ (every base map of one version, fixed utc-offset).
// scripts/regen-corpus-goldens runs `edigate translate` with the same profiles and the same
// profile rule (profile_for), so the goldens it writes are what translate_file() returns.
#include "corpus.hpp"

#include "canonical/json_io.hpp"
#include "io/peek_input.hpp"
#include "partners/registry.hpp"
#include "translation/inbound.hpp"

#include <edigate/input.hpp>

#include <catch2/catch.hpp>

#include <Poco/SHA2Engine.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace edigate::test {

inline const std::filesystem::path kCorpusTests = EDIGATE_TEST_DATA_DIR;

/// A MANIFEST row with the columns the corpus tests need beyond corpus.hpp's.
struct CorpusFile {
  CorpusEntry entry;
  std::string license;
  std::string sha256;
  std::vector<std::string> sets;  ///< transaction_sets split at ','
  bool has_set(const std::string& s) const { return std::find(sets.begin(), sets.end(), s) != sets.end(); }
};

inline std::vector<CorpusFile> corpus_files() {
  auto dir = corpus_dir_or_skip();
  std::ifstream in(dir / "MANIFEST.tsv");
  std::vector<CorpusFile> out;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
    if (cols.size() < 10) continue;
    CorpusFile f;
    f.entry = {cols[0], cols[6], cols[7], cols[8], cols[9], cols.size() > 10 ? cols[10] : "", dir / cols[0]};
    f.license = cols[4];
    f.sha256 = cols[5];
    std::stringstream sets(cols[8]);
    for (std::string s; std::getline(sets, s, ',');) f.sets.push_back(s);
    out.push_back(std::move(f));
  }
  return out;
}

/// MIT, Apache-2.0, "MIT OR Apache-2.0", "Apache-2.0 OR LGPL-3.0-or-later" (we take Apache):
/// output derived from these may be stored. GPL-2.0 and LGPL-3.0-only files get none.
inline bool permissive(const CorpusFile& f) {
  return f.license.rfind("MIT", 0) == 0 || f.license.rfind("Apache-2.0", 0) == 0;
}

/// The tests/corpus/partners folder for a file (same rule as scripts/regen-corpus-goldens):
/// 005010 files read with the 005010 maps, other X12 (004010, 004010VICS...) with 004010;
/// D01B EDIFACT with D01B, other EDIFACT with D96A. Versions without installed schemas fail
/// with translate.schema.missing whatever the profile.
inline std::string profile_for(const CorpusEntry& e) {
  if (e.standard == "X12") return e.version.rfind("005010", 0) == 0 ? "x12-005010" : "x12-004010";
  return e.version.rfind("D01B", 0) == 0 ? "edifact-d01b" : "edifact-d96a";
}

inline std::string sha256_hex(const std::string& bytes) {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(sha.digest());
}

/// The file's bytes, after checking them against MANIFEST's sha256: goldens and expectations
/// were checked by hand against exactly these bytes.
inline std::string checked_bytes(const CorpusFile& f) {
  std::string bytes = read_file(f.entry.file);
  const std::string digest = sha256_hex(bytes);
  if (digest != f.sha256)
    FAIL("corpus file " << f.entry.path << " changed: sha256 " << digest << ", MANIFEST.tsv says " << f.sha256
                        << "; its golden and expectations no longer apply (check the file by hand, then "
                           "scripts/regen-corpus-goldens)");
  return bytes;
}

/// Format plugins, installed schemas and the maps folder, as the CLI has them.
struct CorpusRuntime {
  plugin_host::PluginHost plugins;
  schema::Registry schemas{{std::filesystem::path(EDIGATE_BUILD_DIR) / "share" / "edigate" / "schemas"}};
  translation::FileCache files{std::filesystem::path(EDIGATE_SOURCE_DIR) / "maps", mapping::MapChecks{true, &schemas}};
  translation::Services services{plugins, &schemas, files};
  std::map<std::string, std::unique_ptr<partners::PartnerRegistry>> registries;

  CorpusRuntime() {
    (void)plugins.load_directory(std::filesystem::path(EDIGATE_BUILD_DIR) / "plugins");
    REQUIRE(plugins.format_for_standard("X12"));
    REQUIRE(plugins.format_for_standard("EDIFACT"));
  }

  std::shared_ptr<const partners::Profile> partner(const std::string& profile_dir) {
    auto& r = registries[profile_dir];
    if (!r) r = std::make_unique<partners::PartnerRegistry>(kCorpusTests / "partners" / profile_dir);
    auto p = r->find("corpus");
    if (!p) {
      for (const auto& e : r->snapshot()->errors) UNSCOPED_INFO(e.to_string());
      FAIL("tests/corpus/partners/" << profile_dir << ": partner 'corpus' did not load");
    }
    return p;
  }
};

struct Translation {
  std::vector<Poco::JSON::Object::Ptr> messages;
  std::vector<std::string> lines;  ///< the messages as JSON Lines (what the CLI prints)
  std::vector<Error> errors;       ///< warnings left out
};

/// Translates `text` named `name` (the corpus path, so source.file is machine-independent).
inline Translation translate_text(CorpusRuntime& rt, const std::shared_ptr<const partners::Profile>& partner,
                                  const std::string& text, const std::string& name) {
  MemoryInput memory(text, name);
  io::PeekInput in(memory);
  translation::InboundOptions options;
  options.file = name;
  options.partner = partner;
  Translation t;
  translation::InboundSink sink;
  sink.on_message = [&](const Poco::JSON::Object::Ptr& m) {
    t.messages.push_back(m);
    auto line = canonical::to_json_line(m);
    REQUIRE(line.ok());
    t.lines.push_back(*line);
  };
  sink.on_issue = [&](const Error& e) {
    if (!e.is_warning()) t.errors.push_back(e);
  };
  // Input that is not EDI at all (a truncated or binary sample) is an error like any other.
  auto summary = translation::translate_inbound(rt.services, in, options, sink);
  if (!summary) t.errors.push_back(summary.error());
  return t;
}

inline Translation translate_file(CorpusRuntime& rt, const CorpusFile& f) {
  return translate_text(rt, rt.partner(profile_for(f.entry)), checked_bytes(f), f.entry.path);
}

inline std::string error_codes(const std::vector<Error>& errors) {
  std::string out;
  for (const auto& e : errors) out += (out.empty() ? "" : ", ") + e.code;
  return out;
}

}  // namespace edigate::test
