// The corrections file of `edigate schemas import biztalk --corrections` (biztalk_import.hpp).
#include "schema/biztalk_import.hpp"

#include <charconv>
#include <fstream>

namespace edigate::schema::biztalk {

std::optional<std::uint32_t> parse_occurs(std::string_view v) {
  if (v == "unbounded") return kUnboundedOccurs;
  std::uint32_t n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || ptr != v.data() + v.size()) return std::nullopt;
  return n;
}

Result<std::vector<Correction>> read_corrections(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  Error e("schema.import.corrections", "cannot read");
  e.position.file = file.string();
  if (!in) return e;
  std::vector<Correction> out;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
      cols.push_back(line.substr(start, tab - start));
    cols.push_back(line.substr(start));
    e.position.line = static_cast<std::uint32_t>(n);
    if (cols.size() != 4 || cols[0].empty() || cols[1].empty() || cols[3].empty()) {
      e.message = "expected four tab-separated columns: file, element, action, source";
      return e;
    }
    const std::string& a = cols[2];
    bool ok = a == "unwrap" || ((a.rfind("min=", 0) == 0 || a.rfind("max=", 0) == 0) && parse_occurs(a.substr(4)));
    if (!ok) {
      e.message = "action \"" + a + "\" is not min=N, max=N or unwrap";
      return e;
    }
    out.push_back({cols[0], cols[1], cols[2], cols[3], n});
  }
  return out;
}

}  // namespace edigate::schema::biztalk
