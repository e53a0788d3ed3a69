#pragma once
// The demo receiver's store: each POST kept once per Idempotency-Key, as a real ERP/WMS
// endpoint should. A file per key in the output folder (written to a temporary name and
// renamed), so a restarted receiver still recognises what it already has.
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>

namespace edigate::demo {

class Inbox {
 public:
  /// Loads the keys already stored in `folder` (created when missing).
  explicit Inbox(std::filesystem::path folder);

  enum class Stored { fresh, duplicate, failed };
  /// Keeps `body` under `key` unless the key was seen before.
  Stored store(const std::string& key, const std::string& type, const std::string& body);

  /// {"received":N,"unique":N,"duplicates":N,"rejected":N,"by_type":{...}}
  std::string stats_json() const;
  void count_rejected();

 private:
  std::filesystem::path folder_;
  mutable std::mutex mutex_;
  std::set<std::string> keys_;
  std::map<std::string, unsigned long> by_type_;
  unsigned long received_ = 0;
  unsigned long duplicates_ = 0;
  unsigned long rejected_ = 0;
};

}  // namespace edigate::demo
