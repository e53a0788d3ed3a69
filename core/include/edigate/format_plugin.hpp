#pragma once
// Format plugins: one EDI standard each (X12, EDIFACT). Read, acknowledge, write.
// Objects a plugin returns must not outlive the plugin (the host guarantees the library stays
// loaded while the plugin object lives). No entry point throws.
#include <edigate/document.hpp>
#include <edigate/envelope.hpp>
#include <edigate/input.hpp>
#include <edigate/plugin.hpp>
#include <edigate/reader.hpp>
#include <edigate/report.hpp>
#include <edigate/result.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace edigate {

struct WriteOptions {
  bool compute_counts = true;  ///< set SE01/GE01/IEA01, UNT/UNE/UNZ counts and copy control numbers into trailers
};

class FormatPlugin : public Plugin {
 public:
  /// "X12" or "EDIFACT": the standard name used in schema paths and reports.
  virtual std::string_view standard() const noexcept = 0;

  /// How sure the plugin is that an input starting with `prefix` (up to 4 KiB) is its standard:
  /// 0 = not at all, 100 = certain.
  virtual int detect(std::string_view prefix) const noexcept = 0;

  /// The envelope facts of an interchange or group header segment (ISA/GS, UNB/UNG) as the
  /// reader delivers it. An Error when `header` is not one of this standard's headers.
  virtual Result<EnvelopeFacts> describe_envelope(const Segment& header, const Delimiters& delimiters) const noexcept = 0;

  /// The first interchange header's facts read from the first bytes of an input (up to 4 KiB,
  /// as for detect()), so the host can route before opening a reader (the partner's tolerance
  /// decides how it is read). An Error when no header can be read there (bare messages, junk,
  /// a header cut short); the reader then says what is wrong.
  virtual Result<EnvelopeFacts> sniff(std::string_view prefix) const noexcept = 0;

  /// A streaming reader over `in`, which must outlive the reader.
  virtual Result<std::unique_ptr<DocumentReader>> open(InputStream& in, const ReaderOptions& options) noexcept = 0;

  /// Acknowledgement interchanges for what `report` describes (997/999 and/or TA1; CONTRL).
  /// Empty when the policy asks for nothing.
  virtual Result<std::vector<InterchangeData>> acknowledge(const InterchangeReport& report,
                                                           const AckOptions& options) noexcept = 0;

  /// Serialises one interchange with its delimiters.
  virtual Result<std::string> write(const InterchangeData& doc, const WriteOptions& options) noexcept = 0;
};

}  // namespace edigate
