#pragma once
// Running a shell command from a test: exit status, stdout and stderr, nothing left behind.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace edigate::test {

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct CommandResult {
  int status = -1;  ///< exit status, -1 when killed by a signal
  std::string out;
  std::string err;
};

/// Runs `command` with /bin/sh; stderr is collected through a private temp file.
inline CommandResult run_command(const std::string& command) {
  char err_template[] = "/tmp/edigate-test-stderr-XXXXXX";
  int fd = ::mkstemp(err_template);
  REQUIRE(fd >= 0);
  ::close(fd);
  const std::string full = "{ " + command + "; } 2>" + shell_quote(err_template);
  CommandResult r;
  FILE* pipe = ::popen(full.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) r.out.append(buffer, n);
  const int st = ::pclose(pipe);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  std::ifstream in(err_template, std::ios::binary);
  std::ostringstream err;
  err << in.rdbuf();
  r.err = err.str();
  std::filesystem::remove(err_template);
  return r;
}

}  // namespace edigate::test
