#include "sftp/host_key.hpp"

#include <array>

namespace edigate::sftp {

namespace {
constexpr std::string_view kPrefix = "SHA256:";
constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
// 32 bytes give 43 base64 characters without padding.
constexpr std::size_t kEncodedLength = 43;
}  // namespace

// The SDK links no crypto library and libssh2 exposes no base64 encoder, so the 32-byte digest
// is encoded here; it is the only base64 the SFTP core writes.
std::string format_sha256_fingerprint(const unsigned char* d) {
  std::string out(kPrefix);
  std::size_t i = 0;
  for (; i + 3 <= 32; i += 3) {
    const unsigned v = (unsigned(d[i]) << 16) | (unsigned(d[i + 1]) << 8) | unsigned(d[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  // 32 = 10 * 3 + 2: two bytes left, three characters, no '=' (OpenSSH strips padding).
  const unsigned v = (unsigned(d[i]) << 16) | (unsigned(d[i + 1]) << 8);
  out += kAlphabet[(v >> 18) & 63];
  out += kAlphabet[(v >> 12) & 63];
  out += kAlphabet[(v >> 6) & 63];
  return out;
}

Result<void> check_fingerprint_syntax(std::string_view pinned) {
  std::string_view body = pinned;
  bool ok = body.substr(0, kPrefix.size()) == kPrefix;
  if (ok) body.remove_prefix(kPrefix.size());
  if (ok && body.size() == kEncodedLength + 1 && body.back() == '=') body.remove_suffix(1);
  ok = ok && body.size() == kEncodedLength && body.find_first_not_of(kAlphabet) == std::string_view::npos;
  if (ok) return {};
  return Error("sftp.host_key.pin_invalid", "the pinned host key fingerprint is not a SHA-256 fingerprint")
      .want("SHA256:<43 base64 characters> as printed by ssh-keygen -l", std::string(pinned))
      .as(ErrorCategory::configuration);
}

Result<void> verify_host_key(std::string_view pinned, const unsigned char* offered, const std::string& where) {
  EDIGATE_TRY_VOID(check_fingerprint_syntax(pinned));
  const std::string got = format_sha256_fingerprint(offered);
  std::string_view want = pinned;
  if (!want.empty() && want.back() == '=') want.remove_suffix(1);
  if (want == got) return {};
  Position pos;
  pos.file = where;
  return Error("sftp.host_key.mismatch",
               "the server's host key is not the pinned one (changed key or a different server); refused")
      .at(std::move(pos))
      .want(std::string(want), got)
      .as(ErrorCategory::configuration);
}

}  // namespace edigate::sftp
