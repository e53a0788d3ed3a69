#pragma once
// Transaction-set schemas: XML data files (core/schemas/transaction-set.xsd), validated with
// libxml2 when loaded, compiled once into a compact form the validator walks.
// Files are found by convention: <dir>/<standard lower-case>/<version>/<set>.xml, e.g.
// share/edigate/schemas/x12/004010/850.xml, so users add schemas by dropping files in.
#include <edigate/delimiters.hpp>
#include <edigate/error.hpp>
#include <edigate/result.hpp>
#include <edigate/segment.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::schema {

class CompiledSchema;  // defined in compiled_schema.hpp
class Dictionary;      // defined in dictionary.hpp
using DictionaryLookup = std::function<Result<std::shared_ptr<const Dictionary>>(const std::filesystem::path&)>;

struct SchemaInfo {
  std::string standard;  ///< "X12" / "EDIFACT"
  std::string version;   ///< "004010", "D96A"
  std::string set;       ///< "850", "ORDERS"
  std::string name;      ///< "Purchase Order"
  std::string file;
  std::string dictionary;  ///< the dictionary.xml it was compiled with; empty: self-contained (hand-checked)
};

/// Loads and compiles one schema file. Errors carry file:line:col (XSD violations, unknown
/// references, duplicate ids). A file naming a dictionary (the generated library) reads it
/// through `dictionaries`; the one-argument form loads it for this schema only.
Result<std::shared_ptr<const CompiledSchema>> load_schema(const std::filesystem::path& file);
Result<std::shared_ptr<const CompiledSchema>> load_schema(const std::filesystem::path& file,
                                                          const DictionaryLookup& dictionaries);
/// Same, from memory (tests, fuzzing). `name` is used in error positions.
Result<std::shared_ptr<const CompiledSchema>> load_schema_from_memory(std::string_view xml, const std::string& name);

const SchemaInfo& info(const CompiledSchema& schema);

/// A schema file as `Registry::list` sees it: its root's attributes, without loading it.
struct ListedSchema {
  std::string standard, version, variant, set, name, file;
};

/// The variant folder a transaction's full release selects, or "" for the plain directory:
/// EDIFACT UNH S009 0057 starting with "EAN" (D:96A:UN:EAN008) selects "EANCOM".
std::string variant_of_release(std::string_view standard, std::string_view release);

/// Finds schemas by standard/version/set in a list of directories, loading each at most once.
/// Thread-safe.
class Registry {
 public:
  explicit Registry(std::vector<std::filesystem::path> dirs);

  /// The schema for a transaction, or nullptr when no file exists for it. X12 versions fall
  /// back from the full GS08 value to its first six characters ("004010VICS" -> "004010").
  /// A file that exists but is broken is an Error. `release` (TransactionInfo::release, the
  /// version as sent) names a variant (variant_of_release): the directory's own table is used
  /// when it exists, with its code lists open (EANCOM adds codes of its own), else the variant
  /// folder's (edifact/D96A/EANCOM/CNTCND.xml for an EAN-tagged D96A CNTCND, a message the
  /// D96A directory lacks).
  Result<std::shared_ptr<const CompiledSchema>> find(std::string_view standard, std::string_view version,
                                                     std::string_view set, std::string_view release = {});
  /// The table of exactly that variant folder ("" the directory's own, "EANCOM"), without
  /// falling back to another: what `schemas show --variant` prints. nullptr when there is none.
  Result<std::shared_ptr<const CompiledSchema>> find_variant(std::string_view standard, std::string_view version,
                                                             std::string_view set, std::string_view variant);

  /// Every schema file under the directories (dictionary.xml files excepted), sorted by
  /// standard, version, variant, set; the first directory wins for a repeated path. Reads only
  /// each file's first bytes (the root start tag), so it stays fast with thousands of files;
  /// one Error per file whose root cannot be read.
  std::vector<Error> list(std::vector<ListedSchema>& out) const;

  /// Loads every *.xml under the directories; one Error per broken file.
  std::vector<Error> check_all(std::vector<SchemaInfo>* loaded = nullptr);

  const std::vector<std::filesystem::path>& dirs() const { return dirs_; }

 private:
  /// The first of `variants` (folder names, "" the directory's own) that has the set;
  /// `open_codes`: a copy whose code lists are documentation only.
  Result<std::shared_ptr<const CompiledSchema>> lookup(std::string_view standard, std::string_view version,
                                                       std::string_view set, const std::vector<std::string>& variants,
                                                       bool open_codes);
  std::vector<std::filesystem::path> dirs_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const CompiledSchema>>
      cache_;                            // key: STANDARD/version/set|variant...; nullptr = absent
  std::map<std::string, Error> failed_;  // same key: the file exists but is broken
  // dictionary.xml files by path, parsed once and shared by the messages of their directory.
  std::map<std::filesystem::path, std::shared_ptr<const Dictionary>> dictionaries_;
  DictionaryLookup dictionary_lookup_;
  std::mutex dict_mutex_;  // separate from mutex_: check_all loads without holding mutex_

  /// load_schema plus a check that the file declares the standard/version/set its path says.
  Result<std::shared_ptr<const CompiledSchema>> load_checked(const std::filesystem::path& file,
                                                             std::string_view standard, std::string_view version,
                                                             std::string_view set);
};

/// Validates one transaction set / message, header..trailer inclusive, against its schema:
/// segment order, loops, usage, repeats, element types, lengths, codes, dates, times and
/// syntax rules. Appends errors (with file, offset, segment index and tag, element,
/// component) to `out`; codes are those of <edigate/codes.hpp>.
void validate(const CompiledSchema& schema, std::span<const Segment> segments, const Delimiters& delimiters,
              const std::string& file, std::vector<Error>& out);

}  // namespace edigate::schema
