#pragma once
// One HTTP(S) POST with Poco, for AS2 messages and asynchronous MDNs. https verifies the server's
// chain (the CA file, else the system CAs) and its host name; a connection that fails or times out
// is an error of category transient, a TLS trust failure one of category configuration.
#include <edigate/result.hpp>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace edigate::as2 {

struct HttpAnswer {
  int status = 0;
  std::string reason;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string header(std::string_view name) const;  ///< case-insensitive; "" if absent
};

struct HttpPost {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::seconds timeout{60};
  std::string ca_file;
  std::size_t max_answer = std::size_t{16} << 20;  ///< an MDN is small; refuse a flood
};

/// Errors: transport.as2.connect (transient: refused, reset, timeout, truncated answer),
/// transport.as2.tls (configuration: untrusted or mismatched certificate), transport.as2.url.
Result<HttpAnswer> http_post(const HttpPost& request);

}  // namespace edigate::as2
