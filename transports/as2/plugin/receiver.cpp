#include "receiver.hpp"

#include "as2_endpoint.hpp"

#include <as2/errors.hpp>
#include <as2/mdn.hpp>
#include <as2/mime.hpp>

#include <strings.h>

namespace edigate::as2 {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

// A name for people (ReceivedDocument::file_name): the sender's safe file name, else one made of
// the Message-ID's letters and digits.
std::string file_name_for(const ReceivedMessage& m, const std::string& message_id) {
  if (!m.filename.empty()) return m.filename;
  std::string name = "as2-";
  for (char c : message_id)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') name += c;
  return name.substr(0, 120) + ".edi";
}

// The Original-Message-ID an MDN names, read without trusting it: only to find which of our
// sends a broken MDN was about (its outcome is then "not delivered", never "delivered").
std::string claimed_original_id(std::string_view body) {
  const std::string low = lower(std::string(body.substr(0, 1 << 20)));
  const std::size_t at = low.find("original-message-id:");
  if (at == std::string::npos) return {};
  const std::size_t start = at + 20, end = low.find_first_of("\r\n", start);
  return trim(std::string(body.substr(start, end == std::string::npos ? std::string::npos : end - start)));
}

}  // namespace

std::string As2Request::header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (n.size() == name.size() && strncasecmp(n.data(), name.data(), n.size()) == 0) return v;
  return {};
}

std::string unquote(std::string v) {
  v = trim(std::move(v));
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  return v;
}

bool is_mdn(std::string_view content_type, std::string_view body) {
  const ContentType ct = parse_content_type(content_type);
  if (ct.type == "multipart/report") return true;
  if (ct.type != "multipart/signed") return false;
  auto parts = split_multipart(body, ct.param("boundary"));
  if (!parts || parts->empty()) return false;
  auto first = parse_entity(parts->front());
  return first && parse_content_type(first->header("Content-Type")).type == "multipart/report";
}

Receiver::Receiver(std::shared_ptr<Registry> registry, TransportHost& host, const std::filesystem::path& work_dir,
                   std::chrono::seconds timeout)
    : registry_(std::move(registry)), host_(host), mdns_(work_dir / "mdn"), timeout_(timeout) {}

As2Response Receiver::handle(const As2Request& r) {
  if (r.method == "GET")
    return {200, {{"Content-Type", "text/plain"}}, "edigate AS2 listener: POST AS2 messages here\n", {}};
  if (r.method != "POST") return {405, {{"Allow", "GET, POST"}}, "", {}};
  if (r.header("Content-Type").empty()) return {400, {{"Content-Type", "text/plain"}}, "no Content-Type\n", {}};
  const std::string from = unquote(r.header("AS2-From"));
  auto setup = registry_->find(from);
  if (is_mdn(r.header("Content-Type"), r.body)) {
    if (setup) return async_mdn(r, setup);
    // An MDN from a partner with no open endpoint (its profile is being reloaded, or it is a
    // stranger): never answered with an MDN of our own; the partner may post it again later.
    host_.log(LogLevel::warn, "as2.mdn_unknown_sender", "", "an MDN from \"" + from + "\", no AS2 endpoint for it");
    return {503, {{"Retry-After", "300"}, {"Content-Type", "text/plain"}}, "no AS2 endpoint for this sender now\n", {}};
  }
  return message(r);
}

As2Response Receiver::message(const As2Request& r) {
  const std::string message_id = trim(r.header("Message-ID"));
  const std::string from = unquote(r.header("AS2-From")), to = unquote(r.header("AS2-To"));
  if (message_id.empty()) return {400, {{"Content-Type", "text/plain"}}, "no Message-ID\n", {}};
  auto setup = registry_->find(from);
  if (!setup) return refuse(r, nullptr, to, "authentication-failed", "unknown AS2-From \"" + from + "\"");
  if (to != setup->our_id)
    return refuse(r, setup.get(), setup->our_id, "authentication-failed",
                  "AS2-To \"" + to + "\" is not our id for this partner (\"" + setup->our_id + "\")");
  // A repeat: the partner did not get our answer. The same MDN again, nothing processed twice.
  if (auto stored = mdns_.find(from, message_id)) {
    ++counts_.repeated;
    host_.log(LogLevel::info, "as2.repeat", setup->partner, "Message-ID " + message_id + " answered again");
    return answer(r, *stored, setup->our_id, true);
  }
  std::string body = r.body;
  if (lower(trim(r.header("Content-Transfer-Encoding"))) == "base64") {
    auto decoded = base64_decode(body);
    if (!decoded) return refuse(r, setup.get(), setup->our_id, "unexpected-processing-error", "bad base64 body");
    body = std::move(decoded).value();
  }
  // RFC 4130 7.3: the MIC (and the MDN's signature) use the first algorithm of the sender's
  // signed-receipt-micalg list we support.
  const MicAlg mic_alg = requested_micalg(r.header("Disposition-Notification-Options"));
  auto parsed =
      parse_message(r.header("Content-Type"), body, setup->our_keys, setup->partner_certs, setup->receive, mic_alg);
  if (!parsed)
    return refuse(r, setup.get(), setup->our_id, disposition_modifier(parsed.error()), parsed.error().to_string());
  ReceivedDocument doc;
  doc.partner = setup->partner;
  doc.transport = "as2:" + setup->name;
  doc.remote_id = message_id;
  doc.file_name = file_name_for(*parsed, message_id);
  doc.bytes = std::move(parsed->payload);
  auto receipt = host_.intake(doc);
  if (!receipt) {
    // Nothing is stored: no MDN at all (a positive one would be a lie, a negative one would make
    // the partner give up). 503 makes it send again later.
    ++counts_.unavailable;
    host_.log(LogLevel::error, "as2.intake_failed", setup->partner,
              "Message-ID " + message_id + ": " + receipt.error().to_string());
    return {
        503, {{"Retry-After", "60"}, {"Content-Type", "text/plain"}}, "the gateway cannot store messages now\n", {}};
  }
  ++counts_.stored;
  MdnFields f;
  f.final_recipient = setup->our_id;
  f.original_message_id = message_id;
  f.received_mic = parsed->mic;
  f.text = "The AS2 message " + message_id + " from " + from + " was received" +
           (parsed->was_encrypted ? ", decrypted" : "") + (parsed->was_compressed ? ", decompressed" : "") +
           (parsed->was_signed ? " and its signature verified" : "") +
           "; stored. This is no guarantee that the content has been processed.";
  const bool sign = lower(r.header("Disposition-Notification-Options")).find("pkcs7-signature") != std::string::npos;
  const KeyPair* signer = nullptr;
  if (sign) {
    auto k = newest_valid_key(setup->our_keys);
    if (k) signer = *k;
  }
  auto mdn = build_mdn(f, signer, mic_alg);
  if (!mdn) {
    host_.log(LogLevel::error, "as2.mdn_failed", setup->partner, mdn.error().to_string());
    return {500, {{"Content-Type", "text/plain"}}, "cannot build the MDN\n", {}};
  }
  StoredMdn stored{"<edigate-mdn-" + random_token(12) + "@" + setup->our_id + ">", mdn->content_type, mdn->body};
  if (auto kept = mdns_.put(from, message_id, stored); !kept)  // the store recognises a repeat anyway
    host_.log(LogLevel::warn, "as2.mdn_not_kept", setup->partner, kept.error().to_string());
  host_.log(LogLevel::info, "as2.received", setup->partner,
            "Message-ID " + message_id + " stored as input " + std::to_string(receipt->input_id) +
                (receipt->duplicate ? " (a repeat of input " + std::to_string(receipt->duplicate_of) + ")" : ""));
  return answer(r, stored, setup->our_id, true);
}

As2Response Receiver::refuse(const As2Request& r, const PartnerSetup* setup, const std::string& our_id,
                             const std::string& modifier, const std::string& why) {
  ++counts_.refused;
  const std::string message_id = trim(r.header("Message-ID"));
  host_.log(LogLevel::warn, "as2.refused", setup ? setup->partner : "",
            "Message-ID " + message_id + " from \"" + unquote(r.header("AS2-From")) + "\": " + modifier + ": " + why);
  MdnFields f;
  f.final_recipient = our_id;
  f.original_message_id = message_id;
  f.disposition = "processed/error: " + modifier;
  f.text = "The AS2 message " + message_id + " was not processed: " + modifier + ".";
  const KeyPair* signer = nullptr;
  if (setup && lower(r.header("Disposition-Notification-Options")).find("pkcs7-signature") != std::string::npos) {
    auto k = newest_valid_key(setup->our_keys);
    if (k) signer = *k;
  }
  auto mdn = build_mdn(f, signer, requested_micalg(r.header("Disposition-Notification-Options")));
  if (!mdn) return {500, {{"Content-Type", "text/plain"}}, "cannot build the MDN\n", {}};
  // An unknown sender gets its answer in the response only: an async URL from anyone would let
  // anyone make the gateway post to any address.
  return answer(r, {"<edigate-mdn-" + random_token(12) + "@" + our_id + ">", mdn->content_type, mdn->body}, our_id,
                setup != nullptr);
}

As2Response Receiver::answer(const As2Request& r, const StoredMdn& mdn, const std::string& our_id,
                             bool allow_async) const {
  if (trim(r.header("Disposition-Notification-To")).empty()) return {200, {{"Content-Length", "0"}}, "", {}};
  std::vector<std::pair<std::string, std::string>> h = {
      {"AS2-Version", "1.2"},         {"AS2-From", our_id},    {"AS2-To", unquote(r.header("AS2-From"))},
      {"Message-ID", mdn.message_id}, {"MIME-Version", "1.0"}, {"Content-Type", mdn.content_type}};
  const std::string async_url = trim(r.header("Receipt-Delivery-Option"));
  if (!async_url.empty() && allow_async) {
    HttpPost post;
    post.url = async_url;
    post.headers = std::move(h);
    post.body = mdn.body;
    post.timeout = timeout_;
    auto setup = registry_->find(unquote(r.header("AS2-From")));
    if (setup) post.ca_file = setup->ca_file;
    return {200, {{"Content-Length", "0"}}, "", std::move(post)};
  }
  return {200, std::move(h), mdn.body, {}};
}

As2Response Receiver::async_mdn(const As2Request& r, const std::shared_ptr<const PartnerSetup>& setup) {
  const std::string ct = r.header("Content-Type");
  // First pass: the signature, with no expectation of which message it answers; a verified MDN
  // then fails only on the Message-ID, and that error names the one it answers.
  auto first = verify_mdn(ct, r.body, setup->partner_certs, {"", "", setup->mdn_signed});
  std::string original;
  if (!first && first.error().code == code::kMdnMessageId)
    original = first.error().found;
  else
    original = claimed_original_id(r.body);
  auto pending = original.empty() ? std::nullopt : registry_->find_pending(original);
  if (!pending || pending->partner_id != setup->partner_id) {
    host_.log(LogLevel::warn, "as2.mdn_unmatched", setup->partner,
              "an MDN for " + (original.empty() ? std::string("an unnamed message") : original) +
                  " matches no send waiting for one");
    return {200, {{"Content-Length", "0"}}, "", {}};  // nothing to retry on the partner's side
  }
  auto mdn = verify_mdn(ct, r.body, setup->partner_certs, {pending->message_id, pending->mic, setup->mdn_signed});
  SendResult result = judge_mdn(mdn, pending->message_id, trim(r.header("Message-ID")));
  if (pending->expired) {
    // Its timeout already had the document sent again: a late failure changes nothing, a late
    // success is recorded (the host does not deliver a document twice: a queued resend of a
    // document already sent is skipped).
    if (result.kind != SendResult::Kind::delivered) {
      // Kept (forgotten with the other expired sends): its round and life stay known, so the
      // next send's Message-ID is still new and a replay still gets its own attempts.
      host_.log(LogLevel::info, "as2.mdn_late", setup->partner, "after the timeout, ignored: " + result.detail);
      return {200, {{"Content-Length", "0"}}, "", {}};
    }
    result.detail = "late MDN (after mdn-timeout-seconds): " + result.detail;
  }
  auto settled = host_.settle(pending->outbound_id, result);
  if (!settled) {
    host_.log(LogLevel::error, "as2.settle_failed", setup->partner, settled.error().to_string());
    return {503, {{"Retry-After", "60"}, {"Content-Type", "text/plain"}}, "cannot record the MDN now\n", {}};
  }
  if (result.kind == SendResult::Kind::delivered)
    registry_->drop_outbound(pending->outbound_id);  // its other sends wait for nothing now
  else  // kept as settled: the host's next send (retry, replay) takes the next round
    registry_->expired(pending->message_id, result.kind == SendResult::Kind::permanent);
  ++counts_.mdns_settled;
  host_.log(LogLevel::info, "as2.mdn_settled", setup->partner, result.detail);
  return {200, {{"Content-Length", "0"}}, "", {}};
}

}  // namespace edigate::as2
