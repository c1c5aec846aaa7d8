#include "modem/driver/cnmi_choice.h"

#include <algorithm>
#include <initializer_list>
#include <set>

namespace tellal::modem {
namespace {

// The first of `preferred` the modem offers; failing that, the smallest
// value it offers (0, "off", in every group of TS 27.005 §3.4.1).
int Pick(const std::set<int>& offered, std::initializer_list<int> preferred) {
  if (offered.empty()) return *preferred.begin();
  for (int value : preferred) {
    if (offered.count(value) != 0) return value;
  }
  return *offered.begin();
}

}  // namespace

std::string ToString(const CnmiSetting& s) {
  return std::to_string(s.mode) + "," + std::to_string(s.mt) + "," + std::to_string(s.bm) + "," + std::to_string(s.ds) +
         "," + std::to_string(s.bfr);
}

CnmiSetting ChooseCnmi(const at::CnmiSupport& support) {
  CnmiSetting s;
  // mode 3 forwards indications in-band in data mode, which we never use;
  // it is still better than mode 0, where the modem keeps them to itself.
  s.mode = Pick(support.mode, {2, 1, 3});
  // mt=2 routes deliveries as +CMT without storing them; a crash between
  // the URC and the database would lose the message. Only when no better.
  s.mt = Pick(support.mt, {1, 2});
  s.bm = Pick(support.bm, {0});
  s.ds = Pick(support.ds, {1, 2});
  s.bfr = Pick(support.bfr, {0});
  return s;
}

std::vector<CnmiSetting> CnmiCandidates(const CnmiSetting& first) {
  std::vector<CnmiSetting> out{first};
  for (const CnmiSetting& fallback : {CnmiSetting{2, 1, 0, 1, 0}, CnmiSetting{2, 1, 0, 2, 0},
                                      CnmiSetting{2, 1, 0, 0, 0}, CnmiSetting{1, 1, 0, 0, 0}}) {
    if (std::find(out.begin(), out.end(), fallback) == out.end()) {
      out.push_back(fallback);
    }
  }
  return out;
}

}  // namespace tellal::modem
