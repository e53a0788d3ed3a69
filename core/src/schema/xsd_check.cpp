#include "schema/xsd_check.hpp"

#include "config/xsd_check.hpp"

namespace edigate::schema {

Result<void> check_against_xsd(std::string_view xml, const std::string& name) {
  return config::check_against_xsd({"transaction-set.xsd", kTransactionSetXsd}, xml, name, "schema.file.invalid");
}

}  // namespace edigate::schema
