#include "modem/pdu/gsm7_tables.h"

#include "modem/pdu/gsm7_default_tables.h"
#include "modem/pdu/national_locking_shift_tables.h"
#include "modem/pdu/national_single_shift_tables.h"

namespace tellal::pdu {
namespace {

// Indexed by national language identifier (TS 23.038 table 6.2.1.2.4.1).
constexpr const Gsm7Table* kLocking[kLanguageCount] = {
    &kDefaultAlphabet,        &kTurkishLockingShift, nullptr,
    &kPortugueseLockingShift, &kBengaliLockingShift, &kGujaratiLockingShift,
    &kHindiLockingShift,      &kKannadaLockingShift, &kMalayalamLockingShift,
    &kOriyaLockingShift,      &kPunjabiLockingShift, &kTamilLockingShift,
    &kTeluguLockingShift,     &kUrduLockingShift,
};
constexpr const Gsm7Table* kSingle[kLanguageCount] = {
    &kDefaultExtension,    &kTurkishSingleShift, &kSpanishSingleShift, &kPortugueseSingleShift, &kBengaliSingleShift,
    &kGujaratiSingleShift, &kHindiSingleShift,   &kKannadaSingleShift, &kMalayalamSingleShift,  &kOriyaSingleShift,
    &kPunjabiSingleShift,  &kTamilSingleShift,   &kTeluguSingleShift,  &kUrduSingleShift,
};
constexpr const char* kNames[kLanguageCount] = {
    "default", "turkish",   "spanish", "portuguese", "bengali", "gujarati", "hindi",
    "kannada", "malayalam", "oriya",   "punjabi",    "tamil",   "telugu",   "urdu",
};

}  // namespace

const char* LanguageName(uint8_t id) { return id < kLanguageCount ? kNames[id] : "reserved"; }

const Gsm7Table* LockingShiftTable(uint8_t id) { return id < kLanguageCount ? kLocking[id] : nullptr; }

const Gsm7Table* SingleShiftTable(uint8_t id) { return id < kLanguageCount ? kSingle[id] : nullptr; }

}  // namespace tellal::pdu
