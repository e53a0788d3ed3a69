#include "canonical/message_id.hpp"

#include <openssl/evp.h>

#include <array>
#include <cstdlib>
#include <memory>
#include <string_view>

namespace edigate::canonical {
namespace {

void append_netstring(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ',';
}

}  // namespace

std::string message_id_preimage(const MessageIdentity& id) {
  std::string out;
  out.reserve(128 + id.partner_id.size() + id.sender_id.size() + id.receiver_id.size() + id.discriminator.size());
  append_netstring(out, "edigate.canonical/v1");
  append_netstring(out, id.partner_id);
  append_netstring(out, id.sender_qualifier);
  append_netstring(out, id.sender_id);
  append_netstring(out, id.receiver_qualifier);
  append_netstring(out, id.receiver_id);
  append_netstring(out, id.interchange_control_number);
  append_netstring(out, id.group_control_number);
  append_netstring(out, id.transaction_control_number);
  append_netstring(out, std::to_string(id.position));
  append_netstring(out, id.discriminator);
  return out;
}

std::string message_id(const MessageIdentity& identity) {
  const std::string data = message_id_preimage(identity);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  // EVP_Digest only fails on allocation failure or a missing SHA-256 provider; neither is
  // input-dependent, and an id we cannot compute must not be replaced by a wrong one.
  // Fetched once: EVP_sha256() makes OpenSSL 3 look the provider's implementation up again on
  // every digest (one per message on the translate path).
  static const EVP_MD* const sha256 = [] {
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    if (const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr)) return md;  // kept for the process
#endif
    return EVP_sha256();
  }();
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, sha256, nullptr) != 1 || length < 16) {
    std::abort();
  }
  static const char* hex = "0123456789abcdef";
  std::string out = "m-";
  for (unsigned i = 0; i < 16; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

bool is_message_id(const std::string& text) noexcept {
  if (text.size() != 34 || text.compare(0, 2, "m-") != 0) return false;
  for (std::size_t i = 2; i < text.size(); ++i) {
    const char c = text[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace edigate::canonical
