#pragma once
// Builds a canonical body from inbound map items over a source (EdiSource or JsonSource): the
// same fields, objects, arrays, lists, timestamps, tables and required checks for EDI and JSON.
#include "canonical/date_time.hpp"
#include "canonical/time_zone.hpp"
#include "mapping/convert.hpp"
#include "mapping/iso_input.hpp"
#include "mapping/mapping.hpp"

#include <Poco/JSON/Array.h>

namespace edigate::mapping {

template <typename Src>
class Builder {
 public:
  using Ctx = typename Src::Ctx;
  Builder(const CompiledMap& m, const Src& src, TranslateContext& tc) : m_(m), src_(src), tc_(tc) {}

  Result<void> build(const std::vector<Item>& items, const Ctx& ctx, Poco::JSON::Object& out, const std::string& at) {
    for (const Item& it : items) {
      const std::string here = at.empty() ? it.name : at + "." + it.name;
      switch (it.kind) {
        case Item::Kind::field: {
          Position where = src_.position(ctx);
          EDIGATE_TRY(auto v, value(it.value, ctx, where));
          if (v.empty()) {
            if (it.value.required) return required(it, here, where);
            break;
          }
          note_correlation(it.correlation, v);
          if (it.value.main.convert == Convert::integer) out.set(it.name, static_cast<Poco::Int64>(std::stoll(v)));
          else out.set(it.name, v);
          break;
        }
        case Item::Kind::timestamp: {
          Position where = src_.position(ctx);
          EDIGATE_TRY(auto v, timestamp(it, ctx, where));
          if (v.empty()) {
            if (it.required) return required(it, here, where);
            break;
          }
          out.set(it.name, v);
          break;
        }
        case Item::Kind::list: {
          Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
          Error failed;
          bool bad = false;
          auto add = [&](const Part& p, std::string raw, const Ctx& c) {
            if (bad) return;
            auto r = convert_value(m_, p, std::move(raw), src_.position(c));
            if (!r) { failed = std::move(r).error(); bad = true; return; }
            if (r.value().empty()) return;
            note_correlation(it.correlation, r.value());
            arr->add(std::move(r).value());
          };
          if (it.value.main.path >= 0)
            src_.each_value(it.value.main.path, ctx, [&](std::string v, const Ctx& c) { add(it.value.main, std::move(v), c); });
          for (const Part& p : it.value.parts) {
            if (p.has_const) add(p, p.constant, ctx);
            else if (p.path >= 0) src_.each_value(p.path, ctx, [&](std::string v, const Ctx& c) { add(p, std::move(v), c); });
          }
          if (bad) return failed;
          if (arr->size() == 0) {
            if (it.value.required) return required(it, here, src_.position(ctx));
            break;
          }
          out.set(it.name, arr);
          break;
        }
        case Item::Kind::object: {
          auto obj = canonical::make_object();
          EDIGATE_TRY_VOID(build(it.children, ctx, *obj, here));
          if (obj->size() > 0) out.set(it.name, obj);
          else if (it.required) return required(it, here, src_.position(ctx));
          break;
        }
        case Item::Kind::array: {
          Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
          std::optional<Error> failed;
          auto one = [&](const Ctx& c) {
            auto obj = canonical::make_object();
            auto r = build(it.children, c, *obj, it.name + "[" + std::to_string(arr->size() + 1) + "]");
            if (!r) { failed = std::move(r).error(); return false; }
            if (obj->size() > 0) arr->add(obj);
            return arr->size() < kMaxArray;
          };
          if (!it.levels.empty()) src_.each_hl(it, ctx, one);
          else src_.each(it.each, ctx, one);
          if (failed) return std::move(*failed);
          if (arr->size() > 0) out.set(it.name, arr);
          else if (it.required) return required(it, here, src_.position(ctx));
          break;
        }
        default:
          break;
      }
    }
    return {};
  }

 private:
  static constexpr std::size_t kMaxArray = 1u << 20;

  Error required(const Item& it, const std::string& field, Position where) const {
    Error e("mapping.field.required", "map " + m_.file + ": required field " + field + " has no value");
    if (it.value.main.path >= 0) e.expected = m_.paths[static_cast<std::size_t>(it.value.main.path)].text;
    return std::move(e).at(std::move(where));
  }

  Result<std::string> part(const Part& p, const Ctx& ctx, Position& where) const {
    std::string raw;
    if (p.path >= 0) {
      if (!src_.first(p.path, ctx, raw, where)) raw.clear();
    }
    if (raw.empty() && p.has_const) raw = p.constant;
    if (raw.empty()) return raw;
    return convert_value(m_, p, std::move(raw), where);
  }

  Result<std::string> value(const Value& v, const Ctx& ctx, Position& where) const {
    std::string out;
    if (v.parts.empty()) {
      EDIGATE_TRY(out, part(v.main, ctx, where));
    } else {
      for (const Part& p : v.parts) {
        EDIGATE_TRY(auto s, part(p, ctx, where));
        if (s.empty()) continue;
        if (!out.empty()) out += v.separator;
        out += s;
        if (v.coalesce) break;
      }
      if (!out.empty() && (v.main.convert != Convert::none || v.main.table >= 0)) {
        Part conv = v.main;
        conv.path = -1;
        EDIGATE_TRY(out, convert_value(m_, conv, std::move(out), where));
      }
    }
    if (out.empty() && v.has_default) out = v.default_value;
    return out;
  }

  std::string text(std::int32_t p, const Ctx& ctx, Position& where) const {
    std::string s;
    if (p >= 0 && !src_.first(p, ctx, s, where)) s.clear();
    return s;
  }

  Result<std::string> timestamp(const Item& it, const Ctx& ctx, Position& where) const {
    using namespace canonical;
    std::string date, time, offset;
    if (it.ts_value >= 0) {
      std::string v = text(it.ts_value, ctx, where);
      if (v.empty()) return v;
      std::string fmt = text(it.ts_format, ctx, where);
      if (fmt.empty() && v.find('T') != std::string::npos)  // already ISO 8601 (carrier APIs): checked
        return iso_input_timestamp(v, it.ts_offset.empty() ? tc_.default_offset : it.ts_offset, where);
      EDIGATE_TRY(auto dt, edifact_date_time(v, fmt.empty() ? "102" : fmt, where));
      date = dt.date;
      time = dt.time;
      offset = dt.offset;
    } else {
      std::string d = text(it.ts_date, ctx, where);
      if (d.empty()) return d;
      // EDI CCYYMMDD/HHMM, or ISO "YYYY-MM-DD"/"HH:MM:SS" as carrier APIs send them.
      if (looks_iso_date(d)) {
        EDIGATE_TRY(date, checked_iso_date(d, where));
      } else {
        EDIGATE_TRY(date, iso_date(d, DateFormat::x12_dt, where));
      }
      std::string t = text(it.ts_time, ctx, where);
      if (!t.empty()) {
        if (looks_iso_time(t)) {
          EDIGATE_TRY(time, checked_iso_time(t, where));
        } else {
          EDIGATE_TRY(time, iso_time(t, where));
        }
      }
    }
    if (time.empty()) return date;  // a date alone stays a date
    std::string fallback = it.ts_offset.empty() ? tc_.default_offset : it.ts_offset;
    if (offset.empty()) {
      std::string code = text(it.ts_zone, ctx, where);
      if (looks_iso_offset(code)) {  // "+01:00" (carrier JSON) rather than an X12 time code
        EDIGATE_TRY(offset, normalize_offset(code, where));
      } else if (!code.empty()) {
        EDIGATE_TRY(offset, x12_time_code_offset(code, date, time, fallback, where));
      } else if (!fallback.empty()) {
        EDIGATE_TRY(offset, normalize_offset(fallback, where));
      } else {
        return Error("mapping.timestamp.no_offset",
                     "map " + m_.file + ": timestamp " + it.name + " has no time zone and no offset= or partner default")
            .at(where);
      }
    }
    return iso_timestamp(date, time, offset, where);
  }

  void note_correlation(Correlation c, const std::string& v) {
    switch (c) {
      case Correlation::po_number: if (tc_.correlation.po_number.empty()) tc_.correlation.po_number = v; break;
      case Correlation::shipment_id: if (tc_.correlation.shipment_id.empty()) tc_.correlation.shipment_id = v; break;
      case Correlation::bol: if (tc_.correlation.bol.empty()) tc_.correlation.bol = v; break;
      case Correlation::tracking_numbers: {
        auto& t = tc_.correlation.tracking_numbers;
        if (std::find(t.begin(), t.end(), v) == t.end() && t.size() < 1000) t.push_back(v);
        break;
      }
      default: break;
    }
  }

  const CompiledMap& m_;
  const Src& src_;
  TranslateContext& tc_;
};

}  // namespace edigate::mapping
