#include "config/xsd_check.hpp"

#include "config/safe_xml.hpp"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <climits>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace edigate::config {
namespace {

struct CompiledXsd {
  xmlSchemaPtr schema = nullptr;
  std::string error;
  CompiledXsd() = default;
  CompiledXsd(const CompiledXsd&) = delete;
  CompiledXsd& operator=(const CompiledXsd&) = delete;
  ~CompiledXsd() {
    if (schema) xmlSchemaFree(schema);  // at exit, so leak checkers see a clean process
  }
};

void ignore_error(void*, xmlErrorPtr) {}

const CompiledXsd& compiled_xsd(const EmbeddedXsd& xsd) {
  // Compiled once per XSD text (keyed by its address: the texts are generated constants) and
  // kept for the process; libxml2 documents an xmlSchemaPtr as usable from several validation
  // contexts at once.
  static std::mutex mutex;
  static std::map<const char*, std::unique_ptr<CompiledXsd>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = cache[xsd.text.data()];
  if (slot) return *slot;
  slot = std::make_unique<CompiledXsd>();
  xmlInitParser();
  xmlSchemaParserCtxtPtr pctx = xmlSchemaNewMemParserCtxt(xsd.text.data(), static_cast<int>(xsd.text.size()));
  if (!pctx) {
    slot->error = "cannot create the XSD parser";
    return *slot;
  }
  xmlSchemaSetParserStructuredErrors(pctx, ignore_error, nullptr);
  slot->schema = xmlSchemaParse(pctx);
  xmlSchemaFreeParserCtxt(pctx);
  if (!slot->schema) slot->error = "the embedded " + std::string(xsd.name) + " does not compile";
  return *slot;
}

/// Collects the first error libxml2 reports (and counts the rest).
struct Collector {
  bool have = false;
  int line = 0;
  int column = 0;
  std::string message;
  std::string node_name;
  int more = 0;
};

void collect(void* ctx, xmlErrorPtr err) {
  auto* c = static_cast<Collector*>(ctx);
  if (!err || err->level == XML_ERR_WARNING) return;
  if (c->have) {
    ++c->more;
    return;
  }
  c->have = true;
  c->line = err->line;
  c->column = err->int2;
  c->message = err->message ? err->message : "invalid";
  while (!c->message.empty() && (c->message.back() == '\n' || c->message.back() == ' ')) c->message.pop_back();
  if (err->node) {
    auto* node = static_cast<xmlNodePtr>(err->node);
    if (node->type == XML_ELEMENT_NODE && node->name) c->node_name = reinterpret_cast<const char*>(node->name);
    if (!c->line) c->line = static_cast<int>(xmlGetLineNo(node));
  }
}

/// libxml2 gives validation errors a line but no column: point at the element's '<' on that
/// line so editors jump to the right place.
int column_of(std::string_view xml, int line, const std::string& name) {
  if (line <= 0) return 0;
  std::size_t pos = 0;
  for (int l = 1; l < line; ++l) {
    pos = xml.find('\n', pos);
    if (pos == std::string_view::npos) return 0;
    ++pos;
  }
  std::size_t end = xml.find('\n', pos);
  std::string_view text = xml.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
  if (!name.empty()) {
    for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
      std::string_view rest = text.substr(at + 1);
      auto colon = rest.find(':');  // prefixed name
      if (rest.substr(0, name.size()) == name ||
          (colon != std::string_view::npos && colon < rest.find_first_of(" \t>/") &&
           rest.substr(colon + 1, name.size()) == name))
        return static_cast<int>(at) + 1;
    }
  }
  std::size_t first = text.find_first_not_of(" \t\r");
  return first == std::string_view::npos ? 1 : static_cast<int>(first) + 1;
}

Error to_error(const Collector& c, std::string_view xml, const std::string& name, const std::string& code,
               const std::string& fallback) {
  std::string msg = c.have ? c.message : fallback;
  if (c.more) msg += " (and " + std::to_string(c.more) + " more problem" + (c.more > 1 ? "s" : "") + ")";
  Error e(code, msg);
  e.position.file = name;
  e.position.line = c.line > 0 ? static_cast<std::uint32_t>(c.line) : 0;
  int col = c.column > 0 ? c.column : column_of(xml, c.line, c.node_name);
  e.position.column = col > 0 ? static_cast<std::uint32_t>(col) : 0;
  return e;
}

}  // namespace

Result<void> check_against_xsd(const EmbeddedXsd& embedded, std::string_view xml, const std::string& name,
                               const std::string& code) {
  const CompiledXsd& xsd = compiled_xsd(embedded);
  if (!xsd.schema) return Error("config.xsd.broken", xsd.error);
  if (xml.size() > static_cast<std::size_t>(INT_MAX)) {
    Error e(code, "file too large");
    e.position.file = name;
    return e;
  }
  // Before libxml2 sees the text: a DTD could make it expand entities (quadratic time) and
  // validate values pugixml never reads; entity errors also leak inside libxml2 2.9.
  EDIGATE_TRY_VOID(refuse_dtd_and_entities(xml, name, code));
  Collector c;
  xmlParserCtxtPtr pctx = xmlNewParserCtxt();
  if (!pctx) return Error(code, "out of memory creating an XML parser");
  xmlSetStructuredErrorFunc(&c, collect);
  // NONET: never fetch anything; no NOENT/DTDLOAD: no external entities (XXE).
  xmlDocPtr doc = xmlCtxtReadMemory(pctx, xml.data(), static_cast<int>(xml.size()), name.c_str(), nullptr,
                                    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (!doc) {
    if (!c.have) {
      if (const xmlError* last = xmlCtxtGetLastError(pctx)) collect(&c, const_cast<xmlErrorPtr>(last));
    }
    xmlFreeParserCtxt(pctx);
    return to_error(c, xml, name, code, "not well-formed XML");
  }
  xmlFreeParserCtxt(pctx);

  xmlSchemaValidCtxtPtr vctx = xmlSchemaNewValidCtxt(xsd.schema);
  if (!vctx) {
    xmlFreeDoc(doc);
    return Error(code, "out of memory creating an XSD validator");
  }
  xmlSchemaSetValidStructuredErrors(vctx, collect, &c);
  int rc = xmlSchemaValidateDoc(vctx, doc);
  xmlSchemaFreeValidCtxt(vctx);
  xmlFreeDoc(doc);
  if (rc != 0) return to_error(c, xml, name, code, "does not match " + std::string(embedded.name));
  return {};
}

}  // namespace edigate::config
