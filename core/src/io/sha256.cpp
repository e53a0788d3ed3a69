#include "io/sha256.hpp"

#include <openssl/evp.h>

#include <cstdlib>

namespace edigate::io {

Sha256 sha256(std::string_view data) {
  // Fetched once: EVP_sha256() makes OpenSSL 3 look the provider's implementation up again on
  // every digest (one per message on the translate path).
  static const EVP_MD* const md = [] {
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    if (const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr)) return fetched;  // kept for the process
#endif
    return EVP_sha256();
  }();
  Sha256 digest{};
  unsigned int length = 0;
  // EVP_Digest only fails on allocation failure or a missing SHA-256 provider; neither is
  // input-dependent, and a digest we cannot compute must not be replaced by a wrong one.
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, md, nullptr) != 1 || length != digest.size()) {
    std::abort();
  }
  return digest;
}

std::string to_hex(const Sha256& digest, std::size_t bytes) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(bytes * 2);
  for (std::size_t i = 0; i < bytes && i < digest.size(); ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

}  // namespace edigate::io
