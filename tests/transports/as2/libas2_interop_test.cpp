// Both directions against libas2 (pkijs, not OpenSSL), the independent AS2 implementation, through
// the peer scripts of ../shared/interop/as2 (as2-send.js, as2-server.js). libas2 is installed into
// the build tree by scripts/as2-peer-setup; without node, the package or the scripts the tests
// are skipped (exit 77), never failed.
#include "plugin_fixture.hpp"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <csignal>
#include <thread>

using namespace edigate;
using namespace edigate::as2;
using namespace edigate::as2::test;

namespace {

struct Peer {
  fs::path scripts, node_dir;
  edigate::test::TempDir work{"as2-libas2"};
  fs::path certs = work.path / "certs";

  /// Skips the test (exit 77) when the peer cannot run here.
  Peer() {
    const char* env = std::getenv("EDIGATE_INTEROP_DIR");
    scripts = env ? fs::path(env) / "as2" : fs::path(EDIGATE_CORPUS_DIR).parent_path() / "interop" / "as2";
    node_dir = fs::path(EDIGATE_BUILD_DIR) / "as2-peer" / "node";
    if (!fs::exists(scripts / "as2-send.js") || std::system("command -v node >/dev/null 2>&1") != 0) {
      WARN("libas2 peer scripts or node absent: skipped");
      std::exit(77);
    }
    if (!fs::exists(node_dir / "node_modules" / "libas2") &&
        std::system(("'" + std::string(EDIGATE_SOURCE_DIR) + "/scripts/as2-peer-setup' '" + EDIGATE_BUILD_DIR +
                     "' >/dev/null 2>&1")
                        .c_str()) != 0) {
      WARN("libas2 could not be installed (scripts/as2-peer-setup): skipped");
      std::exit(77);
    }
    // The peers find AS2 id X's certificate at CERTS/x.crt (and its key at CERTS/x.key).
    Pki& pki = Pki::get();
    fs::create_directories(certs);
    fs::copy_file(pki.gateway.crt, certs / "gateway.crt");
    fs::copy_file(pki.partner.crt, certs / "partner.crt");
    fs::copy_file(pki.partner.key, certs / "partner.key");
  }

  std::string node(const std::string& script) const {
    return "EDIGATE_INTEROP_NODE_DIR='" + node_dir.string() + "' node '" + (scripts / script).string() + "'";
  }
};

int free_port() {
  Poco::Net::ServerSocket s(Poco::Net::SocketAddress("127.0.0.1:0"));
  return s.address().port();
}

}  // namespace

TEST_CASE(
    "a message libas2 signs and encrypts (RSA-OAEP) is stored by our listener and libas2 verifies our signed "
    "MDN and its MIC",
    "[as2][plugin][libas2]") {
  Peer peer;
  Pki& pki = Pki::get();
  Gateway gw;
  auto listener = gw.listen();
  auto from_partner = gw.open(gw.config("http://127.0.0.1:9/as2", "GATEWAY", {pki.gateway}, "PARTNER", {pki.partner}));
  const fs::path payload = peer.work.path / "po.x12";
  write_file(payload, sample_payload());
  for (const std::string& variant : {"", " --compress before-sign", " --encrypt aes128-cbc --outer-cte binary"}) {
    INFO(variant);
    const fs::path log = peer.work.path / "send.log";
    const bool ok = sh(peer.node("as2-send.js") + " " + url_of(*listener) + " '" + payload.string() +
                           "' --from PARTNER --to GATEWAY --certs '" + peer.certs.string() + "'" + variant,
                       log);
    INFO(read_file(log));
    CHECK(ok);
  }
  REQUIRE(gw.host->stored() == 3);
  for (const auto& d : gw.host->intakes) CHECK(d.bytes == sample_payload());
  // The same Message-ID again: the same answer, nothing stored again.
  const fs::path log = peer.work.path / "dup.log";
  for (int i = 0; i < 2; ++i)
    CHECK(sh(peer.node("as2-send.js") + " " + url_of(*listener) + " '" + payload.string() +
                 "' --from PARTNER --to GATEWAY --message-id '<libas2-dup@partner>' --certs '" + peer.certs.string() +
                 "'",
             log));
  CHECK(gw.host->stored() == 4);
}

TEST_CASE("a document our endpoint sends is stored by libas2's receiver and its signed MDN is verified: delivered",
          "[as2][plugin][libas2]") {
  Peer peer;
  Pki& pki = Pki::get();
  const int port = free_port();
  const fs::path out = peer.work.path / "received", log = peer.work.path / "server.log", pid = peer.work.path / "pid";
  REQUIRE(std::system((peer.node("as2-server.js") + " " + std::to_string(port) + " --id PARTNER --certs '" +
                       peer.certs.string() + "' --out '" + out.string() + "' >'" + log.string() +
                       "' 2>&1 & echo $! >'" + pid.string() + "'")
                          .c_str()) == 0);
  const pid_t server = static_cast<pid_t>(std::stol(read_file(pid)));
  struct Stop {
    pid_t pid;
    ~Stop() { ::kill(pid, SIGTERM); }
  } stop{server};
  for (int i = 0; i < 100 && read_file(log).find("\"listening\"") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  INFO(read_file(log));
  REQUIRE(read_file(log).find("\"listening\"") != std::string::npos);
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
}
