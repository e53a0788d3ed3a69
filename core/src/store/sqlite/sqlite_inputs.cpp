// The store's inputs and their bytes: rows for small inputs, content-addressed blob files for
// large ones (written whole by receive, streamed by receive_stream), and reading them back.
#include <file/durable_file.hpp>
#include <file/read_file.hpp>
#include "io/file_input.hpp"
#include "store/sqlite/incoming_blob.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

namespace edigate::store::sqlite {
namespace {

namespace fs = std::filesystem;

// What receive_stream pulls per read: large enough that a 1 GB file is ~4,000 reads and writes,
// small enough to be nothing next to the inline limit it may hold besides.
constexpr std::size_t kStreamChunk = 256 * 1024;

Error file_error(const std::string& code, const fs::path& path, const std::string& what, int err) {
  return Error(code, path.string() + ": " + what + ": " + std::strerror(err))
      .as(io::is_transient_errno(err) ? ErrorCategory::transient : ErrorCategory::configuration);
}

Error size_mismatch(const NewInput& input, std::uint64_t read, std::int64_t expected) {
  Position pos;
  pos.file = input.file_name;
  return Error("store.input.size_mismatch", input.transport + " " + input.transport_key +
                                                ": the document's length differs from the size announced for it "
                                                "(cut short, or still being written); nothing stored")
      .at(std::move(pos))
      .want(std::to_string(expected) + " bytes", read > static_cast<std::uint64_t>(expected)
                                                     ? "more (" + std::to_string(read) + " read so far)"
                                                     : std::to_string(read) + " bytes")
      .as(ErrorCategory::transient);
}

/// A row's bytes, owned, as a stream.
class RowInput final : public InputStream {
 public:
  RowInput(std::string bytes, std::string name) : bytes_(std::move(bytes)), name_(std::move(name)) {}
  Result<std::size_t> read(char* buf, std::size_t n) noexcept override {
    const std::size_t k = std::min(n, bytes_.size() - pos_);
    if (k) std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  const std::string& name() const noexcept override { return name_; }

 private:
  std::string bytes_;
  std::size_t pos_ = 0;
  std::string name_;
};

/// A blob file's stream under the input's name (positions name the file, not the blob path).
class BlobInput final : public InputStream {
 public:
  BlobInput(std::unique_ptr<InputStream> file, std::string name) : file_(std::move(file)), name_(std::move(name)) {}
  Result<std::size_t> read(char* buf, std::size_t n) noexcept override { return file_->read(buf, n); }
  const std::string& name() const noexcept override { return name_; }

 private:
  std::unique_ptr<InputStream> file_;
  std::string name_;
};

}  // namespace

Result<std::string> SqliteStore::write_blob(const std::string& sha256, const std::string& bytes) {
  const fs::path folder = data_dir_ / "blobs" / sha256.substr(0, 2);
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return file_error("store.blob.write", folder, "cannot create", ec.value());
  const fs::path path = folder / sha256;
  // Content-addressed: an existing file with this name already holds these bytes.
  if (!fs::exists(path, ec) || fs::file_size(path, ec) != bytes.size()) {
    EDIGATE_TRY_VOID(io::write_file_durably(path, bytes, "store.blob.write"));
  }
  return fs::relative(path, data_dir_).string();
}

Result<std::pair<std::optional<std::string>, std::string>> SqliteStore::input_location(std::int64_t id) {
  std::lock_guard lock(mutex_);
  // A duplicate's bytes are its original's.
  EDIGATE_TRY(Statement * s, db_->prepare("SELECT i.body, i.blob_path, o.body, o.blob_path FROM inputs i "
                                          "LEFT JOIN inputs o ON o.id = i.duplicate_of WHERE i.id = ?1"));
  StatementUse use(s);
  s->bind(1, id);
  EDIGATE_TRY(bool row, s->step());
  if (!row) return Error("store.input.unknown", "no input " + std::to_string(id)).as(ErrorCategory::invalid_input);
  const int base = s->is_null(0) && s->is_null(1) ? 2 : 0;
  if (!s->is_null(base)) return std::pair(std::optional<std::string>(s->text(base)), std::string());
  return std::pair(std::optional<std::string>(), s->text(base + 1));
}

Result<std::string> SqliteStore::input_bytes(std::int64_t id) {
  EDIGATE_TRY(auto where, input_location(id));
  if (where.first) return std::move(*where.first);
  const std::string& blob_path = where.second;
  if (blob_path.empty()) return std::string();
  auto bytes = io::read_file(data_dir_ / blob_path, "store.blob.missing");
  if (!bytes)  // missing or unreadable: never a shorter input than was stored
    return Error("store.blob.missing", (data_dir_ / blob_path).string() +
                                           ": the stored input's file cannot be read: " + bytes.error().message)
        .as(ErrorCategory::internal);
  return std::move(bytes).value();
}

Result<Receipt> SqliteStore::receive_stream(const NewInput& input, InputStream& body, std::int64_t expected_size) {
  // Up to inline_limit bytes stay in memory: such an input is a row, as receive stores it. Past
  // that, everything goes to a temporary blob file, and memory holds one chunk.
  std::string head;
  std::vector<char> chunk(kStreamChunk);
  std::unique_ptr<IncomingBlob> blob;
  std::uint64_t total = 0;
  for (;;) {
    EDIGATE_TRY(std::size_t n, body.read(chunk.data(), chunk.size()));
    if (n == 0) break;
    total += n;
    // Longer than announced: stop now rather than copy the rest of a file still growing.
    if (expected_size >= 0 && total > static_cast<std::uint64_t>(expected_size))
      return size_mismatch(input, total, expected_size);
    if (!blob && head.size() + n <= options_.inline_limit) {
      head.append(chunk.data(), n);
      continue;
    }
    if (!blob) {
      EDIGATE_TRY(blob, IncomingBlob::create(data_dir_));
      EDIGATE_TRY_VOID(blob->write(head));
      std::string().swap(head);
    }
    EDIGATE_TRY_VOID(blob->write(std::string_view(chunk.data(), n)));
  }
  if (expected_size >= 0 && total != static_cast<std::uint64_t>(expected_size))
    return size_mismatch(input, total, expected_size);
  if (!blob) {
    NewInput whole = input;
    whole.bytes = std::move(head);
    return receive(whole);
  }
  // The blob is on disk before the row that names it is committed (as receive's write_blob).
  EDIGATE_TRY(IncomingBlob::Stored stored, blob->finish());
  return commit_input(input, stored.sha256, total, {}, stored.blob_path);
}

Result<std::unique_ptr<InputStream>> SqliteStore::open_input(std::int64_t id, const std::string& name) {
  EDIGATE_TRY(auto where, input_location(id));
  if (where.first) return std::unique_ptr<InputStream>(new RowInput(std::move(*where.first), name));
  if (where.second.empty()) return std::unique_ptr<InputStream>(new RowInput(std::string(), name));
  auto file = io::FileInput::open((data_dir_ / where.second).string());
  if (!file) {
    return Error("store.blob.missing", (data_dir_ / where.second).string() +
                                           ": the stored input's file cannot be read: " + file.error().message)
        .as(ErrorCategory::internal);
  }
  return std::unique_ptr<InputStream>(new BlobInput(std::move(*file), name));
}

}  // namespace edigate::store::sqlite
