// The registry over a folder of profiles: lookup for inbound routing, duplicates, hot reload.
#include "partners/registry.hpp"
#include "partners_test_support.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace edigate;
using namespace edigate::partners;
using test::write_text;
using test::x12_profile;

namespace {

const std::string kEdifact = R"(<partner xmlns="urn:edigate:partner:1" id="eu" standard="edifact-d96a">
  <name>EU Buyer</name>
  <identities><edifact unb-id="5412345000013" unb-qualifier="14"/><edifact unb-id="EUBUY"/><as2 id="EU-AS2"/></identities>
  <documents><document type="ORDERS" direction="inbound" map="maps/orders.xml"/></documents>
</partner>)";

/// Rewrites a file so that its size or mtime is sure to differ from the previous version.
void rewrite(const std::filesystem::path& p, const std::string& text) {
  auto before = std::filesystem::last_write_time(p);
  write_text(p, text);
  std::filesystem::last_write_time(p, before + std::chrono::seconds(2));
}

bool has_error(const std::vector<Error>& errors, const std::string& code, const std::string& text = "") {
  for (const auto& e : errors)
    if (e.code == code && e.to_string().find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("registry finds partners by id and by interchange identity", "[partners][registry]") {
  test::TempDir dir("lookup");
  write_text(dir.path / "acme" / "partner.xml", x12_profile("acme", "ACMERETAIL"));
  write_text(dir.path / "eu" / "partner.xml", kEdifact);
  std::filesystem::create_directories(dir.path / "not-a-partner");  // no partner.xml: ignored
  PartnerRegistry registry(dir.path);
  auto snap = registry.snapshot();
  CHECK(snap->errors.empty());
  REQUIRE(snap->by_id.size() == 2);
  CHECK(registry.find("acme")->name == "Test partner");
  CHECK(registry.find("nobody") == nullptr);
  // ISA06 arrives padded to 15 characters
  REQUIRE(snap->find_x12("ZZ", "ACMERETAIL     ") != nullptr);
  CHECK(snap->find_x12("ZZ", "ACMERETAIL     ")->id == "acme");
  CHECK(snap->find_x12("01", "ACMERETAIL") == nullptr);  // the qualifier is part of the identity
  CHECK(snap->find_edifact("5412345000013", "14")->id == "eu");
  CHECK(snap->find_edifact("5412345000013", "ZZZ") == nullptr);
  CHECK(snap->find_edifact("EUBUY", "ZZZ")->id == "eu");  // profile gave no qualifier: any matches
  CHECK(snap->find_edifact("EUBUY", "")->id == "eu");
  CHECK(snap->find_as2("EU-AS2")->id == "eu");
}

TEST_CASE("a broken profile is reported with its position and the others still load", "[partners][registry]") {
  test::TempDir dir("broken");
  write_text(dir.path / "acme" / "partner.xml", x12_profile("acme", "ACME"));
  write_text(dir.path / "bad" / "partner.xml", x12_profile("bad", "BAD", "  <surprise/>\n"));
  PartnerRegistry registry(dir.path);
  auto snap = registry.snapshot();
  CHECK(snap->by_id.size() == 1);
  REQUIRE(snap->errors.size() == 1);
  CHECK(snap->errors[0].code == "partner.file.invalid");
  CHECK(snap->errors[0].position.file == (dir.path / "bad" / "partner.xml").string());
  CHECK(snap->errors[0].position.line == 6);
}

TEST_CASE("a profile id must match its folder", "[partners][registry]") {
  test::TempDir dir("idfolder");
  write_text(dir.path / "acme" / "partner.xml", x12_profile("acme", "ACME"));
  write_text(dir.path / "copy" / "partner.xml", x12_profile("acme", "OTHER"));  // copied folder, id not changed
  PartnerRegistry registry(dir.path);
  auto snap = registry.snapshot();
  CHECK(snap->by_id.size() == 1);
  CHECK(snap->find_x12("ZZ", "OTHER") == nullptr);
  REQUIRE(snap->errors.size() == 1);
  CHECK(snap->errors[0].expected == "copy");
  CHECK(snap->errors[0].found == "acme");
}

TEST_CASE("two profiles claiming one interchange identity: both are refused, each with an error",
          "[partners][registry]") {
  test::TempDir dir("dup");
  write_text(dir.path / "a" / "partner.xml", x12_profile("a", "SAME"));
  write_text(dir.path / "b" / "partner.xml", x12_profile("b", "SAME"));
  write_text(dir.path / "c" / "partner.xml", x12_profile("c", "OTHER"));
  PartnerRegistry registry(dir.path);
  auto snap = registry.snapshot();
  CHECK(snap->by_id.count("a") == 0);
  CHECK(snap->by_id.count("b") == 0);
  CHECK(snap->find_x12("ZZ", "SAME") == nullptr);
  CHECK(snap->find_x12("ZZ", "OTHER")->id == "c");  // the others still load
  CHECK(has_error(snap->errors, "partner.duplicate_identity", "claimed by partner 'a' and by 'b'"));
  CHECK(has_error(snap->errors, "partner.duplicate_identity", "claimed by partner 'b' and by 'a'"));
}

TEST_CASE("a newcomer claiming a serving partner's identity is refused and the serving one is told",
          "[partners][registry][reload]") {
  test::TempDir dir("dup-reload");
  write_text(dir.path / "a" / "partner.xml", x12_profile("a", "SAME"));
  PartnerRegistry registry(dir.path);
  write_text(dir.path / "b" / "partner.xml", x12_profile("b", "SAME"));
  auto report = registry.refresh();
  auto snap = registry.snapshot();
  CHECK(snap->find_x12("ZZ", "SAME")->id == "a");  // a live gateway keeps routing to the partner it had
  CHECK(snap->by_id.count("b") == 0);
  CHECK(has_error(report.errors, "partner.duplicate_identity", "X12 identity ZZ/SAME already belongs to partner 'a'"));
  CHECK(
      has_error(report.errors, "partner.duplicate_identity", "also claimed by partner 'b', whose profile is refused"));
}

TEST_CASE("an edited profile cannot take a serving partner's identity", "[partners][registry][reload]") {
  test::TempDir dir("steal");
  write_text(dir.path / "a" / "partner.xml", x12_profile("a", "AAA"));
  write_text(dir.path / "b" / "partner.xml", x12_profile("b", "BBB"));
  PartnerRegistry registry(dir.path);
  // 'a' sorts first, so order alone would let it win: the reservation must stop it.
  rewrite(dir.path / "a" / "partner.xml", x12_profile("a", "BBB", "", "A now claims B"));
  auto report = registry.refresh();
  auto snap = registry.snapshot();
  CHECK(snap->find_x12("ZZ", "BBB")->id == "b");
  CHECK(snap->find_x12("ZZ", "AAA")->id == "a");  // old 'a' still serving
  CHECK(snap->find("a")->name == "Test partner");
  CHECK(report.updated.empty());
  CHECK(has_error(report.errors, "partner.duplicate_identity", "still serving the version loaded before"));
}

TEST_CASE("refresh picks up changed, added and removed profiles", "[partners][registry][reload]") {
  test::TempDir dir("reload");
  const auto acme = dir.path / "acme" / "partner.xml";
  write_text(acme, x12_profile("acme", "ACME", "", "Old name"));
  PartnerRegistry registry(dir.path);
  auto before = registry.snapshot();
  CHECK(before->find("acme")->name == "Old name");

  auto unchanged = registry.refresh();
  CHECK_FALSE(unchanged.changed());

  rewrite(acme, x12_profile("acme", "ACME2", "", "New name"));
  write_text(dir.path / "beta" / "partner.xml", x12_profile("beta", "BETA"));
  auto report = registry.refresh();
  CHECK(report.updated == std::vector<std::string>{"acme"});
  CHECK(report.added == std::vector<std::string>{"beta"});
  auto after = registry.snapshot();
  CHECK(after->find("acme")->name == "New name");
  CHECK(after->find_x12("ZZ", "ACME") == nullptr);  // the old identity is gone
  CHECK(after->find_x12("ZZ", "ACME2")->id == "acme");
  CHECK(after->find_x12("ZZ", "BETA")->id == "beta");
  // A snapshot taken before is unchanged: readers never see a half-reloaded registry.
  CHECK(before->find("acme")->name == "Old name");
  CHECK(before->find("beta") == nullptr);

  std::filesystem::remove_all(dir.path / "beta");
  auto removed = registry.refresh();
  CHECK(removed.removed == std::vector<std::string>{"beta"});
  CHECK(registry.find("beta") == nullptr);
}

TEST_CASE("a profile that becomes broken keeps its last good version, reported", "[partners][registry][reload]") {
  test::TempDir dir("keep");
  const auto acme = dir.path / "acme" / "partner.xml";
  write_text(acme, x12_profile("acme", "ACME", "", "Good"));
  PartnerRegistry registry(dir.path);
  rewrite(acme, x12_profile("acme", "ACME", "  <tolerance lowercase-tags=\"maybe\"/>\n", "Broken"));
  auto report = registry.refresh();
  CHECK_FALSE(report.changed());
  REQUIRE(report.errors.size() == 1);
  CHECK(report.errors[0].position.line == 6);
  CHECK(report.errors[0].message.find("still serving the version loaded before") != std::string::npos);
  CHECK(registry.find("acme")->name == "Good");
  CHECK(registry.snapshot()->find_x12("ZZ", "ACME")->id == "acme");
  // The error stays visible until the file is fixed, then goes.
  CHECK(registry.refresh().errors.size() == 1);
  rewrite(acme, x12_profile("acme", "ACME", "", "Fixed"));
  auto fixed = registry.refresh();
  CHECK(fixed.updated == std::vector<std::string>{"acme"});
  CHECK(fixed.errors.empty());
  CHECK(registry.find("acme")->name == "Fixed");
}

TEST_CASE("a missing partners folder is an error, not a crash", "[partners][registry]") {
  PartnerRegistry registry("/nonexistent/partners");
  CHECK(registry.snapshot()->by_id.empty());
  CHECK(has_error(registry.snapshot()->errors, "partner.dir.unreadable"));
}

TEST_CASE("the poller refreshes at most once per interval", "[partners][registry][reload]") {
  test::TempDir dir("poll");
  write_text(dir.path / "acme" / "partner.xml", x12_profile("acme", "ACME"));
  PartnerRegistry registry(dir.path);
  ReloadPoller poller(registry, std::chrono::seconds(5));
  auto t0 = std::chrono::steady_clock::now();
  CHECK(poller.poll(t0).has_value());
  write_text(dir.path / "beta" / "partner.xml", x12_profile("beta", "BETA"));
  CHECK_FALSE(poller.poll(t0 + std::chrono::seconds(1)).has_value());
  CHECK(registry.find("beta") == nullptr);
  auto due = poller.poll(t0 + std::chrono::seconds(6));
  REQUIRE(due.has_value());
  CHECK(due->added == std::vector<std::string>{"beta"});
}

TEST_CASE("readers keep working while another thread reloads", "[partners][registry][reload]") {
  test::TempDir dir("threads");
  const auto acme = dir.path / "acme" / "partner.xml";
  write_text(acme, x12_profile("acme", "ACME", "", "v0"));
  PartnerRegistry registry(dir.path);
  std::atomic<bool> stop{false};
  std::atomic<int> misses{0};
  std::thread reader([&] {
    while (!stop)
      if (!registry.snapshot()->find_x12("ZZ", "ACME")) ++misses;
  });
  for (int i = 1; i <= 20; ++i) {
    rewrite(acme, x12_profile("acme", "ACME", "", "v" + std::to_string(i)));
    (void)registry.refresh();
  }
  stop = true;
  reader.join();
  CHECK(misses == 0);
  CHECK(registry.find("acme")->name == "v20");
}
