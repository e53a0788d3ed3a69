#include "mapping/convert.hpp"

#include "canonical/date_time.hpp"
#include "canonical/decimal.hpp"

#include <cctype>

namespace edigate::mapping {
namespace {

bool digits(std::string_view s) {
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return !s.empty();
}

Result<std::string> inbound(Convert c, std::uint8_t scale, std::string v, const Position& where) {
  using namespace canonical;
  switch (c) {
    case Convert::date:
      // EDIFACT DTM values in 201 (YYMMDDHHMM), 203 (CCYYMMDDHHMM) or 204 (..SS) form where a
      // date is wanted (document dates sent with a time): the date part.
      if ((v.size() == 12 || v.size() == 14) && digits(v)) return iso_date(v.substr(0, 8), DateFormat::ccyymmdd, where);
      if (v.size() == 10 && digits(v)) return iso_date(v.substr(0, 6), DateFormat::yymmdd, where);
      return iso_date(v, DateFormat::x12_dt, where);
    case Convert::date8:
      return iso_date(v, DateFormat::ccyymmdd, where);
    case Convert::date6:
      return iso_date(v, DateFormat::yymmdd, where);
    case Convert::time:
      return iso_time(v, where);
    case Convert::decimal:
      return normalize_decimal(v, where);
    case Convert::implied:
      return decimal_from_implied(v, scale, where);
    // Identifier shapes the canonical model fixes: a value that cannot be one (partners send
    // 11-digit "UPCs", 13-digit EANs as UP, 22-digit "SSCCs") is left out rather than written
    // as an invalid message; with coalesce= the next part (another qualifier) gets its turn.
    case Convert::sscc:
      // GS1-128 label content "00" + SSCC-18 (20 digits, as VICS 856 MAN*GM carries it) -> the SSCC.
      if (v.size() == 20 && v.rfind("00", 0) == 0 && digits(v)) return v.substr(2);
      return v.size() == 18 && digits(v) ? v : std::string();
    case Convert::upc:
      return v.size() == 12 && digits(v) ? v : std::string();
    case Convert::gtin:
      return digits(v) && (v.size() == 8 || (v.size() >= 12 && v.size() <= 14)) ? v : std::string();
    case Convert::range_start:
    case Convert::range_end: {
      // EDIFACT sends a period as one DTM value: 718 CCYYMMDD-CCYYMMDD, 717 YYMMDD-YYMMDD,
      // 719 CCYYMMDDHHMM-CCYYMMDDHHMM (Rec. 2379). Each end is read as convert="date" reads a date.
      auto dash = v.find('-');
      if (dash == std::string::npos || dash == 0 || dash + 1 == v.size() || v.find('-', dash + 1) != std::string::npos)
        return Error("mapping.value.bad_date_time", "not a period of two dates")
            .at(where)
            .want("CCYYMMDD-CCYYMMDD (format 718)", v);
      return inbound(Convert::date, 0, c == Convert::range_start ? v.substr(0, dash) : v.substr(dash + 1), where);
    }
    case Convert::zone:
      // A time code alone is not an offset (ET depends on the date): <timestamp zone=> reads it.
      return Error("mapping.convert.direction", "convert=\"zone\" is for outbound maps; use <timestamp zone=>")
          .at(where)
          .want("an outbound map", v);
    case Convert::integer: {
      EDIGATE_TRY(auto d, normalize_decimal(v, where));
      if (d.find('.') != std::string::npos || d.size() > 18)
        return Error("mapping.value.not_integer", "not an integer").at(where).want("integer", v);
      return d;
    }
    default:
      return v;
  }
}

Result<std::string> outbound(Convert c, std::uint8_t scale, std::string v, const Position& where) {
  using namespace canonical;
  switch (c) {
    case Convert::date:
    case Convert::date8:
    case Convert::date6:
    case Convert::time:
      return to_edi_date_time(c, v, where);
    case Convert::zone:
      return x12_time_code(v, where);
    case Convert::range_start:
    case Convert::range_end:
      // Writing a period joins two fields: <element separator="-"> with two date8 parts.
      return Error("mapping.convert.direction",
                   "convert=\"range_start\"/\"range_end\" are for inbound maps; outbound, join two date8 parts "
                   "with separator=\"-\"")
          .at(where)
          .want("an inbound map", v);
    case Convert::sscc:
      if (v.size() == 18 && digits(v)) return "00" + v;  // with the (00) application identifier
      return v;
    case Convert::upc:
    case Convert::gtin:
      return v;
    case Convert::decimal:
      return normalize_decimal(v, where);
    case Convert::implied:
      return decimal_to_implied(v, scale, where);
    case Convert::integer: {
      EDIGATE_TRY(auto d, normalize_decimal(v, where));
      if (d.find('.') != std::string::npos)
        return Error("mapping.value.not_integer", "not an integer").at(where).want("integer", v);
      return d;
    }
    default:
      return v;
  }
}

}  // namespace

Result<std::string> to_edi_date_time(Convert convert, std::string_view iso, const Position& where) {
  auto bad = [&](const char* want) {
    return Error("mapping.value.bad_date_time", "cannot convert to EDI date/time")
        .at(where)
        .want(want, std::string(iso));
  };
  if (convert == Convert::time) {
    std::string_view t = iso;
    if (auto tpos = iso.find('T'); tpos != std::string_view::npos) t = iso.substr(tpos + 1);
    if (t.size() < 5 || t[2] != ':' || !digits(t.substr(0, 2)) || !digits(t.substr(3, 2)))
      return bad("time HH:MM[:SS]");
    std::string out = std::string(t.substr(0, 2)) + std::string(t.substr(3, 2));
    if (t.size() >= 8 && t[5] == ':' && digits(t.substr(6, 2)) && t.substr(6, 2) != "00") out += t.substr(6, 2);
    return out;
  }
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-' || !digits(iso.substr(0, 4)) || !digits(iso.substr(5, 2)) ||
      !digits(iso.substr(8, 2)))
    return bad("date YYYY-MM-DD");
  std::string out = std::string(iso.substr(0, 4)) + std::string(iso.substr(5, 2)) + std::string(iso.substr(8, 2));
  return convert == Convert::date6 ? out.substr(2) : out;
}

// X12 623 time codes that are plain offsets: 01..12 are UTC+1..+12, 13..24 are UTC-12..-1,
// UT is UTC. Named zones (ET, CT...) are not produced: the offset alone cannot say which.
Result<std::string> x12_time_code(std::string_view iso, const Position& where) {
  std::string_view off = iso;
  if (auto t = iso.find('T'); t != std::string_view::npos) {
    off = iso.substr(t + 1);
    auto sign = off.find_first_of("+-Z");
    off = sign == std::string_view::npos ? std::string_view{} : off.substr(sign);
  }
  auto bad = [&] {
    return Error("mapping.value.bad_offset", "no whole-hour UTC offset for an X12 time code")
        .at(where)
        .want("timestamp with Z or a whole-hour offset (+HH:00, -HH:00)", std::string(iso));
  };
  if (off == "Z" || off == "+00:00" || off == "-00:00") return std::string("UT");
  if (off.size() != 6 || (off[0] != '+' && off[0] != '-') || !digits(off.substr(1, 2)) || off[3] != ':' ||
      off.substr(4, 2) != "00")
    return bad();
  int h = (off[1] - '0') * 10 + (off[2] - '0');
  if (h < 1 || h > 12) return bad();
  int code = off[0] == '+' ? h : 25 - h;
  std::string out = std::to_string(code);
  return out.size() == 1 ? "0" + out : out;
}

Result<std::string> convert_value(const CompiledMap& map, const Part& part, std::string value, const Position& where) {
  switch (part.convert) {
    case Convert::none:
      break;
    case Convert::upper:
      for (char& c : value) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      break;
    case Convert::lower:
      for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      break;
    case Convert::length:  // e.g. a GTIN's digit count, looked up in a table for its qualifier
      value = value.empty() ? std::string() : std::to_string(value.size());
      break;
    case Convert::trim: {
      auto b = value.find_first_not_of(" \t");
      value = b == std::string::npos ? std::string() : value.substr(b, value.find_last_not_of(" \t") - b + 1);
      break;
    }
    default: {
      auto r = map.inbound() ? inbound(part.convert, part.scale, std::move(value), where)
                             : outbound(part.convert, part.scale, std::move(value), where);
      if (!r) return std::move(r).error();
      value = std::move(r).value();
    }
  }
  if (part.table >= 0 && !value.empty()) {
    const Table& t = map.tables[static_cast<std::size_t>(part.table)];
    const std::string* mapped = t.find(value);
    if (!mapped)
      return Error("mapping.table.unmapped", "map " + map.file + ": code not in table " + t.name)
          .at(where)
          .want("a code listed in table " + t.name, value);
    value = *mapped;
  }
  return value;
}

}  // namespace edigate::mapping
