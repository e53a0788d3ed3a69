// docs/onboarding.md, run as written: every "$ command" line of its ```console blocks is run in
// order from the top of a copy of the repository (the example partners, the base maps and
// docs/onboarding/), and what it prints must be what the document shows under it ("..." in
// the document stands for text it leaves out). The commands and outputs are read from the
// document itself, so the document and this test cannot drift apart.
#include "cli_workspace.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using edigate::test::Workspace;

namespace {

struct Step {
  std::size_t line = 0;  ///< in docs/onboarding.md
  std::string command;   ///< after "$ "
  std::string expected;  ///< the lines shown under it, each ending in '\n'
};

std::vector<Step> console_steps(const fs::path& markdown) {
  std::ifstream in(markdown);
  std::vector<Step> steps;
  std::string line;
  bool console = false, in_step = false;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.rfind("```", 0) == 0) {
      // A block opens with ```console; any ``` closes it. A console block without "$" lines
      // (an output shown on its own) is not run.
      console = !console && line == "```console";
      in_step = false;
      continue;
    }
    if (!console) continue;
    if (line.rfind("$ ", 0) == 0) {
      steps.push_back({n, line.substr(2), ""});
      in_step = true;
    } else if (in_step) {
      steps.back().expected += line + "\n";
    }
  }
  return steps;
}

/// `actual` matches `expected` where each "..." in `expected` may stand for any text.
bool matches(const std::string& expected, const std::string& actual) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  for (std::size_t dots; (dots = expected.find("...", start)) != std::string::npos; start = dots + 3)
    pieces.push_back(expected.substr(start, dots - start));
  pieces.push_back(expected.substr(start));
  if (pieces.size() == 1) return expected == actual;
  if (actual.compare(0, pieces.front().size(), pieces.front()) != 0) return false;
  std::size_t at = pieces.front().size();
  for (std::size_t i = 1; i + 1 < pieces.size(); ++i) {
    at = actual.find(pieces[i], at);
    if (at == std::string::npos) return false;
    at += pieces[i].size();
  }
  const std::string& last = pieces.back();
  return actual.size() >= at + last.size() && actual.compare(actual.size() - last.size(), last.size(), last) == 0;
}

void copy_tree(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive);
}

}  // namespace

TEST_CASE("docs/onboarding.md runs as written and prints what it shows", "[cli][onboarding][docs]") {
  const fs::path source(EDIGATE_SOURCE_DIR);
  const auto steps = console_steps(source / "docs" / "onboarding.md");
  // Scaffold, failing check, fixed check, translate, unknown sender, partner map, render.
  REQUIRE(steps.size() >= 8);

  Workspace w("onboarding-doc");
  copy_tree(source / "partners", w.dir / "partners");
  copy_tree(source / "maps", w.dir / "maps");
  copy_tree(source / "docs" / "onboarding", w.dir / "docs" / "onboarding");

  // The document's `alias edigate=...`, as a function sh understands.
  const std::string prelude = "edigate() { " + edigate::test::edigate_binary() + " \"$@\"; }; ";
  for (const auto& step : steps) {
    auto r = edigate::test::run_command("cd " + edigate::test::shell_quote(w.dir.string()) + " && " + prelude +
                                        step.command);
    const std::string shown = r.out + r.err;
    INFO("docs/onboarding.md:" << step.line << ": $ " << step.command << "\nexit " << r.status << "\nprinted:\n"
                               << shown << "\nthe document shows:\n"
                               << step.expected);
    CHECK(matches(step.expected, shown));
  }
  // What the walk-through leaves behind is a partner that passes its own check.
  auto final_check = w.run("partners check bigmart");
  INFO(final_check.out << final_check.err);
  CHECK(final_check.status == 0);
  CHECK(w.read("partners/bigmart/partner.xml").find(R"(map="maps/850.inbound.xml")") != std::string::npos);
}

TEST_CASE("the onboarding matcher: '...' stands for any text, everything else must be equal", "[cli][onboarding]") {
  CHECK(matches("a\n", "a\n"));
  CHECK_FALSE(matches("a\n", "a\nb\n"));
  CHECK(matches("{\"x\":{...},\"y\":1}\n", "{\"x\":{\"z\":2},\"y\":1}\n"));
  CHECK_FALSE(matches("{\"x\":{...},\"y\":1}\n", "{\"x\":{\"z\":2},\"y\":2}\n"));
  CHECK(matches("start...middle...end\n", "start 1 middle 2 end\n"));
  CHECK_FALSE(matches("start...end\n", "start\n"));
}
