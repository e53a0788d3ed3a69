#pragma once
// The value rules of the load-time map checks (map_check.cpp): what a `default` must look like
// for its `convert`, and the "did you mean" guess for a misspelt canonical field.
#include <string>
#include <string_view>
#include <vector>

namespace edigate::mapping::check_detail {

/// "a.b.c" for a canonical path.
std::string dotted(const std::vector<std::string>& path);
/// Non-empty and only ASCII digits.
bool all_digits(std::string_view s);
/// True when `value` looks like what `convert` writes into a canonical message (a default is
/// written as is, not converted); otherwise false with what it should look like in `want`.
bool default_fits(const std::string& convert, const std::string& value, std::string& want);
/// The name in `names` closest to `name` when close enough to be a typo (underscores ignored),
/// else "".
std::string closest(const std::vector<std::string>& names, const std::string& name);

}  // namespace edigate::mapping::check_detail
