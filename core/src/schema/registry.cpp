// PLACEHOLDER (being replaced by the schema engine work): finds nothing, validates nothing.
#include "schema/registry.hpp"

namespace edigate::schema {
class CompiledSchema { public: SchemaInfo info; };
Result<std::shared_ptr<const CompiledSchema>> load_schema(const std::filesystem::path& file) { return Error("schema.todo", "schema engine not built yet"); }
Result<std::shared_ptr<const CompiledSchema>> load_schema_from_memory(std::string_view, const std::string&) { return Error("schema.todo", "schema engine not built yet"); }
const SchemaInfo& info(const CompiledSchema& s) { return s.info; }
Registry::Registry(std::vector<std::filesystem::path> dirs) : dirs_(std::move(dirs)) {}
Result<std::shared_ptr<const CompiledSchema>> Registry::find(std::string_view, std::string_view, std::string_view) { return std::shared_ptr<const CompiledSchema>(); }
std::vector<Error> Registry::check_all(std::vector<SchemaInfo>*) { return {}; }
void validate(const CompiledSchema&, std::span<const Segment>, const Delimiters&, const std::string&, std::vector<Error>&) {}
}  // namespace edigate::schema
