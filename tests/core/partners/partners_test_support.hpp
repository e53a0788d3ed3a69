#pragma once
// Temp folders of partner profiles for the partners tests.
#include "temp_dir.hpp"

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <string>

namespace edigate::test {

/// A minimal valid X12 profile; `extra` goes after <documents>.
inline std::string x12_profile(const std::string& id, const std::string& isa_id, const std::string& extra = "",
                               const std::string& name = "Test partner") {
  return "<?xml version=\"1.0\"?>\n"
         "<partner xmlns=\"urn:edigate:partner:1\" id=\"" +
         id +
         "\" standard=\"x12-004010\">\n"
         "  <name>" +
         name +
         "</name>\n"
         "  <identities><x12 isa-qualifier=\"ZZ\" isa-id=\"" +
         isa_id + "\" gs-id=\"" + isa_id +
         "\"/></identities>\n"
         "  <documents><document type=\"850\" direction=\"inbound\" map=\"maps/850.xml\"/></documents>\n" +
         extra + "</partner>\n";
}

}  // namespace edigate::test
