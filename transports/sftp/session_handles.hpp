#pragma once
// Internal to the SFTP core: the libssh2 handles behind an SftpSession, shared by
// sftp_session.cpp (lifecycle) and sftp_files.cpp (file operations).
#include "sftp/sftp_session.hpp"

#include <libssh2.h>
#include <libssh2_sftp.h>

namespace edigate::sftp {

struct SftpSession::Handles {
  int socket = -1;
  LIBSSH2_SESSION* session = nullptr;
  LIBSSH2_SFTP* sftp = nullptr;
  ~Handles();
};

}  // namespace edigate::sftp
