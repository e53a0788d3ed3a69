#include "translation/inbound.hpp"

#include "translation/inbound_detail.hpp"

#include <cctype>

namespace edigate::translation {

bool looks_like_json(std::string_view head) {
  std::size_t at = head.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (at < head.size() && std::isspace(static_cast<unsigned char>(head[at]))) ++at;
  return at < head.size() && (head[at] == '{' || head[at] == '[');
}

Result<InboundSummary> translate_inbound(const Services& services, io::PeekInput& in, const InboundOptions& options,
                                         const InboundSink& sink) {
  InboundSummary summary;
  detail::Emitter emit{sink, summary};
  EDIGATE_TRY(std::string_view head, in.peek());
  if (options.translate && options.standard.empty() && looks_like_json(head)) {
    EDIGATE_TRY_VOID(detail::translate_json_document(services, in, options, emit));
    return summary;
  }
  auto format = options.standard.empty() ? services.plugins.detect_format(head)
                                         : services.plugins.format_for_standard(options.standard);
  if (!format) {
    Error e("translate.format.unknown",
            head.empty() ? std::string("empty input, expected an X12 or EDIFACT interchange or a JSON document")
                         : std::string("not recognised as X12 (ISA), EDIFACT (UNA/UNB/UNH) or JSON"));
    e.position.file = options.file;
    e.position.has_offset = true;
    e.found = std::string(head.substr(0, 16));
    return e;
  }
  EDIGATE_TRY_VOID(detail::translate_edi(services, *format, in, options, emit));
  return summary;
}

}  // namespace edigate::translation
