// Carrier JSON -> canonical (see inbound.hpp): the whole document through the partner's
// JSON-source inbound map.
#include "translation/document_maps.hpp"
#include "translation/inbound_detail.hpp"
#include "translation/message_builder.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

namespace edigate::translation::detail {
namespace {

Error at_file(const std::string& file, std::string code, std::string message) {
  Error e(std::move(code), std::move(message));
  e.position.file = file;
  return e;
}

Result<std::string> read_all(InputStream& in, const std::string& file) {
  std::string text;
  char buf[64 * 1024];
  for (;;) {
    EDIGATE_TRY(std::size_t n, in.read(buf, sizeof buf));
    if (n == 0) break;
    text.append(buf, n);
    if (text.size() > kMaxJsonInput)
      return std::move(at_file(file, "translate.json.too_large", "JSON document too large"))
          .want("at most " + std::to_string(kMaxJsonInput) + " bytes", "");
  }
  return text;
}

}  // namespace

Result<void> translate_json_document(const Services& services, io::PeekInput& in, const InboundOptions& options,
                                     const Emitter& emit) {
  EDIGATE_TRY(std::string text, read_all(in, options.file));
  ++emit.summary.transactions;
  if (!options.partner) {
    // JSON from a carrier API has no envelope naming its sender: the transport (or the user) must.
    Error e = at_file(options.file, "translate.partner.required", "JSON input carries no sender identity to route by");
    e.expected = "--partner ID";
    emit.issue(e);
    return {};
  }
  const partners::Profile& partner = *options.partner;
  Poco::Dynamic::Var document;
  try {
    Poco::JSON::Parser parser;
    document = parser.parse(text);
  } catch (const Poco::Exception& ex) {
    emit.issue(at_file(options.file, "translate.json.invalid", "not valid JSON: " + ex.displayText()));
    return {};
  }
  auto doc = json_inbound_map(services.files, partner);
  if (!doc) {
    Error e = doc.error();
    emit.issue(at_file(options.file, e.code, "cannot translate: " + e.to_string(false)));
    return {};
  }
  const mapping::CompiledMap& map = *doc->map;
  if (map.type.empty()) {
    emit.issue(at_file(options.file, "translate.map.no_type",
                       "map " + doc->file.string() + " has no type= (the canonical type)"));
    return {};
  }
  mapping::TranslateContext context;
  context.file = options.file;
  context.default_offset = partner.utc_offset;
  context.reject_business_rules = partner.reject_business_rules;  // as for EDI: the partner's switch
  auto bodies = mapping::translate_json(map, document, context);
  for (auto& w : context.warnings) {  // values sent as received although a business rule fails
    if (w.error.position.file.empty()) w.error.position.file = options.file;
    emit.issue(w.error);
  }
  if (!bodies) {
    Error e = std::move(bodies).error();
    if (e.position.file.empty()) e.position.file = options.file;
    emit.issue(e);
    return {};
  }
  if (bodies->empty()) {
    // `{}` or a document whose shape the map does not know: nothing translated is an error,
    // not a quiet success that delivers nothing.
    emit.issue(std::move(at_file(options.file, "translate.json.no_message", "no message found in the JSON document"))
                   .want("what map " + doc->file.string() + " reads (" + map.type + ")",
                         text.size() > 40 ? text.substr(0, 40) + "..." : text));
    return {};
  }
  canonical::Source source;
  source.standard = "json";
  source.transaction_set = map.set;
  source.file = options.file;
  std::uint64_t position = 0;
  for (const auto& body : *bodies) {
    auto correlation = correlation_of(map, *body);
    emit.message(assemble_message(map.type, partner.id, source, correlation, body, position++,
                                  json_discriminator(correlation, *body)));
  }
  return {};
}

}  // namespace edigate::translation::detail
