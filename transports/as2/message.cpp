#include <as2/message.hpp>

#include <as2/errors.hpp>
#include <as2/mime.hpp>

#include <cctype>
#include <deque>

namespace edigate::as2 {

namespace {

constexpr int kMaxLayers = 6;  // encrypted, compressed, signed, compressed: anything deeper is abuse

bool is_pkcs7_mime(const ContentType& ct) {
  return ct.type == "application/pkcs7-mime" || ct.type == "application/x-pkcs7-mime";
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The body of a pkcs7-mime entity as DER: sent binary over HTTP, or base64 by some products.
Result<std::string> der_body(const Entity& e) {
  // A DER SEQUENCE starts with 0x30; a body declared binary that does not is base64 on the wire.
  if (lower(e.header("Content-Transfer-Encoding")) == "base64" || e.body.empty() || e.body.front() == '\x30')
    return decoded_body(e);
  return base64_decode(e.body);
}

}  // namespace

std::string safe_filename(std::string_view name) {
  const std::size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (unsigned char c : name)
    if (c >= 0x20 && c != 0x7F && c != ':' && c != '"')
      out += static_cast<char>(c);  // '"' would end the header parameter
  // Leading dots would make "..", "." or a hidden file.
  const std::size_t first = out.find_first_not_of('.');
  out = first == std::string::npos ? std::string() : out.substr(first);
  if (out.size() > 200) out.resize(200);
  return out;
}

std::string OutgoingMessage::entity() const { return "Content-Type: " + content_type + "\r\n\r\n" + body; }

Result<const KeyPair*> newest_valid_key(const std::vector<KeyPair>& keys) {
  std::vector<Certificate> certs;
  for (const auto& k : keys) certs.push_back(k.cert);
  EDIGATE_TRY(const Certificate* c, newest_valid(certs));
  return &keys[static_cast<std::size_t>(c - certs.data())];
}

Result<std::string> sign_entity(std::string_view entity, const KeyPair& signer, std::string& content_type,
                                std::string& body, MicAlg alg) {
  EDIGATE_TRY(std::string sig, sign_detached(entity, signer, alg));
  const std::string boundary = "----=_edigate_" + random_token(12);
  content_type = "multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=" + micalg_name(alg) +
                 "; boundary=\"" + boundary + "\"";
  body = "--" + boundary + "\r\n" + std::string(entity) + "\r\n--" + boundary +
         "\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\n"
         "Content-Disposition: attachment; filename=smime.p7s\r\n\r\n" +
         base64_encode(sig, true) + "--" + boundary + "--\r\n";
  return mic_of(entity, alg);
}

Result<OutgoingMessage> build_message(std::string_view payload, const OutgoingOptions& options,
                                      const std::vector<KeyPair>& our_keys,
                                      const std::vector<Certificate>& partner_certs) {
  OutgoingMessage m;
  m.content_type = options.payload_content_type;
  std::string headers = "Content-Transfer-Encoding: binary\r\n";
  if (const std::string name = safe_filename(options.filename); !name.empty())
    headers += "Content-Disposition: attachment; filename=\"" + name + "\"\r\n";
  m.body = std::string(payload);
  const auto entity = [&] { return "Content-Type: " + m.content_type + "\r\n" + headers + "\r\n" + m.body; };
  if (options.compress) {
    EDIGATE_TRY(std::string der, compress(entity()));
    m.content_type = "application/pkcs7-mime; smime-type=compressed-data; name=smime.p7z";
    headers = "Content-Transfer-Encoding: binary\r\n";
    m.body = std::move(der);
  }
  if (options.sign) {
    EDIGATE_TRY(const KeyPair* signer, newest_valid_key(our_keys));
    std::string ct, body;
    EDIGATE_TRY(m.mic, sign_entity(entity(), *signer, ct, body, options.mic_alg));
    m.content_type = std::move(ct);
    headers.clear();
    m.body = std::move(body);
  } else {
    m.mic = mic_of(options.encrypt ? entity() : m.body, options.mic_alg);  // RFC 4130 7.3.1
  }
  if (options.encrypt) {
    EDIGATE_TRY(const Certificate* recipient, newest_valid(partner_certs));
    EDIGATE_TRY(std::string der, encrypt(entity(), *recipient, options.cipher));
    m.content_type = options.cipher == Cipher::aes128_gcm
                         ? "application/pkcs7-mime; smime-type=authEnveloped-data; name=smime.p7m"
                         : "application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m";
    m.body = std::move(der);
  }
  return m;
}

Result<ReceivedMessage> parse_message(std::string_view content_type, std::string_view body,
                                      const std::vector<KeyPair>& our_keys,
                                      const std::vector<Certificate>& partner_certs, const ReceivePolicy& policy,
                                      MicAlg mic_alg) {
  ReceivedMessage r;
  // Each layer's bytes must outlive the views into them, so they are kept here.
  std::deque<std::string> layers;  // deque: growing it keeps earlier views valid
  layers.push_back("Content-Type: " + std::string(content_type) + "\r\n\r\n" + std::string(body));
  std::string_view current = layers.back();
  bool top = true;
  for (int depth = 0; depth < kMaxLayers; ++depth) {
    EDIGATE_TRY(Entity e, parse_entity(current));
    const ContentType ct = parse_content_type(e.header("Content-Type"));
    const std::string smime = lower(ct.param("smime-type"));
    if (is_pkcs7_mime(ct) && (smime == "enveloped-data" || smime == "authenveloped-data" || smime.empty())) {
      if (r.was_encrypted || !top)
        return as2_error(code::kMalformed, "encryption is only allowed as the outermost layer", "enveloped-data");
      EDIGATE_TRY(std::string der, der_body(e));
      EDIGATE_TRY(std::string inner, decrypt(der, our_keys));
      r.was_encrypted = true;
      layers.push_back(std::move(inner));
      current = layers.back();
      // RFC 4130 7.3.1: encrypted but unsigned, the MIC is over the decrypted entity.
      if (!r.was_signed) r.mic = mic_of(current, mic_alg);
    } else if (is_pkcs7_mime(ct) && smime == "compressed-data") {
      EDIGATE_TRY(std::string der, der_body(e));
      EDIGATE_TRY(std::string inner, decompress(der, policy.max_decompressed));
      r.was_compressed = true;
      layers.push_back(std::move(inner));
      current = layers.back();
    } else if (ct.type == "multipart/signed") {
      if (r.was_signed) return as2_error(code::kMalformed, "signed twice", "signature");
      EDIGATE_TRY(auto parts, split_multipart(e.body, ct.param("boundary")));
      if (parts.size() != 2)
        return as2_error(code::kMalformed, "multipart/signed must have two parts", "signature")
            .want("2", std::to_string(parts.size()));
      EDIGATE_TRY(Entity sig_entity, parse_entity(parts[1]));
      EDIGATE_TRY(std::string sig_der, der_body(sig_entity));
      EDIGATE_TRY(std::size_t who, verify_detached(parts[0], sig_der, partner_certs));
      r.was_signed = true;
      r.verified_by = who;
      r.mic = mic_of(parts[0], mic_alg);  // the signed part: its headers and content as sent
      current = parts[0];
    } else {
      if (policy.require_encrypted && !r.was_encrypted)
        return as2_error(code::kInsufficientSecurity, "the partner profile requires encrypted messages");
      if (policy.require_signed && !r.was_signed)
        return as2_error(code::kInsufficientSecurity, "the partner profile requires signed messages");
      EDIGATE_TRY(r.payload, decoded_body(e));
      if (!r.was_signed && !r.was_encrypted) r.mic = mic_of(e.body, mic_alg);  // 7.3.1: body only
      r.payload_content_type = e.header("Content-Type");
      const ContentType disp = parse_content_type(e.header("Content-Disposition"));
      r.filename = safe_filename(disp.param("filename"));
      return r;
    }
    top = false;
  }
  return as2_error(code::kMalformed, "more than " + std::to_string(kMaxLayers) + " nested MIME layers");
}

}  // namespace edigate::as2
