// Every schema file the plugins ship must load (XSD, references) and sit at the path its
// content declares: plugins/<standard>/schemas/<version>[/<variant>]/<set>.xml (dictionary.xml
// files are read through the messages that name them).
#include "schema/dictionary.hpp"
#include "schema_test_support.hpp"

#include <filesystem>
#include <map>

namespace fs = std::filesystem;

TEST_CASE("every shipped schema file loads and matches its path", "[schema][shipped]") {
  fs::path plugins = fs::path(EDIGATE_SOURCE_DIR) / "plugins";
  std::size_t count = 0;
  std::string broken;
  std::error_code ec;
  // One dictionary per directory, as the Registry keeps them (loading it per message would
  // make this test check the same file thousands of times).
  std::map<fs::path, std::shared_ptr<const edigate::schema::Dictionary>> dictionaries;
  edigate::schema::DictionaryLookup lookup =
      [&](const fs::path& f) -> edigate::Result<std::shared_ptr<const edigate::schema::Dictionary>> {
    if (auto it = dictionaries.find(f); it != dictionaries.end()) return it->second;
    EDIGATE_TRY(auto d, edigate::schema::Dictionary::load(f));
    dictionaries.emplace(f, d);
    return d;
  };
  for (auto it = fs::recursive_directory_iterator(plugins, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() != ".xml" || !it->is_regular_file()) continue;
    fs::path rel = p.lexically_relative(plugins);
    auto part = rel.begin();
    std::string standard = (part++)->string();
    if (part == rel.end() || *part != "schemas" || p.filename() == "dictionary.xml") continue;
    ++count;
    auto r = edigate::schema::load_schema(p, lookup);
    INFO(p.string());
    if (!r) {
      broken += r.error().to_string() + "\n";
      continue;
    }
    const auto& info = edigate::schema::info(**r);
    fs::path version_dir = p.parent_path().filename() == "EANCOM" ? p.parent_path().parent_path() : p.parent_path();
    CHECK(info.version == version_dir.filename().string());
    CHECK(info.set == p.stem().string());
    std::string lower = info.standard;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(lower == standard);
  }
  REQUIRE_FALSE(ec);
  INFO(broken);
  CHECK(broken.empty());
  WARN("shipped schema files checked: " << count);
}
