#include "translation/render.hpp"

#include "translation/document_maps.hpp"
#include "translation/outbound_envelope.hpp"
#include "translation/render_check.hpp"

#include <edigate/format_plugin.hpp>

#include <map>

namespace edigate::translation {
namespace {

using partners::Family;

struct Endpoints {
  partners::X12Identity x12_sender, x12_receiver;
  partners::EdifactIdentity edi_sender, edi_receiver;
};

Error profile_error(const partners::Profile& p, std::string code, std::string message) {
  Error e(std::move(code), std::move(message));
  e.position.file = p.file.string();
  return e;
}

Result<Endpoints> endpoints(const partners::Profile& p, const RenderOptions& o) {
  const bool x12 = p.standard.family == Family::x12;
  const partners::Identities& local = (x12 ? !p.local.x12.empty() : !p.local.edifact.empty()) ? p.local : o.local;
  if (x12 ? local.x12.empty() : local.edifact.empty())
    return std::move(profile_error(p, "render.local.missing", "no identity of ours to send as"))
        .want(std::string("a <local><") + (x12 ? "x12" : "edifact") + " .../></local> in the profile, or a gateway default (--local-id)", "");
  Endpoints e;
  if (x12) {
    e.x12_sender = local.x12.front();
    e.x12_receiver = p.identities.x12.front();
    if (o.as_partner) std::swap(e.x12_sender, e.x12_receiver);
  } else {
    e.edi_sender = local.edifact.front();
    e.edi_receiver = p.identities.edifact.front();
    if (o.as_partner) std::swap(e.edi_sender, e.edi_receiver);
  }
  return e;
}

struct Planned {
  const CanonicalInput* input;
  mapping::MapPtr map;
  std::string group_key;  ///< GS01 (X12) or message type / "" (EDIFACT)
};

Error at_message(const CanonicalInput& in, const Error& cause, const std::string& what) {
  Error e(cause.code, what + ": " + (cause.position.file.empty() && !cause.position.line ? cause.message : cause.to_string(false)));
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
  if (partner.standard.family == Family::json)
    return profile_error(partner, "render.standard", "partner '" + partner.id + "' is a JSON partner: nothing to render as EDI");
  const bool x12 = partner.standard.family == Family::x12;
  EDIGATE_TRY(OutboundClock clock, OutboundClock::make(options.date, options.time));
  EDIGATE_TRY(Endpoints ends, endpoints(partner, options));
  auto format = services.plugins.format_for_standard(x12 ? "X12" : "EDIFACT");
  if (!format) return Error("render.no_plugin", std::string("no format plugin for ") + (x12 ? "X12" : "EDIFACT"));
  // UNG only when the receiving side has a UNG identity (most EDIFACT partners use none).
  const bool ung = !x12 && !ends.edi_receiver.ung_id.empty();

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
    auto doc = outbound_map(services.files, partner, type, options.extra_maps);
    if (!doc) {
      out.errors.push_back(at_message(in, doc.error(), "cannot render " + type));
      continue;
    }
    const std::string& set = doc->map->set;
    std::string key;
    if (x12) {
      auto code = functional_identifier(set);
      if (!code) {
        out.errors.push_back(std::move(Error("render.group.unknown_set", "no functional identifier code (GS01) known for set " + set))
                                 .at(in.where));
        continue;
      }
      key = *code;
    } else if (ung) {
      key = set;
    }
    if (std::find(group_order.begin(), group_order.end(), key) == group_order.end()) group_order.push_back(key);
    plan.push_back({&in, doc->map, key});
  }

  // 2. Render group by group, numbering transactions in the order they are written.
  std::vector<const CanonicalInput*> written;  // the message of each transaction, in write order
  InterchangeData doc;
  doc.delimiters = partner.delimiters;
  doc.service_advice = !x12 && partner.send_una;
  for (const auto& key : group_order) {
    GroupData group;
    std::uint64_t transaction = partner.control_numbers.transaction_reset_per_group ? partner.control_numbers.transaction_start
                                                                                    : counters.transaction;
    for (const auto& p : plan) {
      if (p.group_key != key) continue;
      mapping::TranslateContext context;
      context.file = p.input->where.file;
      context.control_number = x12 ? st_control(transaction) : std::to_string(transaction);
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
    if (x12) {
      group.header = gs_header(key, ends.x12_sender, ends.x12_receiver, clock, counters.group++, partner.standard);
    } else if (ung) {
      group.header = ung_header(group.transactions.front().segments.front(), ends.edi_sender, ends.edi_receiver, clock,
                                counters.group++);
    }
    doc.groups.push_back(std::move(group));
  }
  if (doc.groups.empty()) return out;

  if (x12) {
    EDIGATE_TRY(doc.header, isa_header(ends.x12_sender, ends.x12_receiver, partner.standard, partner.delimiters, clock,
                                       counters.interchange, options.test));
  } else {
    doc.header = unb_header(ends.edi_sender, ends.edi_receiver, clock, counters.interchange, options.test);
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
  EDIGATE_TRY(RenderedProblems problems, check_rendered(services, *format, text));
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

}  // namespace edigate::translation
