#include "modem/at/at_replies.h"
#include "modem/at/at_text.h"

#include <cctype>
#include <utility>

namespace tellal::at {
namespace {

struct Field {
  std::string text;
  bool quoted = false;
};

// What follows `prefix` ("+CSQ:"), trimmed.
Result<std::string_view> Body(std::string_view line, std::string_view prefix) {
  line = Trim(line);
  if (line.substr(0, prefix.size()) != prefix) {
    return Error::InvalidArgument("expected a line starting with \"" + std::string(prefix) + "\", got \"" +
                                  std::string(line) + "\"");
  }
  return Trim(line.substr(prefix.size()));
}

// Splits a V.250 §5.7.1 information text into its comma-separated fields;
// commas inside double quotes belong to the string ("AT&T, Inc").
Result<std::vector<Field>> SplitFields(std::string_view body, std::string_view what) {
  std::vector<Field> fields;
  if (body.empty()) return fields;
  Field current;
  bool in_quotes = false;
  for (char c : body) {
    if (in_quotes) {
      if (c == '"') {
        in_quotes = false;
      } else {
        current.text.push_back(c);
      }
    } else if (c == '"') {
      in_quotes = true;
      current.quoted = true;
      current.text.clear();  // spaces before the opening quote
    } else if (c == ',') {
      if (!current.quoted) current.text = std::string(Trim(current.text));
      fields.push_back(std::move(current));
      current = Field{};
    } else if (!current.quoted) {
      current.text.push_back(c);
    }
  }
  if (in_quotes) {
    return Error::InvalidArgument(std::string(what) + ": unterminated string");
  }
  if (!current.quoted) current.text = std::string(Trim(current.text));
  fields.push_back(std::move(current));
  return fields;
}

Result<std::vector<Field>> Fields(std::string_view line, std::string_view prefix) {
  Result<std::string_view> body = Body(line, prefix);
  if (!body) return body.error();
  return SplitFields(*body, prefix);
}

Result<int> ToInt(const Field& field, std::string_view what, int min, int max) {
  const std::string& t = field.text;
  bool digits = !t.empty() && t.size() <= 9;
  for (char c : t) {
    if (!std::isdigit(static_cast<unsigned char>(c))) digits = false;
  }
  if (!digits) {
    return Error::InvalidArgument(std::string(what) + ": \"" + t + "\" is not a number");
  }
  const int value = std::stoi(t);
  if (value < min || value > max) {
    return Error::InvalidArgument(std::string(what) + ": " + t + " is outside " + std::to_string(min) + ".." +
                                  std::to_string(max));
  }
  return value;
}

// <lac>, <ci>: a string of up to 8 hex digits; an empty string means absent.
Result<std::optional<std::uint32_t>> ToHex(const Field& field, std::string_view what) {
  const std::string& t = field.text;
  if (t.empty()) return std::optional<std::uint32_t>{};
  if (t.size() > 8) {
    return Error::InvalidArgument(std::string(what) + ": \"" + t + "\" is too long");
  }
  std::uint32_t value = 0;
  for (char c : t) {
    const auto uc = static_cast<unsigned char>(c);
    if (!std::isxdigit(uc)) {
      return Error::InvalidArgument(std::string(what) + ": \"" + t + "\" is not hex");
    }
    const int digit = std::isdigit(uc) ? c - '0' : std::toupper(uc) - 'A' + 10;
    value = value * 16 + static_cast<std::uint32_t>(digit);
  }
  return std::optional<std::uint32_t>{value};
}

Error CountError(std::string_view what, std::size_t got) {
  return Error::InvalidArgument(std::string(what) + ": unexpected number of fields (" + std::to_string(got) + ")");
}

Result<StoredMessage> ParseStoredIndication(std::string_view line, std::string_view prefix) {
  Result<std::vector<Field>> f = Fields(line, prefix);
  if (!f) return f.error();
  if (f->size() != 2) return CountError(prefix, f->size());
  if ((*f)[0].text.empty()) {
    return Error::InvalidArgument(std::string(prefix) + " <mem>: empty");
  }
  Result<int> index = ToInt((*f)[1], std::string(prefix) + " <index>", 0, 65535);
  if (!index) return index.error();
  return StoredMessage{(*f)[0].text, *index};
}

// One group of a test command's answer: "(0-2)", "(0,2,3)", "()" or "1".
Result<std::set<int>> ParseValueList(std::string_view group) {
  std::set<int> values;
  std::size_t pos = 0;
  while (pos <= group.size()) {
    const std::size_t comma = group.find(',', pos);
    const std::string_view item =
        Trim(group.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos));
    if (!item.empty() || comma != std::string_view::npos) {
      const std::size_t dash = item.find('-');
      Result<int> lo = ToInt(Field{std::string(item.substr(0, dash)), false}, "+CNMI value", 0, 255);
      if (!lo) return lo.error();
      int hi = *lo;
      if (dash != std::string_view::npos) {
        Result<int> h = ToInt(Field{std::string(item.substr(dash + 1)), false}, "+CNMI value", 0, 255);
        if (!h) return h.error();
        if (*h < *lo) {
          return Error::InvalidArgument("+CNMI value: range \"" + std::string(item) + "\" runs backwards");
        }
        hi = *h;
      }
      for (int v = *lo; v <= hi; ++v) values.insert(v);
    }
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return values;
}

}  // namespace

Result<int> ParseCmgs(std::string_view line) {
  Result<std::vector<Field>> f = Fields(line, "+CMGS:");
  if (!f) return f.error();
  if (f->empty() || f->size() > 2) return CountError("+CMGS", f->size());
  return ToInt((*f)[0], "+CMGS <mr>", 0, 255);
}

Result<int> ParseCmgw(std::string_view line) {
  Result<std::vector<Field>> f = Fields(line, "+CMGW:");
  if (!f) return f.error();
  if (f->size() != 1) return CountError("+CMGW", f->size());
  return ToInt((*f)[0], "+CMGW <index>", 0, 65535);
}

Result<SignalQuality> ParseCsq(std::string_view line) {
  Result<std::vector<Field>> f = Fields(line, "+CSQ:");
  if (!f) return f.error();
  if (f->size() != 2) return CountError("+CSQ", f->size());
  Result<int> rssi = ToInt((*f)[0], "+CSQ <rssi>", 0, 99);
  if (!rssi) return rssi.error();
  if (*rssi > 31 && *rssi != 99) {
    return Error::InvalidArgument("+CSQ <rssi>: " + std::to_string(*rssi) + " is neither 0..31 nor 99");
  }
  Result<int> ber = ToInt((*f)[1], "+CSQ <ber>", 0, 99);
  if (!ber) return ber.error();
  if (*ber > 7 && *ber != 99) {
    return Error::InvalidArgument("+CSQ <ber>: " + std::to_string(*ber) + " is neither 0..7 nor 99");
  }
  SignalQuality q;
  q.rssi = *rssi;
  q.ber = *ber;
  if (*rssi != 99) q.dbm = -113 + 2 * *rssi;  // TS 27.007 §8.5 <rssi>
  return q;
}

Result<Registration> ParseRegistration(std::string_view line) {
  std::string_view prefix;
  for (std::string_view p : {"+CREG:", "+CGREG:", "+CEREG:"}) {
    if (Trim(line).substr(0, p.size()) == p) prefix = p;
  }
  if (prefix.empty()) {
    return Error::InvalidArgument("expected +CREG:, +CGREG: or +CEREG:, got \"" + std::string(line) + "\"");
  }
  Result<std::vector<Field>> f = Fields(line, prefix);
  if (!f) return f.error();
  const std::vector<Field>& v = *f;
  const std::string what(prefix.substr(0, prefix.size() - 1));

  // The URC has <stat> first and a quoted <lac> second; the read command's
  // answer has <n> first and an unquoted <stat> second.
  const bool has_n = v.size() >= 2 && !v[1].quoted;
  const std::size_t stat_at = has_n ? 1 : 0;
  const std::size_t remaining = v.size() - stat_at - 1;
  if (v.empty() || remaining == 1) return CountError(what, v.size());

  Registration r;
  if (has_n) {
    Result<int> n = ToInt(v[0], what + " <n>", 0, 5);
    if (!n) return n.error();
    r.n = *n;
  }
  Result<int> stat = ToInt(v[stat_at], what + " <stat>", 0, 11);
  if (!stat) return stat.error();
  r.stat = *stat;
  if (remaining >= 2) {
    Result<std::optional<std::uint32_t>> lac = ToHex(v[stat_at + 1], what + " <lac>");
    if (!lac) return lac.error();
    Result<std::optional<std::uint32_t>> ci = ToHex(v[stat_at + 2], what + " <ci>");
    if (!ci) return ci.error();
    r.lac = *lac;
    r.ci = *ci;
  }
  // Later fields (<rac>, <cause_type>, <reject_cause>) are not needed.
  if (remaining >= 3 && !v[stat_at + 3].text.empty()) {
    Result<int> act = ToInt(v[stat_at + 3], what + " <AcT>", 0, 15);
    if (!act) return act.error();
    r.act = *act;
  }
  return r;
}

bool IsRegistered(int stat) { return stat == 1 || stat == 5 || stat == 6 || stat == 7 || stat == 9 || stat == 10; }

Result<StoredMessage> ParseCmti(std::string_view line) { return ParseStoredIndication(line, "+CMTI:"); }

Result<StoredMessage> ParseCdsi(std::string_view line) { return ParseStoredIndication(line, "+CDSI:"); }

Result<CmgrHeader> ParseCmgrHeader(std::string_view line) {
  Result<std::vector<Field>> f = Fields(line, "+CMGR:");
  if (!f) return f.error();
  // <alpha> is optional in content but its comma is always there; some
  // firmwares drop it entirely, which is harmless to accept.
  if (f->size() != 3 && f->size() != 2) return CountError("+CMGR", f->size());
  Result<int> stat = ToInt((*f)[0], "+CMGR <stat>", 0, 3);
  if (!stat) return stat.error();
  Result<int> length = ToInt(f->back(), "+CMGR <length>", 0, 255);
  if (!length) return length.error();
  CmgrHeader h;
  h.stat = *stat;
  if (f->size() == 3) h.alpha = (*f)[1].text;
  h.length = *length;
  return h;
}

Result<CmglHeader> ParseCmglHeader(std::string_view line) {
  Result<std::vector<Field>> f = Fields(line, "+CMGL:");
  if (!f) return f.error();
  if (f->size() != 4 && f->size() != 3) return CountError("+CMGL", f->size());
  Result<int> index = ToInt((*f)[0], "+CMGL <index>", 0, 65535);
  if (!index) return index.error();
  Result<int> stat = ToInt((*f)[1], "+CMGL <stat>", 0, 3);
  if (!stat) return stat.error();
  Result<int> length = ToInt(f->back(), "+CMGL <length>", 0, 255);
  if (!length) return length.error();
  CmglHeader h;
  h.index = *index;
  h.stat = *stat;
  if (f->size() == 4) h.alpha = (*f)[2].text;
  h.length = *length;
  return h;
}

Result<PinStatus> ParseCpin(std::string_view line) {
  Result<std::string_view> body = Body(line, "+CPIN:");
  if (!body) return body.error();
  std::string code(*body);
  if (code.size() >= 2 && code.front() == '"' && code.back() == '"') {
    code = code.substr(1, code.size() - 2);
  }
  if (code.empty()) return Error::InvalidArgument("+CPIN <code>: empty");
  struct Known {
    std::string_view text;
    PinState state;
  };
  static constexpr Known kKnown[] = {
      {"READY", PinState::kReady},
      {"SIM PIN", PinState::kSimPin},
      {"SIM PUK", PinState::kSimPuk},
      {"PH-SIM PIN", PinState::kPhSimPin},
      {"SIM PIN2", PinState::kSimPin2},
      {"SIM PUK2", PinState::kSimPuk2},
      {"NOT INSERTED", PinState::kNotInserted},
      {"NOT READY", PinState::kNotReady},
  };
  PinStatus status{PinState::kOther, code};
  for (const Known& k : kKnown) {
    if (code == k.text) status.state = k.state;
  }
  return status;
}

Result<Operator> ParseCops(std::string_view line) {
  Result<std::vector<Field>> f = Fields(line, "+COPS:");
  if (!f) return f.error();
  const std::vector<Field>& v = *f;
  if (v.empty() || v.size() == 2 || v.size() > 4) {
    return CountError("+COPS", v.size());
  }
  Operator op;
  Result<int> mode = ToInt(v[0], "+COPS <mode>", 0, 4);
  if (!mode) return mode.error();
  op.mode = *mode;
  if (v.size() >= 3) {
    Result<int> format = ToInt(v[1], "+COPS <format>", 0, 3);
    if (!format) return format.error();
    op.format = *format;
    op.name = v[2].text;
  }
  if (v.size() == 4) {
    Result<int> act = ToInt(v[3], "+COPS <AcT>", 0, 15);
    if (!act) return act.error();
    op.act = *act;
  }
  return op;
}

Result<CnmiSupport> ParseCnmiTest(std::string_view line) {
  Result<std::string_view> body = Body(line, "+CNMI:");
  if (!body) return body.error();
  std::vector<std::set<int>> groups;
  std::string_view rest = *body;
  while (!rest.empty()) {
    std::string_view group;
    if (rest.front() == '(') {
      const std::size_t close = rest.find(')');
      if (close == std::string_view::npos) {
        return Error::InvalidArgument("+CNMI: unbalanced parenthesis");
      }
      group = rest.substr(1, close - 1);
      rest = Trim(rest.substr(close + 1));
    } else {
      const std::size_t comma = rest.find(',');
      group = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma);
    }
    Result<std::set<int>> values = ParseValueList(group);
    if (!values) return values.error();
    groups.push_back(std::move(*values));
    if (rest.empty()) break;
    if (rest.front() != ',') {
      return Error::InvalidArgument("+CNMI: expected ',' between groups, got \"" + std::string(rest) + "\"");
    }
    rest = Trim(rest.substr(1));
    if (rest.empty()) return Error::InvalidArgument("+CNMI: trailing ','");
  }
  if (groups.empty() || groups.size() > 5) {
    return CountError("+CNMI", groups.size());
  }
  groups.resize(5);
  return CnmiSupport{groups[0], groups[1], groups[2], groups[3], groups[4]};
}

Result<std::vector<MessageStorage>> ParseCpms(std::string_view line) {
  Result<std::vector<Field>> f = Fields(line, "+CPMS:");
  if (!f) return f.error();
  const std::vector<Field>& v = *f;
  const bool named = !v.empty() && v[0].quoted;
  const std::size_t width = named ? 3 : 2;
  if (v.empty() || v.size() % width != 0 || v.size() / width > 3) {
    return CountError("+CPMS", v.size());
  }
  std::vector<MessageStorage> out;
  for (std::size_t i = 0; i < v.size(); i += width) {
    MessageStorage s;
    if (named) s.memory = v[i].text;
    Result<int> used = ToInt(v[i + width - 2], "+CPMS <used>", 0, 65535);
    if (!used) return used.error();
    Result<int> total = ToInt(v[i + width - 1], "+CPMS <total>", 0, 65535);
    if (!total) return total.error();
    if (*used > *total) {
      return Error::InvalidArgument("+CPMS: " + std::to_string(*used) + " used of " + std::to_string(*total));
    }
    s.used = *used;
    s.total = *total;
    out.push_back(std::move(s));
  }
  return out;
}

Result<ServiceCentre> ParseCsca(std::string_view line) {
  Result<std::vector<Field>> f = Fields(line, "+CSCA:");
  if (!f) return f.error();
  if (f->size() != 2) return CountError("+CSCA", f->size());
  if (!(*f)[0].quoted) return Error::InvalidArgument("+CSCA <sca>: not a string");
  Result<int> type = ToInt((*f)[1], "+CSCA <tosca>", 0, 255);
  if (!type) return type.error();
  return ServiceCentre{(*f)[0].text, *type};
}

}  // namespace tellal::at
