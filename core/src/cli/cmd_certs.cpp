// edigate certs list|check: the PEM certificates AS2 endpoints and the AS2 listener name, with
// what expires when and which one is in use. Reads files only (no private keys, no network).
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/table.hpp"
#include "gateway_config/gateway_config.hpp"
#include "partners/profile_loader.hpp"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <fstream>
#include <ostream>
#include <sstream>

namespace edigate::cli {

namespace {

const char* const kCertsHelp =
    "usage: edigate certs list|check [--partners DIR] [--config gateway.xml] [--days N]\n"
    "\n"
    "Reads the PEM certificates the AS2 endpoints of the partner profiles name (partner-certificate,\n"
    "our-certificate, with gateway.xml <endpoint> overrides) and the AS2 listener's TLS certificate,\n"
    "and prints partner, endpoint, role, use, subject, serial, validity and days left. USE says which\n"
    "certificate is in use: the newest valid one encrypts (partner) or signs (ours); the others still\n"
    "verify or decrypt during a rollover overlap.\n"
    "check exits 1 when a certificate in use has expired or expires within --days N (default 30)\n"
    "and no newer certificate of the same role is valid beyond that, or a file cannot be read.\n";

struct CertRow {
  std::string partner, endpoint, role, file, subject, serial, not_before, not_after, use, problem;
  double days_left = 0;
  bool valid_now = false;
  time_t not_before_t = 0;
};

std::string asn1_time_text(const ASN1_TIME* t) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return "?";
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

time_t asn1_time_t(const ASN1_TIME* t) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return 0;
  return timegm(&tm);
}

/// Every certificate in one PEM file (a chain file lists several; the first is the one used).
std::vector<CertRow> read_pem(const std::filesystem::path& file, const CertRow& base) {
  std::vector<CertRow> out;
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string pem = text.str();
  if (!in && pem.empty()) {
    CertRow r = base;
    r.file = file.string();
    r.problem = "cannot read the file";
    return {r};
  }
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  while (X509* x = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
    CertRow r = base;
    r.file = file.string();
    char* subject = X509_NAME_oneline(X509_get_subject_name(x), nullptr, 0);
    r.subject = subject ? subject : "";
    OPENSSL_free(subject);
    if (BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), nullptr)) {
      char* hex = BN_bn2hex(bn);
      r.serial = hex ? hex : "";
      OPENSSL_free(hex);
      BN_free(bn);
    }
    std::transform(r.serial.begin(), r.serial.end(), r.serial.begin(), ::tolower);
    r.not_before = asn1_time_text(X509_get0_notBefore(x));
    r.not_after = asn1_time_text(X509_get0_notAfter(x));
    r.not_before_t = asn1_time_t(X509_get0_notBefore(x));
    int days = 0, secs = 0;
    if (ASN1_TIME_diff(&days, &secs, nullptr, X509_get0_notAfter(x))) r.days_left = days + secs / 86400.0;
    r.valid_now =
        X509_cmp_current_time(X509_get0_notBefore(x)) <= 0 && X509_cmp_current_time(X509_get0_notAfter(x)) >= 0;
    if (!r.valid_now) r.problem = r.days_left < 0 ? "expired" : "not yet valid";
    X509_free(x);
    out.push_back(std::move(r));
    if (base.role == "tls") break;  // the rest of a chain file are CA certificates
  }
  ERR_clear_error();
  BIO_free(bio);
  if (out.empty()) {
    CertRow r = base;
    r.file = file.string();
    r.problem = "no PEM certificate in the file";
    out.push_back(r);
  }
  return out;
}

/// Marks which certificate of one role is in use (AS2's rule: the valid one with the latest
/// notBefore), and what the others are for.
void mark_use(std::vector<CertRow>& rows, std::size_t from, const std::string& in_use, const std::string& others) {
  std::size_t best = rows.size();
  for (std::size_t i = from; i < rows.size(); ++i)
    if (rows[i].valid_now && (best == rows.size() || rows[i].not_before_t > rows[best].not_before_t)) best = i;
  for (std::size_t i = from; i < rows.size(); ++i) rows[i].use = i == best ? in_use : rows[i].valid_now ? others : "-";
}

std::vector<std::string> split_paths(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string p; in >> p;) out.push_back(p);
  return out;
}

std::filesystem::path under(const std::filesystem::path& base, const std::string& p) {
  const std::filesystem::path path(p);
  return path.is_absolute() ? path : base / path;
}

}  // namespace

int cmd_certs(const Words& words, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  auto started =
      start_command("certs", words,
                    {partners_option(),
                     {"config", true, false, "FILE", "gateway.xml: its partners folder, endpoint overrides, listener"},
                     {"days", true, false, "N", "check: warn window in days (default 30)"}},
                    kCertsHelp, out, err, exit_code);
  if (!started) return exit_code;
  const Args& args = *started;
  const std::vector<std::string> verbs{"list", "check"};
  if (args.positional.size() != 1 || std::find(verbs.begin(), verbs.end(), args.positional[0]) == verbs.end())
    return usage_error("certs",
                       "expected 'list' or 'check'" +
                           (args.positional.empty() ? std::string() : did_you_mean(args.positional[0], verbs)),
                       kCertsHelp, err);
  const bool check = args.positional[0] == "check";
  double window = 30;
  try {
    window = std::stod(args.get("days", "30"));
  } catch (const std::exception&) {
    return usage_error("certs", "--days must be a number", kCertsHelp, err);
  }

  std::optional<gateway_config::GatewayConfig> gateway;
  if (args.has("config")) {
    auto g = gateway_config::load_gateway_config(args.get("config"));
    if (!g) {
      err << "edigate certs: " << g.error().to_string() << "\n";
      return exit_code_for(g.error().category);
    }
    gateway = std::move(g).value();
  }
  std::filesystem::path partners = args.has("partners") || !gateway ? partners_dir(args) : gateway->partners_dir;

  std::vector<CertRow> rows;
  int unreadable = 0;
  std::vector<std::filesystem::path> profiles;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(partners, ec))
    if (std::filesystem::is_regular_file(e.path() / "partner.xml")) profiles.push_back(e.path() / "partner.xml");
  if (ec) {
    err << "edigate certs: cannot read the partners folder " << partners.string() << ": " << ec.message() << "\n";
    return kExitUsage;
  }
  std::sort(profiles.begin(), profiles.end());
  for (const auto& file : profiles) {
    auto profile = partners::load_profile(file);
    if (!profile) {
      err << "edigate certs: " << profile.error().to_string() << "\n";
      ++unreadable;
      continue;
    }
    const partners::Profile& p = **profile;
    for (const auto& endpoint : p.transports) {
      if (endpoint.kind != "as2") continue;
      auto settings = endpoint.settings;
      if (gateway)
        if (const auto* o = gateway->transports.override_for(p.id, endpoint.name))
          for (const auto& [k, v] : o->options) settings[k] = v;
      for (const auto& [attribute, role, in_use, others] :
           {std::tuple{"partner-certificate", "partner", "encrypts", "verifies"},
            std::tuple{"our-certificate", "ours", "signs", "decrypts"}}) {
        const std::size_t first = rows.size();
        auto it = settings.find(attribute);
        if (it == settings.end()) continue;
        for (const auto& path : split_paths(it->second)) {
          CertRow base;
          base.partner = p.id;
          base.endpoint = endpoint.name;
          base.role = role;
          for (auto& r : read_pem(under(p.folder, path), base)) rows.push_back(std::move(r));
        }
        mark_use(rows, first, in_use, others);
      }
    }
  }
  if (gateway)
    for (const auto& l : gateway->transports.listeners) {
      auto it = l.options.find("certificate");
      if (l.type != "as2" || it == l.options.end()) continue;
      CertRow base;
      base.partner = "-";
      base.endpoint = "listener";
      base.role = "tls";
      const std::size_t first = rows.size();
      for (auto& r : read_pem(under(gateway->file.parent_path(), it->second), base)) rows.push_back(std::move(r));
      mark_use(rows, first, "serves", "-");
    }

  std::vector<std::vector<std::string>> table{{"PARTNER", "ENDPOINT", "ROLE", "USE", "SUBJECT", "SERIAL", "NOT-BEFORE",
                                               "NOT-AFTER", "DAYS-LEFT", "NOTE", "FILE"}};
  int failing = 0;
  for (const auto& r : rows) {
    char days[32];
    std::snprintf(days, sizeof days, "%.0f", r.days_left);
    table.push_back({r.partner, r.endpoint, r.role, r.use.empty() ? "-" : r.use, r.subject.empty() ? "-" : r.subject,
                     r.serial.empty() ? "-" : r.serial, r.not_before.empty() ? "-" : r.not_before,
                     r.not_after.empty() ? "-" : r.not_after, r.subject.empty() ? "-" : days,
                     r.problem.empty() ? "-" : r.problem, r.file});
    if (!check) continue;
    if (r.subject.empty()) {
      err << "edigate certs: " << r.partner << " " << r.endpoint << " " << r.role << ": " << r.file << ": " << r.problem
          << "\n";
      ++failing;
      continue;
    }
    // A certificate that is (or was) the one in use fails the check when it runs out within the
    // window, unless another of the same role is valid beyond it: the rollover is done.
    if (r.days_left >= window) continue;
    const bool covered = std::any_of(rows.begin(), rows.end(), [&](const CertRow& o) {
      return o.partner == r.partner && o.endpoint == r.endpoint && o.role == r.role && o.valid_now &&
             o.days_left >= window;
    });
    if (covered) continue;
    err << "edigate certs: " << r.partner << " " << r.endpoint << " " << r.role << " certificate " << r.subject
        << " (serial " << r.serial << ", " << r.file << ") "
        << (r.days_left < 0
                ? "expired on " + r.not_after
                : "expires on " + r.not_after + ", within " + std::to_string(static_cast<int>(window)) + " days")
        << "\n";
    ++failing;
  }
  print_table(out, table);
  if (unreadable) return kExitConfig;
  return failing ? kExitInvalid : kExitOk;
}

}  // namespace edigate::cli
