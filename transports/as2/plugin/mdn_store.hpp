#pragma once
// The MDNs we answered for messages we stored, kept by sender and Message-ID in the listener's
// work folder, durably: a partner repeating a Message-ID (it missed our answer) gets the same
// MDN again, and the message is not processed a second time, also after a restart.
#include <edigate/result.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace edigate::as2 {

struct StoredMdn {
  std::string message_id;  ///< the MDN's own Message-ID
  std::string content_type;
  std::string body;
};

class MdnStore {
 public:
  explicit MdnStore(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::optional<StoredMdn> find(const std::string& sender, const std::string& message_id) const;
  /// Written (temp, fsync, rename) before the MDN is answered. Error: transient (disk).
  Result<void> put(const std::string& sender, const std::string& message_id, const StoredMdn& mdn);

 private:
  std::filesystem::path path_for(const std::string& sender, const std::string& message_id) const;
  std::filesystem::path dir_;
};

}  // namespace edigate::as2
