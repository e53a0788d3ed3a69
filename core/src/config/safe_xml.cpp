#include "config/safe_xml.hpp"

#include <pugixml.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace edigate::config {
namespace {

Error at(const std::string& code, std::string message, const std::string& file, std::string_view xml,
         std::size_t offset) {
  std::uint32_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < xml.size(); ++i) {
    if (xml[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  Error e(code, std::move(message));
  e.position.file = file;
  e.position.line = line;
  e.position.column = column;
  return e;
}

bool starts(std::string_view xml, std::size_t i, std::string_view what) { return xml.substr(i, what.size()) == what; }

bool predefined(std::string_view name) {
  return name == "lt" || name == "gt" || name == "amp" || name == "quot" || name == "apos";
}

Error file_error(const std::string& code, const std::filesystem::path& file, std::string message) {
  Error e(code, std::move(message));
  e.position.file = file.string();
  return e;
}

}  // namespace

Result<void> refuse_dtd_and_entities(std::string_view xml, const std::string& file, const std::string& code) {
  std::size_t i = 0;
  auto skip_to = [&](std::string_view end) {
    auto at_end = xml.find(end, i);
    i = at_end == std::string_view::npos ? xml.size() : at_end + end.size();
  };
  while (i < xml.size()) {
    std::size_t next = xml.find_first_of("<&", i);
    if (next == std::string_view::npos) break;
    i = next;
    if (xml[i] == '<') {
      if (starts(xml, i, "<!--"))
        skip_to("-->");
      else if (starts(xml, i, "<![CDATA["))
        skip_to("]]>");
      else if (starts(xml, i, "<?"))
        skip_to("?>");
      else if (starts(xml, i, "<!"))
        return at(code, "DOCTYPE and other markup declarations are not allowed in configuration files", file, xml, i)
            .want("no <!DOCTYPE> (entities are not supported)", std::string(xml.substr(i, 9)));
      else
        ++i;
      continue;
    }
    // '&': a character reference or one of the five predefined entities; anything else would
    // need a DTD to mean something.
    if (starts(xml, i, "&#")) {
      ++i;
      continue;
    }
    std::size_t semi = xml.find_first_of(";<& \t\r\n\"'", i + 1);
    std::string_view name = xml.substr(i + 1, semi == std::string_view::npos ? std::string_view::npos : semi - i - 1);
    if (semi == std::string_view::npos || xml[semi] != ';' || !predefined(name))
      return at(code, "entity reference not allowed in configuration files", file, xml, i)
          .want("&lt; &gt; &amp; &quot; &apos; or a character reference", "&" + std::string(name.substr(0, 32)) + ";");
    i = semi + 1;
  }
  return {};
}

Result<std::string> read_config_file(const std::filesystem::path& file, std::size_t max_bytes,
                                     const std::string& unreadable_code, const std::string& too_large_code) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
  int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return file_error(unreadable_code, file, std::string("cannot open: ") + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    return file_error(unreadable_code, file, std::string("cannot stat: ") + std::strerror(errno));
  if (!S_ISREG(st.st_mode))
    return std::move(
               file_error(unreadable_code, file, "not a regular file (a FIFO, device or directory is never read)"))
        .want("a regular file", S_ISFIFO(st.st_mode)  ? "FIFO"
                                : S_ISDIR(st.st_mode) ? "directory"
                                                      : "device or socket");
  auto too_large = [&] {
    return file_error(too_large_code, file, "file larger than " + std::to_string(max_bytes) + " bytes");
  };
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) return too_large();
  std::string text;
  text.resize(static_cast<std::size_t>(st.st_size));
  std::size_t have = 0;
  for (;;) {
    if (have == text.size()) {
      // Files that report no size (/proc) or grew since fstat: read on, within the bound.
      if (text.size() > max_bytes) return too_large();
      text.resize(std::min(max_bytes + 1, std::max<std::size_t>(text.size() * 2, 4096)));
    }
    ssize_t n = ::read(fd, text.data() + have, text.size() - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      return file_error(unreadable_code, file, std::string("cannot read: ") + std::strerror(errno));
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  if (have > max_bytes) return too_large();
  text.resize(have);
  return text;
}

Result<RootTag> read_root_tag(const std::filesystem::path& file, const std::string& code) {
  constexpr std::size_t kStep = 4 * 1024, kHead = 64 * 1024;
  int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return file_error(code, file, std::string("cannot open: ") + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return file_error(code, file, "not a regular file");
  std::string head;
  bool eof = false;
  // Reads up to `kStep` more bytes; false at the end of the file or of the 64 KiB window.
  auto more = [&] {
    if (eof || head.size() >= kHead) return false;
    std::size_t have = head.size();
    head.resize(have + kStep);
    ssize_t n;
    do n = ::read(fd, head.data() + have, kStep);
    while (n < 0 && errno == EINTR);
    head.resize(have + static_cast<std::size_t>(n > 0 ? n : 0));
    eof = n <= 0;
    return n > 0;
  };
  // The prolog: XML declaration, comments, processing instructions; then the root's start tag.
  auto find = [&](std::size_t from, const char* what) {
    std::size_t at;
    while ((at = head.find(what, from)) == std::string::npos && more()) {}
    return at;
  };
  std::size_t i = 0;
  for (;;) {
    i = find(i, "<");
    if (i == std::string::npos) return file_error(code, file, "no root element in the first 64 KiB");
    while (head.size() < i + 4 && more()) {}
    if (head.compare(i, 4, "<!--") == 0) {
      i = find(i, "-->");
    } else if (head.compare(i, 2, "<?") == 0) {
      i = find(i, "?>");
    } else {
      break;
    }
    if (i == std::string::npos) return file_error(code, file, "no root element in the first 64 KiB");
  }
  std::size_t end = i;
  char quote = 0;
  for (;; ++end) {
    if (end >= head.size() && !more()) return file_error(code, file, "root start tag not within the first 64 KiB");
    char c = head[end];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      break;
    }
  }
  std::string tag = head.substr(i, end - i);
  EDIGATE_TRY_VOID(refuse_dtd_and_entities(tag, file.string(), code));
  if (!tag.empty() && tag.back() == '/') tag.pop_back();
  tag += "/>";
  pugi::xml_document doc;
  if (!doc.load_buffer(tag.data(), tag.size(), pugi::parse_default, pugi::encoding_utf8))
    return file_error(code, file, "root start tag is not well-formed");
  RootTag out;
  std::string_view name = doc.document_element().name();
  if (auto colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
  out.name = std::string(name);
  for (auto a : doc.document_element().attributes()) out.attributes.emplace(a.name(), a.value());
  return out;
}

Result<void> load_config_xml(pugi::xml_document& doc, const EmbeddedXsd& xsd, std::string_view xml,
                             const std::string& file, const std::string& code) {
  EDIGATE_TRY_VOID(check_against_xsd(xsd, xml, file, code));
  auto parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    // The XSD check parses first, so this only happens if libxml2 and pugixml disagree.
    Error e(code, parsed.description());
    e.position.file = file;
    return e;
  }
  return {};
}

}  // namespace edigate::config
