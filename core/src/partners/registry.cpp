#include "partners/registry.hpp"

#include "partners/profile_loader.hpp"

#include <algorithm>
#include <set>

namespace edigate::partners {
namespace {

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

/// "X12|ZZ|ACME": standard, qualifier, id. A party declared without a qualifier has an empty
/// middle part and matches any qualifier (find_party looks for the exact key first).
std::string party_key(std::string_view standard, std::string_view qualifier, std::string_view id) {
  return std::string(standard) + "|" + std::string(trim_right(qualifier)) + "|" + std::string(trim_right(id));
}

Error file_error(const std::filesystem::path& file, std::string code, std::string message) {
  Error e(std::move(code), std::move(message));
  e.position.file = file.string();
  return e;
}

/// Describes a key for people: "X12 identity ZZ/ACME", "AS2 identity ACME-AS2".
std::string describe_key(const std::string& key) {
  auto first = key.find('|'), second = key.find('|', first + 1);
  std::string standard = key.substr(0, first);
  std::string qualifier = second == std::string::npos ? "" : key.substr(first + 1, second - first - 1);
  std::string id = second == std::string::npos ? key.substr(first + 1) : key.substr(second + 1);
  return standard + " identity " + (qualifier.empty() ? id : qualifier + "/" + id);
}

}  // namespace

std::vector<std::string> identity_keys(const Profile& p) {
  std::vector<std::string> keys;
  for (const auto& party : p.identities.parties()) keys.push_back(party_key(party.standard, party.qualifier, party.id));
  for (const auto& a : p.identities.as2) keys.push_back("AS2|" + a);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());  // same identity twice in one profile is harmless
  return keys;
}

std::shared_ptr<const Profile> RegistrySnapshot::find(const std::string& id) const {
  auto it = by_id.find(id);
  return it == by_id.end() ? nullptr : it->second;
}

std::shared_ptr<const Profile> RegistrySnapshot::find_party(std::string_view standard, std::string_view qualifier,
                                                            std::string_view id) const {
  auto it = by_identity.find(party_key(standard, qualifier, id));
  if (it == by_identity.end() && !trim_right(qualifier).empty()) it = by_identity.find(party_key(standard, "", id));
  return it == by_identity.end() ? nullptr : it->second;
}

std::shared_ptr<const Profile> RegistrySnapshot::find_x12(std::string_view qualifier, std::string_view id) const {
  auto it = by_identity.find(party_key("X12", qualifier, id));  // X12 always names the qualifier
  return it == by_identity.end() ? nullptr : it->second;
}

std::shared_ptr<const Profile> RegistrySnapshot::find_edifact(std::string_view id, std::string_view qualifier) const {
  return find_party("EDIFACT", qualifier, id);
}

std::shared_ptr<const Profile> RegistrySnapshot::find_as2(std::string_view id) const {
  auto it = by_identity.find("AS2|" + std::string(id));
  return it == by_identity.end() ? nullptr : it->second;
}

bool RegistrySnapshot::is_local(std::string_view standard, std::string_view qualifier, std::string_view id) const {
  // A <local> party without a qualifier matches any qualifier (its key has an empty middle).
  return local_parties.count(party_key(standard, qualifier, id)) > 0 ||
         local_parties.count(party_key(standard, "", id)) > 0;
}

bool RegistrySnapshot::has_local(std::string_view standard) const { return local_standards.count(standard) > 0; }

void RegistrySnapshot::index_locals() {
  local_parties.clear();
  local_standards.clear();
  for (const auto& [name, profile] : by_id)
    for (const auto& party : profile->local.parties()) {
      local_parties.insert(party_key(party.standard, party.qualifier, party.id));
      local_standards.insert(party.standard);
    }
}

PartnerRegistry::PartnerRegistry(std::filesystem::path dir) : dir_(std::move(dir)) {
  snapshot_ = std::make_shared<const RegistrySnapshot>();
  (void)refresh();
}

std::shared_ptr<const RegistrySnapshot> PartnerRegistry::snapshot() const {
  std::lock_guard<std::mutex> lock(snapshot_mutex_);
  return snapshot_;
}

RefreshReport PartnerRegistry::refresh() {
  std::lock_guard<std::mutex> lock(refresh_mutex_);
  RefreshReport report;
  std::vector<Error> dir_errors;

  // 1. Which folders hold a partner.xml now, and which files changed since the last look.
  std::set<std::string> present;
  std::error_code ec;
  std::filesystem::directory_iterator it(dir_, ec), end;
  if (ec)
    dir_errors.push_back(
        file_error(dir_, "partner.dir.unreadable", "cannot read the partners folder: " + ec.message()));
  for (; !ec && it != end; it.increment(ec)) {
    std::error_code dec;
    if (!it->is_directory(dec)) continue;
    std::string folder = it->path().filename().string();
    if (folder.empty() || folder[0] == '.') continue;
    auto file = it->path() / "partner.xml";
    std::error_code fec;
    auto status = std::filesystem::status(file, fec);
    if (fec || !std::filesystem::exists(status))
      continue;  // a folder without a profile (maps only, work in progress) is not a partner
    if (!std::filesystem::is_regular_file(status)) {
      // A FIFO or device is neither waited on nor skipped as "no profile here".
      present.insert(folder);
      Entry& e = entries_[folder];
      e.fresh = nullptr;
      e.error =
          file_error(file, "partner.file.unreadable", "partner.xml is not a regular file (FIFO, device or directory)");
      e.mtime = {};
      e.size = 0;
      continue;
    }
    auto mtime = std::filesystem::last_write_time(file, fec);
    if (fec) continue;
    auto size = std::filesystem::file_size(file, fec);
    if (fec) continue;
    present.insert(folder);
    auto [pos, is_new] = entries_.try_emplace(folder);
    Entry& e = pos->second;
    if (!is_new && e.mtime == mtime && e.size == size) continue;
    e.mtime = mtime;
    e.size = size;
    e.fresh = nullptr;
    e.error.reset();
    auto loaded = load_profile(file);
    if (!loaded) {
      e.error = std::move(loaded).error();
    } else if ((*loaded)->id != folder) {
      Error err = file_error(file, "partner.invalid", "profile id does not match its folder name");
      err.expected = folder;
      err.found = (*loaded)->id;
      e.error = std::move(err);
    } else {
      e.fresh = *loaded;
    }
  }
  for (auto e = entries_.begin(); e != entries_.end();) {
    if (present.count(e->first)) {
      ++e;
      continue;
    }
    if (e->second.good) report.removed.push_back(e->first);
    e = entries_.erase(e);
  }

  // 2. A new snapshot. Profiles already serving keep their identities: they are placed first, so
  //    a newcomer claiming the same identity is the one refused.
  auto snap = std::make_shared<RegistrySnapshot>();
  std::vector<std::pair<std::string, Entry*>> order;
  for (auto& [folder, e] : entries_) order.emplace_back(folder, &e);
  std::stable_partition(order.begin(), order.end(), [](const auto& fe) { return fe.second->good != nullptr; });
  // Identities of the versions serving now are reserved for them, so an edited profile cannot
  // take an identity from another serving profile whatever the order.
  std::map<std::string, std::string> reserved;  // key -> folder
  for (auto& [folder, e] : order)
    if (e->good && e->good->enabled)
      for (const auto& k : identity_keys(*e->good)) reserved.emplace(k, folder);
  // Identities that two profiles claim and no serving profile holds: neither may have them, or
  // directory order would silently decide who receives that sender's orders.
  std::map<std::string, std::vector<std::string>> claimants;  // key -> folders
  for (auto& [folder, e] : order) {
    auto first = e->fresh ? e->fresh : e->good;
    if (first && first->enabled)
      for (const auto& k : identity_keys(*first)) claimants[k].push_back(folder);
  }
  auto others = [&](const std::string& key, const std::string& folder) {
    std::string names;
    for (const auto& f : claimants[key])
      if (f != folder) names += (names.empty() ? "'" : ", '") + f + "'";
    return names;
  };
  for (auto& [folder, e] : order) {
    if (e->error && e->error->code == "partner.duplicate_identity") e->error.reset();  // re-checked below
    std::vector<std::shared_ptr<const Profile>> choices;
    if (e->fresh && e->fresh != e->good) choices.push_back(e->fresh);
    if (e->good) choices.push_back(e->good);
    bool accepted = false;
    for (const auto& c : choices) {
      std::string clash;
      auto keys = identity_keys(*c);
      if (c->enabled) {
        for (const auto& k : keys) {
          if (claimants[k].size() > 1 && !reserved.count(k)) {
            clash = describe_key(k) + " is claimed by partner '" + folder + "' and by " + others(k, folder) +
                    ": neither is loaded until one profile drops it";
            break;
          }
          auto owner = snap->by_identity.find(k);
          if (owner != snap->by_identity.end()) {
            clash = describe_key(k) + " already belongs to partner '" + owner->second->id + "'";
            break;
          }
          auto held = reserved.find(k);
          if (held != reserved.end() && held->second != folder) {
            clash = describe_key(k) + " already belongs to partner '" + held->second + "'";
            break;
          }
        }
      }
      if (!clash.empty()) {
        if (c == e->fresh) e->error = file_error(c->file, "partner.duplicate_identity", clash);
        continue;
      }
      for (const auto& k : keys)  // serving, but a newcomer wants the same identity: say so here too
        if (c->enabled && claimants[k].size() > 1 && reserved.count(k) && reserved[k] == folder && !e->error)
          e->error = file_error(
              c->file, "partner.duplicate_identity",
              describe_key(k) + " is also claimed by partner " + others(k, folder) + ", whose profile is refused");
      snap->by_id[c->id] = c;
      if (c->enabled)
        for (const auto& k : keys) snap->by_identity[k] = c;
      if (c != e->good) {
        for (auto r = reserved.begin(); r != reserved.end();)  // identities the new version dropped
          r = (r->second == folder && !std::binary_search(keys.begin(), keys.end(), r->first)) ? reserved.erase(r)
                                                                                               : std::next(r);
        (e->good ? report.updated : report.added).push_back(folder);
        e->good = c;
      }
      accepted = true;
      break;
    }
    if (!accepted && e->good) {
      report.removed.push_back(folder);
      e->good = nullptr;
    }
    if (e->error) {
      Error err = *e->error;
      if (e->good) err.message += " (still serving the version loaded before)";
      snap->errors.push_back(std::move(err));
    }
  }
  for (auto& err : dir_errors) snap->errors.insert(snap->errors.begin(), std::move(err));
  snap->index_locals();
  for (auto& err : snap->errors) err.category = ErrorCategory::configuration;  // profiles are ours to fix
  report.errors = snap->errors;
  std::sort(report.added.begin(), report.added.end());
  std::sort(report.updated.begin(), report.updated.end());
  std::sort(report.removed.begin(), report.removed.end());
  {
    std::lock_guard<std::mutex> slock(snapshot_mutex_);
    snapshot_ = std::move(snap);
  }
  return report;
}

std::optional<RefreshReport> ReloadPoller::poll(std::chrono::steady_clock::time_point now) {
  if (last_ && now - *last_ < interval_) return std::nullopt;
  last_ = now;
  return registry_.refresh();
}

}  // namespace edigate::partners
