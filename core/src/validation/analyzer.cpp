#include "validation/analyzer.hpp"

#include "validation/report_builder.hpp"

#include <edigate/codes.hpp>

#include <algorithm>
#include <optional>
#include <set>

namespace edigate::validation {

Result<Summary> analyze(FormatPlugin& format, InputStream& in, schema::Registry* schemas, const AnalyzeOptions& options,
                        const AnalyzeCallbacks& callbacks) {
  ReaderOptions reader_options = options.reader;
  if (reader_options.file.empty()) reader_options.file = in.name();
  const bool need_segments = (schemas && options.check_schemas) || callbacks.on_transaction || callbacks.on_interchange;
  reader_options.materialize = reader_options.materialize && need_segments;
  EDIGATE_TRY(auto reader, format.open(in, reader_options));

  Summary summary;
  std::optional<ReportBuilder> builder;
  if (callbacks.on_interchange) builder.emplace(reader_options.file);
  std::set<std::string> missing_schemas;  // warn once per file for each set without a schema
  std::vector<Error> transaction_issues;

  auto emit = [&](const Error& e) {
    if (e.is_warning())
      ++summary.warnings;
    else
      ++summary.errors;
    if (callbacks.on_issue) callbacks.on_issue(e);
  };
  auto emit_all = [&](std::span<const Error> issues) {
    for (const auto& e : issues) emit(e);
  };

  Event ev;
  for (;;) {
    EDIGATE_TRY(bool more, reader->next(ev));
    if (!more) break;
    switch (ev.kind) {
      case EventKind::interchange_begin:
        ++summary.interchanges;
        emit_all(ev.issues);
        if (builder) builder->begin_interchange(ev);
        break;
      case EventKind::group_begin:
        ++summary.groups;
        emit_all(ev.issues);
        if (builder) builder->begin_group(ev);
        break;
      case EventKind::transaction: {
        ++summary.transactions;
        summary.segments += ev.info.segment_count;
        transaction_issues.assign(ev.issues.begin(), ev.issues.end());
        bool checked = false;
        if (schemas && options.check_schemas && !ev.segments.empty()) {
          auto found = schemas->find(format.standard(), ev.info.version, ev.info.set_id, ev.info.release);
          if (!found) {
            transaction_issues.push_back(std::move(found).error());
          } else if (*found) {
            schema::validate(**found, ev.segments, *ev.delimiters, reader_options.file, transaction_issues);
            checked = true;
          } else {
            std::string key = std::string(ev.info.version) + "/" + std::string(ev.info.set_id);
            if (missing_schemas.insert(key).second) {
              Error w(std::string(codes::schema_not_found),
                      "no schema for " + std::string(format.standard()) + " " + std::string(ev.info.version) + " " +
                          std::string(ev.info.set_id) + "; content not validated (envelope only)");
              w.severity = Severity::warning;
              w.position.file = reader_options.file;
              w.position.offset = ev.segments.front().offset;
              w.position.has_offset = true;
              w.position.segment_index = ev.segments.front().index;
              w.position.segment_tag = std::string(ev.segments.front().tag());
              transaction_issues.push_back(std::move(w));
            }
          }
        }
        // Envelope and content problems of one set, merged into input order.
        std::stable_sort(transaction_issues.begin(), transaction_issues.end(),
                         [](const Error& a, const Error& b) { return a.position.offset < b.position.offset; });
        emit_all(transaction_issues);
        if (has_errors(transaction_issues)) ++summary.transactions_rejected;
        if (callbacks.on_transaction) callbacks.on_transaction(ev, transaction_issues);
        if (builder) {
          builder->transaction(ev, transaction_issues);
          if (checked) builder->mark_schema_checked();
        }
        break;
      }
      case EventKind::group_end:
        emit_all(ev.issues);
        if (builder) builder->end_group(ev);
        break;
      case EventKind::interchange_end:
        emit_all(ev.issues);
        if (builder) {
          if (auto report = builder->end_interchange(ev)) callbacks.on_interchange(std::move(*report));
        }
        break;
      case EventKind::issue:
        emit_all(ev.issues);
        break;
    }
  }
  summary.bytes = reader->offset();
  return summary;
}

}  // namespace edigate::validation
