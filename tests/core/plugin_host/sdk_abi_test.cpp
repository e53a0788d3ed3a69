// The SDK's binary contract: a plugin built against one EDIGATE_SDK_ABI must only ever meet a
// host with the same class layouts and virtual tables. This test fingerprints the SDK's
// declarations (comments and spacing ignored) and fails when they change while the ABI number
// stays the same, which is how ABI 1 silently changed Position's layout.
#include <edigate/abi.hpp>

#include <openssl/evp.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

/// The header text without comments, whitespace runs folded to one space.
std::string declarations(const std::string& text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "//") == 0) {
      i = text.find('\n', i);
      if (i == std::string::npos) break;
      space = true;
      continue;
    }
    if (text.compare(i, 2, "/*") == 0) {
      i = text.find("*/", i);
      if (i == std::string::npos) break;
      ++i;
      space = true;
      continue;
    }
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string sha256_hex(const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

/// Every SDK header but abi.hpp (which holds the number itself), in name order.
std::string sdk_fingerprint() {
  std::vector<fs::path> headers;
  for (const auto& e : fs::directory_iterator(fs::path(EDIGATE_SOURCE_DIR) / "core" / "include" / "edigate"))
    if (e.path().extension() == ".hpp" && e.path().filename() != "abi.hpp") headers.push_back(e.path());
  std::sort(headers.begin(), headers.end());
  std::string all;
  for (const auto& h : headers) {
    std::ifstream in(h, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    all += h.filename().string() + "\n" + declarations(s.str()) + "\n";
  }
  return sha256_hex(all);
}

/// tests/core/plugin_host/sdk_abi.txt: "<abi> <fingerprint>" per line, append-only.
std::map<unsigned, std::string> recorded() {
  std::map<unsigned, std::string> out;
  std::ifstream in(fs::path(EDIGATE_SOURCE_DIR) / "tests" / "core" / "plugin_host" / "sdk_abi.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream s(line);
    unsigned abi = 0;
    std::string fingerprint;
    if (s >> abi >> fingerprint) out[abi] = fingerprint;
  }
  return out;
}

}  // namespace

TEST_CASE("the SDK's declarations are the ones recorded for EDIGATE_SDK_ABI", "[plugin_host][abi]") {
  const std::string now = sdk_fingerprint();
  auto records = recorded();
  INFO("SDK fingerprint now: " << now);
  INFO("If you changed a class or struct in core/include/edigate/, bump EDIGATE_SDK_ABI in abi.hpp and append \""
       << EDIGATE_SDK_ABI + 1 << " " << now << "\" to tests/core/plugin_host/sdk_abi.txt; never edit a recorded line.");
  REQUIRE(records.count(EDIGATE_SDK_ABI) == 1);
  CHECK(records[EDIGATE_SDK_ABI] == now);
  for (const auto& [abi, fingerprint] : records)
    if (abi != EDIGATE_SDK_ABI) CHECK(fingerprint != now);  // an old ABI's declarations are not this one's
}

TEST_CASE("the fingerprint ignores comments and spacing but not declarations", "[plugin_host][abi]") {
  CHECK(declarations("struct A {  int x; // why\n};") == declarations("struct A { int x;\n/* note */ };"));
  CHECK(declarations("struct A { int x; };") != declarations("struct A { int x; int y; };"));
  CHECK(declarations("virtual int f() const noexcept = 0;") != declarations("virtual int f() noexcept = 0;"));
}
