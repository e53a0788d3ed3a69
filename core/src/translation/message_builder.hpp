#pragma once
// A canonical message = the envelope (canonical/envelope.hpp) followed by the body a map built.
#include "mapping/compiled_map.hpp"

#include <canonical/envelope.hpp>
#include <edigate/result.hpp>

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <string_view>

namespace edigate::translation {

/// make_envelope(...) with the body's members appended in their order.
Poco::JSON::Object::Ptr assemble_message(std::string_view type, std::string_view partner_id,
                                         const canonical::Source& source, const canonical::Correlation& correlation,
                                         const Poco::JSON::Object::Ptr& body, std::uint64_t position = 0,
                                         std::string_view discriminator = {});

/// assemble_message()'s JSON line (as canonical::to_json_line writes it) from the body's members
/// already written as JSON text (mapping::translate_members).
Result<std::string> assemble_line(std::string_view type, std::string_view partner_id, const canonical::Source& source,
                                  const canonical::Correlation& correlation, std::string_view body_members);

/// The map's output can be written as text by mapping::translate_members and assemble_line:
/// no object repeats a key and no top-level field has an envelope key's name (assemble_message
/// would overwrite the envelope member in place).
bool writes_lines(const mapping::CompiledMap& map);

/// The correlation values of ONE message body, read back from the fields the map marks
/// correlation= (first value wins, tracking numbers collect). Used for JSON sources, where one
/// translate_json call yields several messages and its context collects across all of them.
canonical::Correlation correlation_of(const mapping::CompiledMap& map, const Poco::JSON::Object& body);

/// A stable key for a message without control numbers (carrier JSON): its tracking numbers
/// and its timestamp (docs/canonical/README.md, message_id).
std::string json_discriminator(const canonical::Correlation& correlation, const Poco::JSON::Object& body);

}  // namespace edigate::translation
