// Name and fingerprint rules of the SFTP core that need no server.
#include <catch2/catch.hpp>

#include "sftp/host_key.hpp"
#include "sftp/remote_name.hpp"

#include <string>
#include <vector>

using namespace edigate::sftp;

TEST_CASE("remote names with separators, dot-dot or control characters are refused", "[sftp][names]") {
  for (const std::string& bad :
       std::vector<std::string>{"", ".", "..", "../x", "a/b", "/abs", "a..b", std::string("nul\0x", 5), "tab\tx",
                                "del\x7f", std::string(256, 'a')}) {
    INFO(bad);
    auto r = check_remote_name(bad, "sftp://u@h:22/inbox");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "sftp.remote_name.refused");
    CHECK(r.error().category == edigate::ErrorCategory::invalid_input);
  }
  for (const std::string& good :
       std::vector<std::string>{"po_850.edi", ".hidden.edi", "ORDERS D96A 0001.txt", "a.b.c", std::string(255, 'a')}) {
    INFO(good);
    CHECK(check_remote_name(good, "inbox").ok());
  }
}

TEST_CASE("configured remote folders may be absolute or relative but never climb with ..", "[sftp][names]") {
  CHECK(check_remote_folder("inbox").ok());
  CHECK(check_remote_folder("/in/edi").ok());
  CHECK(check_remote_folder(".").ok());
  CHECK_FALSE(check_remote_folder("").ok());
  CHECK_FALSE(check_remote_folder("..").ok());
  CHECK_FALSE(check_remote_folder("in/../../etc").ok());
  CHECK_FALSE(check_remote_folder("in\n").ok());
  CHECK(join_remote("inbox", "a.edi") == "inbox/a.edi");
  CHECK(join_remote("/in/", "a.edi") == "/in/a.edi");
  CHECK(join_remote(".", "a.edi") == "a.edi");
}

TEST_CASE("SHA-256 fingerprints are written and checked in ssh-keygen's form", "[sftp][host_key]") {
  // SHA-256 of the empty string; ssh-keygen would print its unpadded base64.
  const unsigned char empty_sha256[32] = {0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4,
                                          0xc8, 0x99, 0x6f, 0xb9, 0x24, 0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b,
                                          0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55};
  const std::string fp = format_sha256_fingerprint(empty_sha256);
  CHECK(fp == "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");
  CHECK(verify_host_key(fp, empty_sha256, "sftp://u@h:22").ok());
  CHECK(verify_host_key(fp + "=", empty_sha256, "sftp://u@h:22").ok());  // padded form accepted

  unsigned char other[32] = {};
  auto mismatch = verify_host_key(fp, other, "sftp://u@h:22");
  REQUIRE_FALSE(mismatch.ok());
  CHECK(mismatch.error().code == "sftp.host_key.mismatch");
  CHECK(mismatch.error().expected == fp);
  CHECK(mismatch.error().found == format_sha256_fingerprint(other));

  for (const char* bad : {"", "SHA256:", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", "SHA256:short", "MD5:e3:b0:c4",
                          "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuF!"}) {
    INFO(bad);
    auto r = check_fingerprint_syntax(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "sftp.host_key.pin_invalid");
    CHECK(r.error().category == edigate::ErrorCategory::configuration);
  }
}
