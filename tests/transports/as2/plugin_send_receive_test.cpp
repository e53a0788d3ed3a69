// The AS2 plugin end to end on 127.0.0.1: one gateway's endpoint sends to another gateway's
// listener (both the real libedigate_as2.so over real stores), and the answers are checked on
// both sides: what was stored, which MDN came back, what the send reports.
#include "plugin_fixture.hpp"

#include <as2/mdn.hpp>
#include <as2_endpoint.hpp>
#include <http_post.hpp>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <thread>

using namespace edigate;
using namespace edigate::as2;
using namespace edigate::as2::test;

namespace {

/// "us" (GATEWAY) and "them" (PARTNER), each with an endpoint toward the other and a listener.
struct Pair {
  Pki& pki = Pki::get();
  Gateway us, them;
  std::unique_ptr<TransportListener> us_listener = us.listen(), them_listener = them.listen();
  std::unique_ptr<TransportEndpoint> them_to_us;

  explicit Pair(std::map<std::string, std::string> them_extra = {}, std::vector<Identity> them_keys = {}) {
    if (them_keys.empty()) them_keys = {pki.partner};
    them_to_us = them.open(
        them.config(url_of(*us_listener), "PARTNER", them_keys, "GATEWAY", {pki.gateway}, std::move(them_extra)));
  }
  std::unique_ptr<TransportEndpoint> us_to_them(std::map<std::string, std::string> extra = {},
                                                std::vector<Identity> theirs = {}) {
    if (theirs.empty()) theirs = {pki.partner};
    return us.open(us.config(url_of(*them_listener), "GATEWAY", {pki.gateway}, "PARTNER", theirs, std::move(extra)));
  }
  /// The Message-ID our endpoint toward PARTNER gives attempt `attempt` of document `id`.
  std::string message_id(std::int64_t id, std::uint32_t attempt) {
    const std::string token = read_file(us.dir.path / "data/transports/p-PARTNER/as2/instance");
    return outbound_message_id(token.substr(0, 16), id, attempt, "GATEWAY");
  }
};

/// A plain AS2 POST to `url` of `m`, as partner `from`, asking for a signed sync MDN.
HttpAnswer post_message(const std::string& url, const OutgoingMessage& m, const std::string& from,
                        const std::string& message_id) {
  HttpPost post;
  post.url = url;
  post.timeout = std::chrono::seconds(20);
  post.body = m.body;
  post.headers = {{"AS2-Version", "1.2"},
                  {"AS2-From", from},
                  {"AS2-To", "GATEWAY"},
                  {"Message-ID", message_id},
                  {"Content-Type", m.content_type},
                  {"Disposition-Notification-To", "mdn@partner"},
                  {"Disposition-Notification-Options",
                   "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256"}};
  auto a = http_post(post);
  INFO((a.ok() ? std::string() : a.error().to_string()));
  REQUIRE(a.ok());
  return a.value();
}

}  // namespace

TEST_CASE(
    "a signed and encrypted document sent by the AS2 plugin is stored by the partner's listener and delivered "
    "with its verified MDN",
    "[as2][plugin]") {
  Pair p;
  auto ep = p.us_to_them();
  const SendResult r = ep->send(outbound(7));
  INFO(r.detail);
  REQUIRE(r.kind == SendResult::Kind::delivered);
  CHECK(r.remote_id.rfind("<edigate-mdn-", 0) == 0);
  REQUIRE(p.them.host->stored() == 1);
  const ReceivedDocument& doc = p.them.host->intakes.front();
  CHECK(doc.bytes == sample_payload());  // bare LFs and non-ASCII bytes intact
  CHECK(doc.partner == "p-GATEWAY");
  CHECK(doc.file_name == "po-7.x12");
  CHECK(doc.remote_id == p.message_id(7, 0));
  auto stored = p.them.store->input(p.them.host->receipts.front().input_id);
  REQUIRE(stored.ok());
}

TEST_CASE("AES-128-GCM and compression reach the partner's listener intact", "[as2][plugin]") {
  Pair p;
  auto ep = p.us_to_them({{"encryption", "aes128-gcm"}, {"compress", "true"}});
  const SendResult r = ep->send(outbound(8));
  INFO(r.detail);
  REQUIRE(r.kind == SendResult::Kind::delivered);
  REQUIRE(p.them.host->stored() == 1);
  CHECK(p.them.host->intakes.front().bytes == sample_payload());
}

TEST_CASE("a repeated Message-ID is answered with the same MDN and stored once", "[as2][plugin]") {
  Pair p;
  auto ep = p.us_to_them();
  const SendResult first = ep->send(outbound(9));
  const SendResult again = ep->send(outbound(9));  // same id and attempt: same Message-ID
  INFO(first.detail << " / " << again.detail);
  REQUIRE(first.kind == SendResult::Kind::delivered);
  REQUIRE(again.kind == SendResult::Kind::delivered);
  CHECK(again.remote_id == first.remote_id);
  CHECK(p.them.host->stored() == 1);
  // A new attempt is a new Message-ID: processed, and the store knows the content by its id.
  const SendResult next = ep->send(outbound(9, 1));
  CHECK(next.kind == SendResult::Kind::delivered);
  CHECK(next.remote_id != first.remote_id);
}

TEST_CASE(
    "while the partner's store is down its listener answers 503, never an MDN, and the send is retried and "
    "delivered once it is back",
    "[as2][plugin]") {
  Pair p;
  auto ep = p.us_to_them();
  p.them.host->fail_intake = true;
  const SendResult down = ep->send(outbound(10));
  INFO(down.detail);
  CHECK(down.kind == SendResult::Kind::retry);
  CHECK(down.detail.find("503") != std::string::npos);
  CHECK(p.them.host->stored() == 0);
  p.them.host->fail_intake = false;
  const SendResult up = ep->send(outbound(10, 1));
  INFO(up.detail);
  CHECK(up.kind == SendResult::Kind::delivered);
  CHECK(p.them.host->stored() == 1);
}

TEST_CASE("a partner that is down gives retry, and once it is back the document is delivered, stored once",
          "[as2][plugin]") {
  Pki& pki = Pki::get();
  Gateway us, them;
  auto probe = them.listen();
  const std::string address = probe->address();
  probe->stop();
  probe.reset();
  auto ep = us.open(us.config("http://" + address + "/as2", "GATEWAY", {pki.gateway}, "PARTNER", {pki.partner},
                              {{"timeout-seconds", "5"}}));
  auto them_to_us =
      them.open(them.config("http://127.0.0.1:9/as2", "PARTNER", {pki.partner}, "GATEWAY", {pki.gateway}));
  const SendResult refused = ep->send(outbound(11));
  INFO(refused.detail);
  CHECK(refused.kind == SendResult::Kind::retry);
  auto back = them.listen({{"listen", address}});
  const SendResult delivered = ep->send(outbound(11, 1));
  INFO(delivered.detail);
  CHECK(delivered.kind == SendResult::Kind::delivered);
  CHECK(them.host->stored() == 1);
}

TEST_CASE("a message with a tampered signature gets processed/error: integrity-check-failed and nothing is stored",
          "[as2][plugin]") {
  Pki& pki = Pki::get();
  Gateway us;
  auto listener = us.listen();
  auto from_partner = us.open(us.config("http://127.0.0.1:9/as2", "GATEWAY", {pki.gateway}, "PARTNER", {pki.partner},
                                        {{"require-encrypted", "false"}}));
  OutgoingOptions o;
  o.encrypt = false;
  auto m = build_message(sample_payload(), o, {pki.partner.pair()}, {pki.gateway.cert()});
  REQUIRE(m.ok());
  OutgoingMessage tampered = m.value();
  const std::size_t at = tampered.body.find("PO-4711");
  REQUIRE(at != std::string::npos);
  tampered.body[at + 3] = '9';
  const HttpAnswer a = post_message(url_of(*listener), tampered, "PARTNER", "<tampered-1@partner>");
  CHECK(a.status == 200);
  auto mdn = verify_mdn(a.header("Content-Type"), a.body, {pki.gateway.cert()}, {"<tampered-1@partner>", "", true});
  REQUIRE(mdn.ok());
  CHECK(mdn->fields.disposition.find("processed/error: integrity-check-failed") != std::string::npos);
  CHECK(us.host->stored() == 0);
  // The untouched message is processed.
  const HttpAnswer good = post_message(url_of(*listener), m.value(), "PARTNER", "<good-1@partner>");
  auto ok =
      verify_mdn(good.header("Content-Type"), good.body, {pki.gateway.cert()}, {"<good-1@partner>", m->mic, true});
  REQUIRE(ok.ok());
  CHECK(ok->positive());
  CHECK(us.host->stored() == 1);
}

TEST_CASE(
    "unsigned or unencrypted messages are refused when the profile requires them, and unknown senders are "
    "refused",
    "[as2][plugin]") {
  Pki& pki = Pki::get();
  Gateway us;
  auto listener = us.listen();
  auto from_partner = us.open(us.config("http://127.0.0.1:9/as2", "GATEWAY", {pki.gateway}, "PARTNER", {pki.partner}));
  OutgoingOptions o;
  o.sign = false;
  auto m = build_message(sample_payload(), o, {pki.partner.pair()}, {pki.gateway.cert()});
  REQUIRE(m.ok());
  HttpAnswer a = post_message(url_of(*listener), m.value(), "PARTNER", "<unsigned-1@partner>");
  auto mdn = verify_mdn(a.header("Content-Type"), a.body, {pki.gateway.cert()}, {"<unsigned-1@partner>", "", true});
  REQUIRE(mdn.ok());
  CHECK(mdn->fields.disposition ==
        "automatic-action/MDN-sent-automatically; processed/error: insufficient-message-security");
  a = post_message(url_of(*listener), m.value(), "STRANGER", "<stranger-1@x>");
  mdn = verify_mdn(a.header("Content-Type"), a.body, {}, {"<stranger-1@x>", "", false});
  REQUIRE(mdn.ok());
  CHECK(mdn->fields.disposition.find("authentication-failed") != std::string::npos);
  CHECK(us.host->stored() == 0);
}

TEST_CASE("an MDN that returns another MIC, or is not signed, does not make a send delivered", "[as2][plugin]") {
  Pki& pki = Pki::get();
  PartnerSetup s;
  s.url = "http://127.0.0.1:9/as2";
  s.partner_certs = {pki.partner.cert()};
  MdnFields f;
  f.original_message_id = "<m-1@GATEWAY>";
  f.received_mic = sha256_mic("something else");
  const KeyPair partner_key = pki.partner.pair(), other_key = pki.other.pair();
  auto wrong = build_mdn(f, &partner_key);
  REQUIRE(wrong.ok());
  SendResult r =
      judge_sync_answer(s, "<m-1@GATEWAY>", sha256_mic("what we sent"), 200, wrong->content_type, wrong->body, "<mdn>");
  CHECK(r.kind == SendResult::Kind::retry);
  CHECK(r.detail.find("as2.mdn.mic_mismatch") != std::string::npos);
  f.received_mic = sha256_mic("what we sent");
  auto unsigned_mdn = build_mdn(f, nullptr);
  r = judge_sync_answer(s, "<m-1@GATEWAY>", sha256_mic("what we sent"), 200, unsigned_mdn->content_type,
                        unsigned_mdn->body, "<mdn>");
  CHECK(r.kind == SendResult::Kind::retry);
  auto right = build_mdn(f, &partner_key);
  r = judge_sync_answer(s, "<m-1@GATEWAY>", sha256_mic("what we sent"), 200, right->content_type, right->body, "<mdn>");
  CHECK(r.kind == SendResult::Kind::delivered);
  CHECK(r.remote_id == "<mdn>");
  // Signed by a certificate we do not hold for the partner: retries cannot fix that.
  auto stranger = build_mdn(f, &other_key);
  r = judge_sync_answer(s, "<m-1@GATEWAY>", sha256_mic("what we sent"), 200, stranger->content_type, stranger->body,
                        "<mdn>");
  CHECK(r.kind == SendResult::Kind::permanent);
  f.disposition = "processed/error: decryption-failed";
  auto negative = build_mdn(f, &partner_key);
  r = judge_sync_answer(s, "<m-1@GATEWAY>", sha256_mic("what we sent"), 200, negative->content_type, negative->body,
                        "<mdn>");
  CHECK(r.kind == SendResult::Kind::permanent);
  CHECK(r.detail.find("decryption-failed") != std::string::npos);
  CHECK(judge_sync_answer(s, "<m-1@GATEWAY>", "", 503, "", "", "").kind == SendResult::Kind::retry);
  CHECK(judge_sync_answer(s, "<m-1@GATEWAY>", "", 404, "", "", "").kind == SendResult::Kind::permanent);
}

TEST_CASE("an expired partner certificate fails the send permanently, naming the certificate", "[as2][plugin]") {
  Pki& pki = Pki::get();
  Pair p;
  auto ep = p.us_to_them({}, {pki.partner_expired});
  const SendResult r = ep->send(outbound(12));
  INFO(r.detail);
  CHECK(r.kind == SendResult::Kind::permanent);
  CHECK(r.detail.find("as2.certificate.expired") != std::string::npos);
  CHECK(r.detail.find("PARTNER-EXPIRED") != std::string::npos);
  CHECK(p.them.host->stored() == 0);
  const TransportHealth h = ep->health();
  CHECK_FALSE(h.ok);
  bool negative_days = false;
  for (const auto& g : h.gauges)
    if (g.name == "certificate_days_left" && g.labels.at("role") == "partner") negative_days = g.value < 0;
  CHECK(negative_days);
}

TEST_CASE("certificate rollover: during the overlap either partner certificate verifies and the newest encrypts",
          "[as2][plugin]") {
  Pki& pki = Pki::get();
  // The partner holds both keys (old and new); we trust both of its certificates.
  Pair p({}, {pki.partner_old, pki.partner});
  auto ep = p.us_to_them({}, {pki.partner_old, pki.partner});
  const SendResult r = ep->send(outbound(13));
  INFO(r.detail);
  CHECK(r.kind == SendResult::Kind::delivered);
  // Encrypted for the newest: the partner's new key alone decrypts it.
  OutgoingOptions o;
  auto m = build_message(sample_payload(), o, {pki.gateway.pair()}, {pki.partner_old.cert(), pki.partner.cert()});
  REQUIRE(m.ok());
  CHECK(decrypt(m->body, {pki.partner.pair()}).ok());
  CHECK_FALSE(decrypt(m->body, {pki.partner_old.pair()}).ok());
  // Messages signed with the old key and with the new one both verify on our side.
  for (const Identity& signer : {pki.partner_old, pki.partner}) {
    auto signed_by = build_message(sample_payload(), o, {signer.pair()}, {pki.gateway.cert()});
    REQUIRE(signed_by.ok());
    const std::string id = "<roll-" + signer.name + "@partner>";
    const HttpAnswer a = post_message(url_of(*p.us_listener), signed_by.value(), "PARTNER", id);
    auto mdn = verify_mdn(a.header("Content-Type"), a.body, {pki.gateway.cert()}, {id, signed_by->mic, true});
    REQUIRE(mdn.ok());
    CHECK(mdn->positive());
  }
  CHECK(p.us.host->stored() == 2);
}

TEST_CASE("an asynchronous MDN arrives at our listener and settles the pending send", "[as2][plugin]") {
  Pair p;
  auto ep = p.us_to_them({{"mdn", "async"}, {"mdn-url", url_of(*p.us_listener)}});
  const SendResult r = ep->send(outbound(14));
  INFO(r.detail);
  REQUIRE(r.kind == SendResult::Kind::pending);
  CHECK(r.remote_id == p.message_id(14, 0));
  std::vector<std::pair<std::int64_t, SendResult>> settled;
  for (int i = 0; i < 200 && settled.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    settled = p.us.host->settled_copy();
  }
  REQUIRE(settled.size() == 1);
  CHECK(settled.front().first == 14);
  INFO(settled.front().second.detail);
  CHECK(settled.front().second.kind == SendResult::Kind::delivered);
  CHECK(p.them.host->stored() == 1);
  CHECK(std::filesystem::is_empty(p.us.dir.path / "data/transports/p-PARTNER/as2/pending"));
}

TEST_CASE("a connection dropped mid-transfer stores nothing, in either direction", "[as2][plugin]") {
  Pki& pki = Pki::get();
  Pair p;
  // Into our listener: the body stops after 100 of 5000 declared bytes.
  {
    Poco::Net::StreamSocket s(Poco::Net::SocketAddress(p.us_listener->address()));
    const std::string head =
        "POST /as2 HTTP/1.1\r\nHost: x\r\nAS2-From: PARTNER\r\nAS2-To: GATEWAY\r\nMessage-ID: <cut@p>\r\n"
        "Content-Type: application/pkcs7-mime; smime-type=enveloped-data\r\nContent-Length: 5000\r\n\r\n" +
        std::string(100, 'x');
    s.sendBytes(head.data(), static_cast<int>(head.size()));
    s.shutdownSend();
    char buf[256];
    s.setReceiveTimeout(Poco::Timespan(10, 0));
    try {
      while (s.receiveBytes(buf, sizeof buf) > 0) {}
    } catch (const std::exception&) {}
  }
  CHECK(p.us.host->stored() == 0);
  // Out of our endpoint: the partner's server closes in the middle of its answer.
  Poco::Net::ServerSocket server(Poco::Net::SocketAddress("127.0.0.1:0"));
  std::thread peer([&] {
    Poco::Net::StreamSocket c = server.acceptConnection();
    c.setReceiveTimeout(Poco::Timespan(10, 0));
    char buf[65536];
    std::string got;
    while (got.find("\r\n\r\n") == std::string::npos) {
      const int n = c.receiveBytes(buf, sizeof buf);
      if (n <= 0) break;
      got.append(buf, static_cast<std::size_t>(n));
    }
    const std::string partial =
        "HTTP/1.1 200 OK\r\nContent-Type: multipart/report; boundary=b\r\nContent-Length: 4000\r\n\r\n--b\r\n";
    c.sendBytes(partial.data(), static_cast<int>(partial.size()));
    c.close();
  });
  auto ep = p.us.open(p.us.config("http://" + server.address().toString() + "/as2", "GATEWAY", {pki.gateway}, "OTHER",
                                  {pki.partner}, {{"timeout-seconds", "10"}}));
  const SendResult r = ep->send(outbound(15));
  peer.join();
  INFO(r.detail);
  CHECK(r.kind == SendResult::Kind::retry);
  CHECK(r.detail.find("cut off") != std::string::npos);
}

TEST_CASE("an MDN from a sender with no open AS2 endpoint is not answered with an MDN, and settles nothing",
          "[as2][plugin]") {
  Pki& pki = Pki::get();
  Gateway us;
  auto listener = us.listen();
  MdnFields f;
  f.original_message_id = "<m-9@GATEWAY>";
  f.received_mic = sha256_mic("x");
  const KeyPair signer = pki.partner.pair();
  auto mdn = build_mdn(f, &signer);
  REQUIRE(mdn.ok());
  HttpPost post;
  post.url = url_of(*listener);
  post.body = mdn->body;
  post.headers = {{"AS2-Version", "1.2"},
                  {"AS2-From", "NOBODY"},
                  {"AS2-To", "GATEWAY"},
                  {"Message-ID", "<mdn-9@nobody>"},
                  {"Content-Type", mdn->content_type}};
  auto a = http_post(post);
  REQUIRE(a.ok());
  CHECK(a->status == 503);
  CHECK(a->body.find("multipart") == std::string::npos);
  CHECK(us.host->settled_copy().empty());
  CHECK(us.host->stored() == 0);
}
