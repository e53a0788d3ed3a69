#pragma once
// Certificates for the AS2 tests, made with the `openssl` command line at test time in a temp
// dir (never checked in), and helpers to run `openssl cms` as the independent peer.
#include <as2/crypto.hpp>
#include <as2/message.hpp>
#include <as2/mime.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "temp_dir.hpp"

namespace edigate::as2::test {

namespace fs = std::filesystem;

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

/// Runs a shell command with its output in `log`; true when it exits 0.
inline bool sh(const std::string& cmd, const fs::path& log) {
  return std::system(("(" + cmd + ") >>'" + log.string() + "' 2>&1").c_str()) == 0;
}

/// One self-signed identity: NAME.key / NAME.crt in the fixture dir.
struct Identity {
  std::string name;
  fs::path key, crt;
  KeyPair pair() const {
    auto kp = load_key_pair_pem(read_file(key), read_file(crt), name);
    REQUIRE(kp.ok());
    return kp.value();
  }
  Certificate cert() const {
    auto c = load_certificate_pem(read_file(crt), name);
    REQUIRE(c.ok());
    return c.value();
  }
};

/// The shared certificates, generated once per test process (RSA key generation is slow).
struct Pki {
  edigate::test::TempDir dir{"as2-pki"};
  fs::path log = dir.path / "openssl.log";
  Identity gateway, partner, other, partner_old, partner_expired;

  static Pki& get() {
    static Pki pki;
    return pki;
  }

  /// `start`/`end` as YYYYMMDDHHMMSSZ make a certificate with that validity window (through
  /// `openssl ca -selfsign`, the only 3.0 command that takes explicit dates).
  Identity make(const std::string& name, const std::string& start = {}, const std::string& end = {}) {
    Identity id{name, dir.path / (name + ".key"), dir.path / (name + ".crt")};
    const std::string ext =
        "-addext basicConstraints=critical,CA:FALSE "
        "-addext keyUsage=critical,digitalSignature,keyEncipherment,dataEncipherment "
        "-addext extendedKeyUsage=emailProtection";
    const std::string subj = "-subj '/O=edigate test/CN=" + name + "'";
    REQUIRE(sh("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out '" + id.key.string() + "'", log));
    if (start.empty()) {
      REQUIRE(sh("openssl req -new -x509 -sha256 -days 30 -key '" + id.key.string() + "' -out '" + id.crt.string() +
                     "' " + subj + " " + ext,
                 log));
      return id;
    }
    const fs::path ca = dir.path / ("ca-" + name);
    fs::create_directories(ca);
    write_file(ca / "index.txt", "");
    write_file(ca / "openssl.cnf",
               "[ca]\ndefault_ca=d\n[d]\ndatabase=" + (ca / "index.txt").string() + "\nnew_certs_dir=" + ca.string() +
                   "\nserial=" + (ca / "serial").string() +
                   "\ndefault_md=sha256\npolicy=p\nunique_subject=no\ncopy_extensions=copy\n[p]\ncommonName=supplied\n"
                   "organizationName=optional\n");
    write_file(ca / "serial", "1000\n");
    const fs::path csr = ca / "req.csr";
    REQUIRE(sh("openssl req -new -key '" + id.key.string() + "' -out '" + csr.string() + "' " + subj + " " + ext, log));
    REQUIRE(sh("openssl ca -batch -config '" + (ca / "openssl.cnf").string() + "' -selfsign -keyfile '" +
                   id.key.string() + "' -in '" + csr.string() + "' -startdate " + start + " -enddate " + end +
                   " -out '" + id.crt.string() + "' -notext",
               log));
    return id;
  }

 private:
  Pki() {
    gateway = make("GATEWAY");
    partner = make("PARTNER");
    other = make("OTHER");
    partner_old = make("PARTNER-OLD", "20240101000000Z", "20991231000000Z");
    partner_expired = make("PARTNER-EXPIRED", "20200101000000Z", "20210101000000Z");
  }
};

/// An S/MIME entity (as `openssl cms` writes it) split the way HTTP carries it.
struct HttpBody {
  std::string content_type, body;
};
inline HttpBody as_http(const std::string& entity) {
  auto e = parse_entity(entity);
  REQUIRE(e.ok());
  return {e->header("Content-Type"), std::string(e->body)};
}

/// The payload of most tests: X12 with bare LFs and a few non-ASCII bytes, which a signature
/// over re-canonicalized bytes would break.
inline std::string sample_payload() {
  return std::string(
      "ISA*00*          *00*          *ZZ*PARTNER        *ZZ*GATEWAY        *240101*1200*U*00401*"
      "000000001*0*P*>~\nGS*PO*PARTNER*GATEWAY*20240101*1200*1*X*004010~\nST*850*0001~\n"
      "BEG*00*SA*PO-4711**20240101~\nN1*ST*M\xC3\xBC"
      "ller\x01\xFF~\nSE*4*0001~\nGE*1*1~\nIEA*1*000000001~\n");
}

}  // namespace edigate::as2::test
