// AS2 message core: ours -> ours round trips and every receive-side failure with its own code
// and MDN disposition.
#include <as2/errors.hpp>
#include <as2/message.hpp>

#include "as2_fixture.hpp"

using namespace edigate::as2;
using edigate::as2::test::Pki;
using edigate::as2::test::sample_payload;

namespace {

// Sent by PARTNER (signing with its key, encrypting for GATEWAY), received by GATEWAY.
OutgoingMessage send_from_partner(const OutgoingOptions& o, const KeyPair& signer) {
  auto& pki = Pki::get();
  auto m = build_message(sample_payload(), o, {signer}, {pki.gateway.cert()});
  REQUIRE(m.ok());
  return m.value();
}

edigate::Result<ReceivedMessage> receive(const OutgoingMessage& m, std::vector<Certificate> partner_certs,
                                         ReceivePolicy policy = {}) {
  auto& pki = Pki::get();
  return parse_message(m.content_type, m.body, {pki.gateway.pair()}, partner_certs, policy);
}

}  // namespace

TEST_CASE("a signed and encrypted message round trips with payload, MIC and signer", "[as2][message]") {
  auto& pki = Pki::get();
  OutgoingOptions o;
  o.filename = "po.x12";
  SECTION("AES-256-CBC") { o.cipher = Cipher::aes256_cbc; }
  SECTION("AES-128-GCM") { o.cipher = Cipher::aes128_gcm; }
  SECTION("AES-256-CBC, compressed before signing") { o.compress = true; }
  const auto sent = send_from_partner(o, pki.partner.pair());
  REQUIRE(sent.content_type.find(o.cipher == Cipher::aes128_gcm ? "authEnveloped-data" : "smime-type=enveloped-data") !=
          std::string::npos);
  auto got = receive(sent, {pki.partner.cert()});
  REQUIRE(got.ok());
  CHECK(got->payload == sample_payload());
  CHECK(got->mic == sent.mic);
  CHECK(got->mic.size() == 44 + 9);  // 32-byte digest in base64, then ", sha-256"
  CHECK(got->was_signed);
  CHECK(got->was_encrypted);
  CHECK(got->was_compressed == o.compress);
  CHECK(got->verified_by == std::optional<std::size_t>(0));
  CHECK(got->filename == "po.x12");
  CHECK(got->payload_content_type == "application/edi-x12");
}

TEST_CASE("a compressed payload is really compressed and expands back", "[as2][message]") {
  const std::string big(200000, 'A');
  auto z = compress(big);
  REQUIRE(z.ok());
  CHECK(z->size() < 2000);
  auto back = decompress(z.value(), big.size());
  REQUIRE(back.ok());
  CHECK(back.value() == big);
  auto bomb = decompress(z.value(), 1000);
  REQUIRE_FALSE(bomb.ok());
  CHECK(bomb.error().code == code::kDecompressionFailed);
  CHECK(disposition_modifier(bomb.error()) == "decompression-failed");
}

TEST_CASE("a tampered signed message fails the integrity check", "[as2][message][errors]") {
  auto& pki = Pki::get();
  OutgoingOptions o;
  o.encrypt = false;
  auto sent = send_from_partner(o, pki.partner.pair());
  const auto at = sent.body.find("PO-4711");
  REQUIRE(at != std::string::npos);
  sent.body[at + 6] = '2';
  auto got = receive(sent, {pki.partner.cert()}, ReceivePolicy{.require_signed = true, .require_encrypted = false});
  REQUIRE_FALSE(got.ok());
  CHECK(got.error().code == code::kSignatureInvalid);
  CHECK(disposition_modifier(got.error()) == "integrity-check-failed");
}

TEST_CASE("a signature by a key that is none of the partner's fails authentication", "[as2][message][errors]") {
  auto& pki = Pki::get();
  const auto sent = send_from_partner({}, pki.other.pair());
  auto got = receive(sent, {pki.partner.cert(), pki.partner_old.cert()});
  REQUIRE_FALSE(got.ok());
  CHECK(got.error().code == code::kSignerUnknown);
  CHECK(got.error().message.find("CN=OTHER") != std::string::npos);
  CHECK(disposition_modifier(got.error()) == "authentication-failed");
}

TEST_CASE("a message encrypted for another certificate fails decryption", "[as2][message][errors]") {
  auto& pki = Pki::get();
  auto m = build_message(sample_payload(), {}, {pki.partner.pair()}, {pki.other.cert()});
  REQUIRE(m.ok());
  auto got = receive(m.value(), {pki.partner.cert()});
  REQUIRE_FALSE(got.ok());
  CHECK(got.error().code == code::kDecryptionFailed);
  CHECK(disposition_modifier(got.error()) == "decryption-failed");
}

TEST_CASE("our own key rolls over: a message for the old or the new key decrypts", "[as2][message][rollover]") {
  auto& pki = Pki::get();
  for (const auto* recipient : {&pki.gateway, &pki.other}) {
    auto m = build_message(sample_payload(), {}, {pki.partner.pair()}, {recipient->cert()});
    REQUIRE(m.ok());
    auto got =
        parse_message(m->content_type, m->body, {pki.gateway.pair(), pki.other.pair()}, {pki.partner.cert()}, {});
    REQUIRE(got.ok());
    CHECK(got->payload == sample_payload());
  }
}

TEST_CASE("during partner certificate rollover both certificates verify", "[as2][message][rollover]") {
  auto& pki = Pki::get();
  const std::vector<Certificate> both = {pki.partner_old.cert(), pki.partner.cert()};
  auto from_old = receive(send_from_partner({}, pki.partner_old.pair()), both);
  auto from_new = receive(send_from_partner({}, pki.partner.pair()), both);
  REQUIRE(from_old.ok());
  REQUIRE(from_new.ok());
  CHECK(from_old->verified_by == std::optional<std::size_t>(0));
  CHECK(from_new->verified_by == std::optional<std::size_t>(1));
}

TEST_CASE("encryption uses the newest valid partner certificate", "[as2][message][rollover]") {
  auto& pki = Pki::get();
  // PARTNER-OLD starts in 2024, PARTNER today: PARTNER is the newest; the expired one never counts.
  const std::vector<Certificate> certs = {pki.partner_expired.cert(), pki.partner_old.cert(), pki.partner.cert()};
  auto newest = newest_valid(certs);
  REQUIRE(newest.ok());
  CHECK(newest.value()->subject.find("CN=PARTNER,") != std::string::npos);
  auto m = build_message(sample_payload(), {}, {pki.gateway.pair()}, certs);
  REQUIRE(m.ok());
  auto by_new = parse_message(m->content_type, m->body, {pki.partner.pair()}, {pki.gateway.cert()}, {});
  CHECK(by_new.ok());
  auto by_old = parse_message(m->content_type, m->body, {pki.partner_old.pair()}, {pki.gateway.cert()}, {});
  REQUIRE_FALSE(by_old.ok());
  CHECK(by_old.error().code == code::kDecryptionFailed);
}

TEST_CASE("an expired partner certificate is refused with a clear error", "[as2][message][errors]") {
  auto& pki = Pki::get();
  SECTION("for encryption") {
    auto m = build_message(sample_payload(), {}, {pki.gateway.pair()}, {pki.partner_expired.cert()});
    REQUIRE_FALSE(m.ok());
    CHECK(m.error().code == code::kCertificateExpired);
    CHECK(m.error().message.find("CN=PARTNER-EXPIRED") != std::string::npos);
    CHECK(m.error().message.find("2021-01-01") != std::string::npos);
  }
  SECTION("for a signature") {
    // Our builder refuses to sign with an expired key, so the expired signer is `openssl cms`.
    const auto& log = pki.log;
    const auto dir = pki.dir.path;
    test::write_file(dir / "exp-payload.mime", "Content-Type: application/edi-x12\r\n\r\n" + sample_payload());
    REQUIRE(test::sh("openssl cms -sign -binary -crlfeol -md sha256 -signer '" + pki.partner_expired.crt.string() +
                         "' -inkey '" + pki.partner_expired.key.string() + "' -in '" +
                         (dir / "exp-payload.mime").string() + "' -out '" + (dir / "exp-signed.mime").string() + "'",
                     log));
    const auto http = test::as_http(test::read_file(dir / "exp-signed.mime"));
    auto e = parse_message(http.content_type, http.body, {pki.gateway.pair()},
                           {pki.partner.cert(), pki.partner_expired.cert()},
                           ReceivePolicy{.require_signed = true, .require_encrypted = false});
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().code == code::kCertificateExpired);
    CHECK(e.error().message.find("expired at 2021-01-01") != std::string::npos);
    CHECK(disposition_modifier(e.error()) == "authentication-failed");
  }
}

TEST_CASE("unsigned or unencrypted messages are refused when the profile requires them", "[as2][message][errors]") {
  auto& pki = Pki::get();
  OutgoingOptions o;
  o.sign = false;
  auto unsigned_msg = receive(send_from_partner(o, pki.partner.pair()), {pki.partner.cert()});
  REQUIRE_FALSE(unsigned_msg.ok());
  CHECK(unsigned_msg.error().code == code::kInsufficientSecurity);
  CHECK(disposition_modifier(unsigned_msg.error()) == "insufficient-message-security");
  o.sign = true;
  o.encrypt = false;
  auto plain = receive(send_from_partner(o, pki.partner.pair()), {pki.partner.cert()});
  REQUIRE_FALSE(plain.ok());
  CHECK(plain.error().code == code::kInsufficientSecurity);
  auto allowed = receive(send_from_partner(o, pki.partner.pair()), {pki.partner.cert()},
                         ReceivePolicy{.require_signed = true, .require_encrypted = false});
  REQUIRE(allowed.ok());
  CHECK(allowed->payload == sample_payload());
}

TEST_CASE("garbage bodies are errors, never crashes", "[as2][message][errors]") {
  auto& pki = Pki::get();
  const std::vector<KeyPair> keys = {pki.gateway.pair()};
  auto enc = parse_message("application/pkcs7-mime; smime-type=enveloped-data", "\x30\x03\x01\x02", keys, {}, {});
  REQUIRE_FALSE(enc.ok());
  CHECK(enc.error().code == code::kDecryptionFailed);
  auto sig = parse_message("multipart/signed; boundary=x", "--x\r\nA: b\r\n\r\nhi\r\n--x--\r\n", keys, {}, {});
  REQUIRE_FALSE(sig.ok());
  CHECK(sig.error().code == code::kMalformed);
  CHECK(disposition_modifier(sig.error()) == "unexpected-processing-error");
}

TEST_CASE("a received filename never carries a path", "[as2][message][safety]") {
  CHECK(safe_filename("po.x12") == "po.x12");
  CHECK(safe_filename("../../etc/passwd") == "passwd");
  CHECK(safe_filename("..\\..\\windows\\win.ini") == "win.ini");
  CHECK(safe_filename("..") == "");
  CHECK(safe_filename("/") == "");
  CHECK(safe_filename("C:evil\x01\n.edi") == "Cevil.edi");
  CHECK(safe_filename(".hidden") == "hidden");
  CHECK(safe_filename(std::string(300, 'a')).size() == 200);
  auto& pki = Pki::get();
  OutgoingOptions o;
  o.filename = "../../../tmp/x.edi";
  auto got = receive(send_from_partner(o, pki.partner.pair()), {pki.partner.cert()});
  REQUIRE(got.ok());
  CHECK(got->filename == "x.edi");
}
