// JSON Lines from a stream: lines are measured while they arrive, so an endless line is an
// error at its start and reading goes on after it.
#include "canonical/json_lines.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>

using namespace edigate;

namespace {

/// `before`, then `n` bytes of 'x' produced on demand (never held), then `after`.
class Endless final : public InputStream {
 public:
  Endless(std::string before, std::uint64_t n, std::string after)
      : before_(std::move(before)), n_(n), after_(std::move(after)) {}
  Result<std::size_t> read(char* buf, std::size_t n) noexcept override {
    ++reads_;
    if (pos_ < before_.size()) return copy(before_, pos_, buf, n);
    if (made_ < n_) {
      std::size_t k = static_cast<std::size_t>(std::min<std::uint64_t>(n, n_ - made_));
      std::memset(buf, 'x', k);
      made_ += k;
      return k;
    }
    return copy(after_, tail_, buf, n);
  }
  const std::string& name() const noexcept override { return name_; }
  std::uint64_t reads_ = 0;

 private:
  static std::size_t copy(const std::string& s, std::size_t& at, char* buf, std::size_t n) {
    std::size_t k = std::min(n, s.size() - at);
    std::memcpy(buf, s.data() + at, k);
    at += k;
    return k;
  }
  std::string before_;
  std::uint64_t n_, made_ = 0;
  std::string after_;
  std::size_t pos_ = 0, tail_ = 0;
  std::string name_ = "endless.jsonl";
};

}  // namespace

TEST_CASE("JSON Lines are read one line at a time with file, line and offset", "[canonical][jsonl]") {
  std::string text = "{\"a\":1}\n\n{\"b\":2}\r\n{\"c\":3}";
  MemoryInput in(text, "m.jsonl");
  canonical::JsonLineReader r(in, "m.jsonl", 64);
  std::vector<canonical::JsonLineReader::Line> lines;
  for (;;) {
    auto l = r.next();
    REQUIRE(l);
    if (!*l) break;
    lines.push_back(**l);
  }
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].text == "{\"a\":1}");
  CHECK(lines[1].text.empty());
  CHECK(lines[2].text == "{\"b\":2}\r");
  CHECK(lines[2].where.line == 3);
  CHECK(lines[2].where.offset == 9);
  CHECK(lines[3].text == "{\"c\":3}");  // no final newline
  CHECK(lines[3].where.file == "m.jsonl");
}

TEST_CASE("a line longer than the limit is reported at its start and skipped without being kept",
          "[canonical][jsonl][memory]") {
  // 64 MiB of one line against a 1 MiB limit: the reader must flag it and move on to the next
  // line holding at most the limit plus a chunk (it used to grow until bad_alloc).
  Endless in("{\"a\":1}\n", 64u << 20, "\n{\"b\":2}\n");
  canonical::JsonLineReader r(in, "endless.jsonl", 1u << 20);
  auto first = r.next();
  REQUIRE(first);
  REQUIRE(*first);
  CHECK((*first)->text == "{\"a\":1}");
  auto big = r.next();
  REQUIRE(big);
  REQUIRE(*big);
  CHECK((*big)->too_long);
  CHECK((*big)->text.empty());
  CHECK((*big)->where.line == 2);
  CHECK((*big)->where.offset == 8);
  Error e = r.too_long_error(**big);
  CHECK(e.code == "canonical.json.invalid");
  CHECK(e.position.line == 2);
  auto next = r.next();
  REQUIRE(next);
  REQUIRE(*next);
  CHECK((*next)->text == "{\"b\":2}");
  CHECK((*next)->where.line == 3);
  CHECK((*next)->where.offset == 8 + (64u << 20) + 1);
  auto end = r.next();
  REQUIRE(end);
  CHECK_FALSE(*end);
}
