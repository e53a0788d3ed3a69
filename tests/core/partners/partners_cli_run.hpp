#pragma once
// `edigate partners ...` run in-process, for the partners tests that drive the command.
#include "cli/commands.hpp"

#include <sstream>
#include <string>
#include <vector>

namespace edigate::test {

struct PartnersRun {
  int status = -1;
  std::string out;
  std::string err;
};

inline PartnersRun run_partners(std::vector<std::string> words) {
  std::ostringstream out, err;
  PartnersRun r;
  r.status = cli::cmd_partners(words, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace edigate::test
