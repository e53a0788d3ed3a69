// One canonical body per messages= match of an EDI transaction set (see edi_messages.hpp).
#include "mapping/edi_messages.hpp"

#include "mapping/builder.hpp"
#include "mapping/edi_source.hpp"
#include "mapping/map_node.hpp"
#include "schema/compiled_schema.hpp"

namespace edigate::mapping {
namespace {

// A 214 has at most 999999 LX loops; this bounds memory on a hostile file all the same.
constexpr std::size_t kMaxMessages = 1u << 20;

}  // namespace

Result<std::vector<TranslatedMessage>> translate_messages(const CompiledMap& map, const schema::CompiledSchema& schema,
                                                          std::span<const Segment> segments,
                                                          const Delimiters& delimiters, TranslateContext& context) {
  if (!map.inbound() || map.json_source())
    return Error("mapping.direction", "map " + map.file + " is not an inbound EDI map").at(file_position(context.file));
  if (segments.empty()) return Error("mapping.input.empty", "no segments to translate").at(file_position(context.file));
  try {
    thread_local schema::TransactionTree tree;  // reused: allocates only for a bigger transaction
    tree.build(schema, segments);
    EdiSource src(map, tree, delimiters, context.file);
    Builder<EdiSource> builder(map, src, context);
    std::vector<TranslatedMessage> out;
    auto one = [&](const EdiCtx& at) {
      TranslatedMessage m;
      m.position = out.size();
      context.correlation = {};  // the builder notes correlation values here: this message's only
      auto body = canonical::make_object();
      auto r = builder.build(map.items, at, *body, {});
      if (r)
        m.body = std::move(body);
      else
        m.error = std::move(r).error();
      m.correlation = std::move(context.correlation);
      context.correlation = {};
      out.push_back(std::move(m));
      return out.size() < kMaxMessages;
    };
    if (map.messages >= 0)
      src.each(map.messages, src.root(), one);
    else
      one(src.root());
    if (out.empty()) {
      const Path& p = map.paths[static_cast<std::size_t>(map.messages)];
      Error e("mapping.messages.none", "map " + map.file + ": no loop matches messages=\"" + p.text +
                                           "\": this transaction set gives no message");
      e.expected = p.text;
      return std::move(e).at(src.position(src.root()));
    }
    return out;
  } catch (const std::exception& ex) {
    Position p;
    p.file = context.file;
    return Error("mapping.internal", std::string("translation aborted: ") + ex.what())
        .at(std::move(p))
        .as(ErrorCategory::internal);
  }
}

Result<Poco::JSON::Object::Ptr> translate_single_message(const CompiledMap& map, const schema::CompiledSchema& schema,
                                                         std::span<const Segment> segments,
                                                         const Delimiters& delimiters, TranslateContext& context) {
  EDIGATE_TRY(auto all, translate_messages(map, schema, segments, delimiters, context));
  if (all.size() != 1) {
    Error e("mapping.messages.several", "map " + map.file + " gives " + std::to_string(all.size()) +
                                            " messages for this transaction set: translate it with translate_messages");
    e.expected = "one match of messages=\"" + map.paths[static_cast<std::size_t>(map.messages)].text + "\"";
    // translate_messages refused empty input, so there is a header to point at.
    e.position.file = context.file;
    e.position.offset = segments.front().offset;
    e.position.has_offset = true;
    e.position.segment_index = segments.front().index;
    e.position.segment_tag = std::string(segments.front().tag());
    return e;
  }
  if (all.front().error) return std::move(*all.front().error);
  context.correlation = std::move(all.front().correlation);
  return all.front().body;
}

}  // namespace edigate::mapping
