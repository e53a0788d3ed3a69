// SftpSession against a real OpenSSH sshd on 127.0.0.1 (sshd_fixture.hpp).
#include <catch2/catch.hpp>

#include "session_options.hpp"
#include "sftp/sftp_session.hpp"
#include "sshd_fixture.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using edigate::ErrorCategory;
using edigate::sftp::SftpOptions;
using edigate::sftp::SftpSession;
using edigate::test::options_for;
using edigate::test::SshdServer;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("SFTP session connects when the server's host key matches the pinned fingerprint", "[sftp]") {
  SshdServer server;
  SftpSession session(options_for(server));
  auto connected = session.connect();
  INFO((connected ? std::string() : connected.error().to_string()) << "\n" << server.read_log());
  REQUIRE(connected.ok());
  CHECK(session.connected());
  CHECK(session.offered_host_key() == server.host_fingerprint());
  auto listing = session.list("inbox");
  REQUIRE(listing.ok());
  CHECK(listing->files.empty());
}

TEST_CASE("SFTP session refuses a changed host key, naming the expected and offered fingerprints", "[sftp]") {
  SshdServer server;
  const std::string other = edigate::test::make_ed25519_key(server.dir() / "other_host_key");
  REQUIRE(other != server.host_fingerprint());
  SftpOptions o = options_for(server);
  o.host_key_sha256 = other;
  SftpSession session(o);
  auto connected = session.connect();
  REQUIRE_FALSE(connected.ok());
  const auto& e = connected.error();
  CHECK(e.code == "sftp.host_key.mismatch");
  CHECK(e.category == ErrorCategory::configuration);
  CHECK(e.expected == other);
  CHECK(e.found == server.host_fingerprint());
  const std::string text = e.to_string();
  CHECK(text.find(other) != std::string::npos);
  CHECK(text.find(server.host_fingerprint()) != std::string::npos);
  CHECK_FALSE(session.connected());
  // Refused before authenticating: the server never saw our key.
  CHECK(server.read_log().find("Accepted publickey") == std::string::npos);
}

TEST_CASE("SFTP session refuses a malformed pinned fingerprint as configuration", "[sftp]") {
  SshdServer server;
  SftpOptions o = options_for(server);
  o.host_key_sha256 = "MD5:11:22:33";
  SftpSession session(o);
  auto connected = session.connect();
  REQUIRE_FALSE(connected.ok());
  CHECK(connected.error().code == "sftp.host_key.pin_invalid");
  CHECK(connected.error().category == ErrorCategory::configuration);
}

TEST_CASE("SFTP session lists regular files, downloads, uploads via a temporary name, moves and deletes", "[sftp]") {
  SshdServer server;
  const fs::path inbox = server.files() / "inbox";
  edigate::test::write_text(inbox / "po_850.edi", "ISA*00*...~IEA*1*000000001~\n");
  edigate::test::write_text(inbox / "second.edi", "UNA:+.? 'UNB+UNOC:3'");
  fs::create_directories(inbox / "subfolder");
  fs::create_symlink(inbox / "po_850.edi", inbox / "link.edi");

  SftpSession session(options_for(server));
  REQUIRE(session.connect().ok());

  auto listing = session.list("inbox");
  REQUIRE(listing.ok());
  CHECK(listing->refused.empty());
  REQUIRE(listing->files.size() == 2);  // no folder, no symbolic link
  std::vector<std::string> listed{listing->files[0].name, listing->files[1].name};
  std::sort(listed.begin(), listed.end());
  CHECK(listed == std::vector<std::string>{"po_850.edi", "second.edi"});
  for (const auto& f : listing->files) CHECK(f.size == fs::file_size(inbox / f.name));

  for (const char* not_regular : {"link.edi", "subfolder"}) {
    INFO(not_regular);
    auto refused = session.download("inbox", not_regular);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "sftp.download.not_regular");
    CHECK(session.connected());
  }

  auto bytes = session.download("inbox", "po_850.edi");
  REQUIRE(bytes.ok());
  CHECK(*bytes == read_file(inbox / "po_850.edi"));

  std::string payload(200 * 1024, '\0');
  for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>(i * 31 % 251);
  auto uploaded = session.upload("outbox", "ack_997.edi", payload);
  INFO((uploaded ? std::string() : uploaded.error().to_string()));
  REQUIRE(uploaded.ok());
  CHECK(read_file(server.files() / "outbox" / "ack_997.edi") == payload);
  CHECK(names_in(server.files() / "outbox") == std::vector<std::string>{"ack_997.edi"});  // no temp left

  // A second upload of the same name is refused and leaves the first file intact, no temp left.
  auto again = session.upload("outbox", "ack_997.edi", "other bytes");
  REQUIRE_FALSE(again.ok());
  CHECK(read_file(server.files() / "outbox" / "ack_997.edi") == payload);
  CHECK(names_in(server.files() / "outbox") == std::vector<std::string>{"ack_997.edi"});
  CHECK(session.connected());  // an SFTP status answer keeps the session

  REQUIRE(session.rename("inbox", "second.edi", "archive", "second.edi").ok());
  CHECK(fs::exists(server.files() / "archive" / "second.edi"));
  CHECK_FALSE(fs::exists(inbox / "second.edi"));

  REQUIRE(session.remove("inbox", "po_850.edi").ok());
  CHECK_FALSE(fs::exists(inbox / "po_850.edi"));

  auto gone = session.download("inbox", "po_850.edi");
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().category == ErrorCategory::transient);  // vanished: retried later
  CHECK(session.connected());
}

TEST_CASE("SFTP session refuses remote names with '..', '/' or control characters and never follows them", "[sftp]") {
  SshdServer server;
  edigate::test::write_text(server.files() / "secret.txt", "not for partners");
  edigate::test::write_text(server.files() / "inbox" / "ok.edi", "x");
  edigate::test::write_text(server.files() / "inbox" / "bad\x01name.edi", "y");
  SftpSession session(options_for(server));
  REQUIRE(session.connect().ok());

  for (const char* name : {"../secret.txt", "..", "sub/ok.edi", "/etc/passwd", "a\nb", ""}) {
    INFO(name);
    auto down = session.download("inbox", name);
    REQUIRE_FALSE(down.ok());
    CHECK(down.error().code == "sftp.remote_name.refused");
    auto del = session.remove("inbox", name);
    REQUIRE_FALSE(del.ok());
    CHECK(del.error().code == "sftp.remote_name.refused");
    auto up = session.upload("inbox", name, "z");
    REQUIRE_FALSE(up.ok());
    CHECK(up.error().code == "sftp.remote_name.refused");
  }
  CHECK(read_file(server.files() / "secret.txt") == "not for partners");
  auto folder = session.list("inbox/../..");
  REQUIRE_FALSE(folder.ok());
  CHECK(folder.error().code == "sftp.remote_folder.invalid");

  auto listing = session.list("inbox");
  REQUIRE(listing.ok());
  REQUIRE(listing->files.size() == 1);
  CHECK(listing->files[0].name == "ok.edi");
  REQUIRE(listing->refused.size() == 1);
  CHECK(listing->refused[0].code == "sftp.remote_name.refused");
  CHECK(listing->refused[0].found == "bad\x01name.edi");
  CHECK(session.connected());
}

TEST_CASE("SFTP session reports a killed server as transient and reconnects once it is back", "[sftp]") {
  SshdServer server;
  edigate::test::write_text(server.files() / "inbox" / "po.edi", "payload");
  SftpSession session(options_for(server));
  REQUIRE(session.connect().ok());
  REQUIRE(session.list("inbox").ok());

  server.kill_all();
  auto listing = session.list("inbox");
  REQUIRE_FALSE(listing.ok());
  CHECK(listing.error().category == ErrorCategory::transient);
  CHECK_FALSE(session.connected());
  auto download = session.download("inbox", "po.edi");
  REQUIRE_FALSE(download.ok());
  CHECK(download.error().category == ErrorCategory::transient);

  auto refused = session.connect();  // nobody listens now
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().category == ErrorCategory::transient);

  server.start();
  auto again = session.connect();
  INFO((again ? std::string() : again.error().to_string()));
  REQUIRE(again.ok());
  auto bytes = session.download("inbox", "po.edi");
  REQUIRE(bytes.ok());
  CHECK(*bytes == "payload");
}

TEST_CASE("SFTP session authenticates with a passphrase-protected key and never quotes secrets", "[sftp]") {
  SshdServer server;
  const fs::path key = server.dir() / "protected_ed25519";
  edigate::test::make_ed25519_key(key, "pass-phrase-7731");
  server.authorize(key.string() + ".pub");

  SftpOptions o = options_for(server);
  o.private_key_file = key.string();
  o.passphrase = "pass-phrase-7731";
  SftpSession good(o);
  auto ok = good.connect();
  INFO((ok ? std::string() : ok.error().to_string()));
  REQUIRE(ok.ok());

  o.passphrase = "wrong-phrase-0042";
  SftpSession bad_phrase(o);
  auto refused = bad_phrase.connect();
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().category == ErrorCategory::configuration);
  CHECK(refused.error().to_string().find("wrong-phrase-0042") == std::string::npos);
  CHECK(refused.error().to_string().find("pass-phrase-7731") == std::string::npos);

  SftpOptions p = options_for(server);
  p.private_key_file.clear();
  p.password = "password-9931";  // root has no password login here
  SftpSession bad_password(p);
  auto denied = bad_password.connect();
  REQUIRE_FALSE(denied.ok());
  CHECK(denied.error().code == "sftp.auth.password_refused");
  CHECK(denied.error().category == ErrorCategory::configuration);
  CHECK(denied.error().to_string().find("password-9931") == std::string::npos);
}
