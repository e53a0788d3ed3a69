#include "cli/json_writer.hpp"

#include "cli/json_output.hpp"

#include <ostream>

namespace edigate::cli {

void JsonWriter::start_item(const std::string& key) {
  if (!stack_.empty()) {
    if (!stack_.back().empty) out_ << ',';
    stack_.back().empty = false;
    if (!compact_) out_ << '\n' << std::string(2 * stack_.size(), ' ');
  }
  if (!key.empty()) {
    write_json(out_, key);
    out_ << (compact_ ? ":" : ": ");
  }
}

void JsonWriter::open(char bracket, const std::string& key) {
  start_item(key);
  out_ << bracket;
  stack_.push_back({bracket == '{' ? '}' : ']'});
}

void JsonWriter::open_object(const std::string& key) { open('{', key); }
void JsonWriter::open_array(const std::string& key) { open('[', key); }

void JsonWriter::close() {
  if (stack_.empty()) return;
  const Level level = stack_.back();
  stack_.pop_back();
  // An empty container stays "[]" on its line.
  if (!compact_ && !level.empty) out_ << '\n' << std::string(2 * stack_.size(), ' ');
  out_ << level.close;
}

void JsonWriter::value(const Poco::Dynamic::Var& v, const std::string& key) {
  start_item(key);
  write_json(out_, v);
}

void JsonWriter::finish() {
  while (!stack_.empty()) close();
  out_ << '\n';
}

}  // namespace edigate::cli
