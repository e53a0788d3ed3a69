#pragma once
// SftpSession options for the test's private sshd: pinned host key, the client key, short timeouts.
#include <sftp/sftp_session.hpp>

#include "sshd_fixture.hpp"

namespace edigate::test {

inline sftp::SftpOptions options_for(const SshdServer& server) {
  sftp::SftpOptions o;
  o.host = "127.0.0.1";
  o.port = server.port();
  o.user = server.user();
  o.host_key_sha256 = server.host_fingerprint();
  o.private_key_file = server.client_key().string();
  o.connect_timeout = std::chrono::seconds(5);
  o.io_timeout = std::chrono::seconds(10);
  return o;
}

}  // namespace edigate::test
