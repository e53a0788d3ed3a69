#pragma once
// Which transaction-set schema a partner's document is validated with, read or written: the
// document's own schema file (schema="..."), the installed library's variant table
// (schema-variant="EANCOM": the subset's own restrictions), else the installed table for the
// transaction (schema::Registry::find, where an EAN-tagged message gets the UN table with its code
// lists open). Inbound validation and the read-back check of what we render use this one choice.
#include "partners/profile.hpp"
#include "translation/services.hpp"

#include <memory>
#include <string_view>

namespace edigate::translation {

/// The transaction a schema is wanted for.
struct SchemaKey {
  std::string_view standard;  ///< the format plugin's standard(): "X12", "EDIFACT"
  std::string_view version;   ///< "004010", "D96A"
  std::string_view set;       ///< "850", "ORDERS"
  std::string_view release;   ///< the version as sent (D:96A:UN:EAN008): selects a variant
};

/// The installed library's `doc->schema_variant` table for `key`; never another table in its
/// place: `schema.variant.not_found` (configuration, at the profile's <document> line) when
/// there is none.
Result<std::shared_ptr<const schema::CompiledSchema>> variant_schema(schema::Registry& schemas,
                                                                     const partners::Profile* partner,
                                                                     const partners::DocumentType& doc,
                                                                     const SchemaKey& key);

/// nullptr when no schema applies: none installed for the transaction, or content checks
/// switched off (`services.schemas` null) and the document names no schema file. An Error when
/// the document's schema file does not load, or its schema-variant has no table for the
/// transaction (`schema.variant.not_found`, at the profile's <document> line; configuration).
Result<std::shared_ptr<const schema::CompiledSchema>> document_schema(const Services& services,
                                                                      const partners::Profile* partner,
                                                                      const partners::DocumentType* doc,
                                                                      const SchemaKey& key);

}  // namespace edigate::translation
