#pragma once
// XSD validation of schema files against the embedded transaction-set.xsd (libxml2).
#include <edigate/result.hpp>

#include <string>
#include <string_view>

namespace edigate::schema {

/// The XSD text compiled into the library (generated from core/schemas/transaction-set.xsd).
extern const std::string_view kTransactionSetXsd;

/// Parses `xml` and validates it against the embedded XSD (through config::check_against_xsd,
/// the one XSD code path). The first problem is returned as code schema.file.invalid with
/// file/line/column.
Result<void> check_against_xsd(std::string_view xml, const std::string& name);

}  // namespace edigate::schema
