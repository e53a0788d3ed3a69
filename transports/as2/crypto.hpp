#pragma once
// Owning wrappers and small helpers over OpenSSL for the AS2 core: PEM loading, base64, digests.
// Secrets (private keys) never appear in an error message; only certificate subjects do.
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <edigate/result.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace edigate::as2 {

struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free_all(p); }
};
struct CmsFree {
  void operator()(CMS_ContentInfo* p) const { CMS_ContentInfo_free(p); }
};
using X509Ptr = std::shared_ptr<X509>;
using PkeyPtr = std::shared_ptr<EVP_PKEY>;
using BioPtr = std::unique_ptr<BIO, BioFree>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsFree>;

/// A certificate with its subject kept for messages.
struct Certificate {
  X509Ptr x509;
  std::string subject;    ///< one-line RFC 2253 subject
  std::string not_after;  ///< "2027-12-03 13:58:00 UTC"
  bool expired() const;
  bool not_yet_valid() const;
};

/// Our own identity: private key + its certificate.
struct KeyPair {
  PkeyPtr key;
  Certificate cert;
};

Result<Certificate> load_certificate_pem(std::string_view pem, std::string_view name);
/// The key is checked against the certificate; a mismatch is a configuration error.
Result<KeyPair> load_key_pair_pem(std::string_view key_pem, std::string_view cert_pem, std::string_view name);

BioPtr memory_bio(std::string_view bytes);
std::string bio_bytes(BIO* bio);
/// The queued OpenSSL errors as one line (and the queue cleared).
std::string openssl_errors();

std::string base64_encode(std::string_view bytes, bool wrap_lines);
/// Tolerates CR/LF and spaces between groups; nullopt-like empty Error on bad input.
Result<std::string> base64_decode(std::string_view text);

/// The digests RFC 4130 / RFC 5751 name for micalg and signed-receipt-micalg.
enum class MicAlg : std::uint8_t { sha1, sha256, sha384, sha512 };

/// "sha-1", "sha-256", "sha-384", "sha-512" (RFC 5751 names, as micalg and MICs carry them).
std::string micalg_name(MicAlg alg);
/// Reads a micalg name as partners write it ("sha-256", "SHA256", "sha1"); nullopt if unsupported
/// (md5 and anything else).
std::optional<MicAlg> parse_micalg(std::string_view name);
/// RFC 4130 7.3: the first algorithm of the sender's signed-receipt-micalg list (in a
/// Disposition-Notification-Options header) that we support; sha-256 when none is named.
MicAlg requested_micalg(std::string_view disposition_notification_options);
const EVP_MD* micalg_md(MicAlg alg);

/// RFC 4130 MIC: base64 of the digest, followed by ", " and the algorithm's name.
std::string mic_of(std::string_view bytes, MicAlg alg);
/// mic_of(bytes, MicAlg::sha256).
std::string sha256_mic(std::string_view bytes);

}  // namespace edigate::as2
