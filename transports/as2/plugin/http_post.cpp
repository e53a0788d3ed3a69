#include "http_post.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <strings.h>
#include <map>
#include <memory>
#include <mutex>

namespace edigate::as2 {

namespace {

// Poco's SSL layer wants one process-wide initialisation, never undone: an endpoint may live
// until exit. Reference-counted inside Poco, so the host's own call does not conflict.
void initialize_ssl_once() {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Net::initializeSSL(); });
}

// One client Context per CA file: building one reads the CA store, which is slow to repeat per
// message. VERIFY_STRICT, not RELAXED: RELAXED skips the host name check for loopback names.
Poco::Net::Context::Ptr client_context(const std::string& ca_file) {
  static std::mutex mutex;
  static std::map<std::string, Poco::Net::Context::Ptr> contexts;
  std::lock_guard lock(mutex);
  auto& ctx = contexts[ca_file];
  if (!ctx)
    ctx = new Poco::Net::Context(Poco::Net::Context::CLIENT_USE, "", "", ca_file, Poco::Net::Context::VERIFY_STRICT, 9,
                                 ca_file.empty());
  return ctx;
}

Error transient(std::string message) {
  return Error("transport.as2.connect", std::move(message)).as(ErrorCategory::transient);
}

}  // namespace

std::string HttpAnswer::header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (n.size() == name.size() && strncasecmp(n.data(), name.data(), n.size()) == 0) return v;
  return {};
}

Result<HttpAnswer> http_post(const HttpPost& r) {
  Poco::URI uri;
  try {
    uri = Poco::URI(r.url);
  } catch (const Poco::Exception& e) {
    return Error("transport.as2.url", "bad URL: " + e.displayText())
        .want("http(s)://HOST/PATH", r.url)
        .as(ErrorCategory::configuration);
  }
  const bool https = uri.getScheme() == "https";
  if ((!https && uri.getScheme() != "http") || uri.getHost().empty())
    return Error("transport.as2.url", "bad URL").want("http(s)://HOST/PATH", r.url).as(ErrorCategory::configuration);
  try {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (https) {
      initialize_ssl_once();
      session =
          std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), client_context(r.ca_file));
    } else {
      session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    }
    const Poco::Timespan t(static_cast<long>(r.timeout.count()), 0);
    session->setTimeout(t, t, t);
    session->setKeepAlive(false);
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST,
                               uri.getPathAndQuery().empty() ? "/" : uri.getPathAndQuery(),
                               Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [n, v] : r.headers) req.set(n, v);
    req.setContentLength(static_cast<std::streamsize>(r.body.size()));
    std::ostream& out = session->sendRequest(req);
    out.write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
    out.flush();
    if (!out) return transient("the connection broke while sending to " + r.url);
    Poco::Net::HTTPResponse res;
    std::istream& in = session->receiveResponse(res);
    HttpAnswer a;
    a.status = static_cast<int>(res.getStatus());
    a.reason = res.getReason();
    for (const auto& [n, v] : res) a.headers.emplace_back(n, v);
    const std::streamsize expected = res.getContentLength();
    char buf[16384];
    while (in) {
      in.read(buf, sizeof buf);
      a.body.append(buf, static_cast<std::size_t>(in.gcount()));
      if (a.body.size() > r.max_answer)
        return transient("the answer from " + r.url + " is larger than " + std::to_string(r.max_answer) + " bytes");
    }
    // A connection dropped in the middle of the answer: Poco's stream just ends. A body shorter
    // than its Content-Length is a truncated MDN, never a valid one.
    if (expected != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH &&
        static_cast<std::streamsize>(a.body.size()) < expected)
      return transient("the answer from " + r.url + " was cut off after " + std::to_string(a.body.size()) + " of " +
                       std::to_string(expected) + " bytes");
    return a;
  } catch (const Poco::Net::CertificateValidationException& e) {
    return Error("transport.as2.tls", "the partner's TLS certificate is not trusted: " + e.displayText())
        .as(ErrorCategory::configuration);
  } catch (const Poco::Net::SSLException& e) {
    // An untrusted chain fails identically until someone fixes a certificate; a handshake broken
    // by the network may work on the next attempt.
    const std::string text = e.displayText();
    const bool trust = text.find("certificate verify failed") != std::string::npos;
    return Error("transport.as2.tls", "TLS with " + uri.getHost() + " failed: " + text)
        .as(trust ? ErrorCategory::configuration : ErrorCategory::transient);
  } catch (const Poco::Exception& e) {
    return transient("POST to " + r.url + " failed: " + e.displayText());
  } catch (const std::exception& e) {
    return transient("POST to " + r.url + " failed: " + e.what());
  }
}

}  // namespace edigate::as2
