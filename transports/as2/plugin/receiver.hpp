#pragma once
// What the AS2 listener does with one HTTP request, apart from the HTTP server so it is tested
// without sockets: an AS2 message from a partner (unwrap, check, store through the host, then
// answer the MDN) or an asynchronous MDN for one of our sends (verify, settle).
#include "http_post.hpp"
#include "mdn_store.hpp"
#include "registry.hpp"

#include <edigate/transport_plugin.hpp>

#include <atomic>
#include <optional>

namespace edigate::as2 {

struct As2Request {
  std::string method = "POST";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string header(std::string_view name) const;  ///< case-insensitive; "" if absent
};

struct As2Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::optional<HttpPost> async_mdn;  ///< to post once the response is out
};

class Receiver {
 public:
  Receiver(std::shared_ptr<Registry> registry, TransportHost& host, const std::filesystem::path& work_dir,
           std::chrono::seconds timeout);

  As2Response handle(const As2Request& request);

  struct Counts {
    std::atomic<std::uint64_t> stored{0}, refused{0}, repeated{0}, mdns_settled{0}, unavailable{0};
  };
  const Counts& counts() const { return counts_; }

 private:
  As2Response message(const As2Request& r);
  As2Response async_mdn(const As2Request& r, const std::shared_ptr<const PartnerSetup>& setup);
  /// The MDN answer (sync in the response or async by `async_mdn`), or a bare 200 when none
  /// was requested.
  As2Response answer(const As2Request& r, const StoredMdn& mdn, const std::string& our_id, bool allow_async) const;
  As2Response refuse(const As2Request& r, const PartnerSetup* setup, const std::string& our_id,
                     const std::string& modifier, const std::string& why);

  std::shared_ptr<Registry> registry_;
  TransportHost& host_;
  MdnStore mdns_;
  std::chrono::seconds timeout_;
  Counts counts_;
};

/// True when the body is an MDN (multipart/report, possibly inside multipart/signed), not a message.
bool is_mdn(std::string_view content_type, std::string_view body);

/// An AS2 header value without the quotes RFC 4130 allows around ids.
std::string unquote(std::string value);

}  // namespace edigate::as2
