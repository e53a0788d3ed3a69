#include "delivery/webhook.hpp"

#include "delivery/http_outcome.hpp"
#include "delivery/signature.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

#include <mutex>

namespace edigate::delivery {

namespace {

// Poco's SSL layer wants one process-wide initialisation; never undone, as a destination may
// live until exit.
void initialize_ssl_once() {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Net::initializeSSL(); });
}

// How much of an answer's body is read past to keep its connection for the next request.
constexpr std::streamsize kDrainBytes = 64 * 1024;

DeliveryOutcome failed(DeliveryOutcome::Kind kind, std::string detail) {
  DeliveryOutcome out;
  out.kind = kind;
  out.detail = std::move(detail);
  return out;
}

}  // namespace

struct WebhookDestination::Impl {
  WebhookSettings settings;
  Poco::URI uri;
  bool https = false;
  Poco::Net::Context::Ptr tls;  // shared by all attempts; Poco's Context is thread-safe to use

  std::unique_ptr<Poco::Net::HTTPClientSession> session(bool keep_alive) const {
    std::unique_ptr<Poco::Net::HTTPClientSession> s;
    if (https)
      s = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), tls);
    else
      s = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    const Poco::Timespan t(static_cast<long>(settings.timeout.count()), 0);
    s->setTimeout(t, t, t);
    // One request per session, or one batch (deliver_all): no pooled connection outlives a
    // batch, so none is half-dead when a retry needs it.
    s->setKeepAlive(keep_alive);
    return s;
  }

  /// `reusable`: the answer was read whole and the receiver keeps the connection open.
  DeliveryOutcome post(Poco::Net::HTTPClientSession& s, const Delivery& d, bool& reusable) const {
    reusable = false;
    std::string target = uri.getPathAndQuery();
    if (target.empty()) target = "/";
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, target, Poco::Net::HTTPMessage::HTTP_1_1);
    req.setContentType("application/json");
    req.setContentLength(static_cast<std::streamsize>(d.body.size()));
    req.set("Idempotency-Key", d.message_id);
    if (!d.correlation_id.empty()) req.set("X-Correlation-Id", d.correlation_id);
    if (!d.type.empty()) req.set("X-Edigate-Message-Type", d.type);
    if (!d.partner.empty()) req.set("X-Edigate-Partner", d.partner);
    req.set("X-Edigate-Attempt", std::to_string(d.attempt));
    req.set("User-Agent", settings.user_agent);
    if (!settings.signing_secret.empty()) req.set(kSignatureHeader, sign_body(d.body, settings.signing_secret));
    if (!settings.auth_header.empty()) req.set("Authorization", settings.auth_header);

    std::ostream& os = s.sendRequest(req);
    os.write(d.body.data(), static_cast<std::streamsize>(d.body.size()));
    os.flush();
    Poco::Net::HTTPResponse resp;
    std::istream& is = s.receiveResponse(resp);
    // Only the start of the body is kept (for the detail of a refusal). On a kept connection
    // the rest is read past, up to a bound: a longer answer closes the connection instead.
    std::string body_start(kDetailBodyBytes, '\0');
    is.read(body_start.data(), static_cast<std::streamsize>(body_start.size()));
    body_start.resize(static_cast<std::size_t>(is.gcount()));
    if (s.getKeepAlive() && resp.getKeepAlive()) {
      is.ignore(kDrainBytes);
      reusable = is.eof();
    }
    return classify_http_answer(static_cast<int>(resp.getStatus()), resp.getReason(), resp.get("Retry-After", ""),
                                body_start, std::chrono::system_clock::now(), settings.retry_after_cap);
  }
};

WebhookDestination::WebhookDestination(std::string name, std::unique_ptr<Impl> impl)
    : Destination(std::move(name)), impl_(std::move(impl)) {}
WebhookDestination::~WebhookDestination() = default;

Result<std::unique_ptr<WebhookDestination>> WebhookDestination::create(std::string name, WebhookSettings settings) {
  auto impl = std::make_unique<Impl>();
  try {
    impl->uri = Poco::URI(settings.url);
  } catch (const Poco::Exception& e) {
    return Error("delivery.webhook.url", "destination '" + name + "': bad url: " + e.message())
        .want("an http:// or https:// URL", settings.url)
        .as(ErrorCategory::configuration);
  }
  const std::string scheme = impl->uri.getScheme();
  if ((scheme != "http" && scheme != "https") || impl->uri.getHost().empty())
    return Error("delivery.webhook.url", "destination '" + name + "': bad url")
        .want("an http:// or https:// URL with a host", settings.url)
        .as(ErrorCategory::configuration);
  if (settings.timeout.count() <= 0)
    return Error("delivery.webhook.timeout", "destination '" + name + "': timeout-seconds must be positive")
        .as(ErrorCategory::configuration);
  impl->https = scheme == "https";
  if (impl->https) {
    initialize_ssl_once();
    try {
      // The server's chain is verified (SSL_VERIFY_PEER), then Poco's extended verification
      // checks the host name against the certificate. VERIFY_STRICT, not RELAXED: RELAXED skips
      // the host name check for localhost and loopback addresses, so a webhook on 127.0.0.1
      // would accept any certificate the CA file vouches for. System CAs only when no CA file is
      // named: a named CA file pins the trust to it.
      impl->tls = new Poco::Net::Context(Poco::Net::Context::CLIENT_USE, "", "", settings.ca_file,
                                         Poco::Net::Context::VERIFY_STRICT, 9, settings.ca_file.empty());
    } catch (const Poco::Exception& e) {
      return Error("delivery.webhook.tls", "destination '" + name + "': TLS set-up failed: " + e.displayText())
          .want("a readable PEM CA file", settings.ca_file)
          .as(ErrorCategory::configuration);
    }
  }
  impl->settings = std::move(settings);
  return std::unique_ptr<WebhookDestination>(new WebhookDestination(std::move(name), std::move(impl)));
}

/// What an attempt left behind besides its outcome.
struct WebhookDestination::Attempt {
  bool reusable = false;  ///< the connection may carry the next request
  bool network = false;   ///< failed in the network (not a timeout, not TLS): maybe a closed kept connection
};

DeliveryOutcome WebhookDestination::attempt(Poco::Net::HTTPClientSession& session, const Delivery& delivery,
                                            Attempt& facts) const {
  facts = Attempt{};
  Poco::URI shown = impl_->uri;
  shown.setUserInfo("");
  const std::string where = shown.toString() + ": ";
  try {
    return impl_->post(session, delivery, facts.reusable);
  } catch (const Poco::TimeoutException& e) {
    return failed(DeliveryOutcome::retry, where + "timed out after " + std::to_string(impl_->settings.timeout.count()) +
                                              " s (" + e.displayText() + ")");
  } catch (const Poco::Net::ConnectionRefusedException& e) {
    return failed(DeliveryOutcome::retry, where + "connection refused (" + e.displayText() + ")");
  } catch (const Poco::Net::SSLConnectionUnexpectedlyClosedException& e) {
    return failed(DeliveryOutcome::retry, where + "TLS connection closed by the peer (" + e.displayText() + ")");
  } catch (const Poco::Net::SSLException& e) {
    // Untrusted chain, host name mismatch, no common protocol: see webhook.hpp for why these
    // are permanent.
    return failed(DeliveryOutcome::permanent, where + "TLS: " + e.displayText());
  } catch (const Poco::Exception& e) {
    // Reset, unreachable, DNS, a short answer: the network, so later may work.
    facts.network = true;
    return failed(DeliveryOutcome::retry, where + e.displayText());
  } catch (const std::exception& e) {
    facts.network = true;
    return failed(DeliveryOutcome::retry, where + e.what());
  }
}

DeliveryOutcome WebhookDestination::deliver(const Delivery& delivery) {
  Attempt facts;
  return attempt(*impl_->session(false), delivery, facts);
}

std::vector<DeliveryOutcome> WebhookDestination::deliver_all(std::span<const Delivery> deliveries) {
  std::vector<DeliveryOutcome> outcomes;
  outcomes.reserve(deliveries.size());
  std::unique_ptr<Poco::Net::HTTPClientSession> session;
  for (const auto& d : deliveries) {
    const bool kept = session != nullptr;
    if (!session) session = impl_->session(true);
    Attempt facts;
    DeliveryOutcome outcome = attempt(*session, d, facts);
    if (kept && facts.network) {
      session = impl_->session(true);
      outcome = attempt(*session, d, facts);
    }
    if (!facts.reusable) session.reset();
    outcomes.push_back(std::move(outcome));
    if (outcomes.back().kind != DeliveryOutcome::delivered) break;
  }
  return outcomes;
}

std::string WebhookDestination::describe() const {
  Poco::URI shown = impl_->uri;
  shown.setUserInfo("");  // user:password in a URL is a secret too
  std::string out = "webhook " + name() + " -> " + shown.toString();
  if (!impl_->settings.signing_secret.empty()) out += " (signed)";
  if (!impl_->settings.ca_file.empty()) out += " (CA file " + impl_->settings.ca_file + ")";
  return out;
}

}  // namespace edigate::delivery
