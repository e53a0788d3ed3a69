#include "translation/document_schema.hpp"

namespace edigate::translation {

Result<std::shared_ptr<const schema::CompiledSchema>> variant_schema(schema::Registry& schemas,
                                                                     const partners::Profile* partner,
                                                                     const partners::DocumentType& doc,
                                                                     const SchemaKey& key) {
  EDIGATE_TRY(auto table, schemas.find_variant(key.standard, key.version, key.set, doc.schema_variant));
  if (table) return table;
  // Asked for by name, so not replaced by the directory's own table: that would validate the
  // partner's documents by rules the onboarding team chose not to apply.
  Error e("schema.variant.not_found", "the profile asks for the " + doc.schema_variant + " table of " +
                                          std::string(key.standard) + " " + std::string(key.version) + " " +
                                          std::string(key.set) + " (schema-variant), which no schema folder has");
  e.expected = std::string(key.version) + "/" + doc.schema_variant + "/" + std::string(key.set) + ".xml";
  if (partner) {
    e.position.file = partner->file.string();
    e.position.line = doc.line;
  }
  return std::move(e).as(ErrorCategory::configuration);
}

Result<std::shared_ptr<const schema::CompiledSchema>> document_schema(const Services& services,
                                                                      const partners::Profile* partner,
                                                                      const partners::DocumentType* doc,
                                                                      const SchemaKey& key) {
  if (partner && doc && !doc->schema.empty()) {
    EDIGATE_TRY(auto path, partner->resolve(doc->schema, services.files.maps_root()));
    return services.files.schema(path);
  }
  if (!services.schemas) return std::shared_ptr<const schema::CompiledSchema>();  // --no-schema
  if (!doc || doc->schema_variant.empty())
    return services.schemas->find(key.standard, key.version, key.set, key.release);
  return variant_schema(*services.schemas, partner, *doc, key);
}

}  // namespace edigate::translation
