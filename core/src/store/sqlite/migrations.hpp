#pragma once
// Versioned schema migrations of the SQLite store. Each migration runs once, in its own
// transaction, and is recorded in schema_migrations; a database written by a newer edigate is
// refused rather than guessed at.
#include "store/sqlite/connection.hpp"

namespace edigate::store::sqlite {

/// The version this build writes.
int latest_schema_version();
/// The database's version (0: empty).
Result<int> schema_version(Connection& db);
/// Applies the missing migrations. `store.version.newer` when the file is ahead of this build.
Result<int> migrate(Connection& db);

}  // namespace edigate::store::sqlite
