// libFuzzer: the inbound pass in validate-only mode (reports per interchange, as `edigate ack`
// gets them) + acknowledge + write, for both standards (bit 0 of the first byte picks X12 or
// EDIFACT), then the acknowledgement is read back with the plugin that read the interchange.
#include "fuzz_inbound.hpp"

#include <string_view>
#include <vector>

namespace {

// Reads a generated acknowledgement back: what we write must be readable by us.
void read_back(edigate::FormatPlugin& plugin, const std::string& bytes) {
  edigate::MemoryInput in(bytes, "ack");
  edigate::ReaderOptions options;
  options.file = "ack";
  auto reader = plugin.open(in, options);
  if (!reader) return;
  edigate::Event ev;
  for (;;) {
    auto more = (*reader)->next(ev);
    if (!more || !*more) break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace edigate;
  static fuzz::InboundWorld world;
  const char* standard = (size && (data[0] & 1)) ? "EDIFACT" : "X12";

  std::vector<std::pair<InterchangeReport, FormatPlugin*>> reports;
  fuzz::observe(fuzz::validate_inbound(world, standard, data, size,
                                       [&](InterchangeReport&& r, const auto&, FormatPlugin& plugin) {
                                         if (reports.size() < 16) reports.emplace_back(std::move(r), &plugin);
                                       }));

  // A fixed date and controls keep runs reproducible; the ack kind and TA1 policy come from
  // the second byte so every writer path is reached.
  AckOptions ack;
  ack.date = "20240115";
  ack.time = "0930";
  ack.interchange_control = "000000001";
  ack.group_control = "1";
  ack.transaction_control = "0001";
  if (size >= 2) {
    ack.kind = static_cast<AckKind>(data[1] % 5);
    ack.ta1 = static_cast<Ta1Policy>((data[1] >> 3) % 4);
    ack.report_accepted_sets = data[1] & 0x80;
  }
  for (const auto& [report, plugin] : reports) {
    auto acks = plugin->acknowledge(report, ack);
    if (!acks) continue;
    for (const auto& doc : *acks) {
      auto text = plugin->write(doc, WriteOptions{});
      if (text) read_back(*plugin, *text);
    }
  }
  return 0;
}
