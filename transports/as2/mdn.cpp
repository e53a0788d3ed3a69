#include <as2/mdn.hpp>

#include <as2/cms.hpp>
#include <as2/errors.hpp>
#include <as2/message.hpp>
#include <as2/mime.hpp>

#include <cctype>
#include <deque>

namespace edigate::as2 {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "base64, sha-256" compared on the digest and the algorithm name, ignoring spacing and case of
// the name (partners write "SHA-256" or "sha256").
bool same_mic(const std::string& a, const std::string& b) {
  const auto norm = [](const std::string& m) {
    const std::size_t comma = m.find(',');
    std::string digest = m.substr(0, comma), alg = comma == std::string::npos ? "" : m.substr(comma + 1);
    std::string out;
    for (char c : digest)
      if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    out += ',';
    for (char c : lower(alg))
      if (!std::isspace(static_cast<unsigned char>(c)) && c != '-') out += c;
    return out;
  };
  return norm(a) == norm(b);
}

}  // namespace

bool VerifiedMdn::positive() const {
  const std::string d = lower(fields.disposition);
  const std::size_t semi = d.find(';');
  std::string rest = semi == std::string::npos ? d : d.substr(semi + 1);
  while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
  return rest == "processed";
}

Result<Mdn> build_mdn(const MdnFields& f, const KeyPair* signer, MicAlg alg) {
  const std::string boundary = "----=_edigate_mdn_" + random_token(12);
  std::string notification = "Reporting-UA: " + f.reporting_ua + "\r\n";
  if (!f.final_recipient.empty()) {
    notification += "Original-Recipient: rfc822; " + f.final_recipient + "\r\n";
    notification += "Final-Recipient: rfc822; " + f.final_recipient + "\r\n";
  }
  notification += "Original-Message-ID: " + f.original_message_id + "\r\n";
  notification += "Disposition: automatic-action/MDN-sent-automatically; " + f.disposition + "\r\n";
  if (!f.received_mic.empty()) notification += "Received-Content-MIC: " + f.received_mic + "\r\n";
  const std::string text = f.text.empty()
                               ? "The AS2 message " + f.original_message_id + " was received: " + f.disposition + "\r\n"
                               : f.text + "\r\n";
  Mdn m;
  m.content_type = "multipart/report; report-type=disposition-notification; boundary=\"" + boundary + "\"";
  m.body = "--" + boundary + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + text + "\r\n--" + boundary +
           "\r\nContent-Type: message/disposition-notification\r\n\r\n" + notification + "\r\n--" + boundary + "--\r\n";
  if (!signer) return m;
  std::string ct, body;
  EDIGATE_TRY(std::string ignored_mic, sign_entity(m.entity(), *signer, ct, body, alg));
  (void)ignored_mic;
  return Mdn{std::move(ct), std::move(body)};
}

Result<VerifiedMdn> verify_mdn(std::string_view content_type, std::string_view body,
                               const std::vector<Certificate>& partner_certs, const MdnExpectation& expect) {
  VerifiedMdn v;
  const std::string top = "Content-Type: " + std::string(content_type) + "\r\n\r\n" + std::string(body);
  EDIGATE_TRY(Entity e, parse_entity(top));
  ContentType ct = parse_content_type(e.header("Content-Type"));
  std::string_view report = top;
  if (ct.type == "multipart/signed") {
    EDIGATE_TRY(auto parts, split_multipart(e.body, ct.param("boundary")));
    if (parts.size() != 2) return as2_error(code::kMdnMalformed, "signed MDN must have two parts", "mdn");
    EDIGATE_TRY(Entity sig, parse_entity(parts[1]));
    EDIGATE_TRY(std::string sig_der, decoded_body(sig));
    EDIGATE_TRY(v.verified_by, verify_detached(parts[0], sig_der, partner_certs));
    v.was_signed = true;
    report = parts[0];
  } else if (expect.require_signed) {
    return as2_error(code::kMdnUnsigned, "the MDN is not signed, but a signed MDN was requested", "mdn")
        .want("multipart/signed", ct.type);
  }
  EDIGATE_TRY(Entity r, parse_entity(report));
  ct = parse_content_type(r.header("Content-Type"));
  if (ct.type != "multipart/report")
    return as2_error(code::kMdnMalformed, "the MDN is not a multipart/report", "mdn").want("multipart/report", ct.type);
  EDIGATE_TRY(auto parts, split_multipart(r.body, ct.param("boundary")));
  const Entity* notification = nullptr;
  std::deque<Entity> entities;
  for (auto p : parts) {
    EDIGATE_TRY(Entity pe, parse_entity(p));
    entities.push_back(std::move(pe));
    if (parse_content_type(entities.back().header("Content-Type")).type == "message/disposition-notification")
      notification = &entities.back();
  }
  if (!notification) return as2_error(code::kMdnMalformed, "the MDN has no disposition-notification part", "mdn");
  // The notification's fields are header lines themselves (RFC 3798 3.1).
  const std::string field_lines = std::string(notification->body) + "\r\n\r\n";
  EDIGATE_TRY(Entity fields, parse_entity(field_lines));
  v.fields.reporting_ua = fields.header("Reporting-UA");
  v.fields.final_recipient = fields.header("Final-Recipient");
  v.fields.original_message_id = fields.header("Original-Message-ID");
  v.fields.disposition = fields.header("Disposition");
  v.fields.received_mic = fields.header("Received-Content-MIC");
  if (v.fields.disposition.empty()) return as2_error(code::kMdnMalformed, "the MDN has no Disposition", "mdn");
  if (v.fields.original_message_id != expect.original_message_id)
    return as2_error(code::kMdnMessageId, "the MDN answers another message", "mdn")
        .want(expect.original_message_id, v.fields.original_message_id);
  if (v.positive() && !same_mic(v.fields.received_mic, expect.mic))
    return as2_error(code::kMdnMicMismatch, "the MDN's Received-Content-MIC differs from the MIC we computed", "mdn")
        .want(expect.mic, v.fields.received_mic);
  return v;
}

}  // namespace edigate::as2
