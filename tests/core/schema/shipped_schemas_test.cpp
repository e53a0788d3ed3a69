// Every schema file the plugins ship must load (XSD, references) and sit at the path its
// content declares: plugins/<standard>/schemas/<version>/<set>.xml.
#include "schema_test_support.hpp"

#include <filesystem>

namespace fs = std::filesystem;

TEST_CASE("every shipped schema file loads and matches its path", "[schema][shipped]") {
  fs::path plugins = fs::path(EDIGATE_SOURCE_DIR) / "plugins";
  std::size_t count = 0;
  std::string broken;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(plugins, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() != ".xml" || !it->is_regular_file()) continue;
    fs::path rel = p.lexically_relative(plugins);
    auto part = rel.begin();
    std::string standard = (part++)->string();
    if (part == rel.end() || *part != "schemas") continue;
    ++count;
    auto r = edigate::schema::load_schema(p);
    INFO(p.string());
    if (!r) {
      broken += r.error().to_string() + "\n";
      continue;
    }
    const auto& info = edigate::schema::info(**r);
    CHECK(info.version == p.parent_path().filename().string());
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
