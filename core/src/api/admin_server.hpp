#pragma once
// The admin HTTP server: Poco::Net::HTTPServer on the configured address, bearer token on
// everything but /healthz and /readyz, a request body limit, and the routes of
// admin_routes.hpp over an AdminBackend. Every answer that is not a success is a JSON error
// body {"error":{"code","message"}}: 400 (bad URI or query), 401 (token missing or wrong),
// 404, 405, 413 (body over the limit), 500 (a handler failed; logged by the caller's backend).
#include "api/admin_backend.hpp"
#include "gateway_config/gateway_config.hpp"
#include "log/json_log.hpp"

#include <edigate/result.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace edigate::api {

struct AdminServerOptions {
  gateway_config::ListenAddress listen{"127.0.0.1", 8470};  ///< port 0: any free port
  std::string token;                                        ///< resolve_admin_token(); never empty
  std::uint64_t max_body_bytes = 10 << 20;
  std::uint32_t threads = 4;
  std::chrono::seconds timeout{30};  ///< per connection, reading and keep-alive
  /// Where 500s are logged with their full error (event admin.request.failed) and the server's
  /// start (admin.listening, with the bound address). Not owned; null: not logged.
  log::JsonLog* log = nullptr;
};

class AdminServer {
 public:
  /// `backend` must outlive the server.
  AdminServer(AdminServerOptions options, AdminBackend& backend);
  ~AdminServer();  ///< stops the server
  AdminServer(const AdminServer&) = delete;
  AdminServer& operator=(const AdminServer&) = delete;

  /// Binds and starts serving; returns the bound port (the real one when 0 was asked for).
  /// Errors: admin.token.missing (empty token), admin.listen.failed (address in use, bad host).
  Result<std::uint16_t> start();
  /// Stops accepting and closes open connections (a request in progress is cut). Idempotent.
  void stop();
  std::uint16_t port() const { return port_; }

 private:
  struct Impl;
  AdminServerOptions options_;
  AdminBackend& backend_;
  std::unique_ptr<Impl> impl_;
  std::uint16_t port_ = 0;
};

}  // namespace edigate::api
