// The pieces behind the CLI's manners: edit distance and suggestions, option help, the short
// usage after a mistake, and aligned tables.
#include "cli/args.hpp"
#include "cli/table.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace edigate::cli;

TEST_CASE("edit distance counts insertions, deletions, substitutions and transpositions", "[cli][args]") {
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "abc") == 0);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("partnres", "partners") == 1);  // one transposition
  CHECK(edit_distance("valdate", "validate") == 1);
}

TEST_CASE("suggestions: the closest candidates within reach, prefixes, nothing when far", "[cli][args]") {
  const std::vector<std::string> commands{"validate", "parse",    "ack",       "plugins",
                                          "schemas",  "partners", "translate", "render"};
  CHECK(closest("valdate", commands) == std::vector<std::string>{"validate"});
  CHECK(closest("val", commands) == std::vector<std::string>{"validate"});
  CHECK(closest("trans", commands) == std::vector<std::string>{"translate"});
  CHECK(closest("frobnicate", commands).empty());
  CHECK(closest("", commands).empty());
  CHECK(closest("validate", commands).empty());  // an exact word needs no suggestion
  // Short words allow one edit only: "ak" is "ack", "xyz" is nothing.
  CHECK(closest("ak", commands) == std::vector<std::string>{"ack"});
  CHECK(closest("xyz", commands).empty());
  CHECK(did_you_mean("lst", {"list", "check", "new"}) == "; did you mean 'list'?");
  CHECK(did_you_mean("pat", {"path", "part"}, "--") == "; did you mean '--path' or '--part'?");
  CHECK(did_you_mean("zzzz", {"list"}).empty());
}

TEST_CASE("an unknown option names the closest known one", "[cli][args]") {
  auto r = parse_args({"--partnrs", "x"}, {{"partners", true, false}, {"partner", true, false}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "unknown option '--partnrs'; did you mean '--partners'?");  // one edit beats two
  auto single = parse_args({"-strict"}, {{"strict", false, false}});
  REQUIRE_FALSE(single.ok());
  CHECK(single.error().message == "unknown option '-strict' (options are spelled --name); did you mean '--strict'?");
}

TEST_CASE("options help lists documented options, aligned, long spellings on their own line", "[cli][args]") {
  const std::string help = options_help({{"maps", true, false, "DIR", "map folder"},
                                         {"hidden", true, false},
                                         {"ta1", true, false, "never|on-error|requested|always", "when to add a TA1"},
                                         {"strict", false, false, "", "no leniency\nat all"},
                                         {"plugins", true, true, "DIR", "plugin folder"}});
  CHECK(help ==
        "  --maps DIR     map folder\n"
        "  --ta1 never|on-error|requested|always\n"
        "                 when to add a TA1\n"
        "  --strict       no leniency\n"
        "                 at all\n"
        "  --plugins DIR  plugin folder (repeatable)\n");
}

TEST_CASE("short usage keeps the usage lines of a help text and points at --help", "[cli][args]") {
  const std::string help =
      "usage: edigate partners list [--partners DIR]\n"
      "       edigate partners new ID --standard S\n"
      "\n"
      "list   every profile\n";
  CHECK(short_usage("partners", help) ==
        "usage: edigate partners list [--partners DIR]\n"
        "       edigate partners new ID --standard S\n"
        "Run 'edigate partners --help' for the options.\n");
}

TEST_CASE("tables pad each column to its widest cell, counting UTF-8 characters", "[cli][table]") {
  std::ostringstream out;
  print_table(out, {{"ID", "NAME", "STANDARD"}, {"a", "Bärenmarke", "x12-004010"}, {"longer-id", "B", ""}});
  CHECK(out.str() ==
        "ID         NAME        STANDARD\n"
        "a          Bärenmarke  x12-004010\n"
        "longer-id  B\n");
}
