#include "translation/envelope_tracker.hpp"

#include <edigate/document.hpp>

#include <algorithm>
#include <cctype>

namespace edigate::translation {
namespace {

bool has_errors(std::span<const Error> issues) {
  return std::any_of(issues.begin(), issues.end(), [](const Error& e) { return !e.is_warning(); });
}

std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

}  // namespace

EnvelopeTracker::EnvelopeTracker(std::string standard, std::string file) : file_(std::move(file)) {
  std::transform(standard.begin(), standard.end(), standard.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  standard_ = std::move(standard);
}

void EnvelopeTracker::interchange_begin(const Event& ev) {
  parties_.reset();
  interchange_control_.clear();
  group_control_.clear();
  group_rejected_ = false;
  interchange_rejected_ = has_errors(ev.issues);
  if (!ev.segment || !ev.delimiters) return;
  parties_ = parties_of(*ev.segment, *ev.delimiters);
  SegmentData header = SegmentData::from(*ev.segment, *ev.delimiters);
  interchange_control_ = trimmed(header.value(header.tag == "UNB" || header.tag == "unb" ? 5 : 13));
}

void EnvelopeTracker::group_begin(const Event& ev) {
  group_control_.clear();
  group_rejected_ = has_errors(ev.issues);
  if (!ev.segment || !ev.delimiters) return;
  SegmentData header = SegmentData::from(*ev.segment, *ev.delimiters);
  group_control_ = trimmed(header.value(header.tag == "UNG" || header.tag == "ung" ? 5 : 6));  // UNG 0048, GS06
  if (header.tag == "GS") {
    // GS08 is the version (6 characters) then, optionally, an industry identifier.
    std::string gs08 = trimmed(header.value(8));
    group_industry_ = gs08.size() > 6 ? gs08.substr(6) : std::string();
  }
}

void EnvelopeTracker::group_end() {
  group_control_.clear();
  group_industry_.clear();
  group_rejected_ = false;
}

void EnvelopeTracker::interchange_end() {
  parties_.reset();
  interchange_control_.clear();
  group_control_.clear();
  group_industry_.clear();
  interchange_rejected_ = group_rejected_ = false;
}

canonical::Source EnvelopeTracker::source(const Event& ev) const {
  canonical::Source s;
  s.standard = standard_;
  s.version = std::string(ev.info.version);
  s.industry = group_industry_;
  s.transaction_set = std::string(ev.info.set_id);
  s.interchange_control_number = interchange_control_;
  s.group_control_number = group_control_;
  s.transaction_control_number = std::string(ev.info.control);
  if (parties_) {
    s.sender = {parties_->sender.qualifier, parties_->sender.id};
    s.receiver = {parties_->receiver.qualifier, parties_->receiver.id};
  }
  s.file = file_;
  if (!ev.segments.empty()) s.byte_offset = ev.segments.front().offset;
  return s;
}

}  // namespace edigate::translation
