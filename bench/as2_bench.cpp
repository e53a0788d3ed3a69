// AS2 inbound benchmark (make bench, bench/as2_bench.py): the AS2 plugin's listener, loaded from
// libedigate_as2.so as the gateway loads it, over a real SQLite store (every message committed
// before its MDN), fed signed + encrypted 10 KB messages over loopback HTTP by client threads
// that ask for signed sync MDNs. Prints one JSON line.
//
//   edigate_as2_bench inbound SECONDS CLIENTS CERTS_DIR   messages/s into our listener
//   edigate_as2_bench send URL CERTS_DIR COUNT            our endpoint sending COUNT messages to a peer
//                                                    (libas2's receiver: the peer measured)
// CERTS_DIR holds gateway.key/.crt and partner.key/.crt (made by as2_bench.py with openssl).
#include "plugin_host/plugin_host.hpp"
#include "store/store.hpp"
#include "transport_host/gateway_transport_host.hpp"

#include <as2/mdn.hpp>
#include <as2/message.hpp>
#include <http_post.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

using namespace edigate;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

[[noreturn]] void die(const std::string& why) {
  std::cerr << "edigate_as2_bench: " << why << "\n";
  std::exit(1);
}

template <typename T>
T need(Result<T> r, const char* what) {
  if (!r) die(std::string(what) + ": " + r.error().to_string());
  return std::move(r).value();
}

/// About 10 KB of X12: an 850 with enough PO1 lines.
std::string payload_10k() {
  std::string body =
      "ISA*00*          *00*          *ZZ*PARTNER        *ZZ*GATEWAY        *240101*1200*U*00401*000000001*0*P*>~\n"
      "GS*PO*PARTNER*GATEWAY*20240101*1200*1*X*004010~\nST*850*0001~\nBEG*00*SA*PO-4711**20240101~\n";
  int n = 0;
  while (body.size() < 10 * 1024 - 60) {
    ++n;
    body += "PO1*" + std::to_string(n) + "*10*EA*12.50**UP*0123456789" + std::to_string(n % 10) + "*VN*ITEM-" +
            std::to_string(n) + "~\n";
  }
  body += "CTT*" + std::to_string(n) + "~\nSE*" + std::to_string(n + 4) + "*0001~\nGE*1*1~\nIEA*1*000000001~\n";
  return body;
}

std::shared_ptr<TransportPlugin> load_plugin(plugin_host::PluginHost& host, const fs::path& build) {
  auto loaded = host.load_file(build / "plugins" / "libedigate_as2.so");
  if (!loaded) die(loaded.error().to_string());
  return host.transport("as2");
}

TransportConfig endpoint(const TransportPlugin& plugin, const fs::path& work, const fs::path& certs,
                         const std::string& url, const std::string& from, const std::string& to) {
  TransportConfig c;
  c.partner = "bench-" + to;
  c.name = "as2";
  c.base = certs;
  c.work_dir = work / "transports" / c.partner;
  for (const auto& o : plugin.spec().options)
    if (!o.default_value.empty()) c.options[o.name] = o.default_value;
  std::string lower_from = from, lower_to = to;
  for (char& ch : lower_from) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (char& ch : lower_to) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  c.options["url"] = url;
  c.options["as2-from"] = from;
  c.options["as2-to"] = to;
  c.options["partner-certificate"] = lower_to + ".crt";
  c.options["our-certificate"] = lower_from + ".crt";
  c.secrets["our-private-key"] = slurp(certs / (lower_from + ".key"));
  return c;
}

int inbound(const fs::path& build, const fs::path& certs, int seconds, int clients) {
  const fs::path work = fs::temp_directory_path() / ("edigate-as2-bench-" + std::to_string(::getpid()));
  fs::remove_all(work);
  auto store = need(store::open_sqlite_store(work / "data", {}), "store");
  // The queue limit is not what is measured: nothing processes the stored inputs here.
  transport_host::GatewayTransportHost host(*store, nullptr, nullptr, 100000000, nullptr);
  plugin_host::PluginHost plugins;
  auto plugin = load_plugin(plugins, build);
  auto from_partner = need(
      plugin->open(endpoint(*plugin, work, certs, "http://127.0.0.1:9/as2", "GATEWAY", "PARTNER"), host), "endpoint");
  ListenerConfig lc;
  lc.type = "as2";
  lc.base = work;
  lc.work_dir = work / "transports" / "as2";
  for (const auto& o : plugin->spec().listener)
    if (!o.default_value.empty()) lc.options[o.name] = o.default_value;
  lc.options["listen"] = "127.0.0.1:0";
  lc.options["threads"] = std::to_string(std::max(2, clients));
  auto listener = need(plugin->listen(lc, host), "listener");
  const std::string url = "http://" + listener->address() + "/as2";

  const auto partner = need(
      as2::load_key_pair_pem(slurp(certs / "partner.key"), slurp(certs / "partner.crt"), "partner"), "partner key");
  const auto gateway = need(as2::load_certificate_pem(slurp(certs / "gateway.crt"), "gateway"), "gateway cert");
  as2::OutgoingOptions o;
  o.filename = "po.x12";
  const std::string payload = payload_10k();
  // One message body, posted under a new Message-ID each time: the listener still decrypts,
  // verifies, stores and answers each one in full (the signature does not cover the id).
  const auto message = need(as2::build_message(payload, o, {partner}, {gateway}), "build");

  std::atomic<bool> stop{false};
  std::atomic<long> ok{0}, failed{0}, verified{0};
  std::vector<std::thread> threads;
  const auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < clients; ++t)
    threads.emplace_back([&, t] {
      for (long i = 0; !stop; ++i) {
        const std::string id = "<bench-" + std::to_string(t) + "-" + std::to_string(i) + "@partner>";
        as2::HttpPost post;
        post.url = url;
        post.timeout = std::chrono::seconds(30);
        post.body = message.body;
        post.headers = {{"AS2-Version", "1.2"},
                        {"AS2-From", "PARTNER"},
                        {"AS2-To", "GATEWAY"},
                        {"Message-ID", id},
                        {"Content-Type", message.content_type},
                        {"Disposition-Notification-To", "bench@partner"},
                        {"Disposition-Notification-Options",
                         "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256"}};
        auto a = as2::http_post(post);
        if (!a || a->status != 200 || a->body.find("processed\r\n") == std::string::npos) {
          ++failed;
          continue;
        }
        // Every 50th MDN fully verified (signature, id, MIC): a check that the figure is of real
        // work, without the client's verification taking the server's CPU on a 2-core machine.
        if (i % 50 == 0) {
          auto mdn = as2::verify_mdn(a->header("Content-Type"), a->body, {gateway}, {id, message.mic, true});
          if (!mdn || !mdn->positive()) {
            ++failed;
            continue;
          }
          ++verified;
        }
        ++ok;
      }
    });
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (auto& th : threads) th.join();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  listener->stop();
  std::printf(
      "{\"mode\":\"inbound\",\"messages\":%ld,\"failed\":%ld,\"mdns_verified\":%ld,\"seconds\":%.2f,"
      "\"messages_per_s\":%.1f,\"clients\":%d,\"payload_bytes\":%zu,\"body_bytes\":%zu}\n",
      ok.load(), failed.load(), verified.load(), elapsed, ok.load() / elapsed, clients, payload.size(),
      message.body.size());
  fs::remove_all(work);
  return failed.load() == 0 ? 0 : 1;
}

int send(const fs::path& build, const std::string& url, const fs::path& certs, int count) {
  const fs::path work = fs::temp_directory_path() / ("edigate-as2-bench-send-" + std::to_string(::getpid()));
  fs::remove_all(work);
  auto store = need(store::open_sqlite_store(work / "data", {}), "store");
  transport_host::GatewayTransportHost host(*store, nullptr, nullptr, 1000, nullptr);
  plugin_host::PluginHost plugins;
  auto plugin = load_plugin(plugins, build);
  auto ep = need(plugin->open(endpoint(*plugin, work, certs, url, "GATEWAY", "PARTNER"), host), "endpoint");
  OutboundDocument d;
  d.partner = "bench";
  d.type = "850";
  d.body = payload_10k();
  long ok = 0, failed = 0;
  std::string last;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    d.id = i + 1;
    d.file_name = "po-" + std::to_string(i) + ".x12";
    const SendResult r = ep->send(d);
    if (r.kind == SendResult::Kind::delivered)
      ++ok;
    else
      ++failed, last = r.detail;
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"mode\":\"send\",\"messages\":%ld,\"failed\":%ld,\"seconds\":%.2f,\"messages_per_s\":%.1f}\n", ok,
              failed, elapsed, ok / elapsed);
  if (failed) std::cerr << "edigate_as2_bench: last failure: " << last << "\n";
  fs::remove_all(work);
  return failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path build = fs::path(argv[0]).parent_path().parent_path();
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "inbound" && argc == 5) return inbound(build, argv[4], std::stoi(argv[2]), std::stoi(argv[3]));
  if (mode == "send" && argc == 5) return send(build, argv[2], argv[3], std::stoi(argv[4]));
  std::cerr << "usage: edigate_as2_bench inbound SECONDS CLIENTS CERTS_DIR | send URL CERTS_DIR COUNT\n";
  return 2;
}
