#include "pipeline/send_stage.hpp"

#include "io/durable_file.hpp"
#include "pipeline/process_stage.hpp"

#include <system_error>

namespace edigate::pipeline {

Result<void> send_outbound(const StageContext& ctx, const store::WorkItem& item) {
  const std::int64_t id = std::stoll(item.subject);
  const std::string subject = "outbound:" + item.subject;
  EDIGATE_TRY(store::OutboundRecord doc, ctx.store.outbound(id));
  const std::filesystem::path folder = ctx.data_dir / "outbox" / doc.partner;
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  Result<void> written;
  if (ec) {
    written = Error("pipeline.outbox.create", folder.string() + ": cannot create the outbox: " + ec.message())
                  .as(ec == std::errc::no_space_on_device ? ErrorCategory::transient : ErrorCategory::configuration);
  } else {
    written = io::write_file_durably(folder / doc.file_name, doc.body, "pipeline.outbox.write");
  }
  return ctx.store.run([&](store::Unit& unit) -> Result<void> {
    if (written) {
      const std::string where = (folder / doc.file_name).string();
      EDIGATE_TRY_VOID(unit.set_outbound_state(id, "sent"));
      EDIGATE_TRY_VOID(unit.event(subject, "sent", "ok", "to " + where));
      ctx.emit({"sent", "ok", doc.partner, doc.type, "", "", where});
      return unit.finish(item, {store::WorkOutcome::Kind::done, 0, where});
    }
    const Error& e = written.error();
    if (e.category == ErrorCategory::transient && item.attempts + 1 < 20) {
      EDIGATE_TRY_VOID(unit.event(subject, "sent", "retry", e.to_string()));
      return unit.finish(item, {store::WorkOutcome::Kind::retry, transient_retry_at(item), e.to_string()});
    }
    EDIGATE_TRY_VOID(unit.set_outbound_state(id, "failed"));
    EDIGATE_TRY_VOID(unit.event(subject, "sent", "dead", e.to_string()));
    ctx.emit({"sent", "dead", doc.partner, doc.type, "", "", e.to_string()});
    return unit.finish(item, {store::WorkOutcome::Kind::dead, 0, e.to_string()});
  });
}

}  // namespace edigate::pipeline
