#include <as2/crypto.hpp>

#include <as2/errors.hpp>

#include <openssl/err.h>
#include <openssl/pem.h>

#include <cctype>
#include <ctime>

namespace edigate::as2 {

namespace {

std::string asn1_time_text(const ASN1_TIME* t) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return "?";
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

Certificate describe(X509Ptr x) {
  Certificate c;
  BioPtr out(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(out.get(), X509_get_subject_name(x.get()), 0, XN_FLAG_RFC2253);
  c.subject = bio_bytes(out.get());
  c.not_after = asn1_time_text(X509_get0_notAfter(x.get()));
  c.x509 = std::move(x);
  return c;
}

}  // namespace

bool Certificate::expired() const { return X509_cmp_current_time(X509_get0_notAfter(x509.get())) < 0; }
bool Certificate::not_yet_valid() const { return X509_cmp_current_time(X509_get0_notBefore(x509.get())) > 0; }

Result<Certificate> load_certificate_pem(std::string_view pem, std::string_view name) {
  BioPtr in = memory_bio(pem);
  X509* x = PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr);
  if (!x) return as2_error(code::kKey, "cannot read certificate " + std::string(name) + ": " + openssl_errors());
  return describe(X509Ptr(x, X509Free{}));
}

Result<KeyPair> load_key_pair_pem(std::string_view key_pem, std::string_view cert_pem, std::string_view name) {
  EDIGATE_TRY(auto cert, load_certificate_pem(cert_pem, name));
  BioPtr in = memory_bio(key_pem);
  // A null password callback: an encrypted key fails here instead of prompting on a terminal.
  EVP_PKEY* k = PEM_read_bio_PrivateKey(
      in.get(), nullptr, [](char*, int, int, void*) { return 0; }, nullptr);
  ERR_clear_error();
  if (!k) return as2_error(code::kKey, "cannot read the private key of " + std::string(name));
  PkeyPtr key(k, PkeyFree{});
  if (X509_check_private_key(cert.x509.get(), k) != 1) {
    ERR_clear_error();
    return as2_error(code::kKey,
                     "the private key of " + std::string(name) + " does not match certificate " + cert.subject);
  }
  return KeyPair{std::move(key), std::move(cert)};
}

BioPtr memory_bio(std::string_view bytes) {
  return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

std::string bio_bytes(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

std::string openssl_errors() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? std::string("no OpenSSL detail") : out;
}

std::string base64_encode(std::string_view bytes, bool wrap_lines) {
  std::string raw(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(raw.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  raw.resize(static_cast<std::size_t>(n));
  if (!wrap_lines) return raw;
  std::string out;
  for (std::size_t i = 0; i < raw.size(); i += 76) out += raw.substr(i, 76) + "\r\n";
  return out;
}

Result<std::string> base64_decode(std::string_view text) {
  std::string clean;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) clean += c;
  if (clean.size() % 4 != 0) return as2_error(code::kMalformed, "base64 content has a length not a multiple of 4");
  std::string out(clean.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(clean.data()), static_cast<int>(clean.size()));
  if (n < 0) return as2_error(code::kMalformed, "content is not valid base64");
  // EVP_DecodeBlock counts the '=' padding as zero bytes; drop them.
  std::size_t pad = 0;
  if (!clean.empty() && clean.back() == '=') ++pad;
  if (clean.size() > 1 && clean[clean.size() - 2] == '=') ++pad;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

std::string micalg_name(MicAlg alg) {
  switch (alg) {
    case MicAlg::sha1:
      return "sha-1";
    case MicAlg::sha384:
      return "sha-384";
    case MicAlg::sha512:
      return "sha-512";
    case MicAlg::sha256:
      break;
  }
  return "sha-256";
}

std::optional<MicAlg> parse_micalg(std::string_view name) {
  std::string n;
  for (char c : name)
    if (!std::isspace(static_cast<unsigned char>(c)) && c != '"' && c != '-')
      n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n == "sha1") return MicAlg::sha1;
  if (n == "sha256") return MicAlg::sha256;
  if (n == "sha384") return MicAlg::sha384;
  if (n == "sha512") return MicAlg::sha512;
  return std::nullopt;
}

MicAlg requested_micalg(std::string_view options) {
  // "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-1, sha-256"
  std::string lower_options;
  for (char c : options) lower_options += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::size_t at = lower_options.find("signed-receipt-micalg");
  if (at == std::string::npos) return MicAlg::sha256;
  const std::size_t eq = lower_options.find('=', at);
  if (eq == std::string::npos) return MicAlg::sha256;
  const std::size_t end = lower_options.find(';', eq);
  std::string_view list = std::string_view(lower_options).substr(eq + 1, end == std::string::npos ? end : end - eq - 1);
  // The first item is the importance (required / optional); the algorithms follow in preference order.
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    if (auto alg = parse_micalg(list.substr(0, comma))) return *alg;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return MicAlg::sha256;
}

const EVP_MD* micalg_md(MicAlg alg) {
  switch (alg) {
    case MicAlg::sha1:
      return EVP_sha1();
    case MicAlg::sha384:
      return EVP_sha384();
    case MicAlg::sha512:
      return EVP_sha512();
    case MicAlg::sha256:
      break;
  }
  return EVP_sha256();
}

std::string mic_of(std::string_view bytes, MicAlg alg) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &len, micalg_md(alg), nullptr);
  return base64_encode(std::string_view(reinterpret_cast<char*>(md), len), false) + ", " + micalg_name(alg);
}

std::string sha256_mic(std::string_view bytes) { return mic_of(bytes, MicAlg::sha256); }

}  // namespace edigate::as2
