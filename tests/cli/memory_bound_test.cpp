// Peak memory of the real binary on hostile input: each case generates its input in a temp
// dir at test time, runs `edigate` under an address-space limit (RLIMIT_AS, what
// `prlimit --as` sets) and a time limit, and checks the peak resident set the kernel reports.
// Each of these inputs used to take gigabytes (the figures in the comments).
#include "cli_workspace.hpp"
#include "synthetic_850.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <vector>

namespace {

using Workspace = edigate::test::Workspace;

constexpr long kAddressSpaceLimit = 1536L << 20;  // far above a healthy run, far below the old peaks
constexpr unsigned kSeconds = 120;

struct Limited {
  int status = -1;  ///< exit status; -1 when killed (signal, time limit)
  int signal = 0;
  long peak_rss_kib = 0;  ///< ru_maxrss of the process
  std::string out;        ///< the first MiB of stdout and of stderr
  std::string err;
};

std::string head_of(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::string text(1 << 20, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

/// Runs edigate with `args` in `dir` under the limits above.
Limited run_limited(const std::filesystem::path& dir, const std::vector<std::string>& args) {
  const std::string out_file = (dir / "stdout.txt").string();
  const std::string err_file = (dir / "stderr.txt").string();
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (::chdir(dir.c_str()) != 0) ::_exit(120);
    rlimit as{static_cast<rlim_t>(kAddressSpaceLimit), static_cast<rlim_t>(kAddressSpaceLimit)};
    ::setrlimit(RLIMIT_AS, &as);
    rlimit cpu{kSeconds, kSeconds};
    ::setrlimit(RLIMIT_CPU, &cpu);
    int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::vector<char*> argv;
    const std::string& bin = edigate::test::edigate_binary();
    argv.push_back(const_cast<char*>(bin.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::alarm(kSeconds);  // wall-clock bound as well: SIGALRM kills it
    ::execv(bin.c_str(), argv.data());
    ::_exit(121);
  }
  int st = 0;
  rusage ru{};
  REQUIRE(::wait4(pid, &st, 0, &ru) == pid);
  Limited r;
  if (WIFEXITED(st)) r.status = WEXITSTATUS(st);
  if (WIFSIGNALED(st)) r.signal = WTERMSIG(st);
  r.peak_rss_kib = ru.ru_maxrss;
  r.out = head_of(out_file);
  r.err = head_of(err_file);
  return r;
}

void write_repeated(const std::filesystem::path& file, const std::string& head, const std::string& unit,
                    std::size_t times, const std::string& tail) {
  std::ofstream out(file, std::ios::binary);
  out << head;
  std::string block;
  for (int i = 0; i < 4096; ++i) block += unit;
  for (std::size_t done = 0; done < times; done += 4096) {
    std::size_t n = std::min<std::size_t>(4096, times - done);
    out.write(block.data(), static_cast<std::streamsize>(n * unit.size()));
  }
  out << tail;
}

const std::string kIsa =
    "ISA*00*          *00*          *ZZ*ACME           *ZZ*EDIGATE        *240312*1200*U*00401*000000905*0*P*>~"
    "GS*PO*ACME*EDIGATE*20240312*1200*905*X*004010~ST*850*0001~BEG*00*SA*PO-1**20240312~";
const std::string kIea = "SE*4*0001~GE*1*905~IEA*1*000000905~";

void report(const Limited& r) {
  INFO("exit " << r.status << " signal " << r.signal << ", peak RSS " << r.peak_rss_kib / 1024 << " MiB");
  INFO(r.err);
  INFO(r.out.substr(0, 1000));
  CHECK(r.signal == 0);
}

}  // namespace

TEST_CASE("validate: 20 MB of empty EDIFACT segments in one message stays under 200 MiB", "[cli][memory]") {
  // 50 MB of a bare "'" took 3.9 GB.
  Workspace w("mem-edifact");
  write_repeated(w.dir / "empty.edi", "UNB+UNOA:3+S+R+240101:1200+9'UNH+1+ORDERS:D:96A:UN'", "'", 20u << 20,
                 "UNT+3+1'UNZ+1+9'");
  auto r = run_limited(w.dir, {"validate", "empty.edi"});
  report(r);
  CHECK(r.status == 1);
  CHECK((r.out + r.err).find("edifact.transaction.too_large") != std::string::npos);
  CHECK(r.peak_rss_kib < 200 * 1024);
}

TEST_CASE("validate and translate: 21 MB of tiny X12 segments in one set stay under 200 MiB", "[cli][memory]") {
  // 63 MB of "N9~" took 1.5 GB.
  Workspace w("mem-x12");
  write_repeated(w.dir / "n9.edi", kIsa, "N9~", 7u << 20, kIea);
  for (const std::string command : {"validate", "translate"}) {
    INFO(command);
    auto r = run_limited(w.dir, {command, "n9.edi"});
    report(r);
    // translate also names the unknown sender: a configuration problem, the worse of the two.
    CHECK(r.status == (command == "validate" ? 1 : 3));
    if (command == "validate") CHECK((r.out + r.err).find("x12.transaction.too_large") != std::string::npos);
    CHECK(r.peak_rss_kib < 200 * 1024);
  }
}

TEST_CASE("parse --format json streams a transaction of 500k segments in under 250 MiB", "[cli][memory]") {
  // 6 MB of input took 2.9 GB when the whole transaction became one Poco JSON tree.
  Workspace w("mem-parse");
  write_repeated(w.dir / "n9.edi", kIsa, "N9~", 500000, kIea);
  auto r = run_limited(w.dir, {"parse", "--format", "json", "n9.edi"});
  report(r);
  CHECK(r.status == 1);  // SE01 is wrong on purpose: the command must still get to the end
  CHECK(r.err.empty());
  CHECK(r.peak_rss_kib < 250 * 1024);
}

TEST_CASE("render: 30k messages in one file stay under 150 MiB", "[cli][memory][render]") {
  // 100k messages took 3.5 GB when every message and the whole output were held.
  Workspace w("mem-render");
  w.write("partners/acme/partner.xml", edigate::test::acme_partner({edigate::test::kAcme850Out}));
  w.write("partners/acme/maps/850.out.xml", edigate::test::kSynthetic850Out);
  std::string lines;
  for (int i = 0; i < 20; ++i)
    lines += std::string(i ? "," : "") + R"({"line_number":")" + std::to_string(i + 1) +
             R"(","quantity":"2","uom":"EA","items":{"vendor_part":"A1"}})";
  write_repeated(
      w.dir / "many.jsonl", "",
      R"({"schema":"edigate.canonical/v1","type":"purchase_order","message_id":"m","partner_id":"acme","direction":"outbound","source":{"standard":"x12"},"correlation":{},"po_number":"PO-1","po_date":"2024-03-12","purpose":"original","lines":[)" +
          lines + "]}\n",
      30000, "");
  auto r = run_limited(w.dir, {"render", "--partner", "acme", "--date", "20240315", "--time", "0930", "many.jsonl"});
  report(r);
  CHECK(r.status == 0);
  CHECK(r.peak_rss_kib < 150 * 1024);
}

TEST_CASE("render: a 100 MB line with no newline is an error in under 100 MiB", "[cli][memory][render]") {
  // An endless line grew until bad_alloc.
  Workspace w("mem-line");
  w.write("partners/acme/partner.xml", edigate::test::acme_partner({edigate::test::kAcme850Out}));
  write_repeated(w.dir / "line.jsonl", "{\"schema\":\"", "x", 100u << 20, "");
  auto r = run_limited(w.dir, {"render", "--partner", "acme", "line.jsonl"});
  report(r);
  CHECK(r.status == 1);
  CHECK(r.err.find("line.jsonl:1") != std::string::npos);
  CHECK(r.err.find("longer than") != std::string::npos);
  CHECK(r.peak_rss_kib < 100 * 1024);
}
