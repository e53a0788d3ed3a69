#pragma once
// What the AS2 plugin object shares between its endpoints and its listener: the partners served
// (an endpoint registers its setup at open and withdraws it when closed), and the sends waiting
// for an asynchronous MDN. A pending send is also a file in its endpoint's work_dir, written
// before the message leaves, so an MDN arriving after a restart still settles it.
#include "settings.hpp"

#include <chrono>
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
  int round = 0;             ///< sends of this document recorded before this one (unique Message-IDs)
  int life_start = 0;        ///< the round of the first send since the document was last dead-lettered
  bool expired = false;      ///< settled without its MDN (timeout, refused MDN); kept so a late one is recorded
  bool dead = false;         ///< expired, and its settlement made the document a dead letter
};

/// Where the next send of a document stands among its earlier ones (Registry::next_send).
struct SendRound {
  int round = 0;       ///< one past every send still recorded: its Message-ID is new
  int life_start = 0;  ///< a send after a dead letter (an operator's replay) starts a new life
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
  /// The round of the next send of `outbound_id` and the life it belongs to: the sends of a
  /// life count toward mdn-attempts; one that follows a dead letter (replay) starts a new life.
  SendRound next_send(std::int64_t outbound_id) const;
  /// Claims the waiting sends to partner `partner_id` whose `timeout` passed at `now` (unix
  /// seconds): marked expired in memory, so an MDN arriving meanwhile is treated as late and no
  /// other check claims them. The caller settles each, then calls expired() or unclaim().
  /// Expired sends older than `forget_after` timeouts are forgotten: no MDN comes that late.
  std::vector<PendingSend> claim_overdue(const std::string& partner_id, std::int64_t now, std::chrono::seconds timeout,
                                         int forget_after = 10);
  /// The host recorded the settlement of `message_id` (a timeout, a refused MDN): kept as expired
  /// (durably) so a late MDN is still recognised; `dead` when it ended the document's life.
  void expired(const std::string& message_id, bool dead);
  /// The settlement of a claimed send failed: it waits again, and the next check retries it.
  void unclaim(const std::string& message_id);

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
