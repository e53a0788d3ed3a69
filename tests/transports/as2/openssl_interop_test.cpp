// Interop with the `openssl cms` command line, both ways: what we sign and encrypt, openssl
// decrypts and verifies with the same MIC; what openssl signs and encrypts, we parse.
#include <as2/errors.hpp>
#include <as2/mdn.hpp>
#include <as2/message.hpp>

#include "as2_fixture.hpp"

using namespace edigate::as2;
using namespace edigate::as2::test;

namespace {

/// `openssl dgst` of `file` as an RFC 4130 MIC ("base64, sha-384").
std::string openssl_mic(const fs::path& file, const fs::path& log, MicAlg alg = MicAlg::sha256) {
  const fs::path out = file.string() + ".mic";
  std::string flag = micalg_name(alg);  // "sha-384" -> "-sha384"
  flag.erase(flag.find('-'), 1);
  REQUIRE(sh("openssl dgst -" + flag + " -binary '" + file.string() + "' | base64 -w0 > '" + out.string() + "'", log));
  return read_file(out) + ", " + micalg_name(alg);
}

MicAlg any_micalg() { return GENERATE(MicAlg::sha1, MicAlg::sha256, MicAlg::sha384, MicAlg::sha512); }

}  // namespace

TEST_CASE("openssl cms decrypts and verifies what we send, with the same MIC", "[as2][interop][openssl]") {
  auto& pki = Pki::get();
  edigate::test::TempDir dir("as2-to-openssl");
  const fs::path log = dir.path / "openssl.log";
  OutgoingOptions o;
  o.filename = "po.x12";
  const bool gcm = GENERATE(false, true);
  o.cipher = gcm ? Cipher::aes128_gcm : Cipher::aes256_cbc;
  o.mic_alg = any_micalg();
  INFO("micalg " << micalg_name(o.mic_alg));
  auto m = build_message(sample_payload(), o, {pki.gateway.pair()}, {pki.partner.cert()});
  REQUIRE(m.ok());
  write_file(dir.path / "body.der", m->body);
  const std::string p = dir.path.string() + "/";
  INFO(read_file(log));
  REQUIRE(sh("openssl cms -decrypt -binary -inform DER -in " + p + "body.der -recip '" + pki.partner.crt.string() +
                 "' -inkey '" + pki.partner.key.string() + "' -out " + p + "decrypted.mime",
             log));
  REQUIRE(sh("openssl cms -verify -binary -crlfeol -in " + p + "decrypted.mime -CAfile '" + pki.gateway.crt.string() +
                 "' -purpose any -out " + p + "signed-part.mime",
             log));
  CHECK(openssl_mic(dir.path / "signed-part.mime", log, o.mic_alg) == m->mic);
  CHECK(read_file(dir.path / "decrypted.mime").find("micalg=" + micalg_name(o.mic_alg) + ";") != std::string::npos);
  auto part = parse_entity(read_file(dir.path / "signed-part.mime"));
  REQUIRE(part.ok());
  CHECK(std::string(part->body) == sample_payload());
}

TEST_CASE("we parse what openssl cms signs and encrypts", "[as2][interop][openssl]") {
  auto& pki = Pki::get();
  edigate::test::TempDir dir("openssl-to-as2");
  const fs::path log = dir.path / "openssl.log";
  const std::string p = dir.path.string() + "/";
  write_file(dir.path / "payload.mime",
             "Content-Type: application/edi-x12\r\nContent-Disposition: attachment; filename=po.x12\r\n"
             "Content-Transfer-Encoding: binary\r\n\r\n" +
                 sample_payload());
  const std::string padding = GENERATE(std::string(""), std::string("-keyopt rsa_padding_mode:oaep"));
  INFO("key transport: " << (padding.empty() ? "PKCS#1 v1.5" : "OAEP"));
  // The sender signs with one digest and asks the MIC in another (signed-receipt-micalg).
  const MicAlg signed_with = any_micalg();
  const MicAlg asked = signed_with == MicAlg::sha1 ? MicAlg::sha512 : MicAlg::sha1;
  INFO("signed with " << micalg_name(signed_with) << ", MIC asked in " << micalg_name(asked));
  std::string md = micalg_name(signed_with);
  md.erase(md.find('-'), 1);
  REQUIRE(sh("openssl cms -sign -binary -crlfeol -md " + md + " -signer '" + pki.partner.crt.string() + "' -inkey '" +
                 pki.partner.key.string() + "' -in " + p + "payload.mime -out " + p + "signed.mime",
             log));
  REQUIRE(sh("openssl cms -encrypt -binary -aes256 -recip '" + pki.gateway.crt.string() + "' " + padding + " -in " + p +
                 "signed.mime -outform DER -out " + p + "msg.der",
             log));
  auto got = parse_message("application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m",
                           read_file(dir.path / "msg.der"), {pki.gateway.pair()}, {pki.partner.cert()}, {}, asked);
  INFO(read_file(log));
  REQUIRE(got.ok());
  CHECK(got->payload == sample_payload());
  CHECK(got->mic == openssl_mic(dir.path / "payload.mime", log, asked));
  auto same =
      parse_message("application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m",
                    read_file(dir.path / "msg.der"), {pki.gateway.pair()}, {pki.partner.cert()}, {}, signed_with);
  REQUIRE(same.ok());
  CHECK(same->mic == openssl_mic(dir.path / "payload.mime", log, signed_with));
  CHECK(got->filename == "po.x12");
  CHECK(got->verified_by == std::optional<std::size_t>(0));
}

TEST_CASE("we parse an openssl-encrypted but unsigned message, MIC over the decrypted entity",
          "[as2][interop][openssl]") {
  auto& pki = Pki::get();
  edigate::test::TempDir dir("openssl-enc-only");
  const fs::path log = dir.path / "openssl.log";
  const std::string p = dir.path.string() + "/";
  write_file(dir.path / "payload.mime", "Content-Type: application/edi-x12\r\n\r\n" + sample_payload());
  REQUIRE(sh("openssl cms -encrypt -binary -aes128 -in " + p + "payload.mime -outform DER -out " + p + "msg.der '" +
                 pki.gateway.crt.string() + "'",
             log));
  auto got = parse_message("application/pkcs7-mime; smime-type=enveloped-data", read_file(dir.path / "msg.der"),
                           {pki.gateway.pair()}, {pki.partner.cert()},
                           ReceivePolicy{.require_signed = false, .require_encrypted = true});
  REQUIRE(got.ok());
  CHECK_FALSE(got->was_signed);
  CHECK(got->mic == openssl_mic(dir.path / "payload.mime", log));
}

TEST_CASE("openssl cms verifies our signed MDN", "[as2][interop][openssl][mdn]") {
  auto& pki = Pki::get();
  edigate::test::TempDir dir("mdn-to-openssl");
  const fs::path log = dir.path / "openssl.log";
  const std::string p = dir.path.string() + "/";
  const KeyPair signer = pki.gateway.pair();
  const MicAlg alg = any_micalg();
  INFO("micalg " << micalg_name(alg));
  auto mdn = build_mdn({.final_recipient = "GATEWAY",
                        .original_message_id = "<m1@partner.test>",
                        .received_mic = "abc=, " + micalg_name(alg),
                        .text = ""},
                       &signer, alg);
  REQUIRE(mdn.ok());
  CHECK(mdn->content_type.find("micalg=" + micalg_name(alg) + ";") != std::string::npos);
  write_file(dir.path / "mdn.mime", mdn->entity());
  REQUIRE(sh("openssl cms -verify -binary -crlfeol -in " + p + "mdn.mime -CAfile '" + pki.gateway.crt.string() +
                 "' -purpose any -out " + p + "report.mime",
             log));
  // The signature's digest is the one named in micalg.
  REQUIRE(sh("openssl cms -cmsout -print -in " + p + "mdn.mime -out " + p + "mdn.txt", log));
  std::string digest = micalg_name(alg);
  digest.erase(digest.find('-'), 1);
  CHECK(read_file(dir.path / "mdn.txt").find("algorithm: " + digest + " ") != std::string::npos);
  const std::string report = read_file(dir.path / "report.mime");
  CHECK(report.find("Original-Message-ID: <m1@partner.test>\r\n") != std::string::npos);
  CHECK(report.find("Disposition: automatic-action/MDN-sent-automatically; processed\r\n") != std::string::npos);
}

TEST_CASE("openssl reads our compressed-data as RFC 5402 zlib", "[as2][interop][openssl][compression]") {
  edigate::test::TempDir dir("as2-z-openssl");
  const fs::path log = dir.path / "openssl.log";
  auto z = compress(sample_payload());
  REQUIRE(z.ok());
  write_file(dir.path / "z.der", z.value());
  REQUIRE(sh("openssl cms -cmsout -print -inform DER -in '" + (dir.path / "z.der").string() + "' -out '" +
                 (dir.path / "z.txt").string() + "'",
             log));
  const std::string printed = read_file(dir.path / "z.txt");
  CHECK(printed.find("contentType: id-smime-ct-compressedData") != std::string::npos);
  CHECK(printed.find("algorithm: zlib compression") != std::string::npos);
  CHECK(printed.find("eContentType: pkcs7-data") != std::string::npos);
}

TEST_CASE("a base64 payload part inside an openssl signature is decoded, the MIC covers it as sent",
          "[as2][interop][openssl]") {
  auto& pki = Pki::get();
  edigate::test::TempDir dir("openssl-b64-part");
  const fs::path log = dir.path / "openssl.log";
  const std::string p = dir.path.string() + "/";
  // Products built on nodemailer (libas2) base64-encode the payload part before signing.
  write_file(dir.path / "payload.mime",
             "Content-Type: application/edi-x12\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                 base64_encode(sample_payload(), true));
  REQUIRE(sh("openssl cms -sign -binary -crlfeol -md sha256 -signer '" + pki.partner.crt.string() + "' -inkey '" +
                 pki.partner.key.string() + "' -in " + p + "payload.mime -out " + p + "signed.mime",
             log));
  const auto http = as_http(read_file(dir.path / "signed.mime"));
  auto got = parse_message(http.content_type, http.body, {pki.gateway.pair()}, {pki.partner.cert()},
                           ReceivePolicy{.require_signed = true, .require_encrypted = false});
  INFO(read_file(log));
  REQUIRE(got.ok());
  CHECK(got->payload == sample_payload());
  CHECK(got->mic == openssl_mic(dir.path / "payload.mime", log));
}
