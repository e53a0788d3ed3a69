// message_id: deterministic, sensitive to every part of the identity, unambiguous.
#include "canonical/message_id.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <set>
#include <vector>

using namespace edigate::canonical;

namespace {

MessageIdentity acme_850() {
  MessageIdentity id;
  id.partner_id = "acme-retail";
  id.sender_qualifier = "ZZ";
  id.sender_id = "ACMERETAIL";
  id.receiver_qualifier = "ZZ";
  id.receiver_id = "EDIGATEDEMO";
  id.interchange_control_number = "000000905";
  id.group_control_number = "905";
  id.transaction_control_number = "0001";
  id.position = 0;
  return id;
}

}  // namespace

TEST_CASE("message_id hashes the documented netstring serialisation", "[canonical][message_id]") {
  CHECK(message_id_preimage(acme_850()) ==
        "20:edigate.canonical/v1,11:acme-retail,2:ZZ,10:ACMERETAIL,2:ZZ,11:EDIGATEDEMO,"
        "9:000000905,3:905,4:0001,1:0,0:,");
  // Independent vector: python3 -c "import hashlib; print(hashlib.sha256(b'<preimage above>')
  // .hexdigest()[:32])" -- also the id in docs/canonical/examples/purchase_order.json.
  CHECK(message_id(acme_850()) == "m-76f150ef92a2196e2b27c6d09f4d4d88");
}

TEST_CASE("message_id is the same for the same input", "[canonical][message_id]") {
  const auto a = message_id(acme_850());
  const auto b = message_id(acme_850());
  CHECK(a == b);
  CHECK(is_message_id(a));
}

TEST_CASE("message_id changes when any part of the identity changes", "[canonical][message_id]") {
  const std::vector<std::function<void(MessageIdentity&)>> changes = {
      [](MessageIdentity& m) { m.partner_id = "acme-retail2"; },
      [](MessageIdentity& m) { m.sender_qualifier = "01"; },
      [](MessageIdentity& m) { m.sender_id = "ACMERETAIL2"; },
      [](MessageIdentity& m) { m.receiver_qualifier = "01"; },
      [](MessageIdentity& m) { m.receiver_id = "EDIGATEDEMO2"; },
      [](MessageIdentity& m) { m.interchange_control_number = "000000906"; },
      [](MessageIdentity& m) { m.group_control_number = "906"; },
      [](MessageIdentity& m) { m.transaction_control_number = "0002"; },
      [](MessageIdentity& m) { m.position = 1; },
      [](MessageIdentity& m) { m.discriminator = "1Z999AA10123456784"; },
  };
  std::set<std::string> ids = {message_id(acme_850())};
  for (std::size_t i = 0; i < changes.size(); ++i) {
    auto changed = acme_850();
    changes[i](changed);
    INFO("change " << i);
    CHECK(ids.insert(message_id(changed)).second);
  }
  CHECK(ids.size() == changes.size() + 1);
}

TEST_CASE("message_id does not confuse text moved between neighbouring fields", "[canonical][message_id]") {
  auto a = acme_850();
  auto b = acme_850();
  a.sender_qualifier = "ZZ";
  a.sender_id = "ACME";
  b.sender_qualifier = "ZZA";
  b.sender_id = "CME";
  CHECK(message_id(a) != message_id(b));
  auto c = acme_850();
  auto d = acme_850();
  c.group_control_number = "90";
  c.transaction_control_number = "50001";
  d.group_control_number = "905";
  d.transaction_control_number = "0001";
  CHECK(message_id(c) != message_id(d));
}

TEST_CASE("is_message_id accepts only m- and 32 lowercase hex digits", "[canonical][message_id]") {
  CHECK(is_message_id("m-76f150ef92a2196e2b27c6d09f4d4d88"));
  CHECK_FALSE(is_message_id("m-76F150EF92A2196E2B27C6D09F4D4D88"));
  CHECK_FALSE(is_message_id("m-76f150ef92a2196e2b27c6d09f4d4d8"));
  CHECK_FALSE(is_message_id("x-76f150ef92a2196e2b27c6d09f4d4d88"));
  CHECK_FALSE(is_message_id(""));
}
