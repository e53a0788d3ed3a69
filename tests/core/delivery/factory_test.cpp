#include "delivery/factory.hpp"
#include "delivery/folder.hpp"
#include "partners/profile_loader.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace edigate::delivery;
using edigate::partners::Endpoint;
using edigate::partners::SecretRef;
using edigate::test::TempDir;

namespace {
Endpoint endpoint(std::string kind, std::map<std::string, std::string> settings) {
  Endpoint e;
  e.kind = std::move(kind);
  e.name = "erp";
  e.settings = std::move(settings);
  return e;
}
}  // namespace

TEST_CASE("factory builds a signed webhook from a profile endpoint with an env secret", "[delivery][factory]") {
  ::setenv("EDIGATE_TEST_HOOK_SECRET", "s3cr3t-value", 1);
  auto e = endpoint("webhook", {{"url", "https://erp.example/hooks/edi"}, {"timeout-seconds", "5"}});
  e.secrets.emplace("signing-secret", SecretRef{SecretRef::Kind::env, "EDIGATE_TEST_HOOK_SECRET"});
  auto made = make_destination(e, {});
  REQUIRE(made);
  CHECK(made.value()->name() == "erp");
  const std::string text = made.value()->describe();
  CHECK(text == "webhook erp -> https://erp.example/hooks/edi (signed)");
  CHECK(text.find("s3cr3t") == std::string::npos);
}

TEST_CASE("factory reports an unset secret as configuration without a value", "[delivery][factory]") {
  ::unsetenv("EDIGATE_TEST_UNSET_SECRET");
  auto e = endpoint("webhook", {{"url", "http://erp.example/x"}});
  e.secrets.emplace("signing-secret", SecretRef{SecretRef::Kind::env, "EDIGATE_TEST_UNSET_SECRET"});
  auto made = make_destination(e, {"", "", "partners/acme/partner.xml"});
  REQUIRE_FALSE(made);
  CHECK(made.error().code == "partner.secret.missing");
  CHECK(made.error().category == edigate::ErrorCategory::configuration);
  CHECK(made.error().position.file == "partners/acme/partner.xml");
  CHECK(made.error().message.find("EDIGATE_TEST_UNSET_SECRET") != std::string::npos);
}

TEST_CASE("factory reads a file secret relative to the profile folder", "[delivery][factory]") {
  TempDir dir("factory");
  edigate::test::write_text(dir.path / "hook.secret", "from-file\n");
  auto e = endpoint("webhook", {{"url", "http://erp.example/x"}});
  e.secrets.emplace("signing-secret", SecretRef{SecretRef::Kind::file, "hook.secret"});
  auto made = make_destination(e, {"", dir.path, ""});
  REQUIRE(made);
  CHECK(made.value()->describe().find("(signed)") != std::string::npos);
}

TEST_CASE("factory refuses an unknown kind, a missing url or path, a bad timeout", "[delivery][factory]") {
  auto unknown = make_destination(endpoint("ftp", {{"url", "ftp://x"}}), {});
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == "delivery.kind.unknown");
  CHECK(unknown.error().category == edigate::ErrorCategory::configuration);

  auto no_url = make_destination(endpoint("webhook", {}), {});
  REQUIRE_FALSE(no_url);
  CHECK(no_url.error().code == "delivery.setting.missing");

  auto no_path = make_destination(endpoint("folder", {}), {"/data", "", ""});
  REQUIRE_FALSE(no_path);
  CHECK(no_path.error().code == "delivery.setting.missing");

  auto bad_timeout = make_destination(endpoint("webhook", {{"url", "http://x/"}, {"timeout-seconds", "0"}}), {});
  REQUIRE_FALSE(bad_timeout);
  CHECK(bad_timeout.error().code == "delivery.setting.invalid");

  auto bad_ca = make_destination(endpoint("webhook", {{"url", "https://x/"}, {"ca-file", "/nonexistent/ca.pem"}}), {});
  REQUIRE_FALSE(bad_ca);
  CHECK(bad_ca.error().code == "delivery.webhook.tls");
  CHECK(bad_ca.error().category == edigate::ErrorCategory::configuration);
}

TEST_CASE("factory puts a relative folder path under the data directory", "[delivery][factory]") {
  auto rel = make_destination(endpoint("folder", {{"path", "canonical/acme"}}), {"/var/lib/edigate", "", ""});
  REQUIRE(rel);
  CHECK(dynamic_cast<FolderDestination&>(*rel.value()).folder() == "/var/lib/edigate/canonical/acme");
  auto abs = make_destination(endpoint("folder", {{"path", "/srv/edi"}}), {"/var/lib/edigate", "", ""});
  REQUIRE(abs);
  CHECK(dynamic_cast<FolderDestination&>(*abs.value()).folder() == "/srv/edi");
  auto no_base = make_destination(endpoint("folder", {{"path", "canonical"}}), {});
  REQUIRE_FALSE(no_base);
  CHECK(no_base.error().code == "delivery.setting.invalid");
}

TEST_CASE("a destination's types setting selects message types and no setting takes all", "[delivery][factory]") {
  CHECK(endpoint_accepts(endpoint("folder", {}), "invoice"));
  auto e = endpoint("webhook", {{"types", "purchase_order, functional_ack"}});
  CHECK(endpoint_accepts(e, "purchase_order"));
  CHECK(endpoint_accepts(e, "functional_ack"));
  CHECK_FALSE(endpoint_accepts(e, "purchase"));
  CHECK_FALSE(endpoint_accepts(e, "invoice"));
}

TEST_CASE("a partner profile's webhook with timeout-seconds and ca-file builds a destination", "[delivery][factory]") {
  TempDir dir("factory");
  ::setenv("EDIGATE_TEST_PROFILE_SECRET", "x", 1);
  const std::string xml = R"(<?xml version="1.0"?>
<partner xmlns="urn:edigate:partner:1" id="acme" standard="x12-004010">
  <name>Acme</name>
  <identities><x12 isa-qualifier="ZZ" isa-id="ACME"/></identities>
  <documents><document type="850" direction="inbound" map="base/x12/004010/850.inbound.xml"/></documents>
  <destinations>
    <webhook name="erp" url="http://127.0.0.1:9/hooks" signing-secret="env:EDIGATE_TEST_PROFILE_SECRET"
             timeout-seconds="3" ca-file="certs/erp-ca.pem" types="purchase_order"/>
    <folder name="archive" path="archive/acme"/>
  </destinations>
</partner>)";
  auto profile = edigate::partners::load_profile_from_memory(xml, dir.path / "acme" / "partner.xml");
  if (!profile) FAIL(profile.error().to_string());
  REQUIRE(profile.value()->destinations.size() == 2);
  FactoryContext ctx{dir.path / "data", profile.value()->folder, profile.value()->file};
  auto hook = make_destination(profile.value()->destinations[0], ctx);
  REQUIRE(hook);
  CHECK(hook.value()->describe() == "webhook erp -> http://127.0.0.1:9/hooks (signed) (CA file " +
                                        (dir.path / "acme" / "certs" / "erp-ca.pem").string() + ")");
  auto folder = make_destination(profile.value()->destinations[1], ctx);
  REQUIRE(folder);
  CHECK(dynamic_cast<FolderDestination&>(*folder.value()).folder() == dir.path / "data" / "archive" / "acme");
}
