#pragma once
// What the operations commands (db, replay, reprocess, trace, report) share: which data
// directory they work on and opening its store. They never create or migrate a database by
// accident: only `edigate db migrate` does.
#include "cli/args.hpp"
#include "store/store.hpp"

#include <filesystem>
#include <iosfwd>
#include <memory>

namespace edigate::cli {

/// --data DIR and --config FILE, documented.
std::vector<OptionSpec> store_options();

struct StoreLocation {
  std::filesystem::path data_dir;
  store::StoreOptions options;  ///< the configuration's duplicate window when --config is given
};

/// --data DIR; else the data directory of the gateway configuration named by --config; else
/// ./data. A configuration that does not load is its Error.
Result<StoreLocation> locate_store(const Args& args);

/// Opens the existing, current store at `where` (not migrating it). `store.missing` (transient:
/// exit 2) when there is no database there, `store.version.old` when it needs `db migrate`.
Result<std::unique_ptr<store::Store>> open_existing_store(const StoreLocation& where);

/// locate_store, then open_existing_store.
Result<std::unique_ptr<store::Store>> open_store(const Args& args);

/// Prints "edigate COMMAND: ERROR" and returns the exit code of its category.
int report_error(const std::string& command, const Error& error, std::ostream& err);

}  // namespace edigate::cli
