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

std::vector<CnmiSetting> CnmiCandidates(const at::CnmiSupport& support) {
  // The preferred values the modem offers, in order; all of them when it
  // said nothing about the group.
  auto values = [](const std::set<int>& offered, std::initializer_list<int> preferred) {
    std::vector<int> out;
    for (int v : preferred) {
      if (offered.empty() || offered.count(v) != 0) out.push_back(v);
    }
    if (out.empty()) out.push_back(*offered.begin());
    return out;
  };
  std::vector<CnmiSetting> out{ChooseCnmi(support)};
  const int bm = Pick(support.bm, {0});
  for (int mode : values(support.mode, {2, 1, 3})) {
    for (int mt : values(support.mt, {1, 2})) {
      for (int ds : values(support.ds, {1, 2, 0})) {
        for (int bfr : values(support.bfr, {0, 1})) {
          const CnmiSetting s{mode, mt, bm, ds, bfr};
          if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
        }
      }
    }
  }
  return out;
}

}  // namespace tellal::modem
