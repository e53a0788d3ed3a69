#pragma once
// What the AS2 plugin object shares between its endpoints and its listener: the partners served
// (an endpoint registers its setup at open and withdraws it when closed), and the sends waiting
// for an asynchronous MDN. A pending send is also a file in its endpoint's work_dir, written
// before the message leaves, so an MDN arriving after a restart still settles it.
#include "settings.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace edigate::as2 {

/// One send that asked for an asynchronous MDN.
struct PendingSend {
  std::string message_id;  ///< "<...>" as sent
  std::int64_t outbound_id = 0;
  std::string mic;         ///< what the MDN must return
  std::string partner_id;  ///< the partner's AS2 id
  std::filesystem::path file;
  std::int64_t sent_at = 0;  ///< unix seconds, when it was recorded (just before the POST)
  int round = 0;             ///< sends of this document that timed out before this one
  bool expired = false;      ///< its MDN did not come in time; kept so a late one is still recorded
};

class Registry {
 public:
  /// Registers `setup` (the latest registration of an AS2 id wins); returns a token for remove().
  std::uint64_t add(std::shared_ptr<const PartnerSetup> setup);
  void remove(std::uint64_t token);
  /// The endpoint setup for a partner's AS2 id, or null.
  std::shared_ptr<const PartnerSetup> find(const std::string& partner_as2_id) const;

  /// Records `p` durably (under `dir`) before the message is posted. Error: transient (disk).
  Result<void> add_pending(const std::filesystem::path& dir, PendingSend p);
  /// Reads the pending sends kept under `dir` (at open, after a restart).
  void load_pending(const std::filesystem::path& dir);
  std::optional<PendingSend> find_pending(const std::string& message_id) const;
  /// Forgets it (file included): the MDN settled it, or the post failed.
  void drop_pending(const std::string& message_id);
  /// Forgets every send of one document: a positive MDN delivered it.
  void drop_outbound(std::int64_t outbound_id);
  /// The round of the next send of `outbound_id`: one past the last that timed out, 0 if none.
  int next_round(std::int64_t outbound_id) const;
  /// Marks (durably) and returns the pending sends whose partner's mdn-timeout passed at `now`
  /// (unix seconds); sends of a partner with no open endpoint wait. Expired sends older than
  /// `forget_after` timeouts are forgotten: no MDN comes that late.
  std::vector<PendingSend> expire(std::int64_t now, int forget_after = 10);

 private:
  mutable std::mutex mutex_;
  std::uint64_t next_token_ = 1;
  struct Entry {
    std::uint64_t token;
    std::shared_ptr<const PartnerSetup> setup;
  };
  std::map<std::string, std::vector<Entry>> partners_;  ///< by the partner's AS2 id
  std::map<std::string, PendingSend> pending_;          ///< by Message-ID
};

}  // namespace edigate::as2
