#include "mapping/path_parser.hpp"

#include <cctype>

namespace edigate::mapping {
namespace {

constexpr std::size_t kMaxSteps = 16;

bool all_digits(std::string_view s) {
  if (s.empty() || s.size() > 4) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::uint16_t to_u16(std::string_view s) {
  unsigned v = 0;
  for (char c : s) v = v * 10 + unsigned(c - '0');
  return static_cast<std::uint16_t>(v);
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '@' || c == '$';
}

// The one scanner of path text: walks `text` from `from`, skipping quoted runs ('...' or
// "..."), and calls visit(i, c, depth) for every other character, `depth` being the [ / (
// nesting outside it (an opener sees the depth before it, a closer the depth after it: -1 for
// a closer with no opener). visit returns true to stop there. Returns where it stopped (npos
// at the end), the quote left open (0 when none) and the final depth.
struct Scan {
  std::size_t stopped = std::string_view::npos;
  char open_quote = 0;
  int depth = 0;
};

template <typename Visit>
Scan scan_outside_quotes(std::string_view text, std::size_t from, Visit&& visit) {
  Scan r;
  for (std::size_t i = from; i < text.size(); ++i) {
    char c = text[i];
    if (r.open_quote) {
      if (c == r.open_quote) r.open_quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      r.open_quote = c;
      continue;
    }
    if (c == ']' || c == ')') --r.depth;
    const bool stop = visit(i, c, r.depth);
    if (c == '[' || c == '(') ++r.depth;
    if (stop) {
      r.stopped = i;
      return r;
    }
  }
  return r;
}

// Splits on '/' outside brackets, parentheses and quotes.
bool split_steps(std::string_view text, std::vector<std::string_view>& parts, std::string& why) {
  std::size_t start = 0;
  Scan scan = scan_outside_quotes(text, 0, [&](std::size_t i, char c, int depth) {
    if (depth < 0) return true;  // a closer without its opener
    if (c == '/' && depth == 0) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
    return false;
  });
  if (scan.stopped != std::string_view::npos) {
    why = "unbalanced ']' or ')'";
    return false;
  }
  const char quote = scan.open_quote;
  const int depth = scan.depth;
  if (quote) {
    why = "unterminated quote";
    return false;
  }
  if (depth) {
    why = "unbalanced '[' or '('";
    return false;
  }
  parts.push_back(text.substr(start));
  if (parts.size() > kMaxSteps) {
    why = "more than 16 steps";
    return false;
  }
  for (auto p : parts)
    if (p.empty()) {
      why = "empty step";
      return false;
    }
  return true;
}

// A value in a condition: 'quoted', "quoted" or bare up to | or the end.
bool parse_values(std::string_view s, std::vector<std::string>& out, std::string& why) {
  std::size_t i = 0;
  while (true) {
    if (i < s.size() && (s[i] == '\'' || s[i] == '"')) {
      std::size_t end = s.find(s[i], i + 1);
      if (end == std::string_view::npos) {
        why = "unterminated quote";
        return false;
      }
      out.emplace_back(s.substr(i + 1, end - i - 1));
      i = end + 1;
    } else {
      std::size_t end = s.find('|', i);
      if (end == std::string_view::npos) end = s.size();
      out.emplace_back(s.substr(i, end - i));
      i = end;
    }
    if (i >= s.size()) return true;
    if (s[i] != '|') {
      why = "expected '|' between values";
      return false;
    }
    ++i;
  }
}

// The '=' of a condition: the first one outside brackets and quotes, so that a sub-path's own
// conditions (LX[AT7[AT701=AF]]) stay with it.
std::size_t cond_operator(std::string_view body) {
  return scan_outside_quotes(body, 0, [](std::size_t, char c, int depth) { return c == '=' && depth == 0; }).stopped;
}

bool parse_cond(std::string_view body, bool json, Cond& c, std::string& why) {
  std::size_t op = json ? body.find('=') : cond_operator(body);
  std::string_view ref = body.substr(0, op);
  if (op != std::string_view::npos && op > 0 && body[op - 1] == '!') {
    c.negate = true;
    ref = body.substr(0, op - 1);
  }
  if (ref.empty()) {
    why = "condition without an element";
    return false;
  }
  if (json) {
    for (char ch : ref)
      if (!is_name_char(ch) && ch != '.') {
        why = "bad member name in condition: " + std::string(ref);
        return false;
      }
    c.key = std::string(ref);
  } else if (ref.find_first_of("/[") != std::string_view::npos) {
    // A sub-path from the step's match: an element path, or (presence only) a loop/segment path.
    Path sub;
    std::string sub_why;
    bool ok = parse_edi_path(ref, true, sub, sub_why);
    if (!ok && op == std::string_view::npos) ok = parse_edi_path(ref, false, sub, sub_why);
    if (!ok) {
      why = "bad path in condition \"" + std::string(ref) + "\": " + sub_why;
      return false;
    }
    if (sub.absolute) {
      why = "a condition's path is relative to the step: " + std::string(ref);
      return false;
    }
    c.sub.push_back(std::move(sub));
  } else if (!parse_elem_ref(ref, c.ref)) {
    why = "bad element reference in condition: " + std::string(ref);
    return false;
  }
  if (op == std::string_view::npos) {
    c.presence = true;
    return true;
  }
  return parse_values(body.substr(op + 1), c.values, why);
}

bool parse_step(std::string_view part, bool json, Step& step, std::string& why) {
  std::size_t i = 0;
  if (!json && part.substr(0, 2) == "..")
    i = 2;  // EDI: the enclosing loop instance
  else
    while (i < part.size() && is_name_char(part[i])) ++i;
  if (i == 0) {
    why = "step must start with a name: " + std::string(part);
    return false;
  }
  step.name = std::string(part.substr(0, i));
  while (i < part.size()) {
    if (part[i] != '[') {
      why = "unexpected '" + std::string(1, part[i]) + "' in " + std::string(part);
      return false;
    }
    // The matching ']' outside quotes (a sub-path condition nests brackets: LX[AT7[AT701]]):
    // the first closer that leaves the nesting this '[' opened.
    std::size_t j =
        scan_outside_quotes(part, i + 1, [](std::size_t, char c, int depth) { return c == ']' && depth < 0; }).stopped;
    if (j == std::string_view::npos) {
      why = "missing ']'";
      return false;
    }
    std::string_view body = part.substr(i + 1, j - i - 1);
    if (json && all_digits(body)) {
      step.index = to_u16(body);
    } else {
      Cond c;
      if (!parse_cond(body, json, c, why)) return false;
      step.conds.push_back(std::move(c));
    }
    i = j + 1;
  }
  return true;
}

}  // namespace

bool parse_elem_ref(std::string_view text, ElemRef& out) {
  out = {};
  std::string_view head = text, comp;
  if (auto dot = text.find('.'); dot != std::string_view::npos) {
    head = text.substr(0, dot);
    comp = text.substr(dot + 1);
    if (!all_digits(comp) || to_u16(comp) == 0) return false;
    out.component = to_u16(comp);
  }
  if (all_digits(head)) {
    out.element = to_u16(head);
    return out.element > 0;
  }
  // TAG + two digits: "N104", "PO106", "BEG03".
  if (head.size() < 4 || head.size() > 5) return false;
  std::string_view tag = head.substr(0, head.size() - 2), num = head.substr(head.size() - 2);
  if (!all_digits(num) || !std::isupper(static_cast<unsigned char>(tag[0]))) return false;
  for (char c : tag)
    if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c))) return false;
  out.tag = std::string(tag);
  out.element = to_u16(num);
  return out.element > 0;
}

bool parse_edi_path(std::string_view text, bool want_element, Path& out, std::string& why) {
  out = {};
  out.text = std::string(text);
  if (!text.empty() && text[0] == '/') {  // from the transaction root, whatever the context
    out.absolute = true;
    text.remove_prefix(1);
  }
  std::vector<std::string_view> parts;
  if (!split_steps(text, parts, why)) return false;
  std::size_t n_steps = parts.size();
  if (want_element) {
    std::string_view last = parts.back();
    --n_steps;
    if (last.rfind("pair(", 0) == 0) {
      if (last.back() != ')') {
        why = "pair(...) must end with ')'";
        return false;
      }
      std::string_view args = last.substr(5, last.size() - 6);
      auto comma = args.find(',');
      if (comma == std::string_view::npos) {
        why = "pair(START,'QUALIFIER') needs two arguments";
        return false;
      }
      if (!parse_elem_ref(args.substr(0, comma), out.elem)) {
        why = "bad element in pair(): " + std::string(args);
        return false;
      }
      std::vector<std::string> q;
      if (!parse_values(args.substr(comma + 1), q, why) || q.size() != 1) {
        if (why.empty()) why = "pair() takes one qualifier";
        return false;
      }
      out.pair = true;
      out.pair_qualifier = q[0];
    } else if (!parse_elem_ref(last, out.elem)) {
      why = "a field path must end with an element (\"N104\", \"2\", \"1.2\" or pair(...)), found \"" +
            std::string(last) + "\"";
      return false;
    }
    out.has_elem = true;
  }
  for (std::size_t i = 0; i < n_steps; ++i) {
    Step s;
    if (!parse_step(parts[i], false, s, why)) return false;
    out.steps.push_back(std::move(s));
  }
  // "BEG03" alone: segment BEG of the context.
  if (want_element && out.steps.empty() && !out.elem.tag.empty()) out.steps.push_back(Step{out.elem.tag, {}, -1});
  if (!want_element && out.steps.empty()) {
    why = "empty path";
    return false;
  }
  return true;
}

bool parse_json_path(std::string_view text, Path& out, std::string& why) {
  out = {};
  out.json = true;
  out.text = std::string(text);
  if (!text.empty() && text[0] == '/') {
    out.absolute = true;
    text.remove_prefix(1);
  }
  if (text.empty() || text == ".") return true;  // the context itself
  std::vector<std::string_view> parts;
  if (!split_steps(text, parts, why)) return false;
  for (auto p : parts) {
    Step s;
    if (!parse_step(p, true, s, why)) return false;
    out.steps.push_back(std::move(s));
  }
  return true;
}

}  // namespace edigate::mapping
