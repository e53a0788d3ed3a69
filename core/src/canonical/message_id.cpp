#include "canonical/message_id.hpp"

#include "io/sha256.hpp"

#include <string_view>

namespace edigate::canonical {
namespace {

void append_netstring(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ',';
}

}  // namespace

std::string message_id_preimage(const MessageIdentity& id) {
  std::string out;
  out.reserve(128 + id.partner_id.size() + id.sender_id.size() + id.receiver_id.size() + id.discriminator.size());
  append_netstring(out, "edigate.canonical/v1");
  append_netstring(out, id.partner_id);
  append_netstring(out, id.sender_qualifier);
  append_netstring(out, id.sender_id);
  append_netstring(out, id.receiver_qualifier);
  append_netstring(out, id.receiver_id);
  append_netstring(out, id.interchange_control_number);
  append_netstring(out, id.group_control_number);
  append_netstring(out, id.transaction_control_number);
  append_netstring(out, std::to_string(id.position));
  append_netstring(out, id.discriminator);
  return out;
}

std::string message_id(const MessageIdentity& identity) {
  return "m-" + io::to_hex(io::sha256(message_id_preimage(identity)), 16);
}

bool is_message_id(const std::string& text) noexcept {
  if (text.size() != 34 || text.compare(0, 2, "m-") != 0) return false;
  for (std::size_t i = 2; i < text.size(); ++i) {
    const char c = text[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace edigate::canonical
