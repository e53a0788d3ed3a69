#pragma once
// Aligned text tables for the `list` commands (partners list, schemas list, plugins list):
// each column as wide as its widest cell, so long ids or names never shift the next column.
#include <iosfwd>
#include <string>
#include <vector>

namespace edigate::cli {

/// Writes `rows` (the first one the header) with columns separated by two spaces; the last
/// column is not padded. Widths count UTF-8 characters, not bytes.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows);

}  // namespace edigate::cli
