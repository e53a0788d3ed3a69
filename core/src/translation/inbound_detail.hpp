#pragma once
// Internal to translation/: the two inbound paths behind translate_inbound().
#include "canonical/json_io.hpp"
#include "translation/inbound.hpp"

#include <edigate/format_plugin.hpp>

namespace edigate::translation::detail {

/// Counts issues into the summary on their way to the sink.
struct Emitter {
  const InboundSink& sink;
  InboundSummary& summary;
  void issue(const Error& e) const {
    if (e.is_warning()) {
      ++summary.warnings;
    } else {
      ++summary.errors;
      ++summary.errors_by_category[static_cast<std::size_t>(e.category)];
    }
    if (sink.on_issue) sink.on_issue(e);
  }
  void message(const Poco::JSON::Object::Ptr& m) const {
    ++summary.messages;
    if (sink.on_message) {
      sink.on_message(m);
    } else if (sink.on_line) {
      auto text = canonical::to_json_line(m);
      if (text)
        sink.on_line(*text);
      else
        issue(text.error());
    }
  }
  /// The sink takes lines only: a message may be written as text directly (line()).
  bool lines_only() const { return sink.on_line && !sink.on_message; }
  void line(std::string_view text) const {
    ++summary.messages;
    sink.on_line(text);
  }
};

Result<void> translate_edi(const Services& services, FormatPlugin& format, io::PeekInput& in,
                           const InboundOptions& options, const Emitter& emit);

Result<void> translate_json_document(const Services& services, io::PeekInput& in, const InboundOptions& options,
                                     const Emitter& emit);

}  // namespace edigate::translation::detail
