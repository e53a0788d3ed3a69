// edigate certs list|check over a partner profile whose AS2 endpoint lists several certificates
// (a rollover), made with the openssl command line for each test in a temp dir.
#include "cli/commands.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>

#include "temp_dir.hpp"

using namespace edigate;
namespace fs = std::filesystem;

namespace {

/// A partners folder with partner "rollover" whose <as2> names `partner_certs` and `our_certs`,
/// each made by `make(name, start, end)` (YYYYMMDDHHMMSSZ) in its certs/ folder.
struct Workspace {
  test::TempDir dir{"certs-cli"};
  fs::path partners = dir.path / "partners", certs = partners / "rollover" / "certs";

  void make(const std::string& name, const std::string& start, const std::string& end) {
    fs::create_directories(certs);
    const fs::path ca = dir.path / ("ca-" + name);
    fs::create_directories(ca);
    test::write_text(ca / "index.txt", "");
    test::write_text(ca / "serial", "1000\n");
    test::write_text(ca / "openssl.cnf",
                     "[ca]\ndefault_ca=d\n[d]\ndatabase=" + (ca / "index.txt").string() +
                         "\nnew_certs_dir=" + ca.string() + "\nserial=" + (ca / "serial").string() +
                         "\ndefault_md=sha256\npolicy=p\nunique_subject=no\n[p]\ncommonName=supplied\n");
    const std::string key = (ca / "key.pem").string(), csr = (ca / "req.csr").string();
    const std::string cmd = "(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out '" + key +
                            "' && openssl req -new -key '" + key + "' -subj '/CN=" + name + "' -out '" + csr +
                            "' && openssl ca -batch -config '" + (ca / "openssl.cnf").string() +
                            "' -selfsign -keyfile '" + key + "' -in '" + csr + "' -startdate " + start + " -enddate " +
                            end + " -out '" + (certs / (name + ".pem")).string() + "' -notext) >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
  }

  void profile(const std::string& partner_certs, const std::string& our_certs) {
    test::write_text(partners / "rollover" / "partner.xml",
                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<partner xmlns=\"urn:edigate:partner:1\" id=\"rollover\" standard=\"x12-004010\">\n"
                     "  <name>Rollover</name>\n"
                     "  <identities><x12 isa-qualifier=\"ZZ\" isa-id=\"ROLLOVER\" gs-id=\"ROLLOVER\"/></identities>\n"
                     "  <documents><document type=\"997\" direction=\"inbound\" "
                     "map=\"base/x12/004010/997.inbound.xml\"/></documents>\n"
                     "  <transports>\n"
                     "    <as2 name=\"as2\" url=\"https://as2.example/as2\" as2-from=\"US\" as2-to=\"THEM\"\n"
                     "         partner-certificate=\"" +
                         partner_certs + "\" our-certificate=\"" + our_certs +
                         "\"\n"
                         "         our-private-key=\"env:AS2_KEY\"/>\n"
                         "  </transports>\n"
                         "</partner>\n");
  }

  int run(const std::string& verb, std::string& out, std::string& err, const std::string& days = "") {
    std::ostringstream o, e;
    std::vector<std::string> words{verb, "--partners", partners.string()};
    if (!days.empty()) words.insert(words.end(), {"--days", days});
    const int rc = cli::cmd_certs(words, o, e);
    out = o.str();
    err = e.str();
    return rc;
  }
};

std::string line_with(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.find(needle) != std::string::npos) return line;
  return {};
}

}  // namespace

TEST_CASE("certs list shows every AS2 certificate with its validity and which one is in use", "[cli][certs]") {
  Workspace w;
  w.make("THEM-OLD", "20240101000000Z", "20991231000000Z");
  w.make("THEM-NEW", "20250601000000Z", "20991231000000Z");
  w.make("US-EXPIRED", "20200101000000Z", "20210101000000Z");
  w.make("US-NOW", "20250101000000Z", "20991231000000Z");
  w.profile("certs/THEM-OLD.pem certs/THEM-NEW.pem", "certs/US-EXPIRED.pem certs/US-NOW.pem");
  std::string out, err;
  REQUIRE(w.run("list", out, err) == 0);
  INFO(out << err);
  CHECK(line_with(out, "CN=THEM-NEW").find("encrypts") != std::string::npos);
  CHECK(line_with(out, "CN=THEM-OLD").find("verifies") != std::string::npos);
  CHECK(line_with(out, "CN=US-NOW").find("signs") != std::string::npos);
  CHECK(line_with(out, "CN=US-EXPIRED").find("2021-01-01 00:00") != std::string::npos);
  CHECK(line_with(out, "CN=THEM-NEW").find("2099-12-31 00:00") != std::string::npos);
  // check: the expired certificate of ours is covered by a valid newer one, so nothing fails.
  CHECK(w.run("check", out, err) == 0);
}

TEST_CASE("certs check fails on a certificate in use that expires within --days, naming it", "[cli][certs]") {
  Workspace w;
  // Valid until about 10 days from now: the openssl end date is computed by `date`.
  const std::string end = [] {
    char buf[32];
    const std::time_t t = std::time(nullptr) + 10 * 86400;
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(buf, sizeof buf, "%Y%m%d%H%M%SZ", &tm);
    return std::string(buf);
  }();
  w.make("THEM-SOON", "20250101000000Z", end);
  w.make("US-NOW", "20250101000000Z", "20991231000000Z");
  w.profile("certs/THEM-SOON.pem", "certs/US-NOW.pem");
  std::string out, err;
  CHECK(w.run("check", out, err) == 1);
  CHECK(err.find("CN=THEM-SOON") != std::string::npos);
  CHECK(err.find("within 30 days") != std::string::npos);
  CHECK(w.run("check", out, err, "5") == 0);
  // The partner's next certificate added: the rollover is prepared, check passes again.
  w.make("THEM-NEXT", "20250201000000Z", "20991231000000Z");
  w.profile("certs/THEM-SOON.pem certs/THEM-NEXT.pem", "certs/US-NOW.pem");
  CHECK(w.run("check", out, err) == 0);
  // An expired certificate and nothing newer: check fails and says "expired".
  w.make("US-GONE", "20200101000000Z", "20210101000000Z");
  w.profile("certs/THEM-NEXT.pem", "certs/US-GONE.pem");
  CHECK(w.run("check", out, err) == 1);
  CHECK(err.find("expired on 2021-01-01") != std::string::npos);
}
