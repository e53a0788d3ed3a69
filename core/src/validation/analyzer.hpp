#pragma once
// Runs an input through a format plugin's reader and the schema validator, one transaction at
// a time: the host's "validate" step. Problems stream out through a callback in input order;
// acknowledgement reports are built per interchange only when asked for, so validating a
// large file keeps memory bounded by one transaction.
#include "schema/registry.hpp"

#include <edigate/format_plugin.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace edigate::validation {

struct Summary {
  std::uint64_t bytes = 0;
  std::uint64_t interchanges = 0;
  std::uint64_t groups = 0;
  std::uint64_t transactions = 0;
  std::uint64_t transactions_rejected = 0;
  std::uint64_t segments = 0;
  std::uint64_t errors = 0;
  std::uint64_t warnings = 0;
  bool valid() const { return errors == 0; }
};

struct AnalyzeOptions {
  ReaderOptions reader;
  bool check_schemas = true;  ///< validate transaction content when a schema exists
};

struct AnalyzeCallbacks {
  /// Every error and warning, as found.
  std::function<void(const Error&)> on_issue;
  /// When set, a report is built for each interchange and handed over when it ends.
  std::function<void(InterchangeReport&&)> on_interchange;
  /// When set, called for each transaction with its materialised segments and its issues.
  std::function<void(const Event&, const std::vector<Error>&)> on_transaction;
};

/// Reads `in` to the end with `format`. `schemas` may be null (envelope checks only). An Error
/// is returned only when the input cannot be read at all (I/O); content problems go to
/// on_issue and the summary.
Result<Summary> analyze(FormatPlugin& format, InputStream& in, schema::Registry* schemas, const AnalyzeOptions& options,
                        const AnalyzeCallbacks& callbacks);

}  // namespace edigate::validation
