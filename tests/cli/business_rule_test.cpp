// `edigate translate` with a product id that is well formed but fails a business rule (an
// 11-digit value qualified UP): before, the whole purchase order was dropped; now it goes out
// as sent with a positioned warning (on stderr and in the message), and a partner whose
// profile says <tolerance business-rule-violations="reject"/> gets the set refused.
#include "process.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

const std::string kEdigate = std::string(EDIGATE_BUILD_DIR) + "/bin/edigate";
const fs::path kSource = EDIGATE_SOURCE_DIR;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

void replace(std::string& text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

struct Workspace {
  fs::path dir = fs::temp_directory_path() / ("edigate-rule-" + std::to_string(::getpid()));
  Workspace() {
    fs::remove_all(dir);
    fs::create_directories(dir / "partners/acme-retail");  // fs::copy needs the target folder's parent
    fs::copy(kSource / "partners/acme-retail", dir / "partners/acme-retail", fs::copy_options::recursive);
    std::string edi = read(kSource / "samples/inbound/acme_850_4010.edi");
    replace(edi, "PO1*1*24*EA*12.50**UP*012345678905*VP*WID-100~", "PO1*1*24*EA*12.50**UP*01234567890~");
    write(dir / "po.edi", edi);
  }
  ~Workspace() { fs::remove_all(dir); }
  edigate::test::CommandResult translate() const {
    return edigate::test::run_command("cd " + edigate::test::shell_quote(dir.string()) + " && " + kEdigate +
                                      " translate --maps " + edigate::test::shell_quote((kSource / "maps").string()) +
                                      " po.edi");
  }
};

}  // namespace

TEST_CASE("translate sends an 11-digit UP as received with a positioned warning instead of dropping the order",
          "[cli][translate][business_rule]") {
  Workspace ws;
  auto r = ws.translate();
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK_THAT(r.err, Catch::Contains("po.edi:327: warning: segment 11 (PO1) element 7: ") &&
                        Catch::Contains("lines[1].items.upc \"01234567890\" is not a UPC-A of 12 digits") &&
                        Catch::Contains("[mapping.value.business_rule]"));
  // Both purchase orders of the sample go out; the first carries the id and the warning.
  auto first = r.out.substr(0, r.out.find('\n'));
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 2);
  CHECK_THAT(first, Catch::Contains(R"("items":{"upc":"01234567890"})"));
  CHECK_THAT(first,
             Catch::Contains(R"("warnings":[{"code":"mapping.value.business_rule","field":"lines[1].items.upc")"));
}

TEST_CASE("a partner with business-rule-violations=\"reject\" gets such a purchase order refused at the segment",
          "[cli][translate][business_rule]") {
  Workspace ws;
  std::string profile = read(ws.dir / "partners/acme-retail/partner.xml");
  replace(profile, "<tolerance base=\"default\" trailing-spaces=\"true\"/>",
          "<tolerance base=\"default\" trailing-spaces=\"true\" business-rule-violations=\"reject\"/>");
  write(ws.dir / "partners/acme-retail/partner.xml", profile);
  auto r = ws.translate();
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK_THAT(r.err,
             Catch::Contains("segment 11 (PO1) element 7: ") && Catch::Contains("[mapping.value.business_rule]"));
  CHECK(r.err.find("warning:") == std::string::npos);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);  // the other purchase order still goes out
}

namespace {

// A supplier's order API in JSON (a JSON-source map onto purchase_order): the same switch applies.
const std::string kJsonOrderMap =
    R"(<map id="api-orders-inbound" direction="inbound" source="json" standard="JSON" set="api-order" type="purchase_order">
  <field name="po_number" path="id" required="true" correlation="po_number"/>
  <field name="po_date" path="date" convert="date"/>
  <field name="purpose" const="original"/>
  <array name="lines" each="lines">
    <field name="quantity" path="qty" convert="decimal"/>
    <field name="uom" const="EA"/>
    <object name="items"><field name="upc" path="upc" convert="upc"/></object>
  </array>
</map>
)";

std::string json_partner(const std::string& tolerance) {
  return R"(<partner xmlns="urn:edigate:partner:1" id="api" standard="json">
  <name>Order API</name>
  <identities/>
  <documents><document type="orders" direction="inbound" map="maps/orders.xml"/></documents>
  )" + tolerance +
         R"(
</partner>
)";
}

}  // namespace

TEST_CASE("carrier and supplier JSON follow the same business-rule switch as EDI", "[cli][translate][business_rule]") {
  const fs::path dir = fs::temp_directory_path() / ("edigate-rule-json-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  write(dir / "partners/api/maps/orders.xml", kJsonOrderMap);
  write(dir / "order.json", R"({"id":"PO-7","date":"20261201","lines":[{"qty":"2","upc":"01234567890"}]})");
  auto run = [&] {
    return edigate::test::run_command("cd " + edigate::test::shell_quote(dir.string()) + " && " + kEdigate +
                                      " translate --partner api --maps " +
                                      edigate::test::shell_quote((kSource / "maps").string()) + " order.json");
  };
  write(dir / "partners/api/partner.xml", json_partner(""));
  auto warned = run();
  INFO(warned.err);
  CHECK(warned.status == 0);
  CHECK_THAT(warned.out, Catch::Contains(R"("upc":"01234567890")"));
  CHECK_THAT(warned.err, Catch::Contains("warning:"));
  CHECK_THAT(warned.err, Catch::Contains("[mapping.value.business_rule]"));

  write(dir / "partners/api/partner.xml", json_partner(R"(<tolerance business-rule-violations="reject"/>)"));
  auto refused = run();
  CHECK(refused.status == 1);
  CHECK(refused.out.empty());
  CHECK_THAT(refused.err, Catch::Contains("[mapping.value.business_rule]"));
  fs::remove_all(dir);
}
