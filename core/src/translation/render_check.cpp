#include "translation/render_check.hpp"

#include "translation/document_schema.hpp"

namespace edigate::translation {
namespace {

void errors_only(std::span<const Error> from, std::vector<Error>& to) {
  for (const auto& e : from)
    if (!e.is_warning()) to.push_back(e);
}

}  // namespace

Result<RenderedProblems> check_rendered(const Services& services, FormatPlugin& format, std::string_view edi,
                                        const partners::Profile& partner, partners::Direction direction) {
  MemoryInput in(edi, "rendered");
  ReaderOptions options;
  options.file = "rendered";
  EDIGATE_TRY(auto reader, format.open(in, options));
  RenderedProblems out;
  Event ev;
  for (;;) {
    EDIGATE_TRY(bool more, reader->next(ev));
    if (!more) break;
    if (ev.kind != EventKind::transaction) {
      errors_only(ev.issues, out.envelope);
      continue;
    }
    std::vector<Error>& problems = out.transactions.emplace_back();
    errors_only(ev.issues, problems);
    if (ev.segments.empty()) continue;
    // With the release as written, so an EANCOM message is read back as inbound reads it.
    const partners::DocumentType* doc = partner.document(std::string(ev.info.set_id), direction);
    auto schema =
        document_schema(services, &partner, doc, {format.standard(), ev.info.version, ev.info.set_id, ev.info.release});
    if (!schema) {
      problems.push_back(schema.error());
      continue;
    }
    if (!*schema) continue;
    std::vector<Error> found;
    schema::validate(**schema, ev.segments, *ev.delimiters, options.file, found);
    errors_only(found, problems);
  }
  return out;
}

}  // namespace edigate::translation
