#pragma once
// Turns imported messages into the compact library layout the Registry reads: per directory
// one dictionary.xml (every element with its code list, composite and segment, once) and one
// <SET>.xml per message holding only its structure and `dictionary="dictionary.xml"`:
//
//   OUT/<standard lower-case>/<version>[/<variant>]/dictionary.xml
//   OUT/<standard lower-case>/<version>[/<variant>]/<SET>.xml
//
// A variant is a subset of a directory selected by the message's association code (EANCOM
// for UNH 0057 "EAN..."); the Registry looks there first when the release names it.
#include "schema/biztalk_import.hpp"

#include <edigate/result.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace edigate::schema::biztalk {

class LibraryBuilder {
 public:
  /// `variant`: "" for the plain directory, else a folder name such as "EANCOM".
  /// `open_codes`: code lists are written codes="open" (documentation; any value of the
  /// element's format is accepted), for sources whose lists cannot be trusted.
  explicit LibraryBuilder(std::string variant = {}, bool open_codes = false)
      : variant_(std::move(variant)), open_codes_(open_codes) {}

  /// Merges a message's definitions into its directory. A definition that cannot be merged
  /// with the directory's (a position naming a different element) is an Error naming both
  /// files; a repeated message (same set) replaces nothing and is an Error too.
  Result<void> add(Message message);

  /// Writes every directory. `notice` goes into each dictionary's header comment (provenance
  /// and license of the source schemas), `source` names where they came from in each message
  /// file's header. Returns the number of files written.
  Result<std::size_t> write(const std::filesystem::path& out, const std::string& notice) const;

  /// Fills the lengths an XSD left open (max 0: an EANCOM subset's empty code list) from the
  /// full directory's dictionary under `base` (base/<standard>/<version>/dictionary.xml, as
  /// written by an import without a variant; other directories when it lacks the element).
  /// With open code lists, every element also takes the base's length where the base gives
  /// one (a length derived from the longest code would refuse longer valid values). An
  /// element of unknown length found nowhere is an Error.
  Result<void> resolve_lengths(const std::filesystem::path& base);

  /// Gives a subset's segment groups the numbers of the full directory's table of the same
  /// message (base/<standard>/<version>/<SET>.xml): EANCOM leaves groups out but keeps the UN
  /// numbers (its ORDERS has SG1, SG2, SG3, SG5, ...), and maps name groups by number. Groups
  /// are matched in order by trigger segment, level by level; a group the base lacks keeps a
  /// name of its own (<trigger>_EAN<n>) and is noted.
  void align_groups(const std::filesystem::path& base);

  /// What was widened while merging (element ids, positions), one line each.
  const std::vector<std::string>& notes() const { return notes_; }
  std::size_t messages() const;

 private:
  struct Directory {
    std::string standard, version;
    std::vector<ElementDef> elements;
    std::vector<CompositeDef> composites;
    std::vector<SegmentDef> segments;
    std::map<std::string, std::size_t> element_at, composite_at, segment_at;
    std::map<std::string, std::string> composite_from, segment_from;  ///< id -> first file
    std::map<std::string, Message> messages;                          ///< set -> message (definitions moved out)
  };
  std::string variant_;
  bool open_codes_ = false;
  std::map<std::string, Directory> dirs_;  ///< "STANDARD/version"
  std::vector<std::string> notes_;
};

}  // namespace edigate::schema::biztalk
