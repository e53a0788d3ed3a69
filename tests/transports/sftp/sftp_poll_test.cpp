// The SFTP plugin's poll as the gateway runs it: files taken from the partner's inbox are stored
// first and removed (or archived) on the server only after the store committed them.
#include "plugin_fixture.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <thread>

namespace fs = std::filesystem;
using namespace edigate;
using edigate::test::names_in;
using edigate::test::SftpPluginRig;
using edigate::test::SshdServer;
using edigate::test::write_text;

TEST_CASE("SFTP poll stores the partner's inbox files and only then removes them on the server", "[sftp][plugin]") {
  SshdServer server;
  SftpPluginRig rig;
  const fs::path inbox = server.files() / "inbox";
  write_text(inbox / "po-1.edi", "ISA*first");
  write_text(inbox / "po-2.edi", "ISA*second");
  write_text(inbox / ".hidden.edi", "in progress by convention");
  write_text(inbox / "po-3.edi.part", "our temporary suffix");
  write_text(inbox / "notes.txt", "not matching the pattern");
  fs::create_directories(inbox / "folder.edi");  // not a regular file
  auto attributes = test::sftp_attributes(server);
  attributes["file-pattern"] = "*.edi";
  TransportEndpoint& endpoint = rig.open(attributes);

  auto taken = endpoint.poll(rig.host());
  INFO((taken ? "" : taken.error().to_string()));
  REQUIRE(taken.ok());
  CHECK(*taken == 2);
  CHECK(names_in(inbox) == std::vector<std::string>{".hidden.edi", "folder.edi", "notes.txt", "po-3.edi.part"});
  auto inputs = rig.inputs();
  REQUIRE(inputs.size() == 2);
  for (const auto& in : inputs) {
    CHECK(in.state == "received");
    CHECK(in.partner_hint == "acme-retail");
    CHECK(in.transport == "sftp:sftp");
    CHECK_THAT(in.transport_key,
               Catch::StartsWith("sftp://root@127.0.0.1:" + std::to_string(server.port()) + "/inbox/po-"));
  }
  auto first = rig.store().input_bytes(inputs[0].id);
  REQUIRE(first.ok());
  CHECK((*first == "ISA*first" || *first == "ISA*second"));
  CHECK(rig.queued() == 2);
  CHECK(endpoint.health().ok);

  // Nothing new: a second poll takes nothing and stores nothing.
  auto again = endpoint.poll(rig.host());
  REQUIRE(again.ok());
  CHECK(*again == 0);
  CHECK(rig.inputs().size() == 2);
}

TEST_CASE("SFTP poll with after-download=move archives stored files, keeping both when a name repeats",
          "[sftp][plugin]") {
  SshdServer server;
  SftpPluginRig rig;
  auto attributes = test::sftp_attributes(server);
  attributes["after-download"] = "move";
  attributes["archive"] = "archive";
  TransportEndpoint& endpoint = rig.open(attributes);
  write_text(server.files() / "archive" / "po.edi", "archived last week");
  write_text(server.files() / "inbox" / "po.edi", "ISA*this week");

  auto taken = endpoint.poll(rig.host());
  INFO((taken ? "" : taken.error().to_string()));
  REQUIRE(taken.ok());
  CHECK(*taken == 1);
  CHECK(names_in(server.files() / "inbox").empty());
  CHECK(names_in(server.files() / "archive") == std::vector<std::string>{"po.edi", "po.edi.1"});
  CHECK(test::slurp(server.files() / "archive" / "po.edi.1") == "ISA*this week");
}

TEST_CASE("SFTP after-download=move without an archive folder is refused when the endpoint opens", "[sftp][plugin]") {
  SshdServer server;
  SftpPluginRig rig;
  auto attributes = test::sftp_attributes(server);
  attributes["after-download"] = "move";
  auto config = rig.config(attributes);
  REQUIRE(config.ok());
  auto opened = rig.plugin().open(*config, rig.host());
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().code == "transport.sftp.config");
  CHECK_THAT(opened.error().message, Catch::Contains("archive"));
}

TEST_CASE("SFTP poll under backpressure (intake capacity 0) takes nothing and leaves the inbox alone",
          "[sftp][plugin]") {
  SshdServer server;
  SftpPluginRig rig(/*queue_limit=*/0);
  write_text(server.files() / "inbox" / "po.edi", "ISA*waiting");
  TransportEndpoint& endpoint = rig.open(test::sftp_attributes(server));
  REQUIRE(rig.host().intake_capacity() == 0);
  auto taken = endpoint.poll(rig.host());
  REQUIRE(taken.ok());
  CHECK(*taken == 0);
  CHECK(names_in(server.files() / "inbox") == std::vector<std::string>{"po.edi"});
  CHECK(rig.inputs().empty());
  // Not even a login: the server never saw a session.
  CHECK_THAT(server.read_log(), !Catch::Contains("Accepted publickey"));
}

TEST_CASE("SFTP poll takes at most the host's intake capacity, oldest first, and the rest waits", "[sftp][plugin]") {
  SshdServer server;
  SftpPluginRig rig(/*queue_limit=*/2);
  for (int i = 0; i < 5; ++i) {
    const fs::path f = server.files() / "inbox" / ("po-" + std::to_string(i) + ".edi");
    write_text(f, "ISA*" + std::to_string(i));
    fs::last_write_time(f, fs::file_time_type::clock::now() - std::chrono::hours(5 - i));
  }
  TransportEndpoint& endpoint = rig.open(test::sftp_attributes(server));
  auto taken = endpoint.poll(rig.host());
  REQUIRE(taken.ok());
  CHECK(*taken == 2);
  CHECK(names_in(server.files() / "inbox") == std::vector<std::string>{"po-2.edi", "po-3.edi", "po-4.edi"});
}

namespace {

// The gateway's host, killed (SIGKILL) right after the store committed the first document: the
// crash between intake and the remote delete.
class DyingHost final : public TransportHost {
 public:
  explicit DyingHost(TransportHost& inner) : inner_(inner) {}
  Result<IntakeReceipt> intake(const ReceivedDocument& doc) noexcept override {
    auto r = inner_.intake(doc);
    if (r) ::kill(::getpid(), SIGKILL);
    return r;
  }
  Result<IntakeReceipt> intake_stream(const ReceivedDocument& doc, InputStream& body,
                                      std::int64_t expected_size) noexcept override {
    auto r = inner_.intake_stream(doc, body, expected_size);
    if (r) ::kill(::getpid(), SIGKILL);
    return r;
  }
  std::size_t intake_capacity() noexcept override { return inner_.intake_capacity(); }
  Result<DocumentStatus> status(std::int64_t id) noexcept override { return inner_.status(id); }
  Result<void> settle(std::int64_t id, const SendResult& r) noexcept override { return inner_.settle(id, r); }
  void log(LogLevel l, std::string_view e, std::string_view p, std::string_view d) noexcept override {
    inner_.log(l, e, p, d);
  }
  bool stopping() const noexcept override { return inner_.stopping(); }

 private:
  TransportHost& inner_;
};

}  // namespace

TEST_CASE(
    "SFTP: a gateway killed between the store's commit and the remote delete takes the file again, "
    "recognised as a repeat",
    "[sftp][plugin][crash]") {
  SshdServer server;
  write_text(server.files() / "inbox" / "po.edi", "ISA*once");
  test::TempDir shared("sftp-crash");
  const fs::path data = shared.path / "data";
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The doomed gateway: no Catch2 assertions here, only exit codes.
    plugin_host::PluginHost plugins;
    if (!plugins.load_file(test::sftp_plugin_file())) ::_exit(10);
    auto plugin = plugins.transport("sftp");
    auto store = store::open_sqlite_store(data, {});
    if (!store) ::_exit(11);
    transport_host::GatewayTransportHost real(**store, nullptr, nullptr, 1000, {});
    DyingHost host(real);
    const fs::path file = shared.path / "partners" / "acme-retail" / "partner.xml";
    write_text(file, test::profile_with_sftp(test::sftp_attributes(server)));
    auto profile = partners::load_profile(file);
    if (!profile) ::_exit(12);
    auto config =
        transport_host::endpoint_config(**profile, (*profile)->transports.front(), nullptr, plugin->spec(), data);
    if (!config) ::_exit(13);
    auto endpoint = plugin->open(*config, host);
    if (!endpoint) ::_exit(14);
    (void)(*endpoint)->poll(host);
    ::_exit(15);  // not reached: intake succeeded and the host died
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(WTERMSIG(status) == SIGKILL);
  // Stored, but still on the server.
  CHECK(names_in(server.files() / "inbox") == std::vector<std::string>{"po.edi"});

  // The gateway restarts on the same data: the file comes again, the store says "repeat".
  plugin_host::PluginHost plugins;
  REQUIRE(plugins.load_file(test::sftp_plugin_file()).ok());
  auto plugin = plugins.transport("sftp");
  auto store = store::open_sqlite_store(data, {});
  REQUIRE(store.ok());
  transport_host::GatewayTransportHost host(**store, nullptr, nullptr, 1000, {});
  auto profile = partners::load_profile(shared.path / "partners" / "acme-retail" / "partner.xml");
  REQUIRE(profile.ok());
  auto config =
      transport_host::endpoint_config(**profile, (*profile)->transports.front(), nullptr, plugin->spec(), data);
  REQUIRE(config.ok());
  auto endpoint = plugin->open(*config, host);
  REQUIRE(endpoint.ok());
  auto taken = (*endpoint)->poll(host);
  INFO((taken ? "" : taken.error().to_string()));
  REQUIRE(taken.ok());
  CHECK(*taken == 1);
  CHECK(names_in(server.files() / "inbox").empty());  // acknowledged now

  auto first = (*store)->input(1);
  auto second = (*store)->input(2);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(first->state == "received");
  CHECK(second->state == "duplicate");
  CHECK(second->duplicate_of == first->id);
  auto queued = (*store)->queue_counts(store::WorkKind::process);
  REQUIRE(queued.ok());
  CHECK(queued->ready + queued->waiting == 1);  // processed once
}

namespace {

// The gateway's host, with the partner cutting the file short on the server after the poll listed
// it and the download opened it (a partner's job rewriting the file, a disk filling up).
class TruncatingHost final : public TransportHost {
 public:
  TruncatingHost(TransportHost& inner, fs::path file, std::uintmax_t to) : inner_(inner), file_(file), to_(to) {}
  Result<IntakeReceipt> intake(const ReceivedDocument& doc) noexcept override { return inner_.intake(doc); }
  Result<IntakeReceipt> intake_stream(const ReceivedDocument& doc, InputStream& body,
                                      std::int64_t expected_size) noexcept override {
    std::error_code ec;
    fs::resize_file(file_, to_, ec);
    truncated = !ec;
    return inner_.intake_stream(doc, body, expected_size);
  }
  std::size_t intake_capacity() noexcept override { return inner_.intake_capacity(); }
  Result<DocumentStatus> status(std::int64_t id) noexcept override { return inner_.status(id); }
  Result<void> settle(std::int64_t id, const SendResult& r) noexcept override { return inner_.settle(id, r); }
  void log(LogLevel l, std::string_view e, std::string_view p, std::string_view d) noexcept override {
    events += std::string(e) + ": " + std::string(d) + "\n";
    inner_.log(l, e, p, d);
  }
  bool stopping() const noexcept override { return inner_.stopping(); }
  bool truncated = false;
  std::string events;

 private:
  TransportHost& inner_;
  fs::path file_;
  std::uintmax_t to_;
};

}  // namespace

TEST_CASE("SFTP: a file cut short on the server while it is downloaded is not committed, and is taken whole later",
          "[sftp][plugin][stream]") {
  SshdServer server;
  SftpPluginRig rig;
  const fs::path file = server.files() / "inbox" / "catalog.edi";
  // Above the store's inline limit (1 MiB): the download streams into a temporary blob file.
  write_text(file, std::string(3u << 20, 'C'));
  TransportEndpoint& endpoint = rig.open(test::sftp_attributes(server));
  TruncatingHost host(rig.host(), file, 1536u << 10);
  auto polled = endpoint.poll(host);
  INFO(host.events);
  REQUIRE(host.truncated);
  REQUIRE(polled.ok());
  CHECK(*polled == 0);
  CHECK_THAT(host.events,
             Catch::Contains("intake.sftp.download_failed") && Catch::Contains("sftp.download.size_changed"));
  CHECK(rig.inputs().empty());  // nothing committed
  CHECK(names_in(rig.dir() / "data" / "blobs" / "incoming").empty());
  CHECK(names_in(server.files() / "inbox") == std::vector<std::string>{"catalog.edi"});  // still there

  // The file as it now is (consistent from listing to end of read) is taken at the next poll.
  auto taken = endpoint.poll(rig.host());
  INFO((taken ? "" : taken.error().to_string()));
  REQUIRE(taken.ok());
  CHECK(*taken == 1);
  auto inputs = rig.inputs();
  REQUIRE(inputs.size() == 1);
  CHECK(inputs[0].size == (1536u << 10));
  CHECK(rig.store().input_bytes(inputs[0].id).value() == std::string(1536u << 10, 'C'));
  CHECK(names_in(server.files() / "inbox").empty());
}
