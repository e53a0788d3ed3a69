// An EBCDIC (cp037) interchange is answered in EBCDIC: the 997 and TA1 `edigate ack` writes for
// tests/cli/fixtures/mainframe_850_4010_cp037.edi are the acknowledgement of its ASCII twin,
// byte for byte once decoded, with the partner's NL (0x15) terminator. Decoding uses iconv's
// CP037, a table independent of ours.
#include "cli_workspace.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using edigate::test::Workspace;

namespace {

const std::string kFixture = std::string(EDIGATE_TEST_DATA_DIR) + "/fixtures/mainframe_850_4010_cp037.edi";

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

/// Latin-1 text with each NL (U+0085, cp037 0x15) written as "~\n".
std::string with_tilde_lines(const std::string& latin1) {
  std::string out;
  for (char c : latin1) out += c == '\x85' ? std::string("~\n") : std::string(1, c);
  return out;
}

}  // namespace

TEST_CASE("ack answers an EBCDIC interchange in EBCDIC with the partner's terminator", "[cli][ack][ebcdic]") {
  Workspace w("ebcdic");
  const std::string ebcdic = edigate::test::run_command("cat " + edigate::test::shell_quote(kFixture)).out;
  REQUIRE(ebcdic.size() > 100);
  REQUIRE(ebcdic.substr(0, 3) == "\xC9\xE2\xC1");  // "ISA" in cp037

  // The fixture is valid as it is.
  auto valid = w.run("validate " + edigate::test::shell_quote(kFixture));
  INFO(valid.out << valid.err);
  CHECK(valid.status == 0);

  // Its ASCII twin: the same characters, '~' and a line feed for the NL terminator.
  auto twin = edigate::test::run_command("iconv -f CP037 -t ISO-8859-1 " + edigate::test::shell_quote(kFixture));
  REQUIRE(twin.status == 0);
  REQUIRE(contains(twin.out, "ISA*00*"));
  w.write("twin.edi", with_tilde_lines(twin.out));
  auto ascii_ack = w.run("ack --date 20261122 --time 1200 twin.edi");
  INFO(ascii_ack.err);
  REQUIRE(ascii_ack.status == 0);
  REQUIRE(contains(ascii_ack.out, "ST*997*"));
  REQUIRE(contains(ascii_ack.out, "TA1*000000377*"));  // ISA14 = 1 asks for one

  auto ack = w.run("ack --date 20261122 --time 1200 " + edigate::test::shell_quote(kFixture) + " > ack.ebcdic");
  INFO(ack.err);
  REQUIRE(ack.status == 0);
  const std::string raw = w.read("ack.ebcdic");
  REQUIRE(!raw.empty());
  CHECK(raw.substr(0, 3) == "\xC9\xE2\xC1");
  // No ASCII segment text: '*' (0x2A) and '~' (0x7E) never occur, the NL terminator (0x15) ends every segment.
  CHECK(raw.find('*') == std::string::npos);
  CHECK(raw.find('~') == std::string::npos);
  CHECK(raw.back() == '\x15');

  auto decoded = edigate::test::run_command("iconv -f CP037 -t ISO-8859-1 " +
                                            edigate::test::shell_quote((w.dir / "ack.ebcdic").string()));
  REQUIRE(decoded.status == 0);
  // Same acknowledgement as for the ASCII twin, segment for segment.
  CHECK(with_tilde_lines(decoded.out) == ascii_ack.out);
}
