// Canonical JSON handed in by a transport (ReceivedDocument::content "canonical:<type>", the
// supplier API's JSON documents): checked against its schema at intake (refused naming the field,
// nothing stored), stored with its content kind, then turned by the process stage into one routed
// message without translation, its id derived from partner and bytes.
#include "canonical/message_id.hpp"
#include "io/sha256.hpp"
#include "pipeline/process_stage.hpp"
#include "stage_harness.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "temp_dir.hpp"

using namespace edigate;

namespace {

struct Harness : test::StageHarness {
  Result<IntakeReceipt> submit(const std::string& remote_id, const std::string& json,
                               const std::string& type = "purchase_order") {
    return transports->host().intake(
        {"acme-retail", "http-api", remote_id, remote_id + ".json", json, "canonical:" + type});
  }

  std::int64_t inputs() { return store->check().value().inputs; }
};

/// The published example purchase order as a supplier would send it: without the envelope
/// members the gateway owns (message id, direction, source).
Poco::JSON::Object::Ptr supplier_po() {
  std::ifstream in(std::filesystem::path(EDIGATE_SOURCE_DIR) / "docs" / "canonical" / "examples" /
                   "purchase_order.json");
  std::ostringstream text;
  text << in.rdbuf();
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
  auto po = parser.parse(text.str()).extract<Poco::JSON::Object::Ptr>();
  po->remove("message_id");
  po->remove("direction");
  po->remove("source");
  return po;
}

std::string text_of(const Poco::JSON::Object::Ptr& o) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(o, out);
  return out.str();
}

}  // namespace

TEST_CASE("canonical JSON from a transport becomes one routed message, its id derived from partner and bytes",
          "[pipeline][canonical]") {
  Harness h;
  const std::string json = text_of(supplier_po());
  auto receipt = h.submit("req-1", json);
  REQUIRE(receipt.ok());
  const auto id = receipt.value().input_id;
  CHECK(h.store->input(id).value().content == "canonical:purchase_order");
  CHECK(h.store->input_bytes(id).value() == json);  // kept as received

  CHECK(h.drain_inputs() == 1);
  CHECK(h.store->input(id).value().state == "processed");
  auto messages = h.store->messages({}).value();
  REQUIRE(messages.size() == 1);
  const auto& m = messages[0];
  canonical::MessageIdentity identity;
  identity.partner_id = "acme-retail";
  identity.discriminator = "canonical:" + io::sha256_hex(json);
  CHECK(m.id == canonical::message_id(identity));
  CHECK(m.type == "purchase_order");
  CHECK(m.partner == "acme-retail");
  CHECK(m.direction == "inbound");
  CHECK(m.status == "routed");
  CHECK(m.input_id == id);
  CHECK(m.correlation_id == "4500012345");
  auto keys = h.store->correlation_keys(m.id).value();
  REQUIRE_FALSE(keys.empty());
  CHECK(keys[0].kind == "po_number");
  // The envelope the gateway owns, first and in the published order.
  CHECK(
      m.body.rfind(
          R"({"schema":"edigate.canonical/v1","type":"purchase_order","message_id":")" + m.id +
              R"(","partner_id":"acme-retail","direction":"inbound","source":{"standard":"json","file":"req-1.json"})",
          0) == 0);
  auto work = h.store->work_for(m.id).value();
  REQUIRE_FALSE(work.empty());
  CHECK(work[0].kind == store::WorkKind::deliver);
  CHECK(work[0].target == "erp");

  // The same bytes again under another request: the same message, not a second one.
  REQUIRE(h.submit("req-2", json).ok());
  h.drain_inputs();
  CHECK(h.store->messages({}).value().size() == 1);

  // Without correlation keys the message still has the member, as translated messages do.
  auto bare = supplier_po();
  bare->remove("correlation");
  REQUIRE(h.submit("req-3", text_of(bare)).ok());
  h.drain_inputs();
  auto all = h.store->messages({}).value();
  REQUIRE(all.size() == 2);
  bool shaped = false;
  for (const auto& x : all)
    shaped = shaped ||
             x.body.find(R"("source":{"standard":"json","file":"req-3.json"},"correlation":{},)") != std::string::npos;
  CHECK(shaped);
}

TEST_CASE("canonical JSON that fails its schema is refused at intake naming the field, and nothing is stored",
          "[pipeline][canonical]") {
  Harness h;
  auto wrong_type = supplier_po();
  wrong_type->set("po_number", 4500012345);  // a number where the schema wants text
  auto refused = h.submit("req-1", text_of(wrong_type));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().category == ErrorCategory::invalid_input);
  CHECK(refused.error().code == "canonical.schema.invalid");
  CHECK(refused.error().position.element_ref == "/po_number");
  CHECK_THAT(refused.error().message, Catch::StartsWith("/po_number: "));

  auto unknown = supplier_po();
  unknown->set("po_numbr", "1");
  auto misspelt = h.submit("req-2", text_of(unknown));
  REQUIRE_FALSE(misspelt.ok());
  CHECK_THAT(misspelt.error().message, Catch::Contains("po_numbr"));

  auto other = supplier_po();
  other->set("partner_id", "globex");  // another partner's name in the document
  auto impostor = h.submit("req-3", text_of(other));
  REQUIRE_FALSE(impostor.ok());
  CHECK(impostor.error().position.element_ref == "/partner_id");

  auto mismatch = h.submit("req-4", text_of(supplier_po()), "invoice");
  REQUIRE_FALSE(mismatch.ok());
  CHECK(mismatch.error().position.element_ref == "/type");

  auto not_json = h.submit("req-5", "{\"schema\": ");
  REQUIRE_FALSE(not_json.ok());
  CHECK(not_json.error().code == "canonical.json.invalid");

  auto no_schema = supplier_po();
  no_schema->remove("schema");
  auto bare = h.submit("req-6", text_of(no_schema));
  REQUIRE_FALSE(bare.ok());
  CHECK(bare.error().position.element_ref == "/schema");

  auto unknown_type = h.submit("req-7", text_of(supplier_po()), "purchase_orders");
  REQUIRE_FALSE(unknown_type.ok());
  CHECK(unknown_type.error().code == "canonical.content.type");

  CHECK(h.inputs() == 0);
  CHECK(h.drain_inputs() == 0);
}
