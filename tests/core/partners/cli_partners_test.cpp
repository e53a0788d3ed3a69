// `edigate partners list|check|new` through the command function the binary calls.
#include "cli/commands.hpp"
#include "corpus.hpp"
#include "partners/profile_loader.hpp"
#include "partners/profile_rules.hpp"
#include "partners/scaffold.hpp"
#include "partners_cli_run.hpp"
#include "partners_test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

using namespace edigate;
using test::run_partners;
using test::write_text;

namespace {

/// Empty files at every base map a scaffolded profile references: they exist but do not load.
void stub_base_maps(const std::filesystem::path& maps, const std::string& standard) {
  auto s = *partners::parse_standard(standard);
  for (const auto& d : partners::default_documents(s))
    write_text(maps / partners::base_map_reference(s, d.type, d.direction), "");
}

}  // namespace

TEST_CASE("partners new scaffolds a profile that passes partners check", "[partners][cli]") {
  for (std::string standard : {"x12-004010", "x12-005010", "edifact-d96a", "edifact-d01b"}) {
    DYNAMIC_SECTION(standard) {
      test::TempDir dir("cli-new");
      const auto pdir = (dir.path / "partners").string(), mdir = (dir.path / "maps").string();
      auto made = run_partners({"new", "newco", "--standard", standard, "--partners", pdir});
      INFO(made.err);
      REQUIRE(made.status == cli::kExitOk);
      CHECK(std::filesystem::is_directory(dir.path / "partners" / "newco" / "maps"));
      CHECK(std::filesystem::is_directory(dir.path / "partners" / "newco" / "samples"));
      auto loaded = partners::load_profile(dir.path / "partners" / "newco" / "partner.xml");
      REQUIRE(loaded.ok());
      CHECK((*loaded)->standard.key == standard);
      CHECK((*loaded)->documents.size() == 4);

      // Without the base maps the check fails, naming each missing map at its <document> line.
      auto missing = run_partners({"check", "--partners", pdir, "--maps", mdir});
      CHECK(missing.status == cli::kExitInvalid);
      // The first <document> line of the scaffold: the position points at it, not at the profile.
      const auto xml = edigate::test::read_file(dir.path / "partners" / "newco" / "partner.xml");
      const auto first_document = 1 + std::count(xml.begin(), xml.begin() + xml.find("<document "), '\n');
      CHECK(missing.err.find("partner.xml:" + std::to_string(first_document) + ": map file for") != std::string::npos);
      CHECK(missing.out.find("1 profile(s) loaded, 4 problem(s)") != std::string::npos);

      // Files that exist but are no maps: each is loaded, and its XML error is reported.
      stub_base_maps(dir.path / "maps", standard);
      auto broken = run_partners({"check", "newco", "--partners", pdir, "--maps", mdir});
      CHECK(broken.status == cli::kExitInvalid);
      CHECK(broken.err.find("does not load") != std::string::npos);
      CHECK(broken.err.find("[mapping.file.invalid]") != std::string::npos);
      CHECK(broken.out.find("1 profile(s) loaded, 4 problem(s)") != std::string::npos);

      // The shipped base maps load and fit the scaffolded documents.
      auto ok =
          run_partners({"check", "newco", "--partners", pdir, "--maps", std::string(EDIGATE_SOURCE_DIR) + "/maps"});
      INFO(ok.err);
      CHECK(ok.status == cli::kExitOk);
      CHECK(ok.out.find("1 profile(s) loaded, 0 problem(s), 0 sample(s) failed") != std::string::npos);
    }
  }
}

TEST_CASE("partners new --standard json scaffolds a carrier API partner named after its carrier", "[partners][cli]") {
  test::TempDir dir("cli-new-json");
  const auto pdir = (dir.path / "partners").string();
  const std::string maps = std::string(EDIGATE_SOURCE_DIR) + "/maps";
  REQUIRE(run_partners({"new", "ups-api", "--standard", "json", "--partners", pdir}).status == cli::kExitOk);
  auto loaded = partners::load_profile(dir.path / "partners" / "ups-api" / "partner.xml");
  REQUIRE(loaded.ok());
  CHECK((*loaded)->standard.family == partners::Family::json);
  REQUIRE((*loaded)->documents.size() == 1);
  CHECK((*loaded)->documents[0].type == "tracking");
  CHECK((*loaded)->documents[0].map == "base/json/ups.tracking.inbound.xml");
  auto ok = run_partners({"check", "ups-api", "--partners", pdir, "--maps", maps});
  INFO(ok.err);
  CHECK(ok.status == cli::kExitOk);

  // A carrier without a base map: refused up front, naming the carriers that have one.
  auto missing = run_partners({"new", "acmeship", "--standard", "json", "--partners", pdir, "--maps", maps});
  CHECK(missing.status == cli::kExitUsage);
  CHECK(missing.err.find("no tracking base map for carrier 'acmeship'") != std::string::npos);
  CHECK(missing.err.find("expected one of: dhl, fedex, ups") != std::string::npos);
  CHECK(missing.err.find("[partner.base_map.missing]") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.path / "partners" / "acmeship"));
}

TEST_CASE("partners new refuses an existing folder, a bad id and a bad standard", "[partners][cli]") {
  test::TempDir dir("cli-refuse");
  const auto pdir = dir.path.string();
  REQUIRE(run_partners({"new", "acme", "--standard", "x12-004010", "--partners", pdir}).status == cli::kExitOk);
  auto again = run_partners({"new", "acme", "--standard", "x12-004010", "--partners", pdir});
  CHECK(again.status == cli::kExitUsage);
  CHECK(again.err.find("exists already") != std::string::npos);
  CHECK(run_partners({"new", "Bad Id", "--standard", "x12-004010", "--partners", pdir}).status == cli::kExitUsage);
  CHECK(run_partners({"new", "x", "--standard", "x12-003040", "--partners", pdir}).status == cli::kExitUsage);
  CHECK(run_partners({"new", "x", "--partners", pdir}).status == cli::kExitUsage);
  CHECK_FALSE(std::filesystem::exists(dir.path / "x"));
}

TEST_CASE("partners list shows id, standard, identities and documents, exit 1 with a broken profile",
          "[partners][cli]") {
  test::TempDir dir("cli-list");
  write_text(dir.path / "acme" / "partner.xml", test::x12_profile("acme", "ACMERETAIL"));
  auto good = run_partners({"list", "--partners", dir.path.string()});
  CHECK(good.status == cli::kExitOk);
  CHECK(good.out.find("acme") != std::string::npos);
  CHECK(good.out.find("x12-004010") != std::string::npos);
  CHECK(good.out.find("ZZ/ACMERETAIL") != std::string::npos);
  CHECK(good.out.find("in:850") != std::string::npos);

  write_text(dir.path / "bad" / "partner.xml", "<partner>");
  auto broken = run_partners({"list", "--partners", dir.path.string()});
  CHECK(broken.status == cli::kExitInvalid);
  CHECK(broken.out.find("acme") != std::string::npos);  // the good one is still listed
  CHECK(broken.err.find((dir.path / "bad" / "partner.xml").string() + ":1:") != std::string::npos);

  // check ID looks at that partner only
  CHECK(run_partners({"check", "bad", "--partners", dir.path.string()}).status == cli::kExitInvalid);
  CHECK(run_partners({"check", "nobody", "--partners", dir.path.string()}).status == cli::kExitUsage);
}

TEST_CASE("partners: usage errors, --help, --version and a missing folder", "[partners][cli]") {
  CHECK(run_partners({}).status == cli::kExitUsage);
  CHECK(run_partners({"frobnicate"}).status == cli::kExitUsage);
  CHECK(run_partners({"list", "--bogus"}).status == cli::kExitUsage);
  auto help = run_partners({"--help"});
  CHECK(help.status == cli::kExitOk);
  CHECK(help.out.find("usage: edigate partners list") != std::string::npos);
  auto version = run_partners({"check", "--version"});
  CHECK(version.status == cli::kExitOk);
  CHECK(version.out.rfind("edigate ", 0) == 0);
  CHECK(run_partners({"list", "--partners", "/nonexistent/partners"}).status == cli::kExitUsage);
  CHECK(run_partners({"check", "--partners", "/nonexistent/partners"}).status == cli::kExitUsage);
}

TEST_CASE("partners check accepts two inbound ORDRSP maps told apart by a selector and names two without one",
          "[partners][cli][selector]") {
  test::TempDir dir("cli-selector");
  const auto pdir = (dir.path / "partners").string();
  const std::string maps = std::string(EDIGATE_SOURCE_DIR) + "/maps";
  auto profile = [&](const std::string& second) {
    write_text(dir.path / "partners" / "dutchjuice" / "partner.xml",
               "<partner xmlns=\"urn:edigate:partner:1\" id=\"dutchjuice\" standard=\"edifact-d96a\">\n"
               "  <name>Dutch Juice</name>\n"
               "  <identities><edifact unb-id=\"8712345000004\" unb-qualifier=\"14\"/></identities>\n"
               "  <documents>\n"
               "    <document type=\"ORDRSP\" direction=\"inbound\" map=\"base/edifact/D96A/ORDRSP.inbound.xml\"/>\n"
               "    <document type=\"ORDRSP\" direction=\"inbound\" map=\"" +
                   second + "\"/>\n  </documents>\n</partner>\n");
  };
  profile("base/edifact/D96A/ORDRSP.change.inbound.xml");
  auto both = run_partners({"check", "--partners", pdir, "--maps", maps});
  INFO(both.err);
  CHECK(both.status == cli::kExitOk);
  write_text(dir.path / "partners" / "dutchjuice" / "maps" / "ORDRSP.xml",
             "<map id=\"dutchjuice-ordrsp\" extends=\"edifact-d96a-ordrsp-inbound\" direction=\"inbound\"/>\n");
  profile("maps/ORDRSP.xml");
  auto two = run_partners({"check", "--partners", pdir, "--maps", maps});
  CHECK(two.status == cli::kExitInvalid);
  CHECK(two.err.find("translate.document.ambiguous") != std::string::npos);
  CHECK(two.err.find("partner.xml:6") != std::string::npos);  // the second <document>
}
