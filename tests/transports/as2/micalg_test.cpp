// MIC algorithms besides sha-256 (RFC 4130 7.3, RFC 5751 names): the receiver answers with the
// first algorithm of the sender's signed-receipt-micalg list it supports, and the sender signs
// with the profile's `micalg` and asks the MIC in it; each of sha-1, sha-256, sha-384, sha-512
// makes a delivered round trip between our endpoint and our listener.
#include "plugin_fixture.hpp"

using namespace edigate;
using namespace edigate::as2;
using namespace edigate::as2::test;

TEST_CASE("the MIC algorithm is the first of the sender's signed-receipt-micalg list we support",
          "[as2][mdn][micalg]") {
  CHECK(requested_micalg("signed-receipt-protocol=optional, pkcs7-signature; "
                         "signed-receipt-micalg=optional, sha-512, sha-256") == MicAlg::sha512);
  CHECK(requested_micalg("signed-receipt-protocol=required,pkcs7-signature;signed-receipt-micalg=required,md5,SHA1") ==
        MicAlg::sha1);
  CHECK(requested_micalg("signed-receipt-micalg=optional, sha384") == MicAlg::sha384);
  CHECK(requested_micalg("signed-receipt-micalg=optional, md5") == MicAlg::sha256);  // none we support
  CHECK(requested_micalg("") == MicAlg::sha256);                                     // nothing asked
  CHECK(requested_micalg("signed-receipt-protocol=optional, pkcs7-signature") == MicAlg::sha256);
  CHECK_FALSE(parse_micalg("md5"));
  CHECK(micalg_name(*parse_micalg("SHA-384")) == "sha-384");
  CHECK(mic_of("abc", MicAlg::sha1) == "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=, sha-1");
}

TEST_CASE("each micalg our endpoint is configured with is signed, answered and verified: delivered",
          "[as2][plugin][micalg]") {
  Pki& pki = Pki::get();
  Gateway partner;  // the partner's side: our listener, serving its endpoint toward us
  auto listener = partner.listen();
  auto served =
      partner.open(partner.config("http://127.0.0.1:9/as2", "PARTNER", {pki.partner}, "GATEWAY", {pki.gateway}));
  Gateway us;
  const std::string alg =
      GENERATE(std::string("sha-1"), std::string("sha-256"), std::string("sha-384"), std::string("sha-512"));
  INFO("micalg " << alg);
  auto ep =
      us.open(us.config(url_of(*listener), "GATEWAY", {pki.gateway}, "PARTNER", {pki.partner}, {{"micalg", alg}}));
  const SendResult r = ep->send(outbound(51));
  INFO(r.detail);
  REQUIRE(r.kind == SendResult::Kind::delivered);
  REQUIRE(partner.host->stored() == 1);
  CHECK(partner.host->intakes.back().bytes == sample_payload());
}

TEST_CASE("an unknown micalg in a profile is a configuration error naming the allowed ones", "[as2][plugin][micalg]") {
  Pki& pki = Pki::get();
  Gateway gw;
  auto e = gw.plugin->open(
      gw.config("http://127.0.0.1:9/as2", "GATEWAY", {pki.gateway}, "PARTNER", {pki.partner}, {{"micalg", "md5"}}),
      *gw.host);
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().to_string().find("sha-1, sha-256, sha-384 or sha-512") != std::string::npos);
}
