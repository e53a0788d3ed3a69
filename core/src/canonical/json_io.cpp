#include "canonical/json_io.hpp"

#include "canonical/envelope.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <array>
#include <exception>

namespace edigate::canonical {
namespace {

using Poco::Dynamic::Var;

// Length of the valid UTF-8 sequence at s[i], or 0 (overlongs, surrogates, > U+10FFFF are invalid).
std::size_t utf8_sequence(std::string_view s, std::size_t i) noexcept {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const auto cont = [&](std::size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  const unsigned char c = b(0);
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;
    if (c == 0xED && b(1) >= 0xA0) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;
    if (c == 0xF4 && b(1) >= 0x90) return 0;
    return 4;
  }
  return 0;
}

// Printable ASCII other than '"' and '\\' is written as it is (a table: one load per byte).
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7F; ++c) t[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  return t;
}();
constexpr bool plain_byte(unsigned char c) noexcept { return kPlain[c]; }

void write_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  // Runs of plain bytes are appended at once (most EDI values are one run): appending byte by
  // byte was the largest single cost of writing canonical JSON Lines.
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (plain_byte(c)) {
      std::size_t end = i + 1;
      while (end < s.size() && plain_byte(static_cast<unsigned char>(s[end]))) ++end;
      out.append(s.data() + i, end - i);
      i = end;
      continue;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else if (c >= 0x80) {
      if (const std::size_t n = utf8_sequence(s, i)) {
        out.append(s.substr(i, n));
        i += n;
        continue;
      }
      out += "\\u00";  // Latin-1 byte
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  out += '"';
}

Result<void> write_value(std::string& out, const Var& value, std::string& path, std::size_t depth);

Result<void> write_object(std::string& out, const Poco::JSON::Object& object, std::string& path, std::size_t depth) {
  out += '{';
  bool first = true;
  for (const auto& name : object.getNames()) {
    if (!first) out += ',';
    first = false;
    write_string(out, name);
    out += ':';
    const std::size_t mark = path.size();
    path += '/';
    path += name;
    EDIGATE_TRY_VOID(write_value(out, object.get(name), path, depth + 1));
    path.resize(mark);
  }
  out += '}';
  return {};
}

Result<void> write_array(std::string& out, const Poco::JSON::Array& array, std::string& path, std::size_t depth) {
  out += '[';
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (i) out += ',';
    const std::size_t mark = path.size();
    path += '/';
    path += std::to_string(i);
    EDIGATE_TRY_VOID(write_value(out, array.get(static_cast<unsigned>(i)), path, depth + 1));
    path.resize(mark);
  }
  out += ']';
  return {};
}

Result<void> write_value(std::string& out, const Var& value, std::string& path, std::size_t depth) {
  if (depth > kMaxJsonDepth)
    return Error("canonical.json.invalid", "message nested too deeply").want("depth <= 64", path);
  const auto& type = value.type();
  if (type == typeid(Poco::JSON::Object::Ptr)) {
    const auto& ptr = value.extract<Poco::JSON::Object::Ptr>();
    if (ptr.isNull()) {
      out += "null";
      return {};
    }
    return write_object(out, *ptr, path, depth);
  }
  if (type == typeid(Poco::JSON::Object)) return write_object(out, value.extract<Poco::JSON::Object>(), path, depth);
  if (type == typeid(Poco::JSON::Array::Ptr)) {
    const auto& ptr = value.extract<Poco::JSON::Array::Ptr>();
    if (ptr.isNull()) {
      out += "null";
      return {};
    }
    return write_array(out, *ptr, path, depth);
  }
  if (type == typeid(Poco::JSON::Array)) return write_array(out, value.extract<Poco::JSON::Array>(), path, depth);
  if (value.isEmpty()) {
    out += "null";
  } else if (value.isBoolean()) {
    out += value.extract<bool>() ? "true" : "false";
  } else if (value.isString()) {
    write_string(out, value.toString());
  } else if (value.isInteger()) {
    out +=
        value.isSigned() ? std::to_string(value.convert<Poco::Int64>()) : std::to_string(value.convert<Poco::UInt64>());
  } else if (value.isNumeric()) {
    return Error("canonical.json.binary_float", "binary floating-point value in a canonical message")
        .want("decimal string", path.empty() ? "/" : path);
  } else {
    return Error("canonical.json.unsupported", "value of a type JSON cannot hold").want("JSON value", path);
  }
  return {};
}

Error not_json(const Position& where, std::string what) {
  return Error("canonical.json.invalid", std::move(what)).at(where);
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) { write_string(out, s); }

Result<std::string> to_json_line(const Poco::JSON::Object::Ptr& message) {
  if (message.isNull()) return Error("canonical.json.invalid", "no message");
  std::string out;
  std::string path;
  try {
    EDIGATE_TRY_VOID(write_object(out, *message, path, 0));
  } catch (const Poco::Exception& e) {  // a Var conversion our checks did not foresee
    return Error("canonical.json.unsupported", e.displayText()).want("JSON value", path);
  }
  return out;
}

Result<Poco::JSON::Object::Ptr> parse_message(std::string_view text, const Position& where) {
  if (text.size() > kMaxMessageBytes)
    return not_json(where, "message larger than " + std::to_string(kMaxMessageBytes) + " bytes");
  Var parsed;
  try {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
    parser.setDepth(kMaxJsonDepth);
    parsed = parser.parse(std::string(text));
  } catch (const Poco::Exception& e) {
    return not_json(where, "not valid JSON: " + e.displayText());
  } catch (const std::exception& e) {
    return not_json(where, std::string("not valid JSON: ") + e.what());
  }
  if (parsed.type() != typeid(Poco::JSON::Object::Ptr) || parsed.extract<Poco::JSON::Object::Ptr>().isNull())
    return Error("canonical.json.not_canonical", "a canonical message is a JSON object").at(where);
  auto object = parsed.extract<Poco::JSON::Object::Ptr>();
  const Var schema = object->get("schema");
  if (!schema.isString() || schema.toString() != kSchemaId)
    return Error("canonical.json.not_canonical", "not a canonical message")
        .at(where)
        .want("\"schema\": \"" + std::string(kSchemaId) + "\"", schema.isString() ? schema.toString() : "");
  return object;
}

Result<std::size_t> read_message_lines(std::string_view text, const std::string& file,
                                       const std::function<bool(Poco::JSON::Object::Ptr)>& on_message) {
  std::size_t count = 0;
  std::uint32_t line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    ++line_number;
    Position where;
    where.file = file;
    where.line = line_number;
    where.offset = start;
    where.has_offset = true;
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
      EDIGATE_TRY(auto message, parse_message(line, where));
      ++count;
      if (!on_message(std::move(message))) break;
    }
    start = end + 1;
  }
  return count;
}

}  // namespace edigate::canonical
