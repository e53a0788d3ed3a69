// libFuzzer: schema::biztalk::import_xsd_text, the reader of BizTalk EDI XSDs that `edigate schemas import
// biztalk` runs on files a migrating team brings (libxml2 parse, then the BizTalk annotations,
// groups, occurrences and the trigger rule read into a transaction-set table).
#include "schema/biztalk_import.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace edigate;
  auto message =
      schema::biztalk::import_xsd_text(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xsd");
  if (message)
    (void)(message->set.size() + message->segments.size() + message->repairs.size());
  else
    (void)message.error().to_string();
  return 0;
}
