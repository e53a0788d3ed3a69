#include "sftp/ssh_error.hpp"

namespace edigate::sftp {

ErrorCategory classify_ssh(int rc) {
  switch (rc) {
    case LIBSSH2_ERROR_KEX_FAILURE:  // no common host key / kex algorithm (RSA-only hosts on 1.10)
    case LIBSSH2_ERROR_AUTHENTICATION_FAILED:
    case LIBSSH2_ERROR_PUBLICKEY_UNVERIFIED:
    case LIBSSH2_ERROR_PASSWORD_EXPIRED:
    case LIBSSH2_ERROR_FILE:  // private key file unreadable or wrong passphrase
    case LIBSSH2_ERROR_METHOD_NONE:
    case LIBSSH2_ERROR_METHOD_NOT_SUPPORTED:
    case LIBSSH2_ERROR_INVAL:
      return ErrorCategory::configuration;
    case LIBSSH2_ERROR_ALLOC:
      return ErrorCategory::internal;
    default:
      // Socket, timeout, banner, channel and decryption failures: the connection is gone or
      // unreliable; a new session may succeed.
      return ErrorCategory::transient;
  }
}

ErrorCategory classify_sftp_status(unsigned long status) {
  switch (status) {
    case LIBSSH2_FX_PERMISSION_DENIED:
    case LIBSSH2_FX_WRITE_PROTECT:
    case LIBSSH2_FX_NO_SUCH_PATH:
    case LIBSSH2_FX_NOT_A_DIRECTORY:
    case LIBSSH2_FX_INVALID_FILENAME:
    case LIBSSH2_FX_OP_UNSUPPORTED:
      return ErrorCategory::configuration;
    default:
      return ErrorCategory::transient;
  }
}

namespace {
const char* sftp_status_text(unsigned long status) {
  switch (status) {
    case LIBSSH2_FX_EOF:
      return "end of file";
    case LIBSSH2_FX_NO_SUCH_FILE:
      return "no such file";
    case LIBSSH2_FX_PERMISSION_DENIED:
      return "permission denied";
    case LIBSSH2_FX_FAILURE:
      return "failure";
    case LIBSSH2_FX_BAD_MESSAGE:
      return "bad message";
    case LIBSSH2_FX_NO_CONNECTION:
      return "no connection";
    case LIBSSH2_FX_CONNECTION_LOST:
      return "connection lost";
    case LIBSSH2_FX_OP_UNSUPPORTED:
      return "operation unsupported";
    case LIBSSH2_FX_FILE_ALREADY_EXISTS:
      return "file already exists";
    case LIBSSH2_FX_WRITE_PROTECT:
      return "write protected";
    case LIBSSH2_FX_NO_SPACE_ON_FILESYSTEM:
      return "no space on the server's file system";
    case LIBSSH2_FX_QUOTA_EXCEEDED:
      return "quota exceeded";
    case LIBSSH2_FX_NO_SUCH_PATH:
      return "no such path";
    case LIBSSH2_FX_NOT_A_DIRECTORY:
      return "not a directory";
    default:
      return "SFTP error";
  }
}
}  // namespace

Error ssh_error(LIBSSH2_SESSION* session, LIBSSH2_SFTP* sftp, int rc, std::string code, const std::string& what,
                const std::string& where) {
  std::string message = what + ": ";
  ErrorCategory category = classify_ssh(rc);
  if (rc == LIBSSH2_ERROR_SFTP_PROTOCOL && sftp) {
    const unsigned long status = libssh2_sftp_last_error(sftp);
    message +=
        std::string("server answered ") + sftp_status_text(status) + " (SFTP status " + std::to_string(status) + ")";
    category = classify_sftp_status(status);
  } else {
    char* text = nullptr;
    if (session) libssh2_session_last_error(session, &text, nullptr, 0);
    message += (text && *text) ? text : "libssh2 error";
    message += " (rc " + std::to_string(rc) + ")";
    if (rc == LIBSSH2_ERROR_KEX_FAILURE)
      message += "; the server may offer only RSA host keys, which libssh2 1.10 cannot use";
  }
  Position pos;
  pos.file = where;
  return Error(std::move(code), std::move(message)).at(std::move(pos)).as(category);
}

}  // namespace edigate::sftp
