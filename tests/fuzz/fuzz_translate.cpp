// libFuzzer: translation::translate_inbound end to end (reader, envelopes, schema validation,
// routing to the partner's inbound document, the shipped base maps, canonical messages) for an
// X12 004010, an EDIFACT D96A and a carrier-JSON partner. The first byte picks the partner, the
// rest is the file.
#include "canonical/json_io.hpp"
#include "io/peek_input.hpp"
#include "partners/profile_loader.hpp"
#include "translation/inbound.hpp"

#include <edigate/input.hpp>

#include <cstdlib>
#include <cstring>
#include <string>

namespace {

using namespace edigate;

// Whole input in memory, handed out in small reads so the reader meets chunk boundaries.
class BytesInput final : public InputStream {
 public:
  BytesInput(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  Result<std::size_t> read(char* out, std::size_t max) noexcept override {
    std::size_t n = std::min({max, size_ - at_, std::size_t{61}});
    std::memcpy(out, data_ + at_, n);
    at_ += n;
    return n;
  }
  const std::string& name() const noexcept override { return name_; }

 private:
  std::string name_ = "fuzz";
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

std::shared_ptr<const partners::Profile> profile(const std::string& xml) {
  auto p = partners::load_profile_from_memory(xml, std::filesystem::path(EDIGATE_FUZZ_MAPS_DIR) / "fuzz/partner.xml");
  if (!p) {
    std::fprintf(stderr, "fuzz profile does not load: %s\n", p.error().to_string().c_str());
    std::abort();
  }
  return *p;
}

std::string documents(const char* family, const char* version, std::initializer_list<const char*> sets) {
  std::string out;
  for (const char* s : sets)
    out += std::string("<document type=\"") + s + "\" direction=\"inbound\" map=\"base/" + family + "/" + version +
           "/" + s + ".inbound.xml\"/>";
  return out;
}

struct World {
  plugin_host::PluginHost plugins;
  schema::Registry schemas{{EDIGATE_FUZZ_SCHEMA_DIR}};
  translation::FileCache files{EDIGATE_FUZZ_MAPS_DIR};
  translation::Services services{plugins, &schemas, files};
  std::shared_ptr<const partners::Profile> partner[3];
  World() {
    plugins.load_directory(EDIGATE_FUZZ_PLUGIN_DIR);
    if (!plugins.format_for_standard("X12") || !plugins.format_for_standard("EDIFACT")) std::abort();
    partner[0] = profile(
        "<partner xmlns=\"urn:edigate:partner:1\" id=\"fuzz-x12\" standard=\"x12-004010\"><name>x</name>"
        "<identities><x12 isa-qualifier=\"ZZ\" isa-id=\"FUZZ\"/></identities><documents>" +
        documents("x12", "004010", {"850", "855", "856", "810", "214", "940", "945", "997"}) +
        "</documents></partner>");
    partner[1] = profile(
        "<partner xmlns=\"urn:edigate:partner:1\" id=\"fuzz-edifact\" standard=\"edifact-d96a\"><name>x</name>"
        "<identities><edifact unb-id=\"FUZZ\"/></identities><documents>" +
        documents("edifact", "d96a", {"ORDERS", "ORDRSP", "DESADV", "INVOIC", "IFTSTA", "CONTRL"}) +
        "</documents></partner>");
    partner[2] = profile(
        "<partner xmlns=\"urn:edigate:partner:1\" id=\"fuzz-json\" standard=\"json\" "
        "utc-offset=\"-05:00\"><name>x</name>"
        "<identities/><documents><document type=\"tracking\" direction=\"inbound\" "
        "map=\"base/json/ups.tracking.inbound.xml\"/></documents></partner>");
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  if (size == 0) return 0;
  translation::InboundOptions options;
  options.file = "fuzz";
  options.partner = world.partner[data[0] % 3];
  options.reader.max_segment_length = 4096;
  options.reader.max_transaction_bytes = 1 << 20;
  BytesInput bytes(data + 1, size - 1);
  io::PeekInput in(bytes);
  translation::InboundSink sink;
  std::size_t sum = 0;
  sink.on_message = [&](const Poco::JSON::Object::Ptr& m) {
    auto line = canonical::to_json_line(m);  // every message must serialise
    if (!line) std::abort();
    sum += line->size();
  };
  sink.on_issue = [&](const Error& e) { sum += e.to_string().size(); };
  auto r = translation::translate_inbound(world.services, in, options, sink);
  if (!r) sum += r.error().to_string().size();
  static volatile std::size_t observed;
  observed = observed + sum;  // keeps the work observable (read too: a write-only volatile warns)
  return 0;
}
