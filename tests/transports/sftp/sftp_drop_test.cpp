// The partner's server dies in the middle of a transfer through the plugin: nothing half-read is
// stored, nothing half-written appears under its final name, and the next attempt completes.
#include "plugin_fixture.hpp"

#include <thread>

namespace fs = std::filesystem;
using namespace edigate;
using edigate::test::names_in;
using edigate::test::SftpPluginRig;
using edigate::test::SshdServer;
using edigate::test::write_text;

namespace {

// Far longer to transfer over loopback than the delay before the fault.
const std::string& large_body() {
  static const std::string body(64u << 20, 'E');
  return body;
}

void kill_after(SshdServer& server, std::chrono::milliseconds delay, std::thread& killer) {
  killer = std::thread([&server, delay] {
    std::this_thread::sleep_for(delay);
    server.kill_all();
  });
}

// Connects first (a pooled session, so the next poll goes straight to the download), then puts
// the large file in the partner's inbox.
void pool_then_offer_large(TransportEndpoint& endpoint, SftpPluginRig& rig, SshdServer& server) {
  REQUIRE(endpoint.poll(rig.host()).ok());
  write_text(server.files() / "inbox" / "big.edi", large_body());
}

// A poll by `endpoint` takes the large file whole: one input of its full size.
void check_large_taken_whole(TransportEndpoint& endpoint, SftpPluginRig& rig) {
  auto taken = endpoint.poll(rig.host());
  INFO((taken ? "" : taken.error().to_string()));
  REQUIRE(taken.ok());
  CHECK(*taken == 1);
  auto inputs = rig.inputs();
  REQUIRE(inputs.size() == 1);
  CHECK(inputs[0].size == large_body().size());
}

}  // namespace

TEST_CASE("SFTP connection dropped mid-download: nothing stored, the file is taken whole after the server is back",
          "[sftp][plugin][drop]") {
  SshdServer server;
  SftpPluginRig rig;
  TransportEndpoint& endpoint = rig.open(test::sftp_attributes(server));
  pool_then_offer_large(endpoint, rig, server);

  std::thread killer;
  kill_after(server, std::chrono::milliseconds(60), killer);
  test::RecordingHost host(rig.host());
  auto polled = endpoint.poll(host);
  killer.join();
  INFO(host.events());
  // The server died while the file was being read (not before the poll reached it).
  CHECK_THAT(host.events(), Catch::Contains("intake.sftp.download_failed") && Catch::Contains("sftp.download.read"));
  if (!polled) CHECK(polled.error().category == ErrorCategory::transient);
  if (polled) CHECK(*polled == 0);
  CHECK(rig.inputs().empty());                                         // a half-downloaded file is never stored
  CHECK(names_in(rig.dir() / "data" / "blobs" / "incoming").empty());  // nor its partial copy kept
  CHECK(fs::file_size(server.files() / "inbox" / "big.edi") == large_body().size());

  server.start();
  check_large_taken_whole(endpoint, rig);
  CHECK(names_in(server.files() / "inbox").empty());
}

TEST_CASE("SFTP connection dropped mid-upload: retry, nothing under the final name, delivered after the server is back",
          "[sftp][plugin][drop]") {
  SshdServer server;
  SftpPluginRig rig;
  TransportEndpoint& endpoint = rig.open(test::sftp_attributes(server));
  OutboundDocument doc;
  doc.id = 7;
  doc.partner = "acme-retail";
  doc.type = "856";
  doc.file_name = "asn.edi";
  doc.body = "warm-up";
  doc.file_name = "warm-up.edi";
  REQUIRE(endpoint.send(doc).kind == SendResult::Kind::delivered);  // a pooled session
  doc.file_name = "asn.edi";
  doc.body = large_body();

  std::thread killer;
  kill_after(server, std::chrono::milliseconds(60), killer);
  auto sent = endpoint.send(doc);
  killer.join();
  INFO(sent.detail);
  CHECK(sent.kind == SendResult::Kind::retry);
  CHECK_THAT(sent.detail, Catch::Contains("sftp.upload.write"));  // died during the write, not before it
  CHECK_FALSE(fs::exists(server.files() / "outbox" / "asn.edi"));

  server.start();
  doc.attempt = 1;
  auto again = endpoint.send(doc);
  INFO(again.detail);
  REQUIRE(again.kind == SendResult::Kind::delivered);
  CHECK(fs::file_size(server.files() / "outbox" / "asn.edi") == large_body().size());
}

TEST_CASE("SFTP stop() cuts a running download at once: nothing stored, the file left for the next poll",
          "[sftp][plugin][drop][stop]") {
  SshdServer server;
  SftpPluginRig rig;
  auto attributes = test::sftp_attributes(server);
  attributes["transfer-timeout-seconds"] = "120";  // what stopping must not wait for
  TransportEndpoint& endpoint = rig.open(attributes);
  pool_then_offer_large(endpoint, rig, server);

  std::chrono::steady_clock::time_point stopped;
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    stopped = std::chrono::steady_clock::now();
    endpoint.stop();
  });
  test::RecordingHost host(rig.host());
  auto polled = endpoint.poll(host);
  const auto returned = std::chrono::steady_clock::now();
  stopper.join();
  INFO(host.events());
  // Cut while the file was being read (not before the poll reached it), and promptly.
  CHECK_THAT(host.events(), Catch::Contains("intake.sftp.download_failed") && Catch::Contains("sftp.download.read"));
  CHECK(returned - stopped < std::chrono::seconds(3));
  if (polled) CHECK(*polled == 0);
  CHECK(rig.inputs().empty());  // nothing half-read is stored
  CHECK(fs::file_size(server.files() / "inbox" / "big.edi") == large_body().size());

  // The next poll (here by a new endpoint: the gateway reopens it) takes it whole.
  check_large_taken_whole(rig.open(attributes), rig);
}
