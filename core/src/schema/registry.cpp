// Finding schema files by convention, with a cache shared by all threads.
#include "schema/registry.hpp"

#include "config/safe_xml.hpp"

#include "schema/compiled_schema.hpp"
#include "schema/dictionary.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

namespace edigate::schema {
namespace {

// The longest of EANCOM's own (temporary) codes: digits and an E, or YA2-style (EANCOM Part III).
constexpr std::uint32_t kEancomCodeLength = 3;

// Version and set come from the input (GS08, ST01, UNH): only plain tokens become paths, so
// "../" or "/etc" can never select a file outside the schema directories.
bool safe_token(std::string_view s) {
  if (s.empty() || s.size() > 35 || s.front() == '.') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Untrusted versions would otherwise grow the negative cache without bound.
constexpr std::size_t kMaxCacheEntries = 4096;
constexpr std::string_view kDictionaryFile = "dictionary.xml";

// The root start tag of a schema file (config::read_root_tag reads only that far).
bool read_root(const std::filesystem::path& file, ListedSchema& out) {
  auto root = config::read_root_tag(file, "schema.file.invalid");
  if (!root || root->name != "schema") return false;
  out.standard = root->get("standard");
  out.version = root->get("version");
  out.set = root->get("set");
  out.name = root->get("name");
  out.file = file.string();
  return !out.standard.empty() && !out.version.empty() && !out.set.empty();
}

std::vector<std::filesystem::path> xml_files(const std::filesystem::path& dir, std::vector<Error>& out) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return files;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".xml" && it->path().filename() != kDictionaryFile)
      files.push_back(it->path());
  }
  if (ec) {
    Error e("schema.file.unreadable", "cannot list: " + ec.message());
    e.position.file = dir.string();
    out.push_back(std::move(e));
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

std::string variant_of_release(std::string_view standard, std::string_view release) {
  if (upper(standard) != "EDIFACT") return {};
  // D:96A:UN:EAN008: the association assigned code is the fourth component.
  std::size_t colons = 0, at = 0;
  for (; at < release.size() && colons < 3; ++at)
    if (release[at] == ':') ++colons;
  if (colons == 3 && release.substr(at, 3) == "EAN") return "EANCOM";
  return {};
}

Registry::Registry(std::vector<std::filesystem::path> dirs) : dirs_(std::move(dirs)) {
  dictionary_lookup_ = [this](const std::filesystem::path& file) -> Result<std::shared_ptr<const Dictionary>> {
    std::lock_guard<std::mutex> lock(dict_mutex_);
    if (auto it = dictionaries_.find(file); it != dictionaries_.end()) return it->second;
    EDIGATE_TRY(auto d, Dictionary::load(file));
    dictionaries_.emplace(file, d);
    return d;
  };
}

Result<std::shared_ptr<const CompiledSchema>> Registry::load_checked(const std::filesystem::path& file,
                                                                     std::string_view standard,
                                                                     std::string_view version, std::string_view set) {
  EDIGATE_TRY(auto schema, load_schema(file, dictionary_lookup_));
  const SchemaInfo& si = schema->info;
  if (upper(si.standard) != upper(standard) || si.version != version || si.set != set) {
    Error e("schema.file.invalid", "file declares " + si.standard + " " + si.version + " " + si.set +
                                       " but its path says " + std::string(standard) + " " + std::string(version) +
                                       " " + std::string(set));
    e.position.file = file.string();
    e.position.line = 1;
    return e;
  }
  return schema;
}

Result<std::shared_ptr<const CompiledSchema>> Registry::find(std::string_view standard, std::string_view version,
                                                             std::string_view set, std::string_view release) {
  std::string variant = variant_of_release(standard, release);
  if (variant.empty()) return lookup(standard, version, set, {std::string()}, false);
  // A subset message (EANCOM) is checked against the directory's own table when it has the
  // message, with its code lists open, and against the variant's table only for a message the
  // directory lacks (EANCOM took twenty from later directories). An EANCOM message is a subset
  // of its UN message, so the UN structure accepts every edition of it, while the variant tables
  // are one edition each; and EANCOM's code sets add temporary codes of their own to the
  // directory's (4233 33E), so the UN lists cannot be closed for it (scripts/schemas/README.md,
  // "EANCOM precedence").
  EDIGATE_TRY(auto own, lookup(standard, version, set, {std::string()}, true));
  if (own) return own;
  return lookup(standard, version, set, {variant}, false);
}

Result<std::shared_ptr<const CompiledSchema>> Registry::find_variant(std::string_view standard,
                                                                     std::string_view version, std::string_view set,
                                                                     std::string_view variant) {
  if (!variant.empty() && !safe_token(variant)) return std::shared_ptr<const CompiledSchema>();
  return lookup(standard, version, set, {std::string(variant)}, false);
}

Result<std::shared_ptr<const CompiledSchema>> Registry::lookup(std::string_view standard, std::string_view version,
                                                               std::string_view set,
                                                               const std::vector<std::string>& variants,
                                                               bool open_codes) {
  try {
    std::string std_upper = upper(standard);
    std::string key = std_upper + '/' + std::string(version) + '/' + std::string(set);
    for (const auto& v : variants) key += '|' + v;
    if (open_codes) key += "|open";
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    if (auto it = failed_.find(key); it != failed_.end()) return it->second;

    std::shared_ptr<const CompiledSchema> found;
    if (safe_token(standard) && safe_token(version) && safe_token(set)) {
      std::vector<std::string> versions{std::string(version)};
      if (std_upper == "X12" && version.size() > 6) versions.emplace_back(version.substr(0, 6));
      for (const auto& v : versions) {
        for (const auto& var : variants) {
          for (const auto& dir : dirs_) {
            std::filesystem::path file = dir / lower(standard) / v;
            if (!var.empty()) file /= var;
            file /= std::string(set) + ".xml";
            std::error_code ec;
            if (!std::filesystem::is_regular_file(file, ec)) continue;
            auto loaded = load_checked(file, standard, v, set);
            if (!loaded) {
              if (failed_.size() < kMaxCacheEntries) failed_.emplace(key, loaded.error());
              return std::move(loaded).error();
            }
            found = std::move(loaded).value();
            if (open_codes) {  // a copy: the table as loaded stays cached for other lookups
              auto open = std::make_shared<CompiledSchema>(*found);
              // A generated coded element's length is its longest listed code's (the archive
              // gives none); EANCOM's temporary codes (10E, 33E, 73E) take up to three.
              for (ElementDef& e : open->elements) {
                e.closed_codes = false;
                if (e.codes_end > e.codes_begin && e.max < kEancomCodeLength) e.max = kEancomCodeLength;
              }
              found = std::move(open);
            }
            break;
          }
          if (found) break;
        }
        if (found) break;
      }
    }
    if (found || cache_.size() < kMaxCacheEntries) cache_[key] = found;
    return found;
  } catch (const std::exception& ex) {
    return Error("schema.registry", std::string("schema lookup failed: ") + ex.what());
  }
}

std::vector<Error> Registry::check_all(std::vector<SchemaInfo>* loaded) {
  std::vector<Error> out;
  for (const auto& dir : dirs_) {
    std::filesystem::path folder;
    for (const auto& f : xml_files(dir, out)) {
      if (f.parent_path() != folder) {
        // Files come sorted, so a folder's dictionary is not needed again once past it.
        folder = f.parent_path();
        std::lock_guard<std::mutex> lock(dict_mutex_);
        dictionaries_.clear();
      }
      // The convention is <dir>/<standard>/<version>[/<variant>]/<set>.xml: check the file says the same.
      auto rel = f.lexically_relative(dir);
      std::vector<std::string> parts;
      for (const auto& p : rel) parts.push_back(p.string());
      Result<std::shared_ptr<const CompiledSchema>> r = parts.size() == 3 || parts.size() == 4
                                                            ? load_checked(f, parts[0], parts[1], f.stem().string())
                                                            : load_schema(f, dictionary_lookup_);
      if (!r) {
        out.push_back(std::move(r).error());
        continue;
      }
      if (loaded) loaded->push_back((*r)->info);
    }
  }
  std::lock_guard<std::mutex> lock(dict_mutex_);
  dictionaries_.clear();
  return out;
}

std::vector<Error> Registry::list(std::vector<ListedSchema>& listed) const {
  std::vector<Error> out;
  std::set<std::string> seen;
  for (const auto& dir : dirs_) {
    for (const auto& f : xml_files(dir, out)) {
      auto rel = f.lexically_relative(dir);
      if (!seen.insert(rel.string()).second) continue;
      ListedSchema s;
      if (!read_root(f, s)) {
        Error e("schema.file.invalid", "cannot read the <schema> start tag (standard, version, set)");
        e.position.file = f.string();
        e.position.line = 1;
        out.push_back(std::move(e));
        continue;
      }
      std::vector<std::string> parts;
      for (const auto& p : rel) parts.push_back(p.string());
      if (parts.size() == 4) s.variant = parts[2];
      listed.push_back(std::move(s));
    }
  }
  std::sort(listed.begin(), listed.end(), [](const ListedSchema& a, const ListedSchema& b) {
    return std::tie(a.standard, a.version, a.variant, a.set) < std::tie(b.standard, b.version, b.variant, b.set);
  });
  return out;
}

}  // namespace edigate::schema
