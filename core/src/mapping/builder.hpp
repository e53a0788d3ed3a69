#pragma once
// Builds a canonical body from inbound map items over a source (EdiSource or JsonSource): the
// same fields, objects, arrays, lists, timestamps, tables and required checks for EDI and JSON.
#include "canonical/date_time.hpp"
#include "canonical/time_zone.hpp"
#include "mapping/body_output.hpp"
#include "mapping/business_rules.hpp"
#include "mapping/convert.hpp"
#include "mapping/iso_input.hpp"
#include "mapping/mapping.hpp"

#include <optional>

namespace edigate::mapping {

template <typename Src, typename Out = PocoOut>
class Builder {
 public:
  using Ctx = typename Src::Ctx;
  using Obj = typename Out::Obj;
  Builder(const CompiledMap& m, const Src& src, TranslateContext& tc) : m_(m), src_(src), tc_(tc) {}

  Result<void> build(const std::vector<Item>& items, const Ctx& ctx, Obj& out, const OutPath* at) {
    const std::size_t warnings_before = tc_.warnings.size();
    for (const Item& it : items) {
      const OutPath here{at, &it.name, 0};
      switch (it.kind) {
        case Item::Kind::field: {
          Ctx where = ctx;
          std::string& v = field_;  // consumed before build() recurses
          miss_.active = false;
          if (!value(it.value, ctx, where, v)) return std::move(failed_);
          if (v.empty() && miss_.active) {
            Error e(kBusinessRuleCode, "map " + m_.file + ": " + here.str() + " \"" + miss_.raw + "\" is not " +
                                           business_rule(miss_.convert));
            e.expected = business_rule(miss_.convert);
            e.found = miss_.raw;
            e.position = std::move(miss_.where);
            if (tc_.reject_business_rules) return e;
            e.severity = Severity::warning;
            e.message += " (sent as received; the partner's tolerance business-rule-violations=\"reject\" refuses it)";
            v = miss_.raw;
            tc_.warnings.push_back({here.str(), std::move(e)});
          }
          if (v.empty()) {
            if (it.value.required) return required(it, here, src_.position(where));
            break;
          }
          note_correlation(it.correlation, v);
          if (it.value.main.convert == Convert::integer)
            Out::set_int(out, it, static_cast<Poco::Int64>(std::stoll(v)));
          else
            Out::set(out, it, v);
          break;
        }
        case Item::Kind::timestamp: {
          Position where = src_.position(ctx);
          EDIGATE_TRY(auto v, timestamp(it, ctx, where));
          if (v.empty()) {
            if (it.required) return required(it, here, where);
            break;
          }
          Out::set(out, it, v);
          break;
        }
        case Item::Kind::list: {
          auto arr = Out::open_array(out, it);
          Error failed;
          bool bad = false;
          auto add = [&](const Part& p, std::string raw, const Ctx& c) {
            if (bad) return;
            auto r = convert_value(m_, p, std::move(raw), kNoPosition);
            if (!r) {
              failed = std::move(r).error();
              failed.position = src_.position(c);
              bad = true;
              return;
            }
            if (r.value().empty()) return;
            note_correlation(it.correlation, r.value());
            Out::add(arr, std::move(r).value());
          };
          // With each=, the path and items are read per match in document order (N3 by N3:
          // N301, N302, then the next N3), else each one over the whole context in turn.
          auto collect = [&](const Ctx& from) {
            if (it.value.main.path >= 0)
              src_.each_value(it.value.main.path, from,
                              [&](std::string v, const Ctx& c) { add(it.value.main, std::move(v), c); });
            for (const Part& p : it.value.parts) {
              if (p.has_const)
                add(p, p.constant, from);
              else if (p.path >= 0)
                src_.each_value(p.path, from, [&](std::string v, const Ctx& c) { add(p, std::move(v), c); });
            }
            return !bad && Out::size(arr) < kMaxArray;
          };
          if (it.each >= 0)
            src_.each(it.each, ctx, collect);
          else
            collect(ctx);
          if (bad) return failed;
          if (!Out::close_array(out, it, arr)) {
            if (it.value.required) return required(it, here, src_.position(ctx));
            break;
          }
          break;
        }
        case Item::Kind::object: {
          auto obj = Out::open_object(out, it);
          EDIGATE_TRY_VOID(build(it.children, ctx, obj.get(), &here));
          if (!Out::close_object(out, it, obj) && it.required) return required(it, here, src_.position(ctx));
          break;
        }
        case Item::Kind::array: {
          auto arr = Out::open_array(out, it);
          std::optional<Error> failed;
          auto one = [&](const Ctx& c) {
            auto obj = Out::open_element(arr);
            const OutPath element{nullptr, &it.name, Out::size(arr) + 1};
            auto r = build(it.children, c, obj.get(), &element);
            if (!r) {
              failed = std::move(r).error();
              return false;
            }
            Out::close_element(arr, obj);
            return Out::size(arr) < kMaxArray;
          };
          if (!it.levels.empty())
            src_.each_hl(it, ctx, one);
          else if (it.groups)
            src_.each_group(it, ctx, one);
          else
            src_.each(it.each, ctx, one);
          // Only when each= gave nothing: the two sources are alternatives, never merged.
          if (!failed && it.each_else >= 0 && Out::size(arr) == 0) src_.each(it.each_else, ctx, one);
          if (failed) return std::move(*failed);
          if (!Out::close_array(out, it, arr) && it.required) return required(it, here, src_.position(ctx));
          break;
        }
        default:
          break;
      }
    }
    // The message's own business-rule warnings go last in its body (top level only).
    if (!at && tc_.warnings.size() > warnings_before)
      write_warnings<Out>(out, std::span<const ValueWarning>(tc_.warnings).subspan(warnings_before));
    return success();
  }

 private:
  static constexpr std::size_t kMaxArray = 1u << 20;

  // Default-initialised: `return {}` value-initialises, which zeroes a whole Error first.
  static Result<void> success() {
    Result<void> ok;
    return ok;
  }

  inline static const Position kNoPosition{};

  Error required(const Item& it, const OutPath& field, Position where) const {
    Error e("mapping.field.required", "map " + m_.file + ": required field " + field.str() + " has no value");
    if (it.value.main.path >= 0) e.expected = m_.paths[static_cast<std::size_t>(it.value.main.path)].text;
    return std::move(e).at(std::move(where));
  }

  // `where` follows the context each value came from; a Position is made only for an error.
  Result<std::string> converted(const Part& p, std::string raw, const Ctx& where) const {
    auto r = convert_value(m_, p, std::move(raw), kNoPosition);
    if (!r) {
      Error e = std::move(r).error();
      e.position = src_.position(where);
      return e;
    }
    return r;
  }

  // part() and value() fill a caller's buffer (reused across fields) rather than returning a
  // new string per value: the copies and Result<std::string> moves were ~10% of a translation.
  // They return false with the error in failed_: a value-initialised Result<void> zeroes a
  // whole Error on every success, which alone cost ~10%.
  bool part(const Part& p, const Ctx& ctx, Ctx& where, std::string& out) {
    out.clear();
    if (p.path >= 0 && !src_.first_at(p.path, ctx, out, where)) out.clear();
    if (out.empty() && p.has_const) out = p.constant;
    if (out.empty() || (p.convert == Convert::none && p.table < 0)) return true;
    return convert_into(p, out, where);
  }

  bool convert_into(const Part& p, std::string& out, const Ctx& where) {
    // A business rule leaves a value out; remember the field's first such value (cheap: only
    // for the id conversions) so the field can still send it as received.
    const bool ruled = business_rule(p.convert) && !miss_.active && sendable_as_is(out);
    std::string raw = ruled ? out : std::string();
    auto r = converted(p, std::move(out), where);
    if (!r) {
      failed_ = std::move(r).error();
      return false;
    }
    out = std::move(r).value();
    if (ruled && out.empty()) {
      miss_.active = true;
      miss_.raw = std::move(raw);
      miss_.convert = p.convert;
      // The source's position names the element the value came from (a pair() value's
      // element is the one after its qualifier, known only once the pair is found).
      miss_.where = src_.position(where);
    }
    return true;
  }

  bool value(const Value& v, const Ctx& ctx, Ctx& where, std::string& out) {
    if (v.parts.empty()) {
      if (!part(v.main, ctx, where, out)) return false;
    } else {
      out.clear();
      std::string& s = part_;
      for (const Part& p : v.parts) {
        if (!part(p, ctx, where, s)) return false;
        if (s.empty()) continue;
        if (!out.empty()) out += v.separator;
        out += s;
        if (v.coalesce) break;
      }
      if (!out.empty() && (v.main.convert != Convert::none || v.main.table >= 0)) {
        Part conv = v.main;
        conv.path = -1;
        if (!convert_into(conv, out, where)) return false;
      }
    }
    if (out.empty() && v.has_default) out = v.default_value;
    return true;
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
        return Error("mapping.timestamp.no_offset", "map " + m_.file + ": timestamp " + it.name +
                                                        " has no time zone and no offset= or partner default")
            .at(where);
      }
    }
    return iso_timestamp(date, time, offset, where);
  }

  void note_correlation(Correlation c, const std::string& v) {
    switch (c) {
      case Correlation::po_number:
        if (tc_.correlation.po_number.empty()) tc_.correlation.po_number = v;
        break;
      case Correlation::shipment_id:
        if (tc_.correlation.shipment_id.empty()) tc_.correlation.shipment_id = v;
        break;
      case Correlation::bol:
        if (tc_.correlation.bol.empty()) tc_.correlation.bol = v;
        break;
      case Correlation::tracking_numbers: {
        auto& t = tc_.correlation.tracking_numbers;
        if (std::find(t.begin(), t.end(), v) == t.end() && t.size() < 1000) t.push_back(v);
        break;
      }
      default:
        break;
    }
  }

  const CompiledMap& m_;
  const Src& src_;
  TranslateContext& tc_;
  std::string field_, part_;  ///< value buffers, reused across fields
  Error failed_;              ///< part()/value()'s error when they return false
  RuleMiss miss_;             ///< the current field's value a business rule left out
};

}  // namespace edigate::mapping
