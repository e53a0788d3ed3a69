#include "cli/store_access.hpp"

#include "cli/commands.hpp"
#include "gateway_config/gateway_config.hpp"

#include <ostream>

namespace edigate::cli {

std::vector<OptionSpec> store_options() {
  return {{"data", true, false, "DIR", "the gateway's data directory (default: --config's, else ./data)"},
          {"config", true, false, "FILE", "gateway configuration naming the data directory"}};
}

Result<StoreLocation> locate_store(const Args& args) {
  StoreLocation where;
  where.data_dir = "data";
  if (auto file = args.get("config"); !file.empty()) {
    EDIGATE_TRY(auto config, gateway_config::load_gateway_config(file));
    where.data_dir = config.data_dir;
    where.options.duplicate_window = static_cast<store::Millis>(config.duplicate_window_days) * 24 * 3600 * 1000;
  }
  if (auto data = args.get("data"); !data.empty()) where.data_dir = data;
  return where;
}

Result<std::unique_ptr<store::Store>> open_existing_store(const StoreLocation& where) {
  std::error_code ec;
  const auto file = where.data_dir / "edigate.db";
  if (!std::filesystem::is_regular_file(file, ec)) {
    return Error("store.missing", file.string() +
                                      ": no gateway database here; name the data directory with --data DIR or "
                                      "--config FILE (a new one is created by 'edigate db migrate' or serve)")
        .as(ErrorCategory::transient);
  }
  return store::open_sqlite_store(where.data_dir, where.options, false);
}

Result<std::unique_ptr<store::Store>> open_store(const Args& args) {
  EDIGATE_TRY(auto where, locate_store(args));
  return open_existing_store(where);
}

int report_error(const std::string& command, const Error& error, std::ostream& err) {
  err << "edigate " << command << ": " << error.to_string() << "\n";
  return exit_code_for(error.category);
}

}  // namespace edigate::cli
