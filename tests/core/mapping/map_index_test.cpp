// Finding base maps by id under the maps folder: every id once, and only root tags read.
#include "mapping_fixture.hpp"
#include "temp_dir.hpp"

#include <filesystem>

using namespace edigate;

TEST_CASE("two maps with the same id under the maps folder are an error naming both files", "[mapping][extends]") {
  test::TempDir dir("dup-maps");
  const std::string base = "<map id=\"base\" direction=\"inbound\"><field name=\"po_number\" const=\"1\"/></map>";
  test::write_text(dir.path / "base" / "850.xml", base);
  // A stray copy somewhere else under the folder (directory order used to decide which won).
  test::write_text(dir.path / "old" / "850-copy.xml",
                   "<map id=\"base\" direction=\"inbound\"><field name=\"po_number\" const=\"REWRITTEN\"/></map>");
  auto m = mapping::load_map_from_memory("<map id=\"child\" direction=\"inbound\" extends=\"base\"/>", "child.xml",
                                         dir.path, mapping::MapChecks{false, nullptr});
  REQUIRE_FALSE(m.ok());
  CHECK(m.error().code == "mapping.extends.duplicate_id");
  CHECK(m.error().message.find((dir.path / "base" / "850.xml").string()) != std::string::npos);
  CHECK(m.error().message.find((dir.path / "old" / "850-copy.xml").string()) != std::string::npos);
  CHECK(m.error().position.file == "child.xml");

  std::filesystem::remove(dir.path / "old" / "850-copy.xml");
  CHECK(mapping::load_map_from_memory("<map id=\"child\" direction=\"inbound\" extends=\"base\"/>", "child.xml",
                                      dir.path, mapping::MapChecks{false, nullptr})
            .ok());
}

TEST_CASE("the id index skips large unrelated files by reading root tags only", "[mapping][extends]") {
  test::TempDir dir("index-maps");
  test::write_text(dir.path / "base.xml",
                   "<map id=\"base\" direction=\"inbound\"><field name=\"a\" const=\"1\"/></map>");
  // 20 MB of something that is not a map (over the 8 MB map limit): not parsed, not an error.
  test::write_text(dir.path / "dump.xml", "<data>" + std::string(20u << 20, 'x') + "</data>");
  test::write_text(dir.path / "broken.xml", "<<<not xml");
  auto m = mapping::load_map_from_memory("<map id=\"child\" direction=\"inbound\" extends=\"base\"/>", "child.xml",
                                         dir.path, mapping::MapChecks{false, nullptr});
  INFO((m.ok() ? std::string() : m.error().to_string()));
  CHECK(m.ok());
}
