// `edigate schemas show`: one message's structure or one segment's elements, and, when the
// lookup fails, which part of STANDARD VERSION SET [SEGMENT] is unknown and what is installed
// instead (an analyst types these from a partner's spec sheet, often in lower case).
#include "cli/schemas_show.hpp"

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "schema/describe.hpp"

#include <algorithm>
#include <ostream>
#include <set>

namespace edigate::cli {
namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string joined(const std::vector<std::string>& words, std::size_t limit) {
  std::string text;
  for (std::size_t i = 0; i < words.size() && i < limit; ++i) text += (i ? " " : "") + words[i];
  if (words.size() > limit) text += " ... (" + std::to_string(words.size()) + ")";
  return text;
}

// The first of STANDARD, VERSION, SET that names nothing installed, said with what is there.
std::string why_not_found(const schema::Registry& registry, const std::string& standard, const std::string& version,
                          const std::string& set, const std::string& variant) {
  std::vector<schema::ListedSchema> listed;
  (void)registry.list(listed);  // broken files are `schemas check`'s business; here only names count
  std::set<std::string> standards, versions, sets, variant_sets;
  for (const auto& s : listed) {
    standards.insert(s.standard);
    if (upper(s.standard) != standard) continue;
    versions.insert(s.version);
    if (s.version != version) continue;
    (s.variant.empty() ? sets : variant_sets).insert(s.set);
    if (!variant.empty() && s.variant == variant) sets.insert(s.set);
  }
  const std::vector<std::string> std_list(standards.begin(), standards.end());
  if (!standards.count(standard)) return "no standard " + standard + " (expected one of: " + joined(std_list, 10) + ")";
  const std::vector<std::string> ver_list(versions.begin(), versions.end());
  if (!versions.count(version)) {
    std::string hint = did_you_mean(version, ver_list);
    // X12 versions are six digits: "4010" is 004010.
    if (hint.empty() && !version.empty() && version.size() < 6 &&
        version.find_first_not_of("0123456789") == std::string::npos) {
      std::string padded = std::string(6 - version.size(), '0') + version;
      if (versions.count(padded)) hint = "; did you mean '" + padded + "'?";
    }
    return standard + " has no version " + version + hint + " (expected one of: " + joined(ver_list, 40) + ")";
  }
  if (!variant.empty()) {
    std::vector<std::string> in_variant;
    for (const auto& s : listed)
      if (upper(s.standard) == standard && s.version == version && s.variant == variant) in_variant.push_back(s.set);
    if (in_variant.empty()) return standard + " " + version + " has no " + variant + " subset";
    return "the " + variant + " subset of " + standard + " " + version + " has no " + set +
           did_you_mean(set, in_variant) + " (edigate schemas list --version " + version + ")";
  }
  const std::vector<std::string> set_list(sets.begin(), sets.end());
  if (variant_sets.count(set))
    return standard + " " + version + " has " + set + " only in its EANCOM subset: expected --variant EANCOM";
  return standard + " " + version + " has no " + (standard == "X12" ? "transaction set " : "message ") + set +
         did_you_mean(set, set_list) + " (its " + std::to_string(set_list.size()) +
         (standard == "X12" ? " sets" : " messages") + ": edigate schemas list --version " + version + ")";
}

}  // namespace

int run_schemas_show(const Args& args, const std::vector<std::filesystem::path>& dirs, std::ostream& out,
                     std::ostream& err) {
  const std::size_t n = args.positional.size();
  if (n < 4 || n > 5) {
    err << "edigate schemas show: expected STANDARD VERSION SET [SEGMENT], e.g. 'edifact D96A ORDERS NAD', got "
        << (n - 1) << " argument(s)\n";
    return kExitUsage;
  }
  std::string variant;
  if (!args.get("variant").empty()) {
    if (upper(args.get("variant")) != "EANCOM") {
      err << "edigate schemas show: unknown --variant " << args.get("variant") << " (expected EANCOM)\n";
      return kExitUsage;
    }
    variant = "EANCOM";
  }
  // Standard ids, EDIFACT directories and message types, X12 versions and segment tags are all
  // upper case in the standards; what people type from a spec sheet often is not.
  const std::string standard = upper(args.positional[1]), version = upper(args.positional[2]),
                    set = upper(args.positional[3]);
  schema::Registry registry(dirs);
  auto found = registry.find_variant(standard, version, set, variant);
  if (!found) {
    err << found.error().to_string() << "\n";
    return kExitInvalid;
  }
  if (!*found) {
    err << "edigate schemas show: " << why_not_found(registry, standard, version, set, variant) << "\n";
    return kExitInvalid;
  }
  const schema::CompiledSchema& s = **found;
  if (n == 5) {
    const std::string tag = upper(args.positional[4]);
    if (schema::print_segment(s, tag, variant, out)) return kExitOk;
    std::string trigger = schema::group_trigger(s, tag);
    if (!trigger.empty()) {
      err << "edigate schemas show: " << tag << " is a segment group of " << set << " (its first segment is " << trigger
          << "); expected a segment tag, e.g. " << trigger << "\n";
      return kExitInvalid;
    }
    const auto tags = schema::segment_tags(s);
    err << "edigate schemas show: " << standard << " " << version << " " << set << " has no segment " << tag
        << did_you_mean(tag, tags) << "; expected one of: " << joined(tags, 200) << "\n";
    return kExitInvalid;
  }
  schema::print_structure(s, variant, out);
  return kExitOk;
}

}  // namespace edigate::cli
