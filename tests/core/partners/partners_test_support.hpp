#pragma once
// Temp folders of partner profiles for the partners tests.
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace edigate::test {

/// A fresh folder under the system temp dir, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& tag) {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("edigate-partners-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

inline void write_text(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

/// A minimal valid X12 profile; `extra` goes after <documents>.
inline std::string x12_profile(const std::string& id, const std::string& isa_id, const std::string& extra = "",
                               const std::string& name = "Test partner") {
  return "<?xml version=\"1.0\"?>\n"
         "<partner xmlns=\"urn:edigate:partner:1\" id=\"" + id + "\" standard=\"x12-004010\">\n"
         "  <name>" + name + "</name>\n"
         "  <identities><x12 isa-qualifier=\"ZZ\" isa-id=\"" + isa_id + "\" gs-id=\"" + isa_id + "\"/></identities>\n"
         "  <documents><document type=\"850\" direction=\"inbound\" map=\"maps/850.xml\"/></documents>\n" +
         extra + "</partner>\n";
}

}  // namespace edigate::test
