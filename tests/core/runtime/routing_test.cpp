// Routing by what the format plugin says the envelope holds: sender names the partner, the
// receiver must be ours. Core knows no header layout, so a third standard routes the same way.
#include "runtime/routing.hpp"
#include "../partners/partners_test_support.hpp"
#include "partners/registry.hpp"

#include <catch2/catch.hpp>

using namespace edigate;
using test::write_text;

namespace {

std::string profile(const std::string& id, const std::string& identities, const std::string& local,
                    const std::string& standard = "x12-004010", const std::string& extra = "") {
  return "<partner xmlns=\"urn:edigate:partner:1\" id=\"" + id + "\" standard=\"" + standard + "\">\n  <name>" + id +
         "</name>\n  <identities>" + identities + "</identities>\n" +
         (local.empty() ? "" : "  <local>" + local + "</local>\n") +
         "  <documents><document type=\"850\" direction=\"inbound\" map=\"maps/850.xml\"/></documents>\n" + extra +
         "</partner>\n";
}

EnvelopeFacts x12(const std::string& sender, const std::string& receiver) {
  EnvelopeFacts f;
  f.standard = "X12";
  f.sender = {"ZZ", sender};
  f.receiver = {"ZZ", receiver};
  f.sender_field = "ISA05/ISA06";
  f.receiver_field = "ISA07/ISA08";
  return f;
}

}  // namespace

TEST_CASE("the sender names the partner and the receiver must be one of its <local> identities", "[runtime][routing]") {
  test::TempDir dir("route");
  write_text(dir.path / "acme" / "partner.xml",
             profile("acme", R"(<x12 isa-qualifier="ZZ" isa-id="ACME"/>)", R"(<x12 isa-qualifier="ZZ" isa-id="US"/>)"));
  partners::PartnerRegistry registry(dir.path);
  auto snap = registry.snapshot();
  REQUIRE(snap->errors.empty());

  auto ok = runtime::route(snap.get(), nullptr, x12("ACME", "US"), {});
  REQUIRE(ok.partner);
  CHECK(ok.partner->id == "acme");
  CHECK_FALSE(ok.receiver_problem);

  auto elsewhere = runtime::route(snap.get(), nullptr, x12("ACME", "THEM"), {});
  REQUIRE(elsewhere.partner);
  REQUIRE(elsewhere.receiver_problem);
  CHECK(elsewhere.refused());
  CHECK(elsewhere.receiver_problem->code == "route.receiver.unknown");
  CHECK(elsewhere.receiver_problem->expected == "ZZ/US");
  CHECK(elsewhere.receiver_problem->found == "ZZ/THEM");

  CHECK_FALSE(runtime::route(snap.get(), nullptr, x12("NOBODY", "US"), {}).partner);
  auto unknown = runtime::unknown_sender(x12("NOBODY", "US"), {});
  CHECK(unknown.category == ErrorCategory::configuration);
  CHECK(unknown.message.find("X12 sender ZZ/NOBODY (ISA05/ISA06)") != std::string::npos);
}

TEST_CASE(
    "without a <local> of its own, the receiver must be one of any profile's, with none anywhere it is not checked",
    "[runtime][routing]") {
  test::TempDir dir("route-global");
  write_text(dir.path / "acme" / "partner.xml", profile("acme", R"(<x12 isa-qualifier="ZZ" isa-id="ACME"/>)", ""));
  write_text(dir.path / "beta" / "partner.xml", profile("beta", R"(<x12 isa-qualifier="ZZ" isa-id="BETA"/>)",
                                                        R"(<x12 isa-qualifier="ZZ" isa-id="HUB"/>)"));
  partners::PartnerRegistry registry(dir.path);
  auto snap = registry.snapshot();
  CHECK_FALSE(runtime::route(snap.get(), nullptr, x12("ACME", "HUB"), {}).receiver_problem);
  CHECK(runtime::route(snap.get(), nullptr, x12("ACME", "OTHER"), {}).refused());

  test::TempDir lone("route-unchecked");
  write_text(lone.path / "acme" / "partner.xml", profile("acme", R"(<x12 isa-qualifier="ZZ" isa-id="ACME"/>)", ""));
  partners::PartnerRegistry alone(lone.path);
  CHECK_FALSE(runtime::route(alone.snapshot().get(), nullptr, x12("ACME", "ANYONE"), {}).receiver_problem);
}

TEST_CASE("a forced partner is taken as given", "[runtime][routing]") {
  test::TempDir dir("route-forced");
  write_text(dir.path / "acme" / "partner.xml",
             profile("acme", R"(<x12 isa-qualifier="ZZ" isa-id="ACME"/>)", R"(<x12 isa-qualifier="ZZ" isa-id="US"/>)"));
  partners::PartnerRegistry registry(dir.path);
  auto snap = registry.snapshot();
  auto r = runtime::route(snap.get(), snap->find("acme"), x12("SOMEBODY", "ELSE"), {});
  REQUIRE(r.partner);
  CHECK(r.partner->id == "acme");
  CHECK_FALSE(r.receiver_problem);
}

TEST_CASE("a standard core knows nothing about routes through <identity standard=...>", "[runtime][routing]") {
  test::TempDir dir("route-third");
  // An X12 profile that also receives a third plugin's format: identities are generic.
  write_text(
      dir.path / "acme" / "partner.xml",
      profile("acme", R"(<x12 isa-qualifier="ZZ" isa-id="ACME"/><identity standard="tradacoms" id="5012345678900"/>)",
              R"(<identity standard="TRADACOMS" qualifier="X" id="5098765432109"/>)"));
  partners::PartnerRegistry registry(dir.path);
  auto snap = registry.snapshot();
  REQUIRE(snap->errors.empty());
  EnvelopeFacts f;
  f.standard = "TRADACOMS";
  f.sender = {"any", "5012345678900"};  // declared without a qualifier: any qualifier matches
  f.receiver = {"X", "5098765432109"};
  auto r = runtime::route(snap.get(), nullptr, f, {});
  REQUIRE(r.partner);
  CHECK(r.partner->id == "acme");
  CHECK_FALSE(r.receiver_problem);
  f.receiver = {"Y", "5098765432109"};  // declared with qualifier X: Y is somebody else
  CHECK(runtime::route(snap.get(), nullptr, f, {}).refused());
}
