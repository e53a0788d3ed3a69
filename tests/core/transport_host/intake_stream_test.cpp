// TransportHost::intake_stream as transports meet it: the gateway's host streams a reader into the
// store (nothing stored when the reader fails or the length is not the announced one), and a host
// that does not stream (the SDK's default) still honours the same contract.
#include "store/store.hpp"
#include "transport_host/gateway_transport_host.hpp"

#include <catch2/catch.hpp>

#include <edigate/transport_plugin.hpp>

#include <filesystem>

#include "open_store.hpp"
#include "temp_dir.hpp"

using namespace edigate;
namespace fs = std::filesystem;

namespace {

/// `size` bytes of 'Z', in reads of at most 100,000; a transient error after `fail_after` bytes.
class Body final : public InputStream {
 public:
  explicit Body(std::uint64_t size, std::uint64_t fail_after = UINT64_MAX) : size_(size), fail_after_(fail_after) {}
  Result<std::size_t> read(char* buf, std::size_t n) noexcept override {
    if (pos_ >= fail_after_) return Error("test.dropped", "connection dropped").as(ErrorCategory::transient);
    const auto k = static_cast<std::size_t>(std::min<std::uint64_t>({n, 100000, size_ - pos_, fail_after_ - pos_}));
    std::fill(buf, buf + k, 'Z');
    pos_ += k;
    return k;
  }
  const std::string& name() const noexcept override { return name_; }

 private:
  std::uint64_t size_, fail_after_, pos_ = 0;
  std::string name_ = "body";
};

ReceivedDocument doc(const std::string& name) { return {"acme", "test:main", "inbox/" + name, name, "", ""}; }

/// A host with only the pure virtuals: intake_stream is the SDK's default.
class PlainHost final : public TransportHost {
 public:
  Result<IntakeReceipt> intake(const ReceivedDocument& d) noexcept override {
    received.push_back(d.bytes.size());
    return IntakeReceipt{static_cast<std::int64_t>(received.size()), false, 0};
  }
  std::size_t intake_capacity() noexcept override { return 1; }
  Result<DocumentStatus> status(std::int64_t) noexcept override { return Error("x", "unused"); }
  Result<void> settle(std::int64_t, const SendResult&) noexcept override { return {}; }
  void log(LogLevel, std::string_view, std::string_view, std::string_view) noexcept override {}
  bool stopping() const noexcept override { return false; }
  std::vector<std::size_t> received;
};

}  // namespace

TEST_CASE("is_acknowledgement names exactly 997, 999, TA1 and CONTRL", "[transport_host][sdk]") {
  for (const char* ack : {"997", "999", "TA1", "CONTRL"}) CHECK(is_acknowledgement(ack));
  for (const char* other : {"850", "856", "855", "ORDERS", "DESADV", "APERAK", "", "997 ", "ta1"})
    CHECK_FALSE(is_acknowledgement(other));
}

TEST_CASE("the gateway's host streams a document into the store and wakes a worker once it is committed",
          "[transport_host][stream]") {
  test::TempDir dir("intake-stream");
  auto store = test::open_store(dir.path / "data");
  int woken = 0;
  transport_host::GatewayTransportHost host(*store, nullptr, nullptr, 100, [&] { ++woken; });
  Body body(3u << 20);
  auto receipt = host.intake_stream(doc("big.edi"), body, 3 << 20);
  INFO((receipt ? "" : receipt.error().to_string()));
  REQUIRE(receipt.ok());
  CHECK_FALSE(receipt->duplicate);
  CHECK(woken == 1);
  const auto input = store->input(receipt->input_id).value();
  CHECK(input.size == (3u << 20));
  CHECK(input.transport == "test:main");
  CHECK(input.partner_hint == "acme");
  CHECK(fs::exists(dir.path / "data/blobs" / input.sha256.substr(0, 2) / input.sha256));

  Body again(3u << 20);
  auto repeat = host.intake_stream(doc("big.edi"), again, -1);
  REQUIRE(repeat.ok());
  CHECK(repeat->duplicate);
  CHECK(repeat->duplicate_of == receipt->input_id);
  CHECK(woken == 1);  // nothing new to process
}

TEST_CASE("the gateway's host stores nothing from a reader that fails or ends at another length",
          "[transport_host][stream]") {
  test::TempDir dir("intake-stream");
  auto store = test::open_store(dir.path / "data");
  transport_host::GatewayTransportHost host(*store, nullptr, nullptr, 100, {});
  Body dropped(5u << 20, 2u << 20);
  auto failed = host.intake_stream(doc("dropped.edi"), dropped, 5 << 20);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().code == "test.dropped");
  Body cut(2u << 20);
  auto short_read = host.intake_stream(doc("cut.edi"), cut, 5 << 20);
  REQUIRE_FALSE(short_read.ok());
  CHECK(short_read.error().code == "store.input.size_mismatch");
  CHECK(short_read.error().category == ErrorCategory::transient);
  CHECK_FALSE(store->input(1).ok());
  CHECK(store->queue_counts(store::WorkKind::process).value().ready == 0);
}

TEST_CASE("a host without its own intake_stream reads the body whole into intake, refusing another length",
          "[transport_host][stream]") {
  PlainHost host;
  Body body(150000);
  auto taken = host.intake_stream(doc("a.edi"), body, 150000);
  REQUIRE(taken.ok());
  CHECK(host.received == std::vector<std::size_t>{150000});
  Body cut(1000);
  auto refused = host.intake_stream(doc("b.edi"), cut, 2000);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "transport.intake.size_mismatch");
  Body dropped(5000, 10);
  CHECK(host.intake_stream(doc("c.edi"), dropped, -1).error().code == "test.dropped");
  CHECK(host.received.size() == 1);
}
