// Store::receive_stream: an input pulled in chunks from a reader, larger ones written to a
// temporary file while hashed and renamed to their content address before the row commits;
// nothing stored when the reader fails or the length is not the one announced.
#include "store/sqlite/incoming_blob.hpp"
#include "store/store.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>

#include "open_store.hpp"
#include "temp_dir.hpp"

using namespace edigate;
using namespace edigate::store;
using edigate::test::open_store;
namespace fs = std::filesystem;

namespace {

/// `size` bytes of a repeating pattern, handed out in reads of at most `step`; fails with a
/// transient error after `fail_after` bytes when that is set (a connection dropped midway).
class PatternInput final : public InputStream {
 public:
  PatternInput(std::uint64_t size, std::size_t step = 70000, std::uint64_t fail_after = UINT64_MAX)
      : size_(size), step_(step), fail_after_(fail_after) {}
  Result<std::size_t> read(char* buf, std::size_t n) noexcept override {
    if (pos_ >= fail_after_) return Error("test.read", "connection dropped").as(ErrorCategory::transient);
    std::size_t k = static_cast<std::size_t>(std::min<std::uint64_t>({n, step_, size_ - pos_, fail_after_ - pos_}));
    for (std::size_t i = 0; i < k; ++i) buf[i] = static_cast<char>('A' + (pos_ + i) % 23);
    pos_ += k;
    return k;
  }
  const std::string& name() const noexcept override { return name_; }

 private:
  std::uint64_t size_, pos_ = 0;
  std::size_t step_;
  std::uint64_t fail_after_;
  std::string name_ = "pattern";
};

std::string pattern(std::uint64_t size) {
  std::string out(size, '\0');
  for (std::uint64_t i = 0; i < size; ++i) out[i] = static_cast<char>('A' + i % 23);
  return out;
}

NewInput meta(const std::string& name) { return NewInput{"sftp:main", "inbox/" + name, "acme-retail", name, {}}; }

std::string read_all(InputStream& in) {
  std::string out;
  char buf[4096];
  for (;;) {
    auto n = in.read(buf, sizeof buf);
    REQUIRE(n.ok());
    if (*n == 0) return out;
    out.append(buf, *n);
  }
}

std::size_t files_under(const fs::path& dir) {
  std::size_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) n += e.is_regular_file();
  return n;
}

}  // namespace

TEST_CASE("a streamed input above the inline limit becomes a blob named by its sha256, read back in chunks",
          "[store][stream]") {
  test::TempDir dir("store-stream");
  StoreOptions options;
  options.inline_limit = 100000;
  auto store = open_store(dir.path, options);
  PatternInput body(1000003);
  auto receipt = store->receive_stream(meta("big.edi"), body, 1000003);
  INFO((receipt ? "" : receipt.error().to_string()));
  REQUIRE(receipt.ok());
  CHECK_FALSE(receipt->duplicate);
  const auto record = store->input(receipt->input_id).value();
  CHECK(record.size == 1000003);
  CHECK(record.state == "received");
  const std::string expected = pattern(1000003);
  const fs::path blob = dir.path / "blobs" / record.sha256.substr(0, 2) / record.sha256;
  REQUIRE(fs::exists(blob));
  CHECK(fs::file_size(blob) == 1000003);
  CHECK(store->input_bytes(receipt->input_id).value() == expected);
  auto stream = store->open_input(receipt->input_id, "big.edi");
  REQUIRE(stream.ok());
  CHECK((*stream)->name() == "big.edi");
  CHECK(read_all(**stream) == expected);
  CHECK(files_under(dir.path / "blobs" / "incoming") == 0);                       // the temporary file became the blob
  CHECK(store->work_for(std::to_string(receipt->input_id)).value().size() == 1);  // queued for processing
  CHECK(store->check().value().problems.empty());
}

TEST_CASE("a streamed input within the inline limit is kept in its row, as receive keeps it", "[store][stream]") {
  test::TempDir dir("store-stream");
  auto store = open_store(dir.path);
  PatternInput body(5000, 1000);
  auto receipt = store->receive_stream(meta("small.edi"), body, -1);
  REQUIRE(receipt.ok());
  CHECK(store->input_bytes(receipt->input_id).value() == pattern(5000));
  CHECK(files_under(dir.path / "blobs") == 0);
  auto plain = store->receive({"sftp:main", "inbox/small.edi", "acme-retail", "small.edi", pattern(5000)});
  REQUIRE(plain.ok());
  CHECK(plain->duplicate_of == receipt->input_id);  // the same sha256 either way
}

TEST_CASE("a reader failing midway stores nothing and leaves no temporary file", "[store][stream]") {
  test::TempDir dir("store-stream");
  StoreOptions options;
  options.inline_limit = 1000;
  auto store = open_store(dir.path, options);
  PatternInput body(500000, 65536, 300000);
  auto receipt = store->receive_stream(meta("cut.edi"), body, 500000);
  REQUIRE_FALSE(receipt.ok());
  CHECK(receipt.error().code == "test.read");
  CHECK(receipt.error().category == ErrorCategory::transient);
  CHECK_FALSE(store->input(1).ok());
  CHECK(files_under(dir.path / "blobs") == 0);
  CHECK(store->queue_counts(WorkKind::process).value().ready == 0);
}

TEST_CASE("a streamed input shorter or longer than announced is not committed", "[store][stream]") {
  test::TempDir dir("store-stream");
  StoreOptions options;
  options.inline_limit = 1000;
  auto store = open_store(dir.path, options);
  PatternInput shorter(400000);
  auto cut = store->receive_stream(meta("short.edi"), shorter, 400001);
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.error().code == "store.input.size_mismatch");
  CHECK(cut.error().category == ErrorCategory::transient);
  CHECK(cut.error().expected == "400001 bytes");
  CHECK(cut.error().found == "400000 bytes");
  PatternInput longer(400000);
  auto grown = store->receive_stream(meta("long.edi"), longer, 200000);
  REQUIRE_FALSE(grown.ok());
  CHECK(grown.error().code == "store.input.size_mismatch");
  PatternInput small(10);
  CHECK(store->receive_stream(meta("tiny.edi"), small, 11).error().code == "store.input.size_mismatch");
  CHECK_FALSE(store->input(1).ok());
  CHECK(files_under(dir.path / "blobs") == 0);
}

TEST_CASE("the same large input streamed twice under one name is a duplicate sharing one blob", "[store][stream]") {
  test::TempDir dir("store-stream");
  StoreOptions options;
  options.inline_limit = 1000;
  auto store = open_store(dir.path, options);
  PatternInput first_body(300000), again_body(300000);
  auto first = store->receive_stream(meta("po.edi"), first_body, 300000);
  auto again = store->receive_stream(meta("po.edi"), again_body, 300000);
  REQUIRE((first.ok() && again.ok()));
  CHECK_FALSE(first->duplicate);
  CHECK(again->duplicate);
  CHECK(again->duplicate_of == first->input_id);
  CHECK(store->input(again->input_id).value().state == "duplicate");
  CHECK(store->work_for(std::to_string(again->input_id)).value().empty());
  CHECK(store->input_bytes(again->input_id).value() == pattern(300000));
  CHECK(files_under(dir.path / "blobs") == 1);
}

TEST_CASE("temporary files of a process that died mid-intake are removed when the store opens", "[store][stream]") {
  test::TempDir dir("store-stream");
  { auto store = open_store(dir.path); }
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) ::_exit(0);
  REQUIRE(::waitpid(child, nullptr, 0) == child);
  const fs::path incoming = dir.path / "blobs" / "incoming";
  test::write_text(incoming / (std::to_string(child) + ".1.tmp"), "half of a file");
  test::write_text(incoming / (std::to_string(::getpid()) + ".999.tmp"), "a live intake's file");
  auto store = open_store(dir.path);
  CHECK_FALSE(fs::exists(incoming / (std::to_string(child) + ".1.tmp")));
  CHECK(fs::exists(incoming / (std::to_string(::getpid()) + ".999.tmp")));
}

TEST_CASE("on a data directory shared between hosts, another host's temporary files stay until untouched for a day",
          "[store][stream]") {
  test::TempDir dir("store-stream");
  { auto store = open_store(dir.path); }
  const fs::path incoming = dir.path / "blobs" / "incoming";
  // This host's name as the store writes it: from a temporary file it creates.
  std::string host;
  {
    auto blob = sqlite::IncomingBlob::create(dir.path);
    REQUIRE(blob.ok());
    for (const auto& e : fs::directory_iterator(incoming)) {
      const std::string name = e.path().filename().string();
      host = name.substr(0, name.find('.'));
    }
  }
  REQUIRE_FALSE(host.empty());
  CHECK(host.find_first_not_of("0123456789") != std::string::npos);  // a name, not a pid

  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) ::_exit(0);
  REQUIRE(::waitpid(child, nullptr, 0) == child);
  const std::string dead = host + "." + std::to_string(child) + ".1.tmp";
  const std::string live = host + "." + std::to_string(::getpid()) + ".2.tmp";
  // Another host's pid means nothing here, even one that is a live process on this host.
  const std::string foreign_fresh = "other-node." + std::to_string(child) + ".3.tmp";
  const std::string foreign_stale = "other-node." + std::to_string(child) + ".4.tmp";
  for (const auto& name : {dead, live, foreign_fresh, foreign_stale})
    test::write_text(incoming / name, "part of a file");
  fs::last_write_time(incoming / foreign_stale, fs::file_time_type::clock::now() - std::chrono::hours(25));
  fs::last_write_time(incoming / foreign_fresh, fs::file_time_type::clock::now() - std::chrono::hours(23));

  auto store = open_store(dir.path);
  CHECK_FALSE(fs::exists(incoming / dead));
  CHECK(fs::exists(incoming / live));
  CHECK(fs::exists(incoming / foreign_fresh));
  CHECK_FALSE(fs::exists(incoming / foreign_stale));
}
