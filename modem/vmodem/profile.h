// What differs between the modem families a VirtualModem imitates, in one
// place, so the command handlers never test the profile themselves.
// Written from the vendors' public AT command manuals (Huawei "HSPA USB
// Stick AT Command Interface Specification", SIMCom "SIM800 Series AT
// Command Manual").
#ifndef TELLAL_MODEM_VMODEM_PROFILE_H_
#define TELLAL_MODEM_VMODEM_PROFILE_H_

#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "modem/vmodem/virtual_modem.h"

namespace tellal::vmodem {

struct ProfileTraits {
  std::string manufacturer;     // +CGMI when Options leaves it empty
  std::string model;            // +CGMM when Options leaves it empty
  std::string revision;         // +CGMR
  bool supports_curc = false;   // AT^CURC=0|1 switches the noise off|on
  bool periodic_noise = false;  // ^RSSI & co. on a timer when noise is on
  std::string cnmi_test;        // the AT+CNMI=? answer line
  // SIMCom prints its start-up banner whether or not anyone listens.
  bool boot_banner = false;
  // What follows the operator in +COPS?: the access technology (7 = E-UTRAN,
  // 2 = UTRAN); GSM-only SIM800 firmwares print none.
  std::string cops_act = ",2";
  Quirks quirks;
};

const ProfileTraits& TraitsFor(Profile profile);

// The family's command-line name ("generic", "huawei-e3372", ...) and back.
std::string_view ProfileName(Profile profile);
std::optional<Profile> ProfileFromName(std::string_view name);
// Every family's name, in the enum's order.
std::vector<std::string> ProfileNames();

// Lines printed right after power-up (before any command).
std::vector<std::string> BootUrcs(Profile profile, bool pin_required);
// Lines printed once a correct PIN has been entered.
std::vector<std::string> PinAcceptedUrcs(Profile profile);
// One unsolicited status line for a profile with periodic noise.
std::string NoiseUrc(int rssi, std::mt19937& rng);

}  // namespace tellal::vmodem

#endif  // TELLAL_MODEM_VMODEM_PROFILE_H_
