// JSON log lines: exact fields, escaping, levels, a file shared by threads.
#include "log/json_log.hpp"

#include "temp_dir.hpp"

#include <Poco/JSON/Parser.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <thread>

using namespace edigate;
using namespace edigate::log;
using namespace std::chrono;

namespace {
system_clock::time_point at(std::int64_t ms_since_epoch) {
  return system_clock::time_point(milliseconds(ms_since_epoch));
}

Event event(Level level, const char* name) {
  Event e;
  e.level = level;
  e.event = name;
  return e;
}

std::vector<std::string> lines_of(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}
}  // namespace

TEST_CASE("a log line holds ts, level, event and the ids in scope, in that order", "[log]") {
  Event e{Level::warn, "delivery.retry", "delivery:webhook:erp", "acme-retail", "m-1", "c-9", "HTTP 503"};
  // 2026-12-03T12:00:00.123Z
  CHECK(JsonLog::format(e, at(1796299200123)) ==
        R"({"ts":"2026-12-03T12:00:00.123Z","level":"warn","event":"delivery.retry",)"
        R"("component":"delivery:webhook:erp","partner":"acme-retail","message_id":"m-1",)"
        R"("correlation_id":"c-9","detail":"HTTP 503"})");
}

TEST_CASE("empty ids are left out of a log line", "[log]") {
  Event e;
  e.event = "serve.started";
  CHECK(JsonLog::format(e, at(0)) == R"({"ts":"1970-01-01T00:00:00.000Z","level":"info","event":"serve.started"})");
}

TEST_CASE("a detail with quotes, newlines and control bytes stays one valid JSON line", "[log]") {
  Event e{Level::error, "intake.file.unreadable", "", "eu", "", "", "line1\nline2 \"quoted\" \\ tab\t\x01"};
  const std::string line = JsonLog::format(e, at(1000));
  CHECK(line.find('\n') == std::string::npos);
  Poco::JSON::Parser parser;
  auto obj = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
  CHECK(obj->getValue<std::string>("detail") == "line1\nline2 \"quoted\" \\ tab\t\x01");
  CHECK(obj->getValue<std::string>("partner") == "eu");
  CHECK(obj->getValue<std::string>("ts") == "1970-01-01T00:00:01.000Z");
}

TEST_CASE("events below the minimum level are not written", "[log]") {
  test::TempDir dir("log");
  auto log = JsonLog::open_file(dir.path / "edigate.log", Level::warn);
  REQUIRE(log);
  (*log)->set_clock([] { return at(1796299200000); });
  (*log)->write(event(Level::debug, "a"));
  (*log)->write(event(Level::info, "b"));
  (*log)->write(event(Level::warn, "c"));
  (*log)->write(event(Level::error, "d"));
  (*log)->set_min_level(Level::debug);
  (*log)->write(event(Level::debug, "e"));
  CHECK(lines_of(dir.path / "edigate.log") ==
        std::vector<std::string>{R"({"ts":"2026-12-03T12:00:00.000Z","level":"warn","event":"c"})",
                                 R"({"ts":"2026-12-03T12:00:00.000Z","level":"error","event":"d"})",
                                 R"({"ts":"2026-12-03T12:00:00.000Z","level":"debug","event":"e"})"});
  CHECK((*log)->failed_writes() == 0);
}

TEST_CASE("lines written from many threads never interleave", "[log]") {
  test::TempDir dir("log");
  {
    auto log = JsonLog::open_file(dir.path / "shared.log");
    REQUIRE(log);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 500; ++i)
          (*log)->write({Level::info, "pipeline.step", "", "p" + std::to_string(t), std::to_string(i), "",
                         std::string(200, static_cast<char>('a' + t))});
      });
    for (auto& th : threads) th.join();
  }
  auto lines = lines_of(dir.path / "shared.log");
  REQUIRE(lines.size() == 2000);
  std::set<std::string> seen;
  Poco::JSON::Parser parser;
  for (const auto& line : lines) {
    parser.reset();
    auto obj = parser.parse(line).extract<Poco::JSON::Object::Ptr>();  // throws on a torn line
    seen.insert(obj->getValue<std::string>("partner") + "/" + obj->getValue<std::string>("message_id"));
  }
  CHECK(seen.size() == 2000);
}

TEST_CASE("a log file that cannot be opened is a configuration error, levels parse", "[log]") {
  auto bad = JsonLog::open_file("/nonexistent-dir/edigate.log");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == "log.file.unwritable");
  CHECK(bad.error().position.file == "/nonexistent-dir/edigate.log");
  CHECK(*parse_level("warning") == Level::warn);
  CHECK(*parse_level("debug") == Level::debug);
  CHECK(parse_level("loud").error().code == "log.level.invalid");
}

TEST_CASE("reopen starts a new file after the old one was moved away (logrotate)", "[log]") {
  test::TempDir dir("log");
  auto log = JsonLog::open_file(dir.path / "edigate.log");
  REQUIRE(log);
  (*log)->write(event(Level::info, "before"));
  std::filesystem::rename(dir.path / "edigate.log", dir.path / "edigate.log.1");
  (*log)->write(event(Level::info, "still-old"));  // the open descriptor follows the moved file
  REQUIRE((*log)->reopen());
  (*log)->write(event(Level::info, "after"));
  auto old_lines = lines_of(dir.path / "edigate.log.1");
  auto new_lines = lines_of(dir.path / "edigate.log");
  REQUIRE(old_lines.size() == 2);
  CHECK(old_lines[1].find("\"event\":\"still-old\"") != std::string::npos);
  REQUIRE(new_lines.size() == 1);
  CHECK(new_lines[0].find("\"event\":\"after\"") != std::string::npos);
  JsonLog to_stderr;
  CHECK(to_stderr.reopen());
}
