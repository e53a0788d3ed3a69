#include "sftp/remote_name.hpp"

namespace edigate::sftp {

namespace {
constexpr std::size_t kMaxNameLength = 255;  // NAME_MAX on the servers partners run

bool has_control(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7F) return true;
  return false;
}
}  // namespace

Result<void> check_remote_name(std::string_view name, const std::string& folder) {
  const char* why = nullptr;
  if (name.empty())
    why = "is empty";
  else if (name.size() > kMaxNameLength)
    why = "is longer than 255 bytes";
  else if (name.find('/') != std::string_view::npos)
    why = "contains '/'";
  else if (name.find("..") != std::string_view::npos)
    why = "contains \"..\"";
  else if (name == ".")
    why = "is \".\"";
  else if (has_control(name))
    why = "contains a control character";
  if (!why) return {};
  Position pos;
  pos.file = folder;
  return Error("sftp.remote_name.refused", std::string("remote file name ") + why + "; not followed")
      .at(std::move(pos))
      .want("a plain file name", std::string(name))
      .as(ErrorCategory::invalid_input);
}

Result<void> check_remote_folder(std::string_view folder) {
  bool bad = folder.empty() || has_control(folder);
  std::size_t start = 0;
  while (!bad && start <= folder.size()) {
    const std::size_t end = std::min(folder.find('/', start), folder.size());
    if (folder.substr(start, end - start) == "..") bad = true;
    start = end + 1;
  }
  if (!bad) return {};
  return Error("sftp.remote_folder.invalid", "remote folder must be a path without \"..\" or control characters")
      .want("a folder such as inbox or /in/edi", std::string(folder))
      .as(ErrorCategory::configuration);
}

std::string join_remote(std::string_view folder, std::string_view name) {
  if (folder.empty() || folder == ".") return std::string(name);
  std::string out(folder);
  if (out.back() != '/') out += '/';
  out += name;
  return out;
}

}  // namespace edigate::sftp
