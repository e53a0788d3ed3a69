#pragma once
// libssh2 return codes turned into edigate::Error with a category a scheduler can act on:
// transient (network, timeouts, a dropped session, a file that vanished: retry later) or
// configuration (credentials, host key algorithms, permissions: retrying cannot help).
// Messages carry libssh2's own text, which never contains key material or passwords.
#include <edigate/result.hpp>

#include <libssh2.h>
#include <libssh2_sftp.h>

#include <string>

namespace edigate::sftp {

/// Category of a libssh2 session-level return code (LIBSSH2_ERROR_*).
ErrorCategory classify_ssh(int rc);

/// Category of an SFTP status (LIBSSH2_FX_*): a missing file is transient (it may come back or
/// was moved while we looked), missing folders and permissions are configuration.
ErrorCategory classify_sftp_status(unsigned long status);

/// Error for a failed libssh2 call: `code`, "<what>: <libssh2 message> (rc N)", position `where`.
/// When rc is LIBSSH2_ERROR_SFTP_PROTOCOL and `sftp` is given, the SFTP status decides.
Error ssh_error(LIBSSH2_SESSION* session, LIBSSH2_SFTP* sftp, int rc, std::string code, const std::string& what,
                const std::string& where);

}  // namespace edigate::sftp
