#include "settings.hpp"

#include <file/read_file.hpp>

#include <sstream>

namespace edigate::as2 {

namespace {

Error config_error(const TransportConfig& c, const std::string& message) {
  return Error("transport.as2.config", "partner '" + c.partner + "', transport '" + c.name + "': " + message)
      .as(ErrorCategory::configuration);
}

Result<bool> flag(const TransportConfig& c, const char* name) {
  const std::string v = c.option(name);
  if (v == "true" || v == "1") return true;
  if (v == "false" || v == "0") return false;
  return config_error(c, std::string("'") + name + "' must be true or false").want("true or false", v);
}

std::filesystem::path resolve(const TransportConfig& c, const std::string& p) {
  const std::filesystem::path path(p);
  return path.is_absolute() ? path : c.base / path;
}

}  // namespace

std::vector<TransportOption> endpoint_options() {
  return {
      {"url", true, false, "", "the partner's AS2 URL (http:// or https://)"},
      {"as2-from", true, false, "", "our AS2 id toward this partner"},
      {"as2-to", true, false, "", "the partner's AS2 id (also how the listener recognises its messages)"},
      {"partner-certificate", true, false, "",
       "the partner's PEM certificates, space-separated (rollover: any verifies, the newest valid one encrypts)"},
      {"our-certificate", true, false, "",
       "our PEM certificates, space-separated (rollover: any decrypts, the newest valid one signs)"},
      {"our-private-key", true, true, "", "our PEM private key(s), one or more in one file or variable"},
      {"sign", false, false, "true", "sign what we send (with 'micalg')"},
      {"micalg", false, false, "sha-256",
       "digest we sign with and ask the MDN's MIC in: sha-1, sha-256, sha-384 or sha-512"},
      {"encrypt", false, false, "true", "encrypt what we send"},
      {"compress", false, false, "false", "compress what we send (RFC 5402, before signing)"},
      {"encryption", false, false, "aes256-cbc", "cipher for what we send: aes256-cbc or aes128-gcm"},
      {"mdn", false, false, "sync", "receipt we ask for: none, sync or async"},
      {"mdn-signed", false, false, "true", "ask for a signed receipt, and refuse an unsigned one"},
      {"mdn-url", false, false, "", "async: where the partner posts the MDN (our listener's URL)"},
      {"mdn-timeout-seconds", false, false, "3600",
       "async: a send whose MDN has not come within this time is sent again (a new Message-ID)"},
      {"mdn-attempts", false, false, "3", "async: sends without an MDN before the document is a dead letter"},
      {"poll-seconds", false, false, "60",
       "seconds between checks for sends whose async MDN is overdue (whatever 'mdn' is now: a send left pending "
       "when the partner was switched to sync is still timed)"},
      {"require-signed", false, false, "true", "refuse unsigned messages from this partner"},
      {"require-encrypted", false, false, "true", "refuse unencrypted messages from this partner"},
      {"timeout-seconds", false, false, "60", "connect, send and receive timeout of a send"},
      {"ca-file", false, false, "", "https: PEM CA file to trust instead of the system CAs"},
  };
}

std::vector<TransportOption> listener_options() {
  return {
      {"listen", false, false, "127.0.0.1:4080", "HOST:PORT to listen on (port 0: any free port)"},
      {"path", false, false, "/as2", "the URL path AS2 messages are posted to"},
      {"max-bytes", false, false, "104857600", "largest message accepted (413 above)"},
      {"threads", false, false, "8", "requests handled at once"},
      {"timeout-seconds", false, false, "60", "receive timeout, and the timeout of async MDN posts"},
      {"certificate", false, false, "", "TLS: our PEM server certificate (chain); https when given"},
      {"private-key", false, true, "", "TLS: the PEM private key of `certificate`"},
  };
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string item; in >> item;) out.push_back(item);
  return out;
}

std::vector<std::string> pem_blocks(std::string_view text, std::string_view label) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = text.find("-----BEGIN ", at)) != std::string_view::npos) {
    const std::size_t line_end = text.find("-----", at + 11);
    if (line_end == std::string_view::npos) break;
    const std::string_view this_label = text.substr(at + 11, line_end - at - 11);
    const std::string end_marker = "-----END " + std::string(this_label) + "-----";
    const std::size_t end = text.find(end_marker, line_end);
    if (end == std::string_view::npos) break;
    if (this_label.find(label) != std::string_view::npos)
      out.emplace_back(text.substr(at, end + end_marker.size() - at));
    at = end + end_marker.size();
  }
  return out;
}

Result<std::string> read_text_file(const std::filesystem::path& path, const std::string& what) {
  auto text = io::read_file(path);
  if (!text)
    return Error("transport.as2.file", "cannot read " + what + " " + path.string()).as(ErrorCategory::configuration);
  return std::move(text).value();
}

Result<std::shared_ptr<const PartnerSetup>> load_partner_setup(const TransportConfig& c) {
  auto s = std::make_shared<PartnerSetup>();
  s->partner = c.partner;
  s->name = c.name;
  s->url = c.option("url");
  s->our_id = c.option("as2-from");
  s->partner_id = c.option("as2-to");
  s->work_dir = c.work_dir;
  if (s->url.rfind("http://", 0) != 0 && s->url.rfind("https://", 0) != 0)
    return config_error(c, "'url' must be an http:// or https:// URL").want("http(s)://HOST[:PORT]/PATH", s->url);
  EDIGATE_TRY(s->sign, flag(c, "sign"));
  EDIGATE_TRY(s->encrypt, flag(c, "encrypt"));
  EDIGATE_TRY(s->compress, flag(c, "compress"));
  EDIGATE_TRY(s->mdn_signed, flag(c, "mdn-signed"));
  EDIGATE_TRY(s->receive.require_signed, flag(c, "require-signed"));
  EDIGATE_TRY(s->receive.require_encrypted, flag(c, "require-encrypted"));
  const std::string mdn = c.option("mdn");
  if (mdn == "none")
    s->mdn = MdnMode::none;
  else if (mdn == "sync")
    s->mdn = MdnMode::sync;
  else if (mdn == "async")
    s->mdn = MdnMode::async;
  else
    return config_error(c, "'mdn' must be none, sync or async").want("none, sync or async", mdn);
  s->mdn_url = c.option("mdn-url");
  if (s->mdn == MdnMode::async && s->mdn_url.empty())
    return config_error(c, "an async MDN needs 'mdn-url' (our listener's URL the partner posts it to)");
  if (auto alg = parse_micalg(c.option("micalg")))
    s->mic_alg = *alg;
  else
    return config_error(c, "unknown 'micalg'").want("sha-1, sha-256, sha-384 or sha-512", c.option("micalg"));
  const std::string cipher = c.option("encryption");
  if (cipher == "aes256-cbc")
    s->cipher = Cipher::aes256_cbc;
  else if (cipher == "aes128-gcm")
    s->cipher = Cipher::aes128_gcm;
  else
    return config_error(c, "unknown 'encryption'").want("aes256-cbc or aes128-gcm", cipher);
  try {
    const long t = std::stol(c.option("timeout-seconds"));
    if (t <= 0 || t > 86400) throw std::out_of_range("timeout");
    s->timeout = std::chrono::seconds(t);
  } catch (const std::exception&) {
    return config_error(c, "'timeout-seconds' must be 1..86400").want("1..86400", c.option("timeout-seconds"));
  }
  try {
    const long t = std::stol(c.option("mdn-timeout-seconds"));
    const long n = std::stol(c.option("mdn-attempts"));
    if (t <= 0 || t > 86400 || n < 1 || n > 100) throw std::out_of_range("mdn");
    s->mdn_timeout = std::chrono::seconds(t);
    s->mdn_attempts = static_cast<int>(n);
  } catch (const std::exception&) {
    return config_error(c, "'mdn-timeout-seconds' must be 1..86400 and 'mdn-attempts' 1..100")
        .want("1..86400 and 1..100", c.option("mdn-timeout-seconds") + ", " + c.option("mdn-attempts"));
  }
  try {
    // The host schedules the checks (poll-seconds); a bad value is refused here rather than
    // silently replaced by the host's default.
    const long p = std::stol(c.option("poll-seconds"));
    if (p <= 0 || p > 3600) throw std::out_of_range("poll");
  } catch (const std::exception&) {
    return config_error(c, "'poll-seconds' must be 1..3600").want("1..3600", c.option("poll-seconds"));
  }
  if (!c.option("ca-file").empty()) s->ca_file = resolve(c, c.option("ca-file")).string();

  for (const std::string& f : split_list(c.option("partner-certificate"))) {
    const auto path = resolve(c, f);
    EDIGATE_TRY(std::string pem, read_text_file(path, "partner certificate"));
    auto cert = load_certificate_pem(pem, path.string());
    if (!cert) return config_error(c, cert.error().message);
    s->partner_certs.push_back(std::move(cert).value());
    s->partner_cert_files.push_back(path.string());
  }
  if (s->partner_certs.empty()) return config_error(c, "'partner-certificate' names no file");

  auto secret = c.secrets.find("our-private-key");
  if (secret == c.secrets.end()) return config_error(c, "'our-private-key' is missing");
  const std::vector<std::string> keys = pem_blocks(secret->second, "PRIVATE KEY");
  if (keys.empty()) return config_error(c, "'our-private-key' holds no PEM private key");
  for (const std::string& f : split_list(c.option("our-certificate"))) {
    const auto path = resolve(c, f);
    EDIGATE_TRY(std::string pem, read_text_file(path, "our certificate"));
    std::optional<KeyPair> pair;
    std::string last_problem;
    for (const std::string& key : keys) {
      auto kp = load_key_pair_pem(key, pem, path.string());
      if (kp) {
        pair = std::move(kp).value();
        break;
      }
      last_problem = kp.error().message;
    }
    if (!pair) return config_error(c, "no key in 'our-private-key' fits our certificate: " + last_problem);
    s->our_keys.push_back(std::move(*pair));
    s->our_cert_files.push_back(path.string());
  }
  if (s->our_keys.empty()) return config_error(c, "'our-certificate' names no file");
  return std::shared_ptr<const PartnerSetup>(std::move(s));
}

}  // namespace edigate::as2
