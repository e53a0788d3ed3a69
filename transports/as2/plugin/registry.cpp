#include "registry.hpp"

#include <file/durable_file.hpp>

#include <as2/crypto.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

namespace edigate::as2 {

namespace {

// The file name of a pending send: the Message-ID is partner-influenced text, so it never
// becomes a path; its digest does.
std::string file_name_for(const std::string& message_id) {
  std::string mic = sha256_mic(message_id);  // "base64, sha-256"
  std::string name;
  for (char c : mic.substr(0, mic.find(','))) name += (c == '/') ? '_' : (c == '+') ? '-' : (c == '=') ? '\0' : c;
  name.erase(std::remove(name.begin(), name.end(), '\0'), name.end());
  return name + ".pending";
}

}  // namespace

std::uint64_t Registry::add(std::shared_ptr<const PartnerSetup> setup) {
  std::lock_guard lock(mutex_);
  const std::uint64_t token = next_token_++;
  partners_[setup->partner_id].push_back({token, std::move(setup)});
  return token;
}

void Registry::remove(std::uint64_t token) {
  std::lock_guard lock(mutex_);
  for (auto it = partners_.begin(); it != partners_.end();) {
    auto& v = it->second;
    v.erase(std::remove_if(v.begin(), v.end(), [&](const Entry& e) { return e.token == token; }), v.end());
    it = v.empty() ? partners_.erase(it) : std::next(it);
  }
}

std::shared_ptr<const PartnerSetup> Registry::find(const std::string& partner_as2_id) const {
  std::lock_guard lock(mutex_);
  auto it = partners_.find(partner_as2_id);
  return it == partners_.end() || it->second.empty() ? nullptr : it->second.back().setup;
}

namespace {

// One field per line; none of them can hold a line break (Message-IDs we mint, base64, ids).
std::string pending_text(const PendingSend& p) {
  return p.message_id + "\n" + std::to_string(p.outbound_id) + "\n" + p.mic + "\n" + p.partner_id + "\n" +
         std::to_string(p.sent_at) + "\n" + std::to_string(p.round) + "\n" +
         (p.dead      ? "dead"
          : p.expired ? "expired"
                      : "waiting") +
         "\n" + std::to_string(p.life_start) + "\n";
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

Result<void> Registry::add_pending(const std::filesystem::path& dir, PendingSend p) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  p.file = dir / file_name_for(p.message_id);
  if (p.sent_at == 0) p.sent_at = unix_now();
  EDIGATE_TRY_VOID(io::write_file_durably(p.file, pending_text(p), "transport.as2.pending"));
  std::lock_guard lock(mutex_);
  pending_[p.message_id] = std::move(p);
  return {};
}

void Registry::load_pending(const std::filesystem::path& dir) {
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".pending") continue;
    std::ifstream in(e.path());
    PendingSend p;
    std::string id, sent_at, round, state, life_start;
    if (!std::getline(in, p.message_id) || !std::getline(in, id) || !std::getline(in, p.mic) ||
        !std::getline(in, p.partner_id))
      continue;  // torn by a crash before the rename: write_file_durably never leaves one
    try {
      p.outbound_id = std::stoll(id);
      // Files from before the MDN timeout have four lines: their wait starts now.
      p.sent_at = std::getline(in, sent_at) ? std::stoll(sent_at) : unix_now();
      p.round = std::getline(in, round) ? std::stoi(round) : 0;
      const bool has_state = static_cast<bool>(std::getline(in, state));
      p.dead = has_state && state == "dead";
      p.expired = p.dead || (has_state && state == "expired");
      // Files from before lives were counted have seven lines: their life began at round 0.
      p.life_start = std::getline(in, life_start) ? std::stoi(life_start) : 0;
    } catch (const std::exception&) {
      continue;
    }
    p.file = e.path();
    std::lock_guard lock(mutex_);
    pending_[p.message_id] = std::move(p);
  }
}

std::optional<PendingSend> Registry::find_pending(const std::string& message_id) const {
  std::lock_guard lock(mutex_);
  auto it = pending_.find(message_id);
  if (it == pending_.end()) return std::nullopt;
  return it->second;
}

void Registry::drop_pending(const std::string& message_id) {
  std::filesystem::path file;
  {
    std::lock_guard lock(mutex_);
    auto it = pending_.find(message_id);
    if (it == pending_.end()) return;
    file = it->second.file;
    pending_.erase(it);
  }
  std::error_code ec;
  std::filesystem::remove(file, ec);
}

void Registry::drop_outbound(std::int64_t outbound_id) {
  std::vector<std::filesystem::path> files;
  {
    std::lock_guard lock(mutex_);
    for (auto it = pending_.begin(); it != pending_.end();) {
      if (it->second.outbound_id != outbound_id) {
        ++it;
        continue;
      }
      files.push_back(it->second.file);
      it = pending_.erase(it);
    }
  }
  std::error_code ec;
  for (const auto& f : files) std::filesystem::remove(f, ec);
}

SendRound Registry::next_send(std::int64_t outbound_id) const {
  std::lock_guard lock(mutex_);
  const PendingSend* last = nullptr;
  for (const auto& [id, p] : pending_)
    if (p.outbound_id == outbound_id && (!last || p.round > last->round)) last = &p;
  if (!last) return {};
  const int round = last->round + 1;
  // The last send ended in a dead letter: this one is an operator's replay, with the whole
  // mdn-attempts budget again (the rounds still go on, so no Message-ID repeats).
  return {round, last->dead ? round : last->life_start};
}

std::vector<PendingSend> Registry::claim_overdue(const std::string& partner_id, std::int64_t now,
                                                 std::chrono::seconds timeout, int forget_after) {
  std::vector<PendingSend> due;
  std::vector<std::filesystem::path> forgotten;
  {
    std::lock_guard lock(mutex_);
    for (auto it = pending_.begin(); it != pending_.end();) {
      PendingSend& p = it->second;
      if (p.partner_id != partner_id) {
        ++it;
        continue;
      }
      if (p.expired && now - p.sent_at > timeout.count() * forget_after) {
        forgotten.push_back(p.file);
        it = pending_.erase(it);
        continue;
      }
      if (!p.expired && now - p.sent_at >= timeout.count()) {
        p.expired = true;
        due.push_back(p);
      }
      ++it;
    }
  }
  std::error_code ec;
  for (const auto& f : forgotten) std::filesystem::remove(f, ec);
  return due;
}

void Registry::expired(const std::string& message_id, bool dead) {
  PendingSend copy;
  {
    std::lock_guard lock(mutex_);
    auto it = pending_.find(message_id);
    if (it == pending_.end()) return;  // a late MDN delivered the document meanwhile
    it->second.expired = true;
    it->second.dead = dead;
    copy = it->second;
  }
  // Rewritten outside the lock. A lost rewrite (a crash right after the settlement) leaves the
  // send waiting on disk: after a restart it is settled once more (one extra send at worst).
  (void)io::write_file_durably(copy.file, pending_text(copy), "transport.as2.pending");
}

void Registry::unclaim(const std::string& message_id) {
  std::lock_guard lock(mutex_);
  auto it = pending_.find(message_id);
  if (it != pending_.end()) it->second.expired = false;
}

}  // namespace edigate::as2
