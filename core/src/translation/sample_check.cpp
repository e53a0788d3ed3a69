#include "translation/sample_check.hpp"

#include "canonical/json_io.hpp"
#include "config/safe_xml.hpp"
#include "io/file_input.hpp"
#include "runtime/routing.hpp"
#include "translation/compare.hpp"
#include "translation/document_maps.hpp"
#include "translation/inbound.hpp"
#include "translation/render.hpp"

#include <edigate/input.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace edigate::translation {
namespace {

struct Translated {
  std::vector<Poco::JSON::Object::Ptr> messages;
  std::vector<Error> errors;
};

Result<Translated> translate_text(const Services& services, const partners::Profile& partner, std::string_view text,
                                  const std::string& name, bool base_fallback) {
  MemoryInput memory(text, name);
  io::PeekInput in(memory);
  InboundOptions options;
  options.file = name;
  options.partner = std::shared_ptr<const partners::Profile>(std::shared_ptr<const partners::Profile>{}, &partner);
  options.base_map_fallback = base_fallback;
  Translated out;
  InboundSink sink;
  sink.on_message = [&](const Poco::JSON::Object::Ptr& m) { out.messages.push_back(m); };
  sink.on_issue = [&](const Error& e) {
    if (!e.is_warning()) out.errors.push_back(e);
  };
  auto summary = translate_inbound(services, in, options, sink);
  if (!summary) return std::move(summary).error();
  return out;
}

RenderOptions round_trip_options(bool as_partner, std::vector<std::filesystem::path> extra) {
  RenderOptions o;
  // The round trip is what is checked here; whether a sample is a valid canonical message is
  // `edigate canonical validate`'s job (tests/examples runs it on every example sample).
  o.check_submissions = false;
  o.date = "20000101";  // fixed: the envelope is thrown away after the comparison
  o.time = "0000";
  o.as_partner = as_partner;
  o.local.x12.push_back({"ZZ", "EDIGATE", ""});
  o.local.edifact.push_back({"EDIGATE", "", "", ""});
  o.extra_maps = std::move(extra);
  return o;
}

std::string set_of(const Poco::JSON::Object::Ptr& m) {
  auto source = m->getObject("source");
  return source && source->has("transaction_set") ? source->getValue<std::string>("transaction_set") : "";
}

/// A -> EDI -> B for one message. Returns "" when equal, the reason otherwise; `skipped` is set
/// (with the reason) when no map allows the round trip.
std::string round_trip(const Services& services, const partners::Profile& partner, const Poco::JSON::Object::Ptr& a,
                       const RenderOptions& options, const std::set<std::string>& ignore, bool b_may_add_derived,
                       const std::string& name, std::string& skipped, std::vector<Error>& errors) {
  ControlCounters counters;
  CanonicalInput input{a, {}};
  input.where.file = name;
  auto rendered = render_interchange(services, partner, {input}, options, counters);
  if (!rendered) return errors.push_back(rendered.error()), "render failed";
  if (!rendered->errors.empty()) {
    const Error& e = rendered->errors.front();
    if (e.code == "render.document.undeclared")
      return skipped = "no outbound map for " + a->getValue<std::string>("type"), "";
    errors.insert(errors.end(), rendered->errors.begin(), rendered->errors.end());
    return "render failed";
  }
  auto back = translate_text(services, partner, rendered->edi, name + " (rendered)", true);
  if (!back) return errors.push_back(back.error()), "translating the rendered EDI failed";
  if (!back->errors.empty()) {
    if (back->errors.front().code == "translate.document.undeclared" && back->messages.empty())
      return skipped = "no inbound map to translate the rendered EDI back", "";
    errors.insert(errors.end(), back->errors.begin(), back->errors.end());
    return "translating the rendered EDI failed";
  }
  if (back->messages.size() != 1)
    return "rendered EDI translated to " + std::to_string(back->messages.size()) + " messages, expected 1";
  if (auto d = first_difference(a, back->messages.front(), ignore, b_may_add_derived))
    return "round trip differs at " + *d;
  return "";
}

// Samples are small by nature; the bound keeps a stray multi-gigabyte file (or a link to a
// device) from being read whole by `partners check`.
constexpr std::size_t kMaxSampleBytes = 64u << 20;

bool is_canonical_text(std::string_view text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || text[first] != '{') return false;
  auto end = text.find('\n', first);
  return canonical::parse_message(
             text.substr(first, end == std::string_view::npos ? std::string_view::npos : end - first))
      .ok();
}

}  // namespace

SampleResult check_sample(const Services& services, const partners::Profile& partner, const std::filesystem::path& file,
                          const partners::RegistrySnapshot* registry) {
  SampleResult r;
  r.file = file;
  const std::string name = file.string();
  const std::string ext = file.extension().string();
  std::size_t equal = 0;
  std::vector<std::string> skipped;
  auto fail = [&](std::string why) {
    r.ok = false;
    r.summary = std::move(why);
    return r;
  };
  auto read = config::read_config_file(file, kMaxSampleBytes, "partner.sample.unreadable", "partner.sample.too_large");
  if (!read) {
    r.errors.push_back(read.error());
    return fail(read.error().message + " [" + read.error().code + "]");
  }
  const std::string text = std::move(*read);

  if ((ext == ".json" || ext == ".jsonl") && is_canonical_text(text)) {
    std::vector<Poco::JSON::Object::Ptr> messages;
    auto read = canonical::read_message_lines(text, name, [&](Poco::JSON::Object::Ptr m) {
      messages.push_back(std::move(m));
      return true;
    });
    if (!read) return r.errors.push_back(read.error()), fail("not canonical JSON Lines");
    // Base maps of every set the partner exchanges may render a canonical sample.
    std::vector<std::filesystem::path> extra;
    for (const auto& d : partner.documents)
      extra.push_back(base_map_file(services.files, partner, d.type, partners::Direction::outbound));
    const auto options = round_trip_options(false, extra);
    for (const auto& a : messages) {
      std::string skip;
      auto why =
          round_trip(services, partner, a, options, {"message_id", "source", "direction"}, true, name, skip, r.errors);
      if (!why.empty()) return fail(why);
      if (!skip.empty()) {
        if (skip.rfind("no outbound map", 0) == 0) return fail("cannot render: " + skip);
        skipped.push_back(skip);
      } else {
        ++equal;
      }
    }
    r.ok = true;
    r.summary = std::to_string(messages.size()) + " canonical message(s) rendered, " + std::to_string(equal) +
                " round trip(s) equal";
    if (!skipped.empty()) r.summary += "; not round-tripped: " + skipped.front();
    return r;
  }

  if (registry) {  // the gateway routes by envelope, not by the folder a sample sits in
    std::string_view head = std::string_view(text).substr(0, 4096);
    if (auto format = services.plugins.detect_format(head)) {
      auto facts = format->sniff(head);
      if (!facts) return r.errors.push_back(facts.error()), fail("no interchange header to route by");
      auto route = runtime::route(registry, nullptr, *facts, Position{name});
      if (!route.partner) return fail("routes to no partner: no profile claims " + describe_party(*facts, true));
      if (route.partner->id != partner.id)
        return fail("routes to partner '" + route.partner->id + "', not '" + partner.id + "' (" +
                    describe_party(*facts, true) + ")");
      if (route.refused()) return r.errors.push_back(*route.receiver_problem), fail("refused by routing");
    }
  }

  auto translated = translate_text(services, partner, text, name, false);
  if (!translated) return r.errors.push_back(translated.error()), fail("not translated");
  if (!translated->errors.empty())
    return r.errors = translated->errors, fail(std::to_string(r.errors.size()) + " error(s)");
  if (translated->messages.empty()) return fail("no message translated");
  for (const auto& a : translated->messages) {
    const std::string set = set_of(a);
    if (a->getObject("source")->getValue<std::string>("standard") == "json") {
      skipped.push_back("carrier JSON has no outbound map");
      continue;
    }
    const auto options =
        round_trip_options(true, {base_map_file(services.files, partner, set, partners::Direction::outbound)});
    std::string skip;
    auto why = round_trip(services, partner, a, options, {"message_id", "source"}, false, name, skip, r.errors);
    if (!why.empty()) return fail(why);
    if (!skip.empty())
      skipped.push_back(skip + " (" + set + ")");
    else
      ++equal;
  }
  r.ok = true;
  r.summary =
      std::to_string(translated->messages.size()) + " message(s), " + std::to_string(equal) + " round trip(s) equal";
  if (!skipped.empty()) r.summary += "; not round-tripped: " + skipped.front();
  return r;
}

std::vector<SampleResult> check_samples(const Services& services, const partners::Profile& partner,
                                        const partners::RegistrySnapshot* registry) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (std::filesystem::recursive_directory_iterator it(partner.folder / "samples", ec), end; !ec && it != end;
       it.increment(ec)) {
    const auto& p = it->path();
    if (p.filename().string().rfind('.', 0) == 0 || p.filename() == "README.md") continue;
    std::error_code fec;
    if (it->is_regular_file(fec)) files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  std::vector<SampleResult> out;
  for (const auto& f : files) out.push_back(check_sample(services, partner, f, registry));
  return out;
}

}  // namespace edigate::translation
