#include "mdn_store.hpp"

#include <as2/crypto.hpp>
#include <file/durable_file.hpp>

#include <fstream>
#include <sstream>

namespace edigate::as2 {

std::filesystem::path MdnStore::path_for(const std::string& sender, const std::string& message_id) const {
  // Sender and Message-ID are the partner's text: only their digest becomes a file name.
  const std::string mic = sha256_mic(sender + "\n" + message_id);
  std::string name;
  for (char c : mic.substr(0, mic.find(',')))
    if (c != '=') name += c == '/' ? '_' : c == '+' ? '-' : c;
  return dir_ / (name + ".mdn");
}

std::optional<StoredMdn> MdnStore::find(const std::string& sender, const std::string& message_id) const {
  std::ifstream in(path_for(sender, message_id), std::ios::binary);
  if (!in) return std::nullopt;
  StoredMdn m;
  if (!std::getline(in, m.message_id) || !std::getline(in, m.content_type)) return std::nullopt;
  std::ostringstream rest;
  rest << in.rdbuf();
  m.body = rest.str();
  return m;
}

Result<void> MdnStore::put(const std::string& sender, const std::string& message_id, const StoredMdn& mdn) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  return io::write_file_durably(path_for(sender, message_id),
                                mdn.message_id + "\n" + mdn.content_type + "\n" + mdn.body, "transport.as2.mdn_store");
}

}  // namespace edigate::as2
