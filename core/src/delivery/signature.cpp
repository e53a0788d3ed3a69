#include "delivery/signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace edigate::delivery {

std::string sign_body(std::string_view body, std::string_view secret) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  // One-shot HMAC(): not deprecated in OpenSSL 3 (only the HMAC_CTX functions are).
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &mac_len);
  static const char* hex = "0123456789abcdef";
  std::string out = "sha256=";
  for (unsigned i = 0; i < mac_len; ++i) {
    out += hex[mac[i] >> 4];
    out += hex[mac[i] & 15];
  }
  return out;
}

bool signature_matches(std::string_view header, std::string_view body, std::string_view secret) {
  const std::string expected = sign_body(body, secret);
  if (header.size() != expected.size()) return false;
  return CRYPTO_memcmp(header.data(), expected.data(), expected.size()) == 0;
}

}  // namespace edigate::delivery
