// libFuzzer: the x12 tokenizer and envelope reader, materialised, with small read chunks.
#include "fuzz_common.hpp"

#include <edigate/input.hpp>

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace edigate;
  static auto plugin = fuzz::make_plugin(true);
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)plugin->detect(bytes.substr(0, 4096));
  if (auto facts = plugin->sniff(bytes.substr(0, 4096))) (void)describe_party(*facts, true);
  MemoryInput in(bytes, "fuzz");
  auto reader = plugin->open(in, fuzz::reader_options(data, size, true));
  if (!reader) return 0;
  Event ev;
  volatile std::size_t sink = 0;
  for (;;) {
    auto more = (*reader)->next(ev);
    if (!more || !*more) break;
    sink = sink + fuzz::touch(ev);
    if (ev.envelope) sink = sink + ev.envelope->sender.id.size() + ev.envelope->control.size();
  }
  (void)(*reader)->offset();
  return 0;
}
