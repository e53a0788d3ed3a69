#pragma once
// Every partner profile in a folder (<dir>/*/partner.xml), looked up by id or by interchange
// identity for inbound routing, and reloaded without a restart.
//
// Reads are lock-free for callers that keep a snapshot: `snapshot()` returns an immutable view
// that stays valid (and unchanged) however often the registry reloads afterwards.
#include "partners/profile.hpp"

#include <edigate/error.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace edigate::partners {

/// One consistent set of loaded profiles.
struct RegistrySnapshot {
  std::map<std::string, std::shared_ptr<const Profile>> by_id;
  /// "<STANDARD>|<qualifier>|<id>" ("X12|ZZ|ACME", "EDIFACT|14|5412345000013"), "AS2|<id>"
  std::map<std::string, std::shared_ptr<const Profile>> by_identity;
  std::vector<Error> errors;  ///< problems of the last load: broken, duplicate, kept-old

  std::shared_ptr<const Profile> find(const std::string& id) const;
  /// ISA05/ISA06 (sender) or ISA07/ISA08 (receiver); trailing pad spaces are ignored.
  std::shared_ptr<const Profile> find_x12(std::string_view qualifier, std::string_view id) const;
  /// UNB 0004/0007 or 0010/0007. A profile that gives no qualifier matches any qualifier,
  /// after an exact match has been looked for.
  std::shared_ptr<const Profile> find_edifact(std::string_view id, std::string_view qualifier) const;
  std::shared_ptr<const Profile> find_as2(std::string_view id) const;
  /// The profile claiming a party of `standard` (EnvelopeFacts' words); a profile that gives no
  /// qualifier matches any qualifier, after an exact match has been looked for.
  std::shared_ptr<const Profile> find_party(std::string_view standard, std::string_view qualifier,
                                            std::string_view id) const;
  /// Whether any profile's <local> names that party as ours.
  bool is_local(std::string_view standard, std::string_view qualifier, std::string_view id) const;
  /// Whether any profile declares a <local> identity of `standard`.
  bool has_local(std::string_view standard) const;

  /// Every profile's <local> parties as by_identity keys, and their standards: built once per
  /// snapshot (index_locals) so that routing asks a set per interchange instead of walking every
  /// profile's identities.
  std::set<std::string> local_parties;
  std::set<std::string, std::less<>> local_standards;
  void index_locals();
};

/// What one refresh() changed.
struct RefreshReport {
  std::vector<std::string> added;
  std::vector<std::string> updated;
  std::vector<std::string> removed;
  std::vector<Error> errors;  ///< also kept in the snapshot
  bool changed() const { return !added.empty() || !updated.empty() || !removed.empty(); }
};

class PartnerRegistry {
 public:
  /// Loads every profile under `dir` (a missing folder is an empty registry plus an error).
  explicit PartnerRegistry(std::filesystem::path dir);

  /// Re-reads profiles whose partner.xml changed (mtime or size), loads new folders and drops
  /// removed ones. A profile that becomes broken keeps its last good version, and the error
  /// says so. Safe to call from any thread; calls are serialised.
  RefreshReport refresh();

  std::shared_ptr<const RegistrySnapshot> snapshot() const;
  std::shared_ptr<const Profile> find(const std::string& id) const { return snapshot()->find(id); }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  struct Entry {
    std::filesystem::file_time_type mtime{};
    std::uintmax_t size = 0;
    std::shared_ptr<const Profile> good;   ///< last version that loaded and was accepted
    std::shared_ptr<const Profile> fresh;  ///< version read from the current file (may equal good)
    std::optional<Error> error;            ///< problem of the current file, if any
  };

  std::filesystem::path dir_;
  std::mutex refresh_mutex_;
  std::map<std::string, Entry> entries_;  ///< by folder name
  mutable std::mutex snapshot_mutex_;
  std::shared_ptr<const RegistrySnapshot> snapshot_;
};

/// Calls refresh() at most every `interval`: cheap enough to call on each turn of a serve loop.
class ReloadPoller {
 public:
  ReloadPoller(PartnerRegistry& registry, std::chrono::milliseconds interval)
      : registry_(registry), interval_(interval) {}
  /// A report when a refresh ran, nullopt when it was not due yet.
  std::optional<RefreshReport> poll(std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());

 private:
  PartnerRegistry& registry_;
  std::chrono::milliseconds interval_;
  std::optional<std::chrono::steady_clock::time_point> last_;
};

/// Identity keys a profile claims (see RegistrySnapshot::by_identity).
std::vector<std::string> identity_keys(const Profile& p);

}  // namespace edigate::partners
