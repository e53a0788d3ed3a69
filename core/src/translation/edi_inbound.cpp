// EDI -> canonical, one transaction at a time (see inbound.hpp).
#include "translation/document_maps.hpp"
#include "translation/envelope_tracker.hpp"
#include "translation/inbound_detail.hpp"
#include "translation/message_builder.hpp"

#include "mapping/edi_messages.hpp"
#include "mapping/selector.hpp"
#include "runtime/routing.hpp"
#include "schema/compiled_schema.hpp"
#include "translation/document_schema.hpp"
#include "validation/report_builder.hpp"

#include <edigate/codes.hpp>

#include <edigate/report.hpp>

#include <algorithm>
#include <optional>
#include <set>

namespace edigate::translation::detail {
namespace {

Position at_segment(const std::string& file, const Segment& s) {
  Position p;
  p.file = file;
  p.offset = s.offset;
  p.has_offset = true;
  p.segment_index = s.index;
  p.segment_tag = std::string(s.tag());
  return p;
}

/// A problem that has no input position of its own (a map or schema file, the profile) told
/// at the transaction's header, with the original rendering kept in the message.
Error at_transaction(const Error& cause, const std::string& what, const Position& where) {
  Error e(cause.code, what + ": " + cause.to_string(false));
  e.position = where;
  e.category = ErrorCategory::configuration;  // a map, schema or profile of ours, not the input
  return e;
}

ReaderOptions reader_for(const InboundOptions& o, const partners::Profile* p) {
  ReaderOptions r = o.reader;
  if (p) r.tolerance = p->tolerance;
  if (o.strict) r.tolerance = Tolerance::strict();
  r.file = o.file;
  r.materialize = true;
  return r;
}

class EdiTranslator {
 public:
  EdiTranslator(const Services& services, FormatPlugin& format, const InboundOptions& options, const Emitter& emit)
      : services_(services),
        format_(format),
        options_(options),
        emit_(emit),
        tracker_(std::string(format.standard()), options.file),
        partner_(options.partner) {}

  Result<void> run(io::PeekInput& in) {
    // Route before reading so the reader gets the sending partner's tolerance.
    std::shared_ptr<const partners::Profile> first = options_.partner;
    if (!first && options_.registry) {
      EDIGATE_TRY(std::string_view head, in.peek());
      if (auto facts = format_.sniff(head))
        first = runtime::route(options_.registry.get(), nullptr, *facts, {}).partner;
    }
    EDIGATE_TRY(auto reader, format_.open(in, reader_for(options_, first.get())));
    if (emit_.sink.on_interchange) report_.emplace(options_.file);
    emit_.summary.standard = std::string(format_.standard());
    Event ev;
    for (;;) {
      EDIGATE_TRY(bool more, reader->next(ev));
      if (!more) break;
      switch (ev.kind) {
        case EventKind::interchange_begin:
          ++emit_.summary.interchanges;
          emit_all(ev.issues);
          tracker_.interchange_begin(ev);
          route(ev);
          if (emit_.sink.on_interchange_begin && ev.envelope) emit_.sink.on_interchange_begin(*ev.envelope, partner_);
          if (report_ && !refused_) report_->begin_interchange(ev);
          break;
        case EventKind::group_begin:
          ++emit_.summary.groups;
          emit_all(ev.issues);
          tracker_.group_begin(ev);
          if (report_ && !refused_) report_->begin_group(ev);
          break;
        case EventKind::transaction:
          transaction(ev);
          break;
        case EventKind::group_end:
          emit_all(ev.issues);
          tracker_.group_end();
          if (report_ && !refused_) report_->end_group(ev);
          break;
        case EventKind::interchange_end:
          emit_all(ev.issues);
          tracker_.interchange_end();
          if (report_ && !refused_)
            if (auto report = report_->end_interchange(ev))
              emit_.sink.on_interchange(std::move(*report), partner_, format_);
          partner_ = options_.partner;
          unrouted_ = refused_ = false;
          break;
        case EventKind::issue:
          emit_all(ev.issues);
          break;
      }
    }
    emit_.summary.bytes = reader->offset();
    return {};
  }

 private:
  void emit_all(std::span<const Error> issues) {
    for (const auto& e : issues) emit_.issue(e);
  }

  void route(const Event& ev) {
    partner_ = options_.partner;
    unrouted_ = refused_ = false;
    if (!ev.envelope) return;  // bare messages: only --partner can say whose they are
    const Position where = ev.segment ? at_segment(options_.file, *ev.segment) : Position{options_.file};
    auto r = runtime::route(options_.registry.get(), options_.partner, *ev.envelope, where);
    partner_ = r.partner;
    if (r.receiver_problem) {
      refused_ = r.refused();
      emit_.issue(*r.receiver_problem);
    }
    if (partner_ || !options_.translate) return;
    unrouted_ = true;
    emit_.issue(runtime::unknown_sender(*ev.envelope, where));
  }

  void transaction(const Event& ev) {
    ++emit_.summary.transactions;
    emit_.summary.segments += ev.info.segment_count;
    std::vector<Error> issues(ev.issues.begin(), ev.issues.end());
    if (ev.segments.empty() || !ev.delimiters) {  // nothing to validate: the reader said why
      verdict(ev, issues, false);
      emit_all(issues);
      return;
    }
    const Position where = at_segment(options_.file, ev.segments.front());
    const std::string set(ev.info.set_id);

    // 1. The verdict, once: reader issues + the schema (the partner's override or the installed
    //    one). It is what the acknowledgement says, whether or not the set is translated.
    const partners::DocumentType* declared = partner_ ? partner_->document(set, partners::Direction::inbound) : nullptr;
    auto schema = find_schema(ev, declared, where, issues);
    if (schema) schema::validate(*schema, ev.segments, *ev.delimiters, options_.file, issues);
    std::stable_sort(issues.begin(), issues.end(),
                     [](const Error& a, const Error& b) { return a.position.offset < b.position.offset; });
    verdict(ev, issues, schema != nullptr);
    if (refused_ || !options_.translate) {
      emit_all(issues);
      return;
    }

    // 2. Translation of a set the verdict accepts.
    if (!partner_) {
      if (!unrouted_) {  // an unrouted interchange was reported once at its header
        Error e("translate.partner.none", "no partner for this " + set + ": it has no interchange header to route by");
        e.expected = "--partner ID";
        issues.push_back(std::move(e).at(where).as(ErrorCategory::configuration));
      }
      emit_all(issues);
      return;
    }
    if (tracker_.envelope_rejected())
      issues.push_back(
          Error("translate.envelope.rejected", "not translated: its interchange or group header has errors").at(where));
    const Result<std::vector<DocumentMap>>& docs = documents_for(set);
    if (!docs) issues.push_back(at_transaction(docs.error(), "cannot translate " + set, where));
    if (!schema && !has_errors(issues))
      issues.push_back(std::move(Error("translate.schema.missing", "no schema for " + std::string(format_.standard()) +
                                                                       " " + std::string(ev.info.version) + " " + set +
                                                                       ": cannot translate"))
                           .at(where)
                           .as(ErrorCategory::configuration));
    if (has_errors(issues) || !schema) {
      emit_all(issues);
      return;
    }
    emit_all(issues);  // warnings only

    // Several inbound maps for the set: the first whose <selector> takes this transaction.
    const DocumentMap* doc = &docs->front();
    if (docs->size() > 1 || doc->map->has_selector()) {
      candidates_.clear();
      for (const auto& d : *docs) candidates_.push_back(d.map.get());
      auto chosen = mapping::choose_map(candidates_, *schema, ev.segments, *ev.delimiters, options_.file);
      if (!chosen) {
        emit_.issue(with_file(std::move(chosen).error()));
        return;
      }
      if (*chosen < 0) {
        emit_.issue(unselected(*partner_, set, *docs).at(where).as(ErrorCategory::configuration));
        return;
      }
      doc = &(*docs)[static_cast<std::size_t>(*chosen)];
    }
    const mapping::CompiledMap& map = *doc->map;
    if (map.type.empty()) {
      emit_.issue(
          Error("translate.map.no_type", "map " + doc->file.string() + " has no type= (the canonical type)").at(where));
      return;
    }
    mapping::TranslateContext context;
    context.file = options_.file;
    context.default_offset = partner_->utc_offset;
    context.reject_business_rules = partner_->reject_business_rules;
    if (emit_.lines_only() && writes_lines(map) && map.messages < 0) {  // straight to text: no objects
      std::string& members = members_;
      members.clear();
      auto done = mapping::translate_members(map, *schema, ev.segments, *ev.delimiters, context, members);
      if (!done) {
        emit_.issue(with_file(std::move(done).error()));
        return;
      }
      auto line = assemble_line(map.type, partner_->id, tracker_.source(ev), context.correlation, members);
      if (line)
        emit_.line(*line);
      else
        emit_.issue(line.error());
      emit_value_warnings(context);
      return;
    }
    // One message per messages= match (a 214 LX with a status), else one for the set. Each
    // gets its own correlation and its match index as the message id's position; a match that
    // fails is reported and its siblings still go out.
    auto messages = mapping::translate_messages(map, *schema, ev.segments, *ev.delimiters, context);
    if (!messages) {
      emit_.issue(with_file(std::move(messages).error()));
      return;
    }
    const canonical::Source source = tracker_.source(ev);
    for (auto& m : *messages) {
      if (m.error)
        emit_.issue(with_file(std::move(*m.error)));
      else
        emit_.message(assemble_message(map.type, partner_->id, source, m.correlation, m.body, m.position));
    }
    emit_value_warnings(context);
  }

  /// Values sent as received although they fail a business rule: on the message ("warnings")
  /// and, positioned, to the sink like any warning.
  void emit_value_warnings(mapping::TranslateContext& context) {
    for (auto& w : context.warnings) emit_.issue(with_file(std::move(w.error)));
    context.warnings.clear();
  }

  /// The partner's inbound maps for `set`, looked up once per partner and set: resolving the
  /// map's path and finding it in the FileCache for every transaction cost ~4% of a translation.
  const Result<std::vector<DocumentMap>>& documents_for(const std::string& set) {
    if (!doc_ || doc_partner_ != partner_ || doc_set_ != set) {
      doc_.emplace(inbound_maps(services_.files, *partner_, set, options_.base_map_fallback));
      doc_partner_ = partner_;
      doc_set_ = set;
    }
    return *doc_;
  }

  Error with_file(Error e) const {
    if (e.position.file.empty()) e.position.file = options_.file;
    return e;
  }

  /// Records a transaction's verdict in the summary and the acknowledgement report.
  void verdict(const Event& ev, const std::vector<Error>& issues, bool schema_checked) {
    if (has_errors(issues)) ++emit_.summary.transactions_rejected;
    if (!report_ || refused_) return;
    report_->transaction(ev, issues);
    if (schema_checked) report_->mark_schema_checked();
  }

  /// The schema document_schema() chooses for the partner's document (its schema file or library
  /// variant, else the installed table for the transaction). Problems are
  /// appended to `issues`; nullptr when there is no schema (a warning, once per set and version
  /// in a file: the content is accepted on its envelope alone, and cannot be translated).
  std::shared_ptr<const schema::CompiledSchema> find_schema(const Event& ev, const partners::DocumentType* doc,
                                                            const Position& where, std::vector<Error>& issues) {
    const bool partners_own = doc && (!doc->schema.empty() || !doc->schema_variant.empty());
    auto s = document_schema(services_, partner_.get(), doc,
                             {format_.standard(), ev.info.version, ev.info.set_id, ev.info.release});
    if (!s) {
      issues.push_back(at_transaction(
          s.error(), partners_own ? "cannot load the partner's schema" : "cannot load the schema", where));
      return nullptr;
    }
    if (!services_.schemas && !*s) return nullptr;  // content checks switched off (--no-schema)
    if (*s) return *s;
    std::string key = std::string(ev.info.version) + "/" + std::string(ev.info.set_id);
    if (missing_schemas_.insert(key).second) {
      Error w(std::string(codes::schema_not_found),
              "no schema for " + std::string(format_.standard()) + " " + std::string(ev.info.version) + " " +
                  std::string(ev.info.set_id) + "; content not validated (envelope only)");
      issues.push_back(std::move(w).at(where).warn());
    }
    return nullptr;
  }

  const Services& services_;
  FormatPlugin& format_;
  const InboundOptions& options_;
  const Emitter& emit_;
  EnvelopeTracker tracker_;
  std::shared_ptr<const partners::Profile> partner_;  ///< of the current interchange
  bool unrouted_ = false;  ///< the current interchange's sender matched no profile (reported once)
  bool refused_ = false;   ///< the current interchange's receiver is not ours: not answered or translated
  std::optional<validation::ReportBuilder> report_;  ///< when the sink wants acknowledgement reports
  std::set<std::string> missing_schemas_;            ///< "version/set" already warned about
  std::optional<Result<std::vector<DocumentMap>>>
      doc_;  ///< documents_for()'s last lookup, for doc_partner_ and doc_set_
  std::vector<const mapping::CompiledMap*> candidates_;  ///< reused by the per-transaction map choice
  std::shared_ptr<const partners::Profile> doc_partner_;
  std::string doc_set_;
  std::string members_;  ///< the body's JSON members, reused across transactions
};

}  // namespace

Result<void> translate_edi(const Services& services, FormatPlugin& format, io::PeekInput& in,
                           const InboundOptions& options, const Emitter& emit) {
  return EdiTranslator(services, format, options, emit).run(in);
}

}  // namespace edigate::translation::detail
