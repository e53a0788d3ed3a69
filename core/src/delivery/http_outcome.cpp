#include "delivery/http_outcome.hpp"

#include <time.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ctime>

namespace edigate::delivery {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool is_retryable_status(int status) { return status == 408 || status == 425 || status == 429 || status >= 500; }

}  // namespace

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now,
                                                      std::chrono::seconds cap) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    // More digits than fit in 64 bits is still "a very long time": the cap applies.
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec == std::errc::result_out_of_range) return cap;
    if (ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
    if (n > static_cast<std::uint64_t>(cap.count())) return cap;
    return std::chrono::seconds(static_cast<std::int64_t>(n));
  }
  // IMF-fixdate, and the obsolete RFC 850 and asctime forms RFC 9110 5.6.7 still makes a
  // recipient accept. strptime (C locale names) and a check that the whole value was consumed:
  // Poco's DateTimeParser is lenient enough to read "soon" as a date.
  const std::string text(value);
  std::tm tm{};
  bool parsed = false;
  for (const char* format : {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"}) {
    tm = std::tm{};
    const char* end = ::strptime(text.c_str(), format, &tm);
    if (end != nullptr && *end == '\0') {
      parsed = true;
      break;
    }
  }
  if (!parsed) return std::nullopt;
  const std::time_t epoch = ::timegm(&tm);
  if (epoch == static_cast<std::time_t>(-1)) return std::nullopt;
  const auto at = std::chrono::system_clock::from_time_t(epoch);
  if (at <= now) return std::chrono::seconds(0);
  // Round up: retrying a fraction of a second early would just earn another 429.
  auto wait = std::chrono::ceil<std::chrono::seconds>(at - now);
  return std::min(wait, cap);
}

DeliveryOutcome classify_http_answer(int status, std::string_view reason, std::string_view retry_after,
                                     std::string_view body_start, std::chrono::system_clock::time_point now,
                                     std::chrono::seconds retry_after_cap) {
  DeliveryOutcome out;
  out.http_status = status;
  out.detail = "HTTP " + std::to_string(status);
  if (!reason.empty()) out.detail += " " + std::string(reason);
  // The start of the answer: the receiver's own id for a delivery, its reason for a refusal.
  const std::string_view shown = body_start.substr(0, kDetailBodyBytes);
  if (!shown.empty()) out.detail += ": " + std::string(shown);
  if (status >= 200 && status < 300) {
    out.kind = DeliveryOutcome::delivered;
    return out;
  }
  if (is_retryable_status(status)) {
    out.kind = DeliveryOutcome::retry;
    out.retry_after = parse_retry_after(retry_after, now, retry_after_cap);
  } else {
    out.kind = DeliveryOutcome::permanent;
  }
  return out;
}

}  // namespace edigate::delivery
