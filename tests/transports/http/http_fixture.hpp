#pragma once
// Shared by the http transport tests: a Poco client call on 127.0.0.1 with a bounded timeout, and
// the example purchase order as a supplier sends it.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/StreamCopier.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace edigate::test {

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct HttpAnswer {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;
  Poco::JSON::Object::Ptr json() const {
    Poco::JSON::Parser parser;
    return parser.parse(body).extract<Poco::JSON::Object::Ptr>();
  }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct HttpCall {
  std::string method = "GET";
  std::string path;
  std::string body;
  std::map<std::string, std::string> headers;
  bool chunked = false;  ///< send the body without a Content-Length
};

/// One request to `address` ("127.0.0.1:PORT"), 10 s timeouts.
inline HttpAnswer http_call(const std::string& address, const HttpCall& call) {
  Poco::Net::HTTPClientSession session{Poco::Net::SocketAddress(address)};
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest req(call.method, call.path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [k, v] : call.headers) req.set(k, v);
  if (call.chunked) {
    req.setChunkedTransferEncoding(true);
  } else if (!call.body.empty() || call.method == "POST") {
    req.setContentLength(static_cast<std::streamsize>(call.body.size()));
  }
  std::ostream& out = session.sendRequest(req);
  out << call.body;
  Poco::Net::HTTPResponse resp;
  std::istream& in = session.receiveResponse(resp);
  HttpAnswer a;
  a.status = static_cast<int>(resp.getStatus());
  Poco::StreamCopier::copyToString(in, a.body);
  for (const auto& [k, v] : resp) a.headers[k] = v;
  return a;
}

/// The published example purchase order without the members the gateway owns.
inline std::string supplier_po_json(const std::string& partner = "acme-retail") {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
  auto po = parser
                .parse(read_text(std::filesystem::path(EDIGATE_SOURCE_DIR) / "docs" / "canonical" / "examples" /
                                 "purchase_order.json"))
                .extract<Poco::JSON::Object::Ptr>();
  po->remove("message_id");
  po->remove("direction");
  po->remove("source");
  po->set("partner_id", partner);
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(po, out);
  return out.str();
}

/// The example acme-retail 850 interchange (two purchase orders).
inline std::string acme_850() {
  return read_text(std::filesystem::path(EDIGATE_SOURCE_DIR) / "samples" / "inbound" / "acme_850_4010.edi");
}

}  // namespace edigate::test
