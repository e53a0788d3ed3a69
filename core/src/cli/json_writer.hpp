#pragma once
// A streaming JSON writer for `edigate parse`: containers are opened and closed as reader
// events arrive, so the document is never held whole. Readable by default (two-space indents,
// one leaf value per line: a segment stays on one line); compact writes one line.
#include <Poco/Dynamic/Var.h>

#include <iosfwd>
#include <string>
#include <vector>

namespace edigate::cli {

class JsonWriter {
 public:
  JsonWriter(std::ostream& out, bool compact) : out_(out), compact_(compact) {}

  /// Opens an object or array as the next array item, or as the value of `key` in an object.
  void open_object(const std::string& key = "");
  void open_array(const std::string& key = "");
  /// Closes the innermost container.
  void close();
  /// A value (Poco builds and escapes it, on one line), as the next item or under `key`.
  void value(const Poco::Dynamic::Var& v, const std::string& key = "");
  /// Closes everything still open and ends the line.
  void finish();
  std::size_t depth() const { return stack_.size(); }

 private:
  void start_item(const std::string& key);
  void open(char bracket, const std::string& key);

  struct Level {
    char close;
    bool empty = true;
  };
  std::ostream& out_;
  bool compact_;
  std::vector<Level> stack_;
};

}  // namespace edigate::cli
