#pragma once
// What an SFTP endpoint reads from its partner's <sftp> element (partners/partner.xsd): the
// option table the host checks profiles against, and the parsed, checked settings. Every
// attribute the XSD allows on <sftp> is declared here with the XSD's default.
#include "sftp/sftp_session.hpp"

#include <edigate/transport_plugin.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace edigate::sftp {

/// The settings the plugin declares (TransportSpec::options).
std::vector<TransportOption> sftp_options();

enum class AfterDownload : std::uint8_t { remove, move };

struct EndpointSettings {
  SftpOptions session;  ///< host, port, user, pinned key, credentials, timeouts, temp suffix
  std::string inbox;    ///< remote folder polled; empty: this endpoint only sends
  std::string outbox;   ///< remote folder documents are uploaded to; empty: only polls
  AfterDownload after = AfterDownload::remove;
  std::string archive;           ///< remote folder taken files move to (after-download="move")
  std::string file_pattern;      ///< fnmatch(3) pattern a listed name must match ("*": all)
  std::size_t max_sessions = 2;  ///< open connections to this partner at most (polls + sends)
  std::size_t max_files = 1000;  ///< files taken per poll at most
};

/// Parses and checks `config` (already checked against sftp_options() by the host): numbers,
/// the after-download choice, remote folders, the host key pin's syntax, some credential.
/// Errors: transport.sftp.config (configuration), naming the partner and endpoint.
Result<EndpointSettings> read_settings(const TransportConfig& config);

/// The identity of a connection: sessions are reused only for the same server, user, pin,
/// credentials and timeouts.
std::string connection_key(const SftpOptions& o);

}  // namespace edigate::sftp
