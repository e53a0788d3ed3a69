#pragma once
// libas2 (pkijs, not OpenSSL), the independent AS2 implementation, through our own peer scripts
// (tests/transports/as2/peer: send.js, receive.js). libas2 is installed into the build tree by
// scripts/as2-peer-setup; a test using it is skipped (exit 77), never failed, only when node is
// absent or npm cannot install the package.
#include "as2_fixture.hpp"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <csignal>
#include <thread>

namespace edigate::as2::test {

struct Libas2Peer {
  fs::path scripts = fs::path(EDIGATE_SOURCE_DIR) / "tests" / "transports" / "as2" / "peer";
  fs::path node_dir = fs::path(EDIGATE_BUILD_DIR) / "as2-peer" / "node";
  edigate::test::TempDir work{"as2-libas2"};
  fs::path certs = work.path / "certs";

  Libas2Peer() {
    if (std::system("command -v node >/dev/null 2>&1") != 0) {
      WARN("node absent: skipped");
      std::exit(77);
    }
    if (!fs::exists(node_dir / "node_modules" / "libas2") &&
        std::system(("'" + std::string(EDIGATE_SOURCE_DIR) + "/scripts/as2-peer-setup' '" + EDIGATE_BUILD_DIR +
                     "' >/dev/null 2>&1")
                        .c_str()) != 0) {
      WARN("libas2 could not be installed (scripts/as2-peer-setup): skipped");
      std::exit(77);
    }
    fs::create_directories(certs);
  }

  /// The peers find AS2 id X's certificate at CERTS/x.crt and its key at CERTS/x.key.
  void add(const std::string& as2_id, const Identity& id, bool with_key) {
    std::string lower = as2_id;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    fs::copy_file(id.crt, certs / (lower + ".crt"), fs::copy_options::overwrite_existing);
    if (with_key) fs::copy_file(id.key, certs / (lower + ".key"), fs::copy_options::overwrite_existing);
  }

  std::string node(const std::string& script) const {
    return "NODE_PATH='" + (node_dir / "node_modules").string() + "' node '" + (scripts / script).string() + "'";
  }
};

/// receive.js on 127.0.0.1:port as `id`, storing into `out`; stopped (by its PID) on destruction.
struct Libas2Server {
  pid_t pid = 0;
  fs::path log;
  /// `options`: more receive.js options (e.g. " --no-async-mdn").
  Libas2Server(const Libas2Peer& peer, int port, const std::string& id, const fs::path& out,
               const std::string& options = "") {
    log = peer.work.path / ("server-" + std::to_string(port) + ".log");
    const fs::path pid_file = peer.work.path / ("server-" + std::to_string(port) + ".pid");
    REQUIRE(std::system((peer.node("receive.js") + " " + std::to_string(port) + " --id '" + id + "' --certs '" +
                         peer.certs.string() + "' --out '" + out.string() + "'" + options + " >'" + log.string() +
                         "' 2>&1 & echo $! >'" + pid_file.string() + "'")
                            .c_str()) == 0);
    pid = static_cast<pid_t>(std::stol(read_file(pid_file)));
    for (int i = 0; i < 100 && read_file(log).find("\"listening\"") == std::string::npos; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    INFO(read_file(log));
    REQUIRE(read_file(log).find("\"listening\"") != std::string::npos);
  }
  ~Libas2Server() {
    if (pid > 0) ::kill(pid, SIGTERM);
  }
  Libas2Server(const Libas2Server&) = delete;
  Libas2Server& operator=(const Libas2Server&) = delete;
};

inline int free_port() {
  Poco::Net::ServerSocket s(Poco::Net::SocketAddress("127.0.0.1:0"));
  return s.address().port();
}

}  // namespace edigate::as2::test
