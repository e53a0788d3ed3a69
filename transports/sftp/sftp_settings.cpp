#include "sftp/sftp_settings.hpp"

#include "sftp/host_key.hpp"
#include "sftp/remote_name.hpp"

#include <charconv>
#include <functional>

namespace edigate::sftp {

std::vector<TransportOption> sftp_options() {
  // Defaults repeat partner.xsd's; tests/transports/sftp/sftp_settings_test.cpp compares them.
  return {
      {"host", true, false, "", "the partner's SFTP server (name or address)"},
      {"port", false, false, "22", "TCP port"},
      {"user", true, false, "", "user name on the server"},
      {"host-key", true, false, "", "pinned host key fingerprint, SHA256:... as ssh-keygen -l prints it"},
      {"key-file", false, true, "", "private key (ed25519 or ECDSA), env:NAME or file:PATH"},
      {"key-passphrase", false, true, "", "passphrase of an encrypted private key, env:NAME or file:PATH"},
      {"password", false, true, "", "password (when no key is given, or the key is refused), env:NAME or file:PATH"},
      {"inbox", false, false, "", "remote folder polled for the partner's documents"},
      {"outbox", false, false, "", "remote folder our documents are uploaded to"},
      {"poll-seconds", false, false, "60", "seconds between polls of the inbox"},
      {"after-download", false, false, "delete", "what happens to a stored file on the server: delete or move"},
      {"archive", false, false, "", "remote folder stored files move to (after-download=\"move\")"},
      {"file-pattern", false, false, "*", "only names matching this shell pattern are taken"},
      {"max-sessions", false, false, "2", "connections to this partner at once, polls and sends together"},
      {"max-files", false, false, "1000", "files taken per poll at most"},
      {"connect-timeout-seconds", false, false, "10", "TCP connect and SSH handshake limit"},
      {"transfer-timeout-seconds", false, false, "60", "limit on any single SFTP operation"},
      {"temp-suffix", false, false, ".part", "suffix of our temporary upload names; inbox names with it are skipped"},
  };
}

namespace {

Error config_error(const TransportConfig& c, const std::string& what) {
  return Error("transport.sftp.config", "partner '" + c.partner + "', transport '" + c.name + "': " + what)
      .as(ErrorCategory::configuration);
}

Result<std::size_t> number(const TransportConfig& c, std::string_view key, std::size_t min, std::size_t max) {
  const std::string v = c.option(key);
  std::size_t out = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || end != v.data() + v.size() || out < min || out > max)
    return config_error(c, "'" + std::string(key) + "' must be a whole number from " + std::to_string(min) + " to " +
                               std::to_string(max))
        .want(std::to_string(min) + ".." + std::to_string(max), v);
  return out;
}

}  // namespace

std::string connection_key(const SftpOptions& o) {
  // Everything a session was opened with: an endpoint reopened with another key, password or
  // timeout must not be handed an idle session from before. The key stays in memory (never
  // logged); the credentials enter it only as a hash.
  const std::size_t credentials = std::hash<std::string>{}(o.private_key + '\n' + o.passphrase + '\n' + o.password);
  return o.user + "@" + o.host + ":" + std::to_string(o.port) + " " + o.host_key_sha256 + " " +
         std::to_string(o.connect_timeout.count()) + "/" + std::to_string(o.io_timeout.count()) + " " + o.temp_suffix +
         " " + std::to_string(credentials);
}

Result<EndpointSettings> read_settings(const TransportConfig& c) {
  EndpointSettings s;
  SftpOptions& o = s.session;
  o.host = c.option("host");
  o.user = c.option("user");
  o.host_key_sha256 = c.option("host-key");
  EDIGATE_TRY(std::size_t port, number(c, "port", 1, 65535));
  o.port = static_cast<std::uint16_t>(port);
  EDIGATE_TRY(std::size_t connect_s, number(c, "connect-timeout-seconds", 1, 3600));
  EDIGATE_TRY(std::size_t transfer_s, number(c, "transfer-timeout-seconds", 1, 86400));
  o.connect_timeout = std::chrono::seconds(connect_s);
  o.io_timeout = std::chrono::seconds(transfer_s);
  o.temp_suffix = c.option("temp-suffix");
  if (o.temp_suffix.empty() || o.temp_suffix.find('/') != std::string::npos)
    return config_error(c, "'temp-suffix' must be a non-empty name suffix without '/'");
  auto secret = [&](const char* key) {
    auto it = c.secrets.find(key);
    return it == c.secrets.end() ? std::string() : it->second;
  };
  o.private_key = secret("key-file");
  o.passphrase = secret("key-passphrase");
  o.password = secret("password");
  if (o.private_key.empty() && o.password.empty()) return config_error(c, "neither 'key-file' nor 'password' is set");
  if (auto pin = check_fingerprint_syntax(o.host_key_sha256); !pin)
    return config_error(c, pin.error().message).want(pin.error().expected, pin.error().found);

  s.inbox = c.option("inbox");
  s.outbox = c.option("outbox");
  s.archive = c.option("archive");
  if (s.inbox.empty() && s.outbox.empty()) return config_error(c, "names neither an 'inbox' nor an 'outbox'");
  for (const std::string* folder : {&s.inbox, &s.outbox, &s.archive})
    if (!folder->empty())
      if (auto ok = check_remote_folder(*folder); !ok) return config_error(c, ok.error().message);
  const std::string after = c.option("after-download");
  if (after == "delete") {
    s.after = AfterDownload::remove;
  } else if (after == "move") {
    s.after = AfterDownload::move;
    if (s.archive.empty()) return config_error(c, "after-download=\"move\" needs an 'archive' folder");
  } else {
    return config_error(c, "'after-download' must be delete or move").want("delete or move", after);
  }
  s.file_pattern = c.option("file-pattern");
  if (s.file_pattern.empty()) s.file_pattern = "*";
  EDIGATE_TRY(s.max_sessions, number(c, "max-sessions", 1, 64));
  EDIGATE_TRY(s.max_files, number(c, "max-files", 1, 100000));
  return s;
}

}  // namespace edigate::sftp
