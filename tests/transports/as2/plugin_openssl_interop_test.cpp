// The plugin against the `openssl cms` command line over HTTP, both directions: what openssl
// signs and encrypts (posted with curl) our listener stores, and openssl verifies the signed MDN
// we answer and finds its MIC; what our endpoint posts, openssl decrypts and verifies.
#include "plugin_fixture.hpp"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <thread>

using namespace edigate;
using namespace edigate::as2;
using namespace edigate::as2::test;

namespace {

std::string openssl_mic(const fs::path& file, const fs::path& log) {
  const fs::path out = file.string() + ".mic";
  REQUIRE(sh("openssl dgst -sha256 -binary '" + file.string() + "' | base64 -w0 > '" + out.string() + "'", log));
  return read_file(out) + ", sha-256";
}

/// A one-request HTTP server on 127.0.0.1 that keeps the request's body and answers 200.
struct Capture {
  Poco::Net::ServerSocket server{Poco::Net::SocketAddress("127.0.0.1:0")};
  std::string head, body;
  std::thread thread{[this] {
    Poco::Net::StreamSocket c = server.acceptConnection();
    c.setReceiveTimeout(Poco::Timespan(20, 0));
    std::string got;
    char buf[65536];
    std::size_t need = std::string::npos;
    for (;;) {
      const std::size_t end = got.find("\r\n\r\n");
      if (end != std::string::npos && need == std::string::npos) {
        head = got.substr(0, end);
        std::string low = head;
        for (char& ch : low) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        const std::size_t cl = low.find("content-length:");
        need = end + 4 + (cl == std::string::npos ? 0 : std::stoul(head.substr(cl + 15)));
      }
      if (need != std::string::npos && got.size() >= need) break;
      const int n = c.receiveBytes(buf, sizeof buf);
      if (n <= 0) break;
      got.append(buf, static_cast<std::size_t>(n));
    }
    body = got.substr(head.size() + 4);
    const std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    c.sendBytes(ok.data(), static_cast<int>(ok.size()));
    c.close();
  }};
  std::string url() const { return "http://" + server.address().toString() + "/as2"; }
  std::string header(const std::string& name) const {
    const std::size_t at = head.find(name + ": ");
    if (at == std::string::npos) return {};
    return head.substr(at + name.size() + 2, head.find("\r\n", at) - at - name.size() - 2);
  }
};

}  // namespace

TEST_CASE("our listener stores what openssl cms signs and encrypts, and openssl verifies our signed MDN with its MIC",
          "[as2][plugin][openssl]") {
  if (std::system("command -v curl >/dev/null 2>&1") != 0) {
    WARN("curl absent: skipped");
    std::exit(77);
  }
  Pki& pki = Pki::get();
  Gateway gw;
  auto listener = gw.listen();
  auto from_partner = gw.open(gw.config("http://127.0.0.1:9/as2", "GATEWAY", {pki.gateway}, "PARTNER", {pki.partner}));
  const fs::path dir = gw.dir.path / "openssl", log = dir / "openssl.log";
  fs::create_directories(dir);
  const std::string p = dir.string() + "/";
  write_file(dir / "payload.mime",
             "Content-Type: application/edi-x12\r\nContent-Disposition: attachment; filename=po.x12\r\n"
             "Content-Transfer-Encoding: binary\r\n\r\n" +
                 sample_payload());
  REQUIRE(sh("openssl cms -sign -binary -crlfeol -md sha256 -signer '" + pki.partner.crt.string() + "' -inkey '" +
                 pki.partner.key.string() + "' -in " + p + "payload.mime -out " + p + "signed.mime",
             log));
  REQUIRE(sh("openssl cms -encrypt -binary -aes256 -recip '" + pki.gateway.crt.string() + "' -in " + p +
                 "signed.mime -outform DER -out " + p + "msg.der",
             log));
  REQUIRE(sh("curl -sS --max-time 30 -D " + p + "mdn.headers -o " + p + "mdn.body --data-binary @" + p +
                 "msg.der -H 'AS2-Version: 1.2' -H 'AS2-From: PARTNER' -H 'AS2-To: GATEWAY' "
                 "-H 'Message-ID: <openssl-1@partner>' "
                 "-H 'Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m' "
                 "-H 'Disposition-Notification-To: mdn@partner' "
                 "-H 'Disposition-Notification-Options: signed-receipt-protocol=optional, pkcs7-signature; "
                 "signed-receipt-micalg=optional, sha-256' " +
                 url_of(*listener),
             log));
  INFO(read_file(log));
  REQUIRE(gw.host->stored() == 1);
  CHECK(gw.host->intakes.front().bytes == sample_payload());
  CHECK(gw.host->intakes.front().file_name == "po.x12");
  // The MDN as an S/MIME entity: its Content-Type from the HTTP headers, then the body.
  std::string content_type;
  for (std::string line; const char c : read_file(dir / "mdn.headers") + "\n") {
    if (c != '\n') {
      line += c;
      continue;
    }
    if (line.rfind("Content-Type: ", 0) == 0 || line.rfind("content-type: ", 0) == 0) content_type = line.substr(14);
    line.clear();
  }
  while (!content_type.empty() && (content_type.back() == '\r' || content_type.back() == ' ')) content_type.pop_back();
  REQUIRE(content_type.rfind("multipart/signed", 0) == 0);
  write_file(dir / "mdn.mime", "Content-Type: " + content_type + "\r\n\r\n" + read_file(dir / "mdn.body"));
  REQUIRE(sh("openssl cms -verify -binary -crlfeol -in " + p + "mdn.mime -CAfile '" + pki.gateway.crt.string() +
                 "' -purpose any -out " + p + "report.mime",
             log));
  const std::string report = read_file(dir / "report.mime");
  CHECK(report.find("Received-Content-MIC: " + openssl_mic(dir / "payload.mime", log)) != std::string::npos);
  CHECK(report.find("Original-Message-ID: <openssl-1@partner>") != std::string::npos);
  CHECK(report.find("; processed\r\n") != std::string::npos);
}

TEST_CASE("openssl cms decrypts and verifies what our endpoint posts", "[as2][plugin][openssl]") {
  Pki& pki = Pki::get();
  Gateway gw;
  Capture peer;
  auto ep = gw.open(gw.config(peer.url(), "GATEWAY", {pki.gateway}, "PARTNER", {pki.partner},
                              {{"mdn", "none"}, {"compress", "false"}}));
  const SendResult r = ep->send(outbound(31));
  peer.thread.join();
  INFO(r.detail);
  CHECK(r.kind == SendResult::Kind::delivered);
  CHECK(peer.header("AS2-From") == "GATEWAY");
  CHECK(peer.header("AS2-To") == "PARTNER");
  CHECK(peer.header("Message-ID").rfind("<edigate-", 0) == 0);
  const fs::path dir = gw.dir.path / "openssl", log = dir / "openssl.log";
  fs::create_directories(dir);
  const std::string p = dir.string() + "/";
  write_file(dir / "body.der", peer.body);
  INFO(read_file(log));
  REQUIRE(sh("openssl cms -decrypt -binary -inform DER -in " + p + "body.der -recip '" + pki.partner.crt.string() +
                 "' -inkey '" + pki.partner.key.string() + "' -out " + p + "decrypted.mime",
             log));
  REQUIRE(sh("openssl cms -verify -binary -crlfeol -in " + p + "decrypted.mime -CAfile '" + pki.gateway.crt.string() +
                 "' -purpose any -out " + p + "signed-part.mime",
             log));
  auto part = parse_entity(read_file(dir / "signed-part.mime"));
  REQUIRE(part.ok());
  CHECK(std::string(part->body) == sample_payload());
  CHECK(part->header("Content-Type") == "application/edi-x12");
}
