// `partners new --role`: every role and standard either scaffolds a profile that `partners check`
// passes with the shipped base maps, or is refused up front; partner ids are accepted exactly
// when partner.xsd accepts them.
#include "partners/scaffold.hpp"
#include "cli/commands.hpp"
#include "partners/profile_loader.hpp"
#include "partners/profile_rules.hpp"
#include "partners_cli_run.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace edigate;
using test::run_partners;

namespace {

const std::string kMaps = std::string(EDIGATE_SOURCE_DIR) + "/maps";

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("partners new: each role and standard scaffolds a profile partners check passes, or says why not",
          "[partners][cli][scaffold]") {
  const std::vector<std::string> standards{"x12-004010", "x12-005010", "edifact-d96a", "edifact-d01b", "json"};
  for (const auto& standard : standards) {
    for (auto role : partners::all_roles()) {
      const std::string role_key = partners::to_string(role);
      DYNAMIC_SECTION(standard << " " << role_key) {
        test::TempDir dir("scaffold-role");
        const auto pdir = (dir.path / "partners").string();
        // JSON partners are named after their carrier (ups-...); others get a plain id.
        const std::string id = standard == "json" ? "ups-" + role_key : "newco-" + role_key;
        auto made =
            run_partners({"new", id, "--standard", standard, "--role", role_key, "--partners", pdir, "--maps", kMaps});
        const auto s = *partners::parse_standard(standard);
        const auto documents = partners::role_documents(s, role);
        if (documents.empty()) {
          INFO(made.err);
          CHECK(made.status == cli::kExitUsage);
          CHECK(has(made.err, "no base maps for a " + role_key + " in " + standard));
          CHECK(has(made.err, "[partner.role.unsupported]"));
          CHECK_FALSE(std::filesystem::exists(dir.path / "partners" / id));
        } else {
          INFO(made.err);
          REQUIRE(made.status == cli::kExitOk);
          auto loaded = partners::load_profile(dir.path / "partners" / id / "partner.xml");
          REQUIRE(loaded.ok());
          REQUIRE((*loaded)->documents.size() == documents.size());
          for (std::size_t i = 0; i < documents.size(); ++i) {
            CHECK((*loaded)->documents[i].type == documents[i].type);
            CHECK((*loaded)->documents[i].direction == documents[i].direction);
          }
          auto check = run_partners({"check", id, "--partners", pdir, "--maps", kMaps});
          INFO(check.out << check.err);
          CHECK(check.status == cli::kExitOk);
          CHECK(has(check.out, "1 profile(s) loaded, 0 problem(s), 0 sample(s) failed"));
        }
      }
    }
  }
}

TEST_CASE("partners new: roles choose the direction of each document", "[partners][scaffold]") {
  const auto x12 = *partners::parse_standard("x12-004010");
  const auto edifact = *partners::parse_standard("edifact-d96a");
  auto directions = [](const std::vector<partners::DocumentType>& docs) {
    std::string text;
    for (const auto& d : docs) text += d.type + ":" + partners::to_string(d.direction) + " ";
    return text;
  };
  CHECK(directions(partners::role_documents(x12, partners::Role::buyer)) ==
        "850:inbound 855:outbound 856:outbound 810:outbound ");
  CHECK(directions(partners::role_documents(x12, partners::Role::supplier)) ==
        "850:outbound 855:inbound 856:inbound 810:inbound ");
  CHECK(directions(partners::role_documents(x12, partners::Role::carrier)) == "214:inbound ");
  CHECK(directions(partners::role_documents(x12, partners::Role::warehouse)) == "940:outbound 945:inbound ");
  CHECK(directions(partners::role_documents(x12, partners::Role::logistics_provider)) ==
        "940:outbound 945:inbound 214:inbound ");
  CHECK(directions(partners::role_documents(edifact, partners::Role::supplier)) ==
        "ORDERS:outbound ORDRSP:inbound DESADV:inbound INVOIC:inbound ");
  CHECK(directions(partners::role_documents(edifact, partners::Role::carrier)) == "IFTSTA:inbound ");
  CHECK(partners::role_documents(edifact, partners::Role::warehouse).empty());

  // No --role: a buyer (a carrier for JSON), as before roles existed.
  test::TempDir dir("scaffold-default");
  REQUIRE(run_partners({"new", "shop", "--standard", "x12-004010", "--partners", dir.path.string()}).status ==
          cli::kExitOk);
  auto loaded = partners::load_profile(dir.path / "shop" / "partner.xml");
  REQUIRE(loaded.ok());
  CHECK(directions((*loaded)->documents) == "850:inbound 855:outbound 856:outbound 810:outbound ");

  auto bad =
      run_partners({"new", "shop2", "--standard", "x12-004010", "--role", "retailer", "--partners", dir.path.string()});
  CHECK(bad.status == cli::kExitUsage);
  CHECK(has(bad.err, "unknown role: expected buyer|supplier|carrier|warehouse|logistics-provider, found \"retailer\""));
  CHECK_FALSE(std::filesystem::exists(dir.path / "shop2"));
}

TEST_CASE("partners new: an id is accepted exactly when partner.xsd accepts the profile it gives",
          "[partners][scaffold]") {
  const std::string max_id(64, 'a');
  struct Case {
    std::string id;
    bool valid;
  };
  const std::vector<Case> cases{
      {"q", true},    {"0", true},    {"9", true},    {"z", true},         {"a-", true},
      {"a_", true},   {"q-_", true},  {"0-0", true},  {max_id, true},      {max_id + "a", false},
      {"", false},    {"-a", false},  {"_a", false},  {"A", false},        {"aB", false},
      {"a.b", false}, {"a b", false}, {"a/b", false}, {"\xc3\xa9", false}, {"a\xc3\xa9", false},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION("id '" << c.id << "'") {
      CHECK(partners::valid_partner_id(c.id) == c.valid);
      // The XSD's verdict on the very profile the scaffold would write, for every standard.
      for (const char* standard : {"x12-004010", "x12-005010", "edifact-d96a", "edifact-d01b", "json"}) {
        INFO(standard);
        const auto s = *partners::parse_standard(standard);
        auto loaded = partners::load_profile_from_memory(partners::scaffold_profile_xml(c.id, s),
                                                         std::filesystem::path("p") / "partner.xml");
        INFO((loaded.ok() ? std::string("loaded") : loaded.error().to_string()));
        CHECK(loaded.ok() == c.valid);
      }
      test::TempDir dir("scaffold-id");
      auto made = run_partners({"new", c.id, "--standard", "x12-004010", "--partners", dir.path.string()});
      INFO(made.err);
      CHECK(made.status == (c.valid ? cli::kExitOk : cli::kExitUsage));
      if (c.valid) {
        auto loaded = partners::load_profile(dir.path / c.id / "partner.xml");
        INFO((loaded.ok() ? std::string() : loaded.error().to_string()));
        CHECK(loaded.ok());
      }
    }
  }
}

TEST_CASE("partners new q: a one-character id gets identities its X12 profile accepts", "[partners][scaffold]") {
  const auto s = *partners::parse_standard("x12-004010");
  const std::string xml = partners::scaffold_profile_xml("q", s);
  CHECK(has(xml, R"(isa-id="Q" gs-id="QQ")"));  // GS02 is 2 to 15 characters
  auto loaded = partners::load_profile_from_memory(xml, std::filesystem::path("q") / "partner.xml");
  INFO((loaded.ok() ? std::string() : loaded.error().to_string()));
  REQUIRE(loaded.ok());
  CHECK((*loaded)->identities.x12.at(0).gs_id == "QQ");
}
