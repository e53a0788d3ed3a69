#include "http_endpoint.hpp"

#include "request_body.hpp"

#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/URI.h>

#include <atomic>
#include <fstream>
#include <sstream>

namespace edigate::http {
namespace fs = std::filesystem;

namespace {

constexpr std::chrono::seconds kRetryAfterCap{3600};

/// What a poll remembers between runs: the last body's ETag and hash.
struct PollState {
  std::string etag, sha256;
};

PollState load_state(const fs::path& file) {
  PollState s;
  std::ifstream in(file);
  std::getline(in, s.sha256);
  std::getline(in, s.etag);
  return s;
}

bool save_state(const fs::path& file, const PollState& s) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  const fs::path temp = file.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    out << s.sha256 << '\n' << s.etag << '\n';
    if (!out.flush()) return false;
  }
  fs::rename(temp, file, ec);  // losing it only means one more fetch the store recognises
  return !ec;
}

}  // namespace

std::vector<TransportOption> endpoint_options() {
  return {
      {"url", false, false, "", "http(s) URL: polled (GET) or sent to (POST, PUT)"},
      {"method", false, false, "POST", "GET polls url; POST or PUT sends documents to it"},
      {"auth-header", false, true, "", "Authorization header value for url (env:NAME or file:PATH)"},
      {"poll-seconds", false, false, "300", "seconds between polls (method GET)"},
      {"api-key-sha256", false, true, "",
       "hex SHA-256 of the partner's supplier API key (env:NAME or file:PATH); enables the API for it"},
      {"ca-file", false, false, "", "PEM CA file trusted for url (default: the system CAs)"},
      {"timeout-seconds", false, false, "30", "connect, send and receive timeout"},
      {"content-type", false, false, "application/octet-stream", "Content-Type of documents sent"},
      {"max-bytes", false, false, "10485760", "largest polled body accepted, in bytes"},
  };
}

struct HttpEndpoint::Impl {
  TransportConfig config;
  PartnerKeys* keys = nullptr;
  std::uint64_t key_token = 0;
  Poco::URI uri;
  bool https = false;
  std::string method;
  Poco::Net::Context::Ptr tls;
  std::chrono::seconds timeout{30};
  std::uint64_t max_bytes = 10u << 20;
  std::atomic<bool> stopped{false};
  std::mutex poll_mutex;  // the host never polls twice at once; this keeps the state file safe anyway
  mutable std::mutex health_mutex;
  mutable TransportHealth health;

  std::string where() const {
    Poco::URI shown = uri;
    shown.setUserInfo("");  // user:password in a URL is a secret
    return config.partner + "/" + config.name + " " + shown.toString();
  }

  std::unique_ptr<Poco::Net::HTTPClientSession> session() const {
    std::unique_ptr<Poco::Net::HTTPClientSession> s;
    if (https)
      s = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), tls);
    else
      s = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    const Poco::Timespan t(static_cast<long>(timeout.count()), 0);
    s->setTimeout(t, t, t);
    s->setKeepAlive(false);  // one request per session: nothing half-dead is reused by a retry
    return s;
  }

  void authorize(Poco::Net::HTTPRequest& req) const {
    if (auto it = config.secrets.find("auth-header"); it != config.secrets.end() && !it->second.empty()) {
      std::string value = it->second;
      while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();  // a file's newline
      req.set("Authorization", value);
    }
  }
};

HttpEndpoint::HttpEndpoint(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpEndpoint::~HttpEndpoint() { stop(); }

Result<std::unique_ptr<HttpEndpoint>> HttpEndpoint::open(const TransportConfig& config, PartnerKeys& keys) {
  const std::string where = "transport '" + config.name + "' of partner '" + config.partner + "'";
  auto bad = [&](const std::string& what, std::string expected, std::string found) {
    return Error("transport.http.config", where + ": " + what)
        .want(std::move(expected), std::move(found))
        .as(ErrorCategory::configuration);
  };
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  impl->method = config.option("method");
  if (impl->method != "GET" && impl->method != "POST" && impl->method != "PUT")
    return bad("method must be GET, POST or PUT", "GET, POST or PUT", impl->method);
  try {
    impl->timeout = std::chrono::seconds(std::stoul(config.option("timeout-seconds")));
    impl->max_bytes = std::stoull(config.option("max-bytes"));
  } catch (const std::exception&) {
    return bad("timeout-seconds and max-bytes are whole numbers", "a number",
               config.option("timeout-seconds") + " / " + config.option("max-bytes"));
  }
  if (impl->timeout.count() <= 0) return bad("timeout-seconds must be positive", "1 or more", "0");

  const std::string url = config.option("url");
  const auto key = config.secrets.find("api-key-sha256");
  if (url.empty() && key == config.secrets.end())
    return bad("names neither a url (to poll or send to) nor an api-key-sha256 (the supplier API)",
               "url or api-key-sha256", "");
  if (url.empty() && impl->method == "GET") return bad("method GET polls a url, and none is given", "url", "");
  if (!url.empty()) {
    try {
      impl->uri = Poco::URI(url);
    } catch (const Poco::Exception& e) {
      return bad("bad url: " + e.message(), "an http:// or https:// URL", url);
    }
    const std::string scheme = impl->uri.getScheme();
    if ((scheme != "http" && scheme != "https") || impl->uri.getHost().empty())
      return bad("bad url", "an http:// or https:// URL with a host", url);
    impl->https = scheme == "https";
    if (impl->https) {
      static std::once_flag once;
      std::call_once(once, [] { Poco::Net::initializeSSL(); });
      std::string ca = config.option("ca-file");
      if (!ca.empty() && fs::path(ca).is_relative()) ca = (config.base / ca).string();
      try {
        // The chain is verified, then the host name (VERIFY_STRICT: RELAXED would skip the name
        // check for loopback addresses). A named CA file pins the trust to it.
        impl->tls = new Poco::Net::Context(Poco::Net::Context::CLIENT_USE, "", "", ca,
                                           Poco::Net::Context::VERIFY_STRICT, 9, ca.empty());
      } catch (const Poco::Exception& e) {
        return bad("TLS set-up failed: " + e.displayText(), "a readable PEM CA file", ca);
      }
    }
  }
  if (key != config.secrets.end()) {
    EDIGATE_TRY(KeyHash hash, parse_key_hash(key->second));
    impl->keys = &keys;
    impl->key_token = keys.add(config.partner, hash);
  }
  return std::unique_ptr<HttpEndpoint>(new HttpEndpoint(std::move(impl)));
}

void HttpEndpoint::stop() noexcept {
  impl_->stopped = true;
  if (impl_->keys && impl_->key_token) {
    impl_->keys->withdraw(impl_->key_token);
    impl_->key_token = 0;
  }
}

void HttpEndpoint::set_health(bool ok, std::string detail) const {
  std::lock_guard lock(impl_->health_mutex);
  impl_->health.ok = ok;
  impl_->health.detail = std::move(detail);
}

TransportHealth HttpEndpoint::health() const noexcept {
  try {
    std::lock_guard lock(impl_->health_mutex);
    return impl_->health;
  } catch (...) {
    return {false, "health unavailable", {}};
  }
}

Result<std::size_t> HttpEndpoint::poll(TransportHost& host) noexcept {
  Impl& m = *impl_;
  if (m.method != "GET" || m.stopped) return std::size_t{0};
  // Backpressure: the carrier keeps its answer until the gateway has room.
  if (host.intake_capacity() == 0) return std::size_t{0};
  std::lock_guard lock(m.poll_mutex);
  const fs::path state_file = m.config.work_dir / "last-poll";
  try {
    PollState last = load_state(state_file);
    auto s = m.session();
    std::string target = m.uri.getPathAndQuery();
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_GET, target.empty() ? "/" : target,
                               Poco::Net::HTTPMessage::HTTP_1_1);
    m.authorize(req);
    req.set("Accept", "application/json");
    if (!last.etag.empty()) req.set("If-None-Match", last.etag);
    s->sendRequest(req);
    Poco::Net::HTTPResponse resp;
    std::istream& in = s->receiveResponse(resp);
    const int status = static_cast<int>(resp.getStatus());
    if (status == 304) {
      set_health(true, "unchanged (304)");
      return std::size_t{0};
    }
    MessageBody answer = read_message_body(in, resp.hasContentLength() ? resp.getContentLength64() : -1, m.max_bytes);
    std::string body = std::move(answer.bytes);
    if (answer.end == MessageBody::End::cut_off || answer.end == MessageBody::End::timed_out) {
      // A fragment of the carrier's answer is not its answer: nothing is taken in, and the
      // poll is tried again (the state file is not advanced).
      const std::string detail = m.where() + ": " + answer.why;
      set_health(false, detail);
      return Error("transport.http.poll", detail).as(ErrorCategory::transient);
    }
    if (status < 200 || status > 299) {
      const std::string detail = m.where() + ": HTTP " + std::to_string(status) + " " + resp.getReason();
      set_health(false, detail);
      const bool later = status == 408 || status == 425 || status == 429 || status >= 500;
      return Error("transport.http.poll", detail)
          .as(later                            ? ErrorCategory::transient
              : status == 401 || status == 403 ? ErrorCategory::configuration
                                               : ErrorCategory::invalid_input);
    }
    if (answer.end == MessageBody::End::too_large) {
      set_health(false, m.where() + ": answer over max-bytes");
      return Error("transport.http.poll", m.where() + ": the answer is over " + std::to_string(m.max_bytes) + " bytes")
          .as(ErrorCategory::invalid_input);
    }
    const std::string sha = sha256_hex(body);
    if (sha == last.sha256) {
      set_health(true, "unchanged");
      return std::size_t{0};
    }
    const std::string etag = resp.get("ETag", "");
    ReceivedDocument doc;
    doc.partner = m.config.partner;
    doc.transport = "http:" + m.config.name;
    doc.remote_id = m.uri.toString() + (etag.empty() ? "#sha256:" + sha : "#etag:" + etag);
    doc.file_name = m.config.name + "-" + sha.substr(0, 16) + ".json";
    doc.bytes = std::move(body);
    auto stored = host.intake(doc);
    if (!stored) {
      set_health(false, m.where() + ": not stored: " + stored.error().message);
      return std::move(stored).error();
    }
    // Remembered only after the store has it: a crash in between fetches it again as a repeat.
    if (!save_state(state_file, {etag, sha}))
      host.log(LogLevel::warn, "transport.http.state", m.config.partner, "cannot write " + state_file.string());
    set_health(true, "stored input " + std::to_string(stored->input_id));
    return std::size_t{stored->duplicate ? 0u : 1u};
  } catch (const Poco::Net::SSLConnectionUnexpectedlyClosedException& e) {
    set_health(false, m.where() + ": " + e.displayText());
    return Error("transport.http.poll", m.where() + ": TLS connection closed: " + e.displayText())
        .as(ErrorCategory::transient);
  } catch (const Poco::Net::SSLException& e) {
    set_health(false, m.where() + ": TLS: " + e.displayText());
    return Error("transport.http.tls", m.where() + ": TLS: " + e.displayText()).as(ErrorCategory::configuration);
  } catch (const Poco::Exception& e) {
    set_health(false, m.where() + ": " + e.displayText());
    return Error("transport.http.poll", m.where() + ": " + e.displayText()).as(ErrorCategory::transient);
  } catch (const std::exception& e) {
    set_health(false, m.where() + ": " + e.what());
    return Error("transport.http.poll", m.where() + ": " + e.what()).as(ErrorCategory::transient);
  }
}

EndpointRole HttpEndpoint::role() const noexcept {
  using Sends = EndpointRole::Sends;
  if (impl_->uri.empty()) return {false, Sends::acknowledgements};
  if (impl_->method == "GET") return {true, Sends::nothing};
  return {false, Sends::everything};
}

SendResult HttpEndpoint::send(const OutboundDocument& doc) noexcept {
  Impl& m = *impl_;
  if (m.uri.empty()) {
    // An API-only partner reads its acknowledgements from the document status answer.
    if (is_acknowledgement(doc.type))
      return SendResult::delivered("supplier-api", "served by the supplier API's document status");
    return SendResult::permanent("transport '" + m.config.name + "' of partner '" + m.config.partner +
                                 "' has no url to send a " + doc.type + " to; declare a sending transport");
  }
  if (m.method == "GET")
    return SendResult::permanent("transport '" + m.config.name + "' of partner '" + m.config.partner +
                                 "' polls (method GET); it does not send");
  try {
    auto s = m.session();
    std::string target = m.uri.getPathAndQuery();
    Poco::Net::HTTPRequest req(m.method, target.empty() ? "/" : target, Poco::Net::HTTPMessage::HTTP_1_1);
    req.setContentType(m.config.option("content-type"));
    req.setContentLength(static_cast<std::streamsize>(doc.body.size()));
    // Stable across attempts, so a receiver that saw an attempt whose answer we lost can tell.
    req.set("Idempotency-Key", "edigate-" + std::to_string(doc.id));
    req.set("X-Edigate-Type", doc.type);
    req.set("X-Edigate-File-Name", doc.file_name);
    m.authorize(req);
    std::ostream& os = s->sendRequest(req);
    os.write(doc.body.data(), static_cast<std::streamsize>(doc.body.size()));
    os.flush();
    Poco::Net::HTTPResponse resp;
    std::istream& in = s->receiveResponse(resp);
    char head[200];
    in.read(head, sizeof head);
    const std::string answer(head, static_cast<std::size_t>(in.gcount()));
    const int status = static_cast<int>(resp.getStatus());
    const std::string detail = m.where() + ": HTTP " + std::to_string(status) + " " + resp.getReason();
    if (status >= 200 && status <= 299) {
      set_health(true, detail);
      const std::string location = resp.get("Location", "");
      return SendResult::delivered(location.empty() ? doc.file_name : location, detail);
    }
    set_health(false, detail);
    if (status == 408 || status == 425 || status == 429 || status >= 500)
      return SendResult::retry(
          detail, retry_after_of(resp.get("Retry-After", ""), std::chrono::system_clock::now(), kRetryAfterCap));
    return SendResult::permanent(detail + (answer.empty() ? "" : ": " + answer));
  } catch (const Poco::Net::SSLConnectionUnexpectedlyClosedException& e) {
    set_health(false, m.where() + ": " + e.displayText());
    return SendResult::retry(m.where() + ": TLS connection closed (" + e.displayText() + ")");
  } catch (const Poco::Net::SSLException& e) {
    // An untrusted certificate fails the same way until someone fixes it: a dead letter says so
    // at once, where retries would bury it.
    set_health(false, m.where() + ": TLS: " + e.displayText());
    return SendResult::permanent(m.where() + ": TLS: " + e.displayText());
  } catch (const Poco::Exception& e) {
    set_health(false, m.where() + ": " + e.displayText());
    return SendResult::retry(m.where() + ": " + e.displayText());
  } catch (const std::exception& e) {
    set_health(false, m.where() + ": " + e.what());
    return SendResult::retry(m.where() + ": " + e.what());
  }
}

std::chrono::seconds retry_after_of(const std::string& value, std::chrono::system_clock::time_point now,
                                    std::chrono::seconds cap) {
  if (value.empty()) return std::chrono::seconds(0);
  std::chrono::seconds wait{0};
  if (value.find_first_not_of("0123456789") == std::string::npos) {
    try {
      wait = std::chrono::seconds(value.size() > 9 ? cap.count() : std::stoll(value));
    } catch (const std::exception&) {
      return std::chrono::seconds(0);
    }
  } else {
    try {
      int tzd = 0;
      const Poco::DateTime at = Poco::DateTimeParser::parse(value, tzd);
      const auto then = std::chrono::system_clock::from_time_t(at.timestamp().epochTime() - tzd);
      wait = std::chrono::duration_cast<std::chrono::seconds>(then - now);
    } catch (const Poco::Exception&) {
      return std::chrono::seconds(0);
    }
  }
  if (wait.count() < 0) return std::chrono::seconds(0);
  return std::min(wait, cap);
}

}  // namespace edigate::http
