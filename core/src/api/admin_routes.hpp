#pragma once
// The admin API's endpoints over an AdminBackend, as a Router (no HTTP library here):
//   GET  /healthz                         200 {"status":"ok"} (no auth)
//   GET  /readyz                          200 {"status":"ready"} | 503 {"status":"not_ready","reason"} (no auth)
//   GET  /metrics                         Prometheus text format
//   GET  /api/v1/messages                 ?partner=&type=&status=&since=&limit=&cursor=
//                                         {"items":[...],"next_cursor":"..."|null}
//   GET  /api/v1/messages/{id}            {"message":{...},"canonical":{...}|null,"raw":"...","events":[...]}
//   POST /api/v1/messages/{id}/replay     202 {"id","status"}
//   POST /api/v1/outbound                 ?partner= ; 202 {"accepted":[ids]} | 400 with "pointer"
//   POST /api/v1/outbound/{id}/replay     202 {"id","status"}: a partner-bound document sent again
//   GET  /api/v1/dead-letters             {"items":[...]}
//   GET  /api/v1/acks/overdue             {"items":[...]}
// docs/operations.md ("Admin API") shows every response.
#include "api/admin_backend.hpp"
#include "api/router.hpp"

namespace edigate::api {

/// `backend` must outlive the router.
Router make_admin_router(AdminBackend& backend);

/// Paths served without a bearer token.
bool is_public_path(const std::string& path);

}  // namespace edigate::api
