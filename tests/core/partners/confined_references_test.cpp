// Map and schema references in a profile stay inside the partner's folder and the maps folder;
// a profile that is a FIFO or device is refused, never waited on or skipped.
#include "partners/profile_loader.hpp"
#include "partners/registry.hpp"
#include "partners_test_support.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace edigate;
using namespace edigate::partners;
using edigate::test::write_text;

namespace {

std::string with_map(const std::string& map, const std::string& schema = "") {
  std::string profile = test::x12_profile("acme", "ACME");
  std::string from = "map=\"maps/850.xml\"";
  std::string to = "map=\"" + map + "\"" + (schema.empty() ? "" : " schema=\"" + schema + "\"");
  return profile.replace(profile.find(from), from.size(), to);
}

Error load_error(const std::string& xml) {
  auto r = load_profile_from_memory(xml, "partners/acme/partner.xml");
  REQUIRE_FALSE(r.ok());
  return r.error();
}

}  // namespace

TEST_CASE("a map reference through '..' or an absolute path is refused at its attribute",
          "[partners][profile][confine]") {
  for (const std::string ref :
       {"../../../../etc/passwd", "maps/../../other/maps/850.xml", "/proc/self/environ", "/dev/zero"}) {
    INFO(ref);
    Error e = load_error(with_map(ref));
    CHECK(e.code == "partner.reference.outside");
    CHECK(e.position.file == "partners/acme/partner.xml");
    CHECK(e.position.line == 5);
    CHECK(e.position.column > 1);
    CHECK(e.found == ref);
  }
  Error schema = load_error(with_map("maps/850.xml", "../schemas/850.xml"));
  CHECK(schema.code == "partner.reference.outside");
  CHECK(schema.found == "../schemas/850.xml");
  CHECK(load_profile_from_memory(with_map("maps/sub/850.xml", "schemas/850.xml"), "partners/acme/partner.xml").ok());
}

TEST_CASE("a reference that is a symlink out of the partner and maps folders does not resolve",
          "[partners][profile][confine]") {
  test::TempDir dir("confine");
  write_text(dir.path / "partners" / "acme" / "partner.xml", with_map("maps/850.xml"));
  std::filesystem::create_directories(dir.path / "partners" / "acme" / "maps");
  std::filesystem::create_directories(dir.path / "maps");
  write_text(dir.path / "secret.xml", "<secret/>");
  std::filesystem::create_symlink(dir.path / "secret.xml", dir.path / "partners" / "acme" / "maps" / "850.xml");
  std::filesystem::create_symlink(dir.path / "secret.xml", dir.path / "maps" / "evil.xml");
  write_text(dir.path / "maps" / "base.xml", "<map/>");
  auto p = load_profile(dir.path / "partners" / "acme" / "partner.xml");
  REQUIRE(p.ok());
  auto linked = (*p)->resolve("maps/850.xml", dir.path / "maps");
  REQUIRE_FALSE(linked);
  CHECK(linked.error().code == "partner.reference.outside");
  CHECK_FALSE((*p)->resolve("evil.xml", dir.path / "maps"));
  auto fine = (*p)->resolve("base.xml", dir.path / "maps");
  REQUIRE(fine);
  CHECK(*fine == dir.path / "maps" / "base.xml");
  // In-memory profiles get the same lexical check.
  CHECK_FALSE((*p)->resolve("../secret.xml", dir.path / "maps"));
}

TEST_CASE("a partner.xml that is a FIFO or a device is an error in the registry, not skipped or waited on",
          "[partners][registry][confine]") {
  test::TempDir dir("fifo-profile");
  write_text(dir.path / "acme" / "partner.xml", test::x12_profile("acme", "ACME"));
  std::filesystem::create_directories(dir.path / "pipe");
  REQUIRE(::mkfifo((dir.path / "pipe" / "partner.xml").c_str(), 0600) == 0);
  std::filesystem::create_directories(dir.path / "dev");
  std::filesystem::create_symlink("/dev/zero", dir.path / "dev" / "partner.xml");
  PartnerRegistry registry(dir.path);
  auto snap = registry.snapshot();
  CHECK(snap->by_id.size() == 1);
  REQUIRE(snap->errors.size() == 2);
  for (const auto& e : snap->errors) {
    CHECK(e.code == "partner.file.unreadable");
    CHECK((e.position.file.find("/pipe/") != std::string::npos || e.position.file.find("/dev/") != std::string::npos));
  }
  // Loading one directly refuses it too.
  auto direct = load_profile(dir.path / "pipe" / "partner.xml");
  REQUIRE_FALSE(direct.ok());
  CHECK(direct.error().code == "partner.file.unreadable");
}
