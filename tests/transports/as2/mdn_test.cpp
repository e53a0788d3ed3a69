// MDN building and checking: signature, original Message-ID, returned MIC, disposition.
#include <as2/errors.hpp>
#include <as2/mdn.hpp>

#include "as2_fixture.hpp"

using namespace edigate::as2;
using edigate::as2::test::Pki;

namespace {

const std::string kMic = "kZ1yq3bUe0N8Gxz8w5Vq2p3c2Xh0Kq6y9bJ3Q2a1b0c=, sha-256";

MdnFields fields(std::string disposition = "processed", std::string mic = kMic) {
  return {.final_recipient = "PARTNER",
          .original_message_id = "<msg-1@gateway.test>",
          .disposition = std::move(disposition),
          .received_mic = std::move(mic),
          .text = ""};
}

}  // namespace

TEST_CASE("a signed MDN with our MIC verifies as positive", "[as2][mdn]") {
  auto& pki = Pki::get();
  const KeyPair partner = pki.partner.pair();
  auto mdn = build_mdn(fields(), &partner);
  REQUIRE(mdn.ok());
  CHECK(mdn->content_type.rfind("multipart/signed;", 0) == 0);
  auto v = verify_mdn(mdn->content_type, mdn->body, {pki.partner_old.cert(), pki.partner.cert()},
                      {.original_message_id = "<msg-1@gateway.test>", .mic = kMic});
  REQUIRE(v.ok());
  CHECK(v->positive());
  CHECK(v->was_signed);
  CHECK(v->verified_by == std::optional<std::size_t>(1));
  CHECK(v->fields.received_mic == kMic);
}

TEST_CASE("an MDN returning another MIC is detected", "[as2][mdn][errors]") {
  auto& pki = Pki::get();
  const KeyPair partner = pki.partner.pair();
  auto mdn = build_mdn(fields("processed", "AAAAq3bUe0N8Gxz8w5Vq2p3c2Xh0Kq6y9bJ3Q2a1b0c=, sha-256"), &partner);
  REQUIRE(mdn.ok());
  auto v = verify_mdn(mdn->content_type, mdn->body, {pki.partner.cert()},
                      {.original_message_id = "<msg-1@gateway.test>", .mic = kMic});
  REQUIRE_FALSE(v.ok());
  CHECK(v.error().code == code::kMdnMicMismatch);
  CHECK(v.error().expected == kMic);
}

TEST_CASE("an MDN for another message is detected", "[as2][mdn][errors]") {
  auto& pki = Pki::get();
  const KeyPair partner = pki.partner.pair();
  auto mdn = build_mdn(fields(), &partner);
  REQUIRE(mdn.ok());
  auto v = verify_mdn(mdn->content_type, mdn->body, {pki.partner.cert()},
                      {.original_message_id = "<msg-2@gateway.test>", .mic = kMic});
  REQUIRE_FALSE(v.ok());
  CHECK(v.error().code == code::kMdnMessageId);
}

TEST_CASE("an MDN with a tampered report fails its signature", "[as2][mdn][errors]") {
  auto& pki = Pki::get();
  const KeyPair partner = pki.partner.pair();
  auto mdn = build_mdn(fields("processed/error: decryption-failed"), &partner);
  REQUIRE(mdn.ok());
  std::string body = mdn->body;
  const auto at = body.find("processed/error: decryption-failed");
  REQUIRE(at != std::string::npos);
  body.replace(at, 34, "processed                         ");
  auto v = verify_mdn(mdn->content_type, body, {pki.partner.cert()},
                      {.original_message_id = "<msg-1@gateway.test>", .mic = kMic});
  REQUIRE_FALSE(v.ok());
  CHECK(v.error().code == code::kSignatureInvalid);
}

TEST_CASE("an unsigned MDN is refused when a signed one was requested", "[as2][mdn][errors]") {
  auto& pki = Pki::get();
  auto mdn = build_mdn(fields(), nullptr);
  REQUIRE(mdn.ok());
  const MdnExpectation want{.original_message_id = "<msg-1@gateway.test>", .mic = kMic};
  auto v = verify_mdn(mdn->content_type, mdn->body, {pki.partner.cert()}, want);
  REQUIRE_FALSE(v.ok());
  CHECK(v.error().code == code::kMdnUnsigned);
  MdnExpectation lenient = want;
  lenient.require_signed = false;
  auto ok = verify_mdn(mdn->content_type, mdn->body, {pki.partner.cert()}, lenient);
  REQUIRE(ok.ok());
  CHECK(ok->positive());
}

TEST_CASE("a negative MDN is returned with its error disposition", "[as2][mdn]") {
  auto& pki = Pki::get();
  const KeyPair partner = pki.partner.pair();
  auto mdn = build_mdn(fields("processed/error: integrity-check-failed", ""), &partner);
  REQUIRE(mdn.ok());
  auto v = verify_mdn(mdn->content_type, mdn->body, {pki.partner.cert()},
                      {.original_message_id = "<msg-1@gateway.test>", .mic = kMic});
  REQUIRE(v.ok());
  CHECK_FALSE(v->positive());
  CHECK(v->fields.disposition == "automatic-action/MDN-sent-automatically; processed/error: integrity-check-failed");
}
