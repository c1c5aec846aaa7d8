#include "daemon/store/contact_records.h"

#include <algorithm>
#include <array>

namespace tellal::store {
namespace {

// İYS "kaynak" values for consent collected by the business itself (HS_:
// hizmet sağlayıcı), and IYS for records taken from the registry.
constexpr std::array<std::string_view, 9> kSources = {
    "HS_FIZIKSEL_ORTAM", "HS_ISLAK_IMZA", "HS_WEB", "HS_CAGRI_MERKEZI", "HS_SOSYAL_MEDYA", "HS_EPOSTA",
    "HS_MESAJ",          "HS_EORTAM",     "IYS",
};

}  // namespace

bool IsConsentStatus(std::string_view s) { return s == kConsentApproved || s == kConsentRefused; }
bool IsConsentType(std::string_view s) { return s == kConsentTypeMessage; }
bool IsRecipientType(std::string_view s) { return s == "BIREYSEL" || s == "TACIR"; }
bool IsConsentSource(std::string_view s) { return std::find(kSources.begin(), kSources.end(), s) != kSources.end(); }

std::string_view ConsentSourcesList() {
  return "HS_FIZIKSEL_ORTAM, HS_ISLAK_IMZA, HS_WEB, HS_CAGRI_MERKEZI, HS_SOSYAL_MEDYA, HS_EPOSTA, HS_MESAJ, "
         "HS_EORTAM, IYS";
}

const char* SuppressionName(Suppression s) {
  switch (s) {
    case Suppression::kNone:
      return "none";
    case Suppression::kBlocked:
      return "blocked";
    case Suppression::kOptedOut:
      return "opted_out";
  }
  return "none";
}

}  // namespace tellal::store
