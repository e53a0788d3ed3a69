#include "partner_keys.hpp"

#include <mutex>

namespace edigate::http {

std::uint64_t PartnerKeys::add(const std::string& partner, const KeyHash& hash) {
  std::unique_lock lock(mutex_);
  const std::uint64_t token = next_++;
  entries_.emplace(token, Entry{partner, hash});
  return token;
}

void PartnerKeys::withdraw(std::uint64_t token) {
  std::unique_lock lock(mutex_);
  entries_.erase(token);
}

bool PartnerKeys::authenticates(const std::string& partner, std::string_view presented) const {
  std::shared_lock lock(mutex_);
  bool ok = false;
  // Every key of the partner is compared (no early exit), so the time taken does not say which
  // of several keys came close.
  for (const auto& [token, e] : entries_)
    if (e.partner == partner) ok = key_matches(presented, e.hash) || ok;
  return ok;
}

bool PartnerKeys::serves(const std::string& partner) const {
  std::shared_lock lock(mutex_);
  for (const auto& [token, e] : entries_)
    if (e.partner == partner) return true;
  return false;
}

}  // namespace edigate::http
