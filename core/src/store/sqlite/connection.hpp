#pragma once
// A thin RAII layer over the SQLite C API: one connection, prepared statements cached by their
// SQL text, and SQLite result codes turned into categorised Errors (busy and full disk are
// transient, a damaged file is internal). Not thread-safe: SqliteStore serialises access.
#include <edigate/result.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace edigate::store::sqlite {

class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);
  /// Next row: true when there is one. Errors carry the database file and SQLite's message.
  Result<bool> step();
  /// Runs a statement that returns no rows.
  Result<void> run();
  std::int64_t integer(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;
  void reset();

 private:
  friend class Connection;
  sqlite3_stmt* stmt_;
  std::string file_;
};

class Connection {
 public:
  /// Opens (creating) the database file. Sets WAL, synchronous=FULL, foreign keys and a busy
  /// timeout. `store.open` (configuration) when the file cannot be opened, `store.corrupt` when
  /// it is not a database.
  static Result<std::unique_ptr<Connection>> open(const std::filesystem::path& file, int busy_timeout_ms = 5000);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Result<void> exec(const std::string& sql);
  /// A prepared statement for `sql`, reset and with bindings cleared; cached for the
  /// connection's life.
  Result<Statement*> prepare(const std::string& sql);
  std::int64_t last_insert_id() const;
  int changes() const;
  const std::filesystem::path& file() const { return file_; }
  sqlite3* handle() { return db_; }

  /// An Error for SQLite result `code` while doing `what`, categorised.
  Error error(int code, const std::string& what) const;

 private:
  Connection() = default;
  sqlite3* db_ = nullptr;
  std::filesystem::path file_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> statements_;
};

/// Resets a cached statement when it goes out of scope, so a statement is never left mid-step.
class StatementUse {
 public:
  explicit StatementUse(Statement* s) : s_(s) {}
  ~StatementUse() { s_->reset(); }
  Statement* operator->() { return s_; }
  Statement& operator*() { return *s_; }

 private:
  Statement* s_;
};

}  // namespace edigate::store::sqlite
