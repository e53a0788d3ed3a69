#include "as2_endpoint.hpp"

#include "http_post.hpp"

#include <as2/errors.hpp>
#include <as2/mime.hpp>

#include <openssl/asn1.h>
#include <openssl/bn.h>

#include <chrono>
#include <ctime>

namespace edigate::as2 {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// RFC 4130 6.2: an AS2 id with spaces or specials travels quoted.
std::string quoted_id(const std::string& id) {
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return "\"" + id + "\"";
  return id;
}

std::string http_date() {
  char buf[64];
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

// What the payload is, for the Content-Type of the innermost entity (RFC 1767 names).
std::string payload_type(std::string_view body) {
  std::size_t i = 0;
  while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) ++i;
  const std::string_view b = body.substr(i);
  if (b.rfind("ISA", 0) == 0) return "application/edi-x12";
  if (b.rfind("UNA", 0) == 0 || b.rfind("UNB", 0) == 0) return "application/edifact";
  if (b.rfind("<", 0) == 0) return "application/xml";
  if (b.rfind("{", 0) == 0) return "application/json";
  return "application/octet-stream";
}

}  // namespace

std::string outbound_message_id(const std::string& instance, std::int64_t id, std::uint32_t attempt,
                                const std::string& our_id, int round) {
  std::string host;
  for (char c : our_id) host += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ? c : '_';
  return "<edigate-" + instance + "-" + std::to_string(id) + "-" + std::to_string(attempt) +
         (round > 0 ? "-r" + std::to_string(round) : std::string()) + "@" + host + ">";
}

SendResult judge_mdn(const Result<VerifiedMdn>& mdn, const std::string& message_id, const std::string& mdn_message_id) {
  if (!mdn) {
    const Error& e = mdn.error();
    // Certificates we hold for the partner cannot verify it: no number of retries changes that
    // until someone fixes the profile, so it is a dead letter at once, saying why.
    if (e.code == code::kSignerUnknown || e.code == code::kCertificateExpired)
      return SendResult::permanent("MDN for " + message_id + " not trusted: " + e.to_string());
    // A wrong MIC, a bad signature, an unsigned or malformed MDN: the partner did not confirm
    // what we sent. Not delivered; the host retries (a new Message-ID per attempt) until a valid
    // MDN arrives or its attempts run out (RFC 4130 7.5: the sender resends without a valid MDN).
    return SendResult::retry("MDN for " + message_id + " not accepted: " + e.to_string());
  }
  const std::string d = lower(mdn->fields.disposition);
  if (mdn->positive())
    return SendResult::delivered(mdn_message_id.empty() ? message_id : mdn_message_id,
                                 "MDN " + mdn->fields.disposition + " for " + message_id);
  // The partner already has it (a repeat of an attempt whose MDN we did not get).
  if (d.find("processed/warning") != std::string::npos)
    return SendResult::delivered(mdn_message_id.empty() ? message_id : mdn_message_id,
                                 "MDN " + mdn->fields.disposition + " for " + message_id);
  // unexpected-processing-error is the partner's own trouble and may pass; every other error
  // (decryption-failed, authentication-failed, integrity-check-failed, insufficient-message-
  // security, decompression-failed, failed/...) fails identically until a certificate or
  // profile is fixed: a dead letter at once, replayed after the fix.
  if (d.find("unexpected-processing-error") != std::string::npos)
    return SendResult::retry("partner answered " + mdn->fields.disposition + " for " + message_id);
  return SendResult::permanent("partner answered " + mdn->fields.disposition + " for " + message_id);
}

SendResult judge_sync_answer(const PartnerSetup& setup, const std::string& message_id, const std::string& mic,
                             int status, const std::string& content_type, const std::string& body,
                             const std::string& mdn_message_id) {
  const std::string where = "POST " + setup.url + " answered " + std::to_string(status);
  if (status == 408 || status == 425 || status == 429 || status >= 500) return SendResult::retry(where);
  if (status < 200 || status > 299) return SendResult::permanent(where + " (" + body.substr(0, 200) + ")");
  if (setup.mdn == MdnMode::none) return SendResult::delivered(message_id, where + ", no MDN requested");
  if (setup.mdn == MdnMode::async) return SendResult::pending(message_id, where + ", MDN to " + setup.mdn_url);
  if (body.empty()) return SendResult::retry(where + " without the MDN that was asked for");
  auto mdn = verify_mdn(content_type, body, setup.partner_certs, {message_id, mic, setup.mdn_signed});
  return judge_mdn(mdn, message_id, mdn_message_id);
}

As2Endpoint::As2Endpoint(std::shared_ptr<const PartnerSetup> setup, std::shared_ptr<Registry> registry,
                         std::string instance)
    : setup_(std::move(setup)), registry_(std::move(registry)), instance_(std::move(instance)) {
  registry_->load_pending(setup_->work_dir / "pending");
  token_ = registry_->add(setup_);
}

As2Endpoint::~As2Endpoint() { registry_->remove(token_); }

Result<std::size_t> As2Endpoint::poll(TransportHost& host) noexcept {
  try {
    // Whatever 'mdn' is now: sends asked an async MDN under an earlier setting (the registry
    // loads them from the work folder) still time out and are sent again or dead-lettered.
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    EDIGATE_TRY(std::size_t settled,
                settle_overdue(*registry_, *setup_, host, std::chrono::duration_cast<std::chrono::seconds>(now).count(),
                               timeouts_));
    (void)settled;
    return std::size_t{0};  // nothing stored: the host polls again at its interval
  } catch (const std::exception& e) {
    return Error("transport.as2.mdn_timeout", std::string("checking overdue MDNs failed: ") + e.what())
        .as(ErrorCategory::internal);
  }
}

EndpointRole As2Endpoint::role() const noexcept {
  EndpointRole r;
  r.polls = true;  // the MDN timeout checks (poll above), whatever the mdn mode
  return r;
}

SendResult As2Endpoint::send(const OutboundDocument& doc) noexcept {
  try {
    SendResult r = send_once(doc);
    note(r.kind == SendResult::Kind::delivered || r.kind == SendResult::Kind::pending, r.detail);
    return r;
  } catch (const std::exception& e) {
    note(false, e.what());
    return SendResult::retry(std::string("AS2 send failed: ") + e.what());
  }
}

SendResult As2Endpoint::send_once(const OutboundDocument& doc) {
  const PartnerSetup& s = *setup_;
  const SendRound round = s.mdn == MdnMode::async ? registry_->next_send(doc.id) : SendRound{};
  const std::string message_id = outbound_message_id(instance_, doc.id, doc.attempt, s.our_id, round.round);
  OutgoingOptions o;
  o.payload_content_type = payload_type(doc.body);
  o.filename = doc.file_name;
  o.sign = s.sign;
  o.encrypt = s.encrypt;
  o.compress = s.compress;
  o.cipher = s.cipher;
  o.mic_alg = s.mic_alg;
  auto built = build_message(doc.body, o, s.our_keys, s.partner_certs);
  if (!built) {
    // An expired certificate or a broken key fails the same way on every attempt.
    const Error& e = built.error();
    return SendResult::permanent("cannot build the AS2 message: " + e.to_string());
  }
  HttpPost post;
  post.url = s.url;
  post.timeout = s.timeout;
  post.ca_file = s.ca_file;
  post.body = std::move(built->body);
  post.headers = {{"AS2-Version", "1.2"},
                  {"AS2-From", quoted_id(s.our_id)},
                  {"AS2-To", quoted_id(s.partner_id)},
                  {"Message-ID", message_id},
                  {"MIME-Version", "1.0"},
                  {"Content-Type", built->content_type},
                  {"Subject", "EDI " + (doc.type.empty() ? std::string("document") : doc.type)},
                  {"Date", http_date()},
                  {"User-Agent", "edigate"}};
  if (s.mdn != MdnMode::none) {
    post.headers.emplace_back("Disposition-Notification-To", s.mdn_url.empty() ? s.our_id : s.mdn_url);
    if (s.mdn_signed)
      post.headers.emplace_back("Disposition-Notification-Options",
                                "signed-receipt-protocol=optional, pkcs7-signature; "
                                "signed-receipt-micalg=optional, " +
                                    micalg_name(s.mic_alg));
  }
  if (s.mdn == MdnMode::async) {
    post.headers.emplace_back("Receipt-Delivery-Option", s.mdn_url);
    // Recorded before the message leaves: the MDN may arrive before the POST returns.
    PendingSend p{message_id, doc.id, built->mic, s.partner_id, {}};
    p.round = round.round;
    p.life_start = round.life_start;
    auto pending = registry_->add_pending(s.work_dir / "pending", std::move(p));
    if (!pending) return SendResult::retry("cannot record the pending MDN: " + pending.error().to_string());
  }
  auto answer = http_post(post);
  if (!answer) {
    if (s.mdn == MdnMode::async) registry_->drop_pending(message_id);
    const Error& e = answer.error();
    if (e.category == ErrorCategory::transient) return SendResult::retry(e.to_string());
    return SendResult::permanent(e.to_string());
  }
  SendResult r = judge_sync_answer(s, message_id, built->mic, answer->status, answer->header("Content-Type"),
                                   answer->body, answer->header("Message-ID"));
  if (s.mdn == MdnMode::async && r.kind != SendResult::Kind::pending) registry_->drop_pending(message_id);
  return r;
}

void As2Endpoint::note(bool ok, std::string detail) const {
  std::lock_guard lock(mutex_);
  last_.ok = ok;
  last_.detail = std::move(detail);
}

TransportHealth As2Endpoint::health() const noexcept {
  TransportHealth h;
  try {
    {
      std::lock_guard lock(mutex_);
      h.ok = last_.ok;
      h.detail = last_.detail;
    }
    const auto gauge = [&](const char* role, const Certificate& c) {
      h.gauges.push_back({"certificate_days_left", {{"role", role}, {"serial", serial_hex(c)}}, days_left(c)});
    };
    if (setup_->mdn == MdnMode::async) {
      h.gauges.push_back({"mdn_timeouts", {}, static_cast<double>(timeouts_.settled.load())});
      h.gauges.push_back({"mdn_timeout_settle_failures", {}, static_cast<double>(timeouts_.failed.load())});
      if (const auto waiting = timeouts_.unsettled.load(); waiting > 0) {
        h.ok = false;
        h.detail = std::to_string(waiting) + " overdue MDN timeout(s) the gateway could not record yet (retried)";
      }
    }
    for (const auto& c : setup_->partner_certs) gauge("partner", c);
    for (const auto& k : setup_->our_keys) gauge("ours", k.cert);
    if (!newest_valid(setup_->partner_certs)) {
      h.ok = false;
      h.detail = "no valid partner certificate (all expired or not yet valid)";
    } else if (!newest_valid_key(setup_->our_keys)) {
      h.ok = false;
      h.detail = "none of our certificates is valid (all expired or not yet valid)";
    }
  } catch (...) {
    h.ok = false;
  }
  return h;
}

double days_left(const Certificate& cert) {
  int days = 0, seconds = 0;
  if (!ASN1_TIME_diff(&days, &seconds, nullptr, X509_get0_notAfter(cert.x509.get()))) return 0;
  return days + seconds / 86400.0;
}

std::string serial_hex(const Certificate& cert) {
  BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.x509.get()), nullptr);
  if (!bn) return "";
  char* hex = BN_bn2hex(bn);
  std::string out = hex ? hex : "";
  OPENSSL_free(hex);
  BN_free(bn);
  return lower(out);
}

}  // namespace edigate::as2
