#include "mapping/map_check_values.hpp"

#include "canonical/date_time.hpp"
#include "canonical/decimal.hpp"

#include <algorithm>
#include <cctype>

namespace edigate::mapping::check_detail {

std::string dotted(const std::vector<std::string>& t) {
  std::string out;
  for (const auto& s : t) out += (out.empty() ? "" : ".") + s;
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// What a value written by `convert` looks like in a canonical message; a default (written as is,
// not converted) must look the same or every message that needs it is wrong or fails.
bool default_fits(const std::string& convert, const std::string& value, std::string& want) {
  if (convert == "integer") {
    want = "an integer";
    std::string_view v = value;
    if (!v.empty() && v[0] == '-') v.remove_prefix(1);
    return all_digits(v) && v.size() <= 18;
  }
  if (convert == "decimal" || convert.rfind("implied", 0) == 0) {
    want = "a decimal (\"12.50\")";
    return canonical::is_canonical_decimal(value);
  }
  if (convert == "date" || convert == "date8" || convert == "date6" || convert == "range_start" ||
      convert == "range_end") {
    want = "a date YYYY-MM-DD";
    if (value.size() != 10 || value[4] != '-' || value[7] != '-') return false;
    return bool(canonical::iso_date(value.substr(0, 4) + value.substr(5, 2) + value.substr(8, 2),
                                    canonical::DateFormat::ccyymmdd));
  }
  if (convert == "time") {
    want = "a time HH:MM:SS";
    return value.size() == 8 && value[2] == ':' && value[5] == ':' &&
           bool(canonical::iso_time(value.substr(0, 2) + value.substr(3, 2) + value.substr(6, 2)));
  }
  if (convert == "upc") {
    want = "12 digits";
    return value.size() == 12 && all_digits(value);
  }
  if (convert == "gtin") {
    want = "8, 12, 13 or 14 digits";
    return all_digits(value) && (value.size() == 8 || (value.size() >= 12 && value.size() <= 14));
  }
  if (convert == "sscc") {
    want = "18 digits";
    return value.size() == 18 && all_digits(value);
  }
  if (convert == "length") {
    want = "a number of characters";
    return all_digits(value);
  }
  return true;
}

namespace {

// Edit distance with underscores ignored ("packsize" vs "pack_size" is 0), for "did you mean".
std::size_t distance(std::string_view a, std::string_view b) {
  std::string x, y;
  for (char c : a)
    if (c != '_') x += c;
  for (char c : b)
    if (c != '_') y += c;
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[y.size()];
}

}  // namespace

// The declared member closest to `name` when it is close enough to be a typo, else "".
std::string closest(const std::vector<std::string>& names, const std::string& name) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, name.size() / 4) + 1;
  for (const auto& n : names)
    if (std::size_t d = distance(n, name); d < best_d) {
      best = n;
      best_d = d;
    }
  return best;
}

}  // namespace edigate::mapping::check_detail
