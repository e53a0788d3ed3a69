#include "partners/profile.hpp"

#include <iterator>

namespace edigate::partners {

FunctionalAck AckPolicy::resolved(const Standard& standard) const {
  if (functional != FunctionalAck::automatic) return functional;
  // 999 (implementation acknowledgment) arrived with 005010; older partners expect 997.
  return standard.family == Family::x12 && standard.version >= "005010" ? FunctionalAck::x999 : FunctionalAck::x997;
}

ReaderOptions Profile::reader_options() const {
  ReaderOptions o;
  o.tolerance = tolerance;
  return o;
}

const DocumentType* Profile::document(const std::string& type, Direction direction) const {
  for (const auto& d : documents)
    if (d.type == type && d.direction == direction) return &d;
  return nullptr;
}

namespace {

/// Whether `path` lies inside `root`, both already canonical (symlinks resolved).
bool within(const std::filesystem::path& path, const std::filesystem::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty() && std::next(r) == root.end()) break;  // trailing separator
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

}  // namespace

std::string reference_problem(const std::string& reference) {
  std::filesystem::path ref(reference);
  if (ref.empty()) return "an empty path";
  if (ref.is_absolute() || ref.has_root_name()) return "an absolute path";
  for (const auto& part : ref)
    if (part == "..") return "a path through '..'";
  return {};
}

Result<std::filesystem::path> Profile::resolve(const std::string& reference,
                                               const std::filesystem::path& maps_dir) const {
  auto refuse = [&](std::string why) {
    Error e("partner.reference.outside", "map/schema reference '" + reference + "' is " + why +
                                             ": references stay inside the partner's folder or the maps folder");
    e.position.file = file.string();
    e.expected = "a path relative to " + folder.string() + " or " + maps_dir.string();
    e.found = reference;
    return e;
  };
  if (auto why = reference_problem(reference); !why.empty()) return refuse(why);
  std::error_code ec;
  auto local = folder / reference;
  auto chosen = std::filesystem::exists(local, ec) ? local : maps_dir / reference;
  // Symlinks may still point anywhere (/etc/passwd, /proc/self/environ): judge the real target.
  auto real = std::filesystem::weakly_canonical(chosen, ec);
  if (ec) return chosen;  // cannot resolve: opening it will report the problem
  for (const auto& root : {folder, maps_dir}) {
    std::error_code rec;
    auto real_root = std::filesystem::weakly_canonical(root, rec);
    if (!rec && !root.empty() && within(real, real_root)) return chosen;
  }
  return refuse("a link to " + real.string());
}

const char* to_string(Direction d) { return d == Direction::inbound ? "inbound" : "outbound"; }

const char* to_string(FunctionalAck a) {
  switch (a) {
    case FunctionalAck::automatic:
      return "auto";
    case FunctionalAck::x997:
      return "997";
    case FunctionalAck::x999:
      return "999";
    case FunctionalAck::none:
      return "none";
  }
  return "auto";
}

const char* to_string(Ta1Policy p) {
  switch (p) {
    case Ta1Policy::never:
      return "never";
    case Ta1Policy::on_error:
      return "on_error";
    case Ta1Policy::requested:
      return "requested";
    case Ta1Policy::always:
      return "always";
  }
  return "on_error";
}

std::vector<Party> Identities::parties() const {
  std::vector<Party> out;
  for (const auto& x : x12) out.push_back({"X12", x.isa_qualifier, x.isa_id, "", x.gs_id});
  for (const auto& e : edifact) out.push_back({"EDIFACT", e.unb_qualifier, e.unb_id, e.ung_qualifier, e.ung_id});
  out.insert(out.end(), other.begin(), other.end());
  return out;
}

bool Identities::claims(std::string_view standard, std::string_view qualifier, std::string_view id) const {
  for (const auto& p : parties())
    if (p.standard == standard && p.id == id && (p.qualifier.empty() || p.qualifier == qualifier)) return true;
  return false;
}

bool Identities::has_standard(std::string_view standard) const {
  for (const auto& p : parties())
    if (p.standard == standard) return true;
  return false;
}

}  // namespace edigate::partners
