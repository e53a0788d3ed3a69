#pragma once
// What an HTTP answer means for a delivery, apart from any socket: pure, so the rules are
// tested on their own and the webhook destination only moves bytes. The detail is
// "HTTP <status> <reason>: <first 200 bytes of the answer>" (a receiver's id for its copy, or
// why it refused).
//   2xx                      delivered
//   408, 425, 429, 5xx       retry (the receiver is busy, starting or overloaded)
//   other 4xx (and 1xx, 3xx) permanent: the same request gets the same answer; the detail
//                            carries the status and the first 200 bytes of the body
// Redirects are permanent on purpose: a webhook URL that moved is a configuration to fix, and
// following it would re-send a signed body to a host nobody configured.
#include "delivery/destination.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace edigate::delivery {

/// How much of the receiver's answer goes into the outcome detail.
inline constexpr std::size_t kDetailBodyBytes = 200;

/// Retry-After in either form (RFC 9110 10.2.3): delay-seconds or an HTTP-date, the latter
/// measured from `now`. A date in the past is zero. nullopt when absent or unreadable. The
/// result is capped at `cap` so a receiver cannot park a message for a year.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now,
                                                      std::chrono::seconds cap);

/// The outcome of a complete HTTP answer. `retry_after` is the raw header value ("" if none).
DeliveryOutcome classify_http_answer(int status, std::string_view reason, std::string_view retry_after,
                                     std::string_view body_start, std::chrono::system_clock::time_point now,
                                     std::chrono::seconds retry_after_cap);

}  // namespace edigate::delivery
