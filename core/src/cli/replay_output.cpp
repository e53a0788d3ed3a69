#include "cli/replay_output.hpp"

#include <ostream>

namespace edigate::cli {

void print_requeued(const pipeline::ReplayReport& report, std::ostream& out) {
  for (const auto& item : report.items) {
    // The last error can be several lines (one per problem); the first says enough here.
    const std::string note = item.note.substr(0, item.note.find('\n'));
    if (item.kind == store::WorkKind::deliver) {
      out << "queued delivery of " << item.subject << " to " << item.target;
    } else if (item.kind == store::WorkKind::send) {
      out << "queued send of outbound document " << item.subject
          << (item.target.empty() ? std::string() : " by " + item.target);
    } else {
      out << "queued processing of input " << item.subject;
    }
    out << (item.was_dead ? " (dead letter: " : " (") << note << ")\n";
  }
  out << report.items.size() << " work item(s) queued; a running gateway takes them within a second, a stopped one "
      << "at its next start\n";
}

std::optional<std::int64_t> input_number(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(text);
}

}  // namespace edigate::cli
