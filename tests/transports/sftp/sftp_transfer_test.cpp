// Transfers that go wrong half-way against a real sshd: the partner still writing the file, the
// server dying during a download or an upload. Nothing half-done may look complete.
#include <catch2/catch.hpp>

#include "session_options.hpp"
#include "sftp/sftp_session.hpp"
#include "sshd_fixture.hpp"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace fs = std::filesystem;
using edigate::ErrorCategory;
using edigate::sftp::SftpOptions;
using edigate::sftp::SftpSession;
using edigate::test::options_for;
using edigate::test::SshdServer;

namespace {

// Large enough that a transfer over loopback takes far longer than the delay before the fault.
constexpr std::size_t kLarge = 64u << 20;

void write_large(const fs::path& p) {
  std::ofstream out(p, std::ios::binary);
  std::string block(1 << 20, 'E');
  for (std::size_t i = 0; i < kLarge / block.size(); ++i) out << block;
}

}  // namespace

TEST_CASE("SFTP download of a file that grows while it is read is a transient error", "[sftp][transfer]") {
  SshdServer server;
  const fs::path file = server.files() / "inbox" / "growing.edi";
  write_large(file);
  SftpSession session(options_for(server));
  REQUIRE(session.connect().ok());

  std::atomic<bool> done{false};
  std::thread writer([&] {  // the partner's upload still running
    std::ofstream out(file, std::ios::binary | std::ios::app);
    while (!done) {
      out << std::string(4096, 'G') << std::flush;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  auto bytes = session.download("inbox", "growing.edi");
  done = true;
  writer.join();
  REQUIRE_FALSE(bytes.ok());
  CHECK(bytes.error().code == "sftp.download.size_changed");
  CHECK(bytes.error().category == ErrorCategory::transient);
  CHECK(session.connected());  // the connection itself is fine; retry later
}

TEST_CASE("SFTP server killed during a download gives a transient error and no bytes", "[sftp][transfer]") {
  SshdServer server;
  write_large(server.files() / "inbox" / "big.edi");
  SftpSession session(options_for(server));
  REQUIRE(session.connect().ok());

  std::thread killer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    server.kill_all();
  });
  auto bytes = session.download("inbox", "big.edi");
  killer.join();
  REQUIRE_FALSE(bytes.ok());
  CHECK(bytes.error().category == ErrorCategory::transient);
  CHECK_FALSE(session.connected());

  server.start();
  REQUIRE(session.connect().ok());
  auto again = session.download("inbox", "big.edi");
  REQUIRE(again.ok());
  CHECK(again->size() == kLarge);
}

TEST_CASE("SFTP server killed during an upload leaves no file under the final name", "[sftp][transfer]") {
  SshdServer server;
  SftpSession session(options_for(server));
  REQUIRE(session.connect().ok());
  const std::string payload(kLarge, 'U');

  std::thread killer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    server.kill_all();
  });
  auto uploaded = session.upload("outbox", "asn_856.edi", payload);
  killer.join();
  REQUIRE_FALSE(uploaded.ok());
  CHECK(uploaded.error().category == ErrorCategory::transient);
  CHECK_FALSE(fs::exists(server.files() / "outbox" / "asn_856.edi"));

  server.start();
  REQUIRE(session.connect().ok());
  REQUIRE(session.upload("outbox", "asn_856.edi", payload).ok());
  CHECK(fs::file_size(server.files() / "outbox" / "asn_856.edi") == kLarge);
}

TEST_CASE("SFTP session authenticates with an ECDSA key", "[sftp]") {
  SshdServer server;
  const fs::path key = server.dir() / "client_ecdsa";
  auto made = edigate::test::run_command("ssh-keygen -q -t ecdsa -b 256 -N '' -C edigate-test -f " +
                                         edigate::test::shell_quote(key.string()));
  REQUIRE(made.status == 0);
  server.authorize(key.string() + ".pub");
  SftpOptions o = options_for(server);
  o.private_key_file = key.string();
  SftpSession session(o);
  auto connected = session.connect();
  INFO((connected ? std::string() : connected.error().to_string()));
  REQUIRE(connected.ok());
  CHECK(session.list("inbox").ok());
}
