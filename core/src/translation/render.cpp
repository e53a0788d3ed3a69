#include "translation/render.hpp"

#include "canonical/json_schemas.hpp"
#include "translation/document_maps.hpp"
#include "translation/outbound_envelope.hpp"
#include "translation/render_check.hpp"

#include <edigate/format_plugin.hpp>

#include <map>
#include <optional>

namespace edigate::translation {
namespace {

Error profile_error(const partners::Profile& p, std::string code, std::string message) {
  Error e(std::move(code), std::move(message));
  e.position.file = p.file.string();
  return e.as(ErrorCategory::configuration);
}

std::optional<partners::Party> first_party(const partners::Identities& ids, const std::string& standard) {
  for (auto& p : ids.parties())
    if (p.standard == standard) return std::move(p);
  return std::nullopt;
}

/// Who sends to whom: our <local> identity (else the gateway default) and the partner's first
/// identity of its standard; swapped when rendering as the partner would send.
Result<OutboundEnvelope> parties(const partners::Profile& p, const RenderOptions& o, const std::string& standard) {
  const partners::Identities& local = p.local.has_standard(standard) ? p.local : o.local;
  const auto ours = first_party(local, standard);
  if (!ours)
    return std::move(profile_error(p, "render.local.missing", "no identity of ours to send as"))
        .want("a <local> " + standard + " identity in the profile, or a gateway default (--local-id)", "");
  OutboundEnvelope env;
  env.sender = {ours->qualifier, ours->id};
  env.group_sender = {ours->group_qualifier, ours->group_id};
  const auto theirs = first_party(p.identities, standard);
  if (!theirs) return profile_error(p, "render.identity", "the profile has no " + standard + " identity to send to");
  env.receiver = {theirs->qualifier, theirs->id};
  env.group_receiver = {theirs->group_qualifier, theirs->group_id};
  if (o.as_partner) {
    std::swap(env.sender, env.receiver);
    std::swap(env.group_sender, env.group_receiver);
  }
  return env;
}

/// What is wrong with a canonical message submitted for rendering, against its published JSON
/// Schema: an unknown member (unit_prcie), a missing required one, a wrong type or code. The
/// envelope members the gateway mints itself (message_id, source, direction) are its own, not
/// the submitter's: they get stand-ins for the check, whatever the submission carries.
struct Planned {
  const CanonicalInput* input;
  mapping::MapPtr map;
  std::string group_key;  ///< GS01 (X12) or message type / "" (EDIFACT)
};

Error at_message(const CanonicalInput& in, const Error& cause, const std::string& what) {
  Error e(cause.code,
          what + ": " + (cause.position.file.empty() && !cause.position.line ? cause.message : cause.to_string(false)));
  if (cause.position.file.empty()) {
    e.expected = cause.expected;
    e.found = cause.found;
  }
  e.position = in.where;
  return e;
}

}  // namespace

Result<Rendered> render_interchange(const Services& services, const partners::Profile& partner,
                                    const std::vector<CanonicalInput>& messages, const RenderOptions& options,
                                    ControlCounters& counters) {
  if (partner.standard.name.empty())
    return profile_error(partner, "render.standard",
                         "partner '" + partner.id + "' is a JSON partner: nothing to render as EDI");
  EDIGATE_TRY(OutboundClock clock, OutboundClock::make(options.date, options.time));
  auto format = services.plugins.format_for_standard(partner.standard.name);
  if (!format)
    return Error("render.no_plugin", "no format plugin for " + partner.standard.name).as(ErrorCategory::configuration);
  EDIGATE_TRY(OutboundEnvelope envelope, parties(partner, options, partner.standard.name));
  envelope.version = partner.standard.version;
  envelope.date = clock.date;
  envelope.time = clock.time;
  envelope.test = options.test;

  Rendered out;
  // 1. The map (and so the set and group) of each message, keeping groups in first-seen order.
  std::vector<Planned> plan;
  std::vector<std::string> group_order;
  for (const auto& in : messages) {
    std::string type = in.message && in.message->has("type") ? in.message->getValue<std::string>("type") : "";
    if (type.empty()) {
      out.errors.push_back(Error("render.message.type", "message has no type").at(in.where));
      continue;
    }
    if (auto problems = options.check_submissions ? submission_problems(*in.message) : std::vector<Error>{};
        !problems.empty()) {
      for (auto& e : problems) out.errors.push_back(std::move(e).at(in.where));
      continue;
    }
    auto doc = outbound_map(services.files, partner, type, options.extra_maps);
    if (!doc) {
      out.errors.push_back(at_message(in, doc.error(), "cannot render " + type));
      continue;
    }
    auto key = format->group_key(doc->map->set, envelope);
    if (!key) {
      out.errors.push_back(std::move(key).error().at(in.where));
      continue;
    }
    if (std::find(group_order.begin(), group_order.end(), *key) == group_order.end()) group_order.push_back(*key);
    plan.push_back({&in, doc->map, *key});
  }

  // 2. Render group by group, numbering transactions in the order they are written.
  std::vector<const CanonicalInput*> written;  // the message of each transaction, in write order
  InterchangeData doc;
  doc.delimiters = partner.delimiters;
  doc.service_advice = partner.send_una;  // EDIFACT's UNA; X12 has no service string advice
  std::vector<std::string> group_keys;
  envelope.first_group_control = counters.group;
  for (const auto& key : group_order) {
    GroupData group;
    std::uint64_t transaction = partner.control_numbers.transaction_reset_per_group
                                    ? partner.control_numbers.transaction_start
                                    : counters.transaction;
    for (const auto& p : plan) {
      if (p.group_key != key) continue;
      mapping::TranslateContext context;
      context.file = p.input->where.file;
      context.control_number = format->transaction_control(transaction);
      auto rendered = mapping::render(*p.map, p.input->message, context);
      if (!rendered) {
        out.errors.push_back(at_message(*p.input, rendered.error(), "cannot render " + p.map->type));
        continue;
      }
      ++transaction;
      group.transactions.push_back(std::move(*rendered));
      written.push_back(p.input);
    }
    if (!partner.control_numbers.transaction_reset_per_group) counters.transaction = transaction;
    if (group.transactions.empty()) continue;
    out.messages += group.transactions.size();
    ++counters.group;
    group_keys.push_back(key);
    doc.groups.push_back(std::move(group));
  }
  if (doc.groups.empty()) return out;

  envelope.interchange_control = counters.interchange;
  if (auto enveloped = format->add_envelope(doc, group_keys, envelope); !enveloped) {
    Error e = std::move(enveloped).error();
    if (e.position.file.empty()) e.position.file = partner.file.string();
    return e;
  }
  ++counters.interchange;
  auto write = [&]() -> Result<std::string> {
    auto text = format->write(doc, WriteOptions{});
    if (!text) {
      Error e = std::move(text).error();
      e.message = "the " + std::string(format->standard()) + " writer refused the interchange: " + e.message;
      return e;
    }
    return text;
  };
  EDIGATE_TRY(std::string text, write());

  // 3. Read it back and validate before anyone sees it; a transaction that does not validate
  //    is left out with its message's error (its control number stays unused: numbers need to
  //    be unique, not contiguous).
  // As the partner will read it (rendered as the partner: as we read it).
  EDIGATE_TRY(RenderedProblems problems,
              check_rendered(services, *format, text, partner,
                             options.as_partner ? partners::Direction::inbound : partners::Direction::outbound));
  if (!problems.envelope.empty()) {
    const Error& first = problems.envelope.front();
    Error e(first.code, "the rendered interchange envelope is not valid: " + first.to_string(false));
    e.position.file = partner.file.string();
    return e;
  }
  bool dropped = false;
  std::size_t ordinal = 0;
  for (auto& group : doc.groups) {
    std::vector<TransactionData> kept;
    for (auto& t : group.transactions) {
      const std::size_t k = ordinal++;
      if (k < problems.transactions.size() && !problems.transactions[k].empty() && k < written.size()) {
        const Error& first = problems.transactions[k].front();
        out.errors.push_back(at_message(*written[k], first, "the rendered transaction is not valid EDI"));
        dropped = true;
        continue;
      }
      kept.push_back(std::move(t));
    }
    group.transactions = std::move(kept);
  }
  if (dropped) {
    std::erase_if(doc.groups, [](const GroupData& g) { return g.transactions.empty(); });
    out.messages = 0;
    for (const auto& g : doc.groups) out.messages += g.transactions.size();
    if (doc.groups.empty()) return out;
    EDIGATE_TRY(text, write());
  }
  out.edi = std::move(text);
  return out;
}

std::vector<Error> submission_problems(const Poco::JSON::Object& message) {
  Poco::JSON::Object::Ptr copy = new Poco::JSON::Object(message);
  copy->set("message_id", "m-00000000000000000000000000000000");
  copy->set("direction", "outbound");
  Poco::JSON::Object::Ptr source = new Poco::JSON::Object();
  source->set("standard", "json");
  copy->set("source", source);
  std::vector<Error> out;
  for (const auto& p : canonical::JsonSchemas::embedded().validate(Poco::Dynamic::Var(copy))) {
    std::string why = p.message;
    while (!why.empty() && (why.back() == '.' || why.back() == ' ')) why.pop_back();
    out.push_back(Error("render.message.invalid", "not a valid " + message.optValue<std::string>("type", "message") +
                                                      " at " + (p.path.empty() ? std::string("/") : p.path) + ": " +
                                                      why));
  }
  return out;
}

}  // namespace edigate::translation
