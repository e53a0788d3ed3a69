#pragma once
// The partners the supplier API serves: each opened <http> endpoint with an api-key-sha256
// registers its partner's key hash here (the plugin object holds one registry, shared by its
// endpoints and its listener), and withdraws it when it stops. Registrations are tokens, so an
// endpoint reopened after a profile change can register before the old one withdraws.
#include "api_key.hpp"

#include <cstdint>
#include <map>
#include <shared_mutex>
#include <string>

namespace edigate::http {

class PartnerKeys {
 public:
  /// Returns the token that withdraw() takes.
  std::uint64_t add(const std::string& partner, const KeyHash& hash);
  void withdraw(std::uint64_t token);

  /// True when `partner` is served and `presented` is one of its keys.
  bool authenticates(const std::string& partner, std::string_view presented) const;
  bool serves(const std::string& partner) const;

 private:
  struct Entry {
    std::string partner;
    KeyHash hash;
  };
  mutable std::shared_mutex mutex_;
  std::uint64_t next_ = 1;
  std::map<std::uint64_t, Entry> entries_;
};

}  // namespace edigate::http
