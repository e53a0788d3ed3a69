#pragma once
// Test helpers for the EDIFACT and carrier JSON base maps: reading messages with the real EDIFACT
// reader, writing rendered messages with the real writer, wrapping bodies in the canonical
// envelope and checking them against the canonical JSON Schemas (tests/support/canonical_validator.hpp).
#include "canonical_validator.hpp"
#include "mapping_fixture.hpp"

#include "canonical/envelope.hpp"
#include "canonical/json_io.hpp"
#include "interchange_reader.hpp"
#include "schema/registry.hpp"
#include "writer.hpp"

#include <edigate/input.hpp>

#include <Poco/JSON/Object.h>

#include <sys/wait.h>
#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>

namespace edigate::test {

inline std::string src(const std::string& rel) { return std::string(EDIGATE_SOURCE_DIR) + "/" + rel; }

/// One EDIFACT message as the reader gives it (segments valid during the callback only).
struct MessageView {
  std::span<const Segment> segments;
  const Delimiters* delimiters = nullptr;
  std::string set, version, control;
  std::string release;  ///< UNH S009 as sent (D:96A:UN:EAN005): selects how the schema is found
};

/// Every message of `text`; reader errors (not warnings) fail the test.
inline std::size_t for_each_message(const std::string& text, const std::string& file,
                                    const std::function<void(const MessageView&)>& f, bool fail_on_errors = true) {
  MemoryInput in(text, file);
  ReaderOptions opt;
  opt.file = file;
  edifact::InterchangeReader reader(in, opt);
  Event ev;
  std::size_t n = 0;
  for (int guard = 0; guard < 1000000; ++guard) {
    auto more = reader.next(ev);
    if (!more) FAIL(more.error().to_string());
    if (!*more) break;
    if (fail_on_errors)
      for (const auto& e : ev.issues)
        if (!e.is_warning()) FAIL(e.to_string());
    if (ev.kind != EventKind::transaction) continue;
    ++n;
    f(MessageView{ev.segments, ev.delimiters, std::string(ev.info.set_id), std::string(ev.info.version),
                  std::string(ev.info.control), std::string(ev.info.release)});
  }
  return n;
}

/// A rendered message wrapped in UNB..UNZ and written with the EDIFACT writer.
inline std::string write_message(const TransactionData& t) {
  InterchangeData doc;
  doc.delimiters = Delimiters::edifact_default();
  doc.service_advice = true;
  doc.header = SegmentData::of("UNB", {"", "SENDER", "RECEIVER", "", "RT1"});
  doc.header->elements[0] = Element{{"UNOC", "3"}};
  doc.header->elements[3] = Element{{"260601", "1200"}};
  doc.groups.emplace_back();
  doc.groups.back().transactions.push_back(t);
  doc.trailer = SegmentData::of("UNZ", {"1", "RT1"});
  auto w = edifact::write_interchange(doc, WriteOptions{true});
  if (!w) FAIL(w.error().to_string());
  return w.value();
}

/// Schema errors of one message (rendered EDI must have none), with the schema the gateway uses:
/// the installed library looked up by the message's full release (an EANCOM message gets its
/// directory's table with the code lists open, docs/schemas.md).
inline std::vector<Error> schema_errors(const MessageView& m, const std::string& file) {
  static schema::Registry registry({std::filesystem::path(EDIGATE_BUILD_DIR) / "share" / "edigate" / "schemas"});
  auto s = registry.find("EDIFACT", m.version, m.set, m.release);
  if (!s) FAIL(s.error().to_string());
  if (!*s) FAIL("no installed schema for EDIFACT " + m.version + " " + m.set);
  std::vector<Error> out;
  schema::validate(*s.value(), m.segments, *m.delimiters, file, out);
  std::vector<Error> errors;
  for (auto& e : out)
    if (!e.is_warning()) errors.push_back(std::move(e));
  return errors;
}

inline mapping::MapPtr base_map(const std::string& rel) {
  auto m = mapping::load_map(src("maps/base/" + rel), src("maps"));
  if (!m) FAIL(m.error().to_string());
  return m.value();
}

/// The whole canonical message: envelope (fixed test identity) + the map's body.
inline Poco::JSON::Object::Ptr with_envelope(const Poco::JSON::Object::Ptr& body, const std::string& type,
                                             const std::string& standard, const std::string& version,
                                             const std::string& set, const std::string& file,
                                             const canonical::Correlation& correlation, std::uint64_t position = 0) {
  canonical::Source source;
  source.standard = standard;
  source.version = version;
  source.transaction_set = set;
  source.file = file;
  auto msg =
      canonical::make_envelope(type, "test-partner", canonical::Direction::inbound, source, correlation, position);
  for (const auto& [k, v] : *body) msg->set(k, v);
  return msg;
}

inline std::string json_line(const Poco::JSON::Object::Ptr& o) {
  auto l = canonical::to_json_line(o);
  if (!l) FAIL(l.error().to_string());
  return l.value();
}

/// Validates messages against docs/canonical; returns one "valid ..." / "invalid ...: why" line each.
inline std::vector<std::string> validate_canonical(const std::vector<Poco::JSON::Object::Ptr>& messages) {
  std::vector<std::string> texts;
  for (const auto& m : messages) texts.push_back(json_line(m));
  return validate_canonical_texts(texts);
}

}  // namespace edigate::test
