#include "translation/envelope_tracker.hpp"

#include <algorithm>
#include <cctype>

namespace edigate::translation {
namespace {

bool has_errors(std::span<const Error> issues) {
  return std::any_of(issues.begin(), issues.end(), [](const Error& e) { return !e.is_warning(); });
}

// UNH S009 after the message type, as the EDIFACT reader reports it (D:96A:UN:EAN008): the
// fourth component is 0057, the association assigned code (schema::variant_of_release reads
// the same component to choose the EANCOM tables).
std::string association_code(std::string_view release) {
  std::size_t colons = 0, at = 0;
  for (; at < release.size() && colons < 3; ++at)
    if (release[at] == ':') ++colons;
  if (colons < 3) return {};
  return std::string(release.substr(at, release.find(':', at) - at));
}

}  // namespace

EnvelopeTracker::EnvelopeTracker(std::string standard, std::string file) : file_(std::move(file)) {
  std::transform(standard.begin(), standard.end(), standard.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  standard_ = std::move(standard);
}

void EnvelopeTracker::interchange_begin(const Event& ev) {
  interchange_.reset();
  group_control_.clear();
  group_rejected_ = false;
  interchange_rejected_ = has_errors(ev.issues);
  if (ev.envelope) interchange_ = *ev.envelope;
}

void EnvelopeTracker::group_begin(const Event& ev) {
  group_control_.clear();
  group_rejected_ = has_errors(ev.issues);
  if (ev.envelope) group_control_ = ev.envelope->control;
}

void EnvelopeTracker::group_end() {
  group_control_.clear();
  group_rejected_ = false;
}

void EnvelopeTracker::interchange_end() {
  interchange_.reset();
  group_control_.clear();
  interchange_rejected_ = group_rejected_ = false;
}

canonical::Source EnvelopeTracker::source(const Event& ev) const {
  canonical::Source s;
  s.standard = standard_;
  s.version = std::string(ev.info.version);
  // What the release adds to the version key is the industry (X12 GS08 004010VICS: VICS); a
  // release spelled differently (EDIFACT D:96A:UN:EAN008) has none.
  if (ev.info.release.size() > ev.info.version.size() &&
      ev.info.release.substr(0, ev.info.version.size()) == ev.info.version)
    s.industry = std::string(ev.info.release.substr(ev.info.version.size()));
  else if (standard_ == "edifact")
    s.association = association_code(ev.info.release);
  s.transaction_set = std::string(ev.info.set_id);
  if (interchange_) s.interchange_control_number = interchange_->control;
  s.group_control_number = group_control_;
  s.transaction_control_number = std::string(ev.info.control);
  if (interchange_) {
    s.sender = {interchange_->sender.qualifier, interchange_->sender.id};
    s.receiver = {interchange_->receiver.qualifier, interchange_->receiver.id};
  }
  s.file = file_;
  if (!ev.segments.empty()) s.byte_offset = ev.segments.front().offset;
  return s;
}

}  // namespace edigate::translation
