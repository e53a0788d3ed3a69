// Both directions against libas2 (pkijs, not OpenSSL), the independent AS2 implementation, through
// our peer scripts (tests/transports/as2/peer: send.js, receive.js). libas2 is installed into the
// build tree by scripts/as2-peer-setup; only without node or the package are the tests skipped
// (exit 77), never failed.
#include "libas2_peer.hpp"
#include "plugin_fixture.hpp"

using namespace edigate;
using namespace edigate::as2;
using namespace edigate::as2::test;

TEST_CASE(
    "a message libas2 signs and encrypts (RSA-OAEP) is stored by our listener and libas2 verifies our signed "
    "MDN and its MIC",
    "[as2][plugin][libas2]") {
  Libas2Peer peer;
  Pki& pki = Pki::get();
  peer.add("GATEWAY", pki.gateway, false);
  peer.add("PARTNER", pki.partner, true);
  Gateway gw;
  auto listener = gw.listen();
  auto from_partner = gw.open(gw.config("http://127.0.0.1:9/as2", "GATEWAY", {pki.gateway}, "PARTNER", {pki.partner}));
  const fs::path payload = peer.work.path / "po.x12";
  write_file(payload, sample_payload());
  // The last two: signed with one digest, the MIC asked in another (we answer with the first we
  // support, and libas2's sender checks the MIC in the algorithm our MDN names).
  for (const char* variant : {"", " --compress before-sign", " --encrypt aes128-cbc --outer-cte binary",
                              " --sign sha-1 --mdn-sign sha-1", " --sign sha-512 --mdn-sign sha-384,sha-256"}) {
    INFO(variant);
    const fs::path log = peer.work.path / "send.log";
    const bool ok = sh(peer.node("send.js") + " " + url_of(*listener) + " '" + payload.string() +
                           "' --from PARTNER --to GATEWAY --certs '" + peer.certs.string() + "'" + variant,
                       log);
    INFO(read_file(log));
    CHECK(ok);
  }
  REQUIRE(gw.host->stored() == 5);
  for (const auto& d : gw.host->intakes) CHECK(d.bytes == sample_payload());
  // The same Message-ID again: the same answer, nothing stored again.
  const fs::path log = peer.work.path / "dup.log";
  for (int i = 0; i < 2; ++i)
    CHECK(sh(peer.node("send.js") + " " + url_of(*listener) + " '" + payload.string() +
                 "' --from PARTNER --to GATEWAY --message-id '<libas2-dup@partner>' --certs '" + peer.certs.string() +
                 "'",
             log));
  CHECK(gw.host->stored() == 6);
}

TEST_CASE("a document our endpoint sends is stored by libas2's receiver and its signed MDN is verified: delivered",
          "[as2][plugin][libas2]") {
  Libas2Peer peer;
  Pki& pki = Pki::get();
  peer.add("GATEWAY", pki.gateway, false);
  peer.add("PARTNER", pki.partner, true);
  const int port = free_port();
  const fs::path out = peer.work.path / "received";
  Libas2Server server(peer, port, "PARTNER", out);
  Gateway gw;
  auto ep = gw.open(gw.config("http://127.0.0.1:" + std::to_string(port) + "/as2", "GATEWAY", {pki.gateway}, "PARTNER",
                              {pki.partner}, {{"timeout-seconds", "30"}}));
  const SendResult r = ep->send(outbound(21));
  INFO(r.detail);
  CHECK(r.kind == SendResult::Kind::delivered);
  CHECK(read_file(out / "po-21.x12") == sample_payload());
  auto compressed = gw.open(gw.config("http://127.0.0.1:" + std::to_string(port) + "/as2", "GATEWAY", {pki.gateway},
                                      "PARTNER", {pki.partner}, {{"compress", "true"}}));
  const SendResult c = compressed->send(outbound(22));
  INFO(c.detail);
  CHECK(c.kind == SendResult::Kind::delivered);
  CHECK(read_file(out / "po-22.x12") == sample_payload());
  // Signed with sha-512 and the MIC asked in it: libas2 verifies, answers in sha-512, we check it.
  auto sha512 = gw.open(gw.config("http://127.0.0.1:" + std::to_string(port) + "/as2", "GATEWAY", {pki.gateway},
                                  "PARTNER", {pki.partner}, {{"micalg", "sha-512"}}));
  const SendResult s = sha512->send(outbound(23));
  INFO(s.detail);
  CHECK(s.kind == SendResult::Kind::delivered);
  CHECK(read_file(out / "po-23.x12") == sample_payload());
  CHECK(read_file(out / "po-23.x12.as2.json").find(", sha-512\"") != std::string::npos);
}
