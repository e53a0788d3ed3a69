// AS2 over https: the listener with its own TLS certificate, the endpoint verifying it (chain and
// host name) against the profile's ca-file, and refusing it without one (verification is on by
// default: an untrusted certificate is a permanent failure, not something retries would fix).
#include "plugin_fixture.hpp"

using namespace edigate;
using namespace edigate::as2;
using namespace edigate::as2::test;

TEST_CASE("AS2 over https: delivered when the ca-file vouches for the listener, refused when nothing does",
          "[as2][plugin][tls]") {
  Pki& pki = Pki::get();
  Gateway us, them;
  const fs::path tls_key = them.dir.path / "tls.key", tls_crt = them.dir.path / "tls.crt";
  const fs::path log = them.dir.path / "openssl.log";
  REQUIRE(sh("openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 2 -keyout '" + tls_key.string() + "' -out '" +
                 tls_crt.string() + "' -subj '/CN=127.0.0.1' -addext 'subjectAltName=IP:127.0.0.1'",
             log));
  ListenerConfig c;
  c.type = "as2";
  c.base = them.dir.path;
  c.work_dir = them.dir.path / "data/transports/as2";
  for (const auto& o : them.plugin->spec().listener)
    if (!o.default_value.empty()) c.options[o.name] = o.default_value;
  c.options["listen"] = "127.0.0.1:0";
  c.options["certificate"] = "tls.crt";  // relative: to the gateway configuration's folder
  c.secrets["private-key"] = read_file(tls_key);
  auto listener = them.plugin->listen(c, *them.host);
  INFO((listener.ok() ? std::string() : listener.error().to_string()));
  REQUIRE(listener.ok());
  auto them_to_us =
      them.open(them.config("http://127.0.0.1:9/as2", "PARTNER", {pki.partner}, "GATEWAY", {pki.gateway}));
  const std::string url = "https://" + (*listener)->address() + "/as2";

  auto trusted =
      us.open(us.config(url, "GATEWAY", {pki.gateway}, "PARTNER", {pki.partner}, {{"ca-file", tls_crt.string()}}));
  const SendResult ok = trusted->send(outbound(41));
  INFO(ok.detail);
  CHECK(ok.kind == SendResult::Kind::delivered);
  CHECK(them.host->stored() == 1);

  auto untrusted = us.open(us.config(url, "GATEWAY", {pki.gateway}, "PARTNER", {pki.partner}));
  const SendResult refused = untrusted->send(outbound(42));
  INFO(refused.detail);
  CHECK(refused.kind == SendResult::Kind::permanent);
  CHECK(refused.detail.find("transport.as2.tls") != std::string::npos);
  CHECK(them.host->stored() == 1);
}
