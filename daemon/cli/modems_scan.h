// `tellal modems scan`: lists the serial ports of attached USB modems, guesses
// which one answers AT commands, and prints the udev rule line that gives it a
// stable name under /dev/tellal/ (see udev/README.md).
//
// Reading sysfs (ReadUsbSerialPorts) is kept apart from the judgement
// (PlanModems), so the judgement is a pure function over plain values and the
// reading can be pointed at a fake sysfs tree in tests.
#ifndef TELLAL_DAEMON_CLI_MODEMS_SCAN_H_
#define TELLAL_DAEMON_CLI_MODEMS_SCAN_H_

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "daemon/cli/arguments.h"
#include "modem/result.h"

namespace tellal::cli {

// One tty that sits on a USB interface, as sysfs describes it.
struct UsbSerialPort {
  std::string device;                 // "ttyUSB2"
  std::string usb_port;               // kernel name of the USB device = its port path, "1-1.2"
  std::string interface_number;       // bInterfaceNumber as sysfs prints it, "02"
  std::string vendor_id;              // "12d1"
  std::string product_id;             // "1001"
  std::optional<std::string> serial;  // absent on many cheap modems
  std::string manufacturer;           // may be empty
  std::string product;                // may be empty
};

// Reads <sysfs_root>/class/tty/* and keeps the ttys whose `device` link leads
// to a USB interface (ttyUSB*, ttyACM*); ttyS*, virtual consoles and the like
// are skipped. Sorted by device name in natural order (ttyUSB2 < ttyUSB10).
// Fails only when <sysfs_root>/class/tty cannot be listed; an unreadable entry
// is skipped, because one odd device must not hide the others.
Result<std::vector<UsbSerialPort>> ReadUsbSerialPorts(const std::filesystem::path& sysfs_root);

enum class ModemFamily { kHuawei, kZte, kSimcom, kQuectel, kUsbUart, kUnknown };
const char* FamilyName(ModemFamily family);  // "huawei", ..., "usb-uart", "unknown"

// Whether a port is the one to talk AT to. kUnknown: the family's port layout
// is not known, so every port of that modem is a candidate.
enum class AtPort { kYes, kNo, kUnknown };

struct PlannedPort {
  UsbSerialPort port;
  ModemFamily family;
  AtPort at;
  std::string name;  // "sim1" on the AT port or on each candidate; empty otherwise
  std::string rule;  // the udev line for `name`; empty when `name` is
  // Why the rule matches what it matches, for the comment above it; empty for
  // the ordinary serial-number match.
  std::string note;
};

// Groups ports into modems (one per USB device, except USB-UART adapters,
// where every UART is its own modem), names the modems sim1, sim2, ... in
// order of their first port, and writes each one's rule line. A modem whose
// USB serial number is missing, unprintable or shared with another attached
// modem of the same vendor:product is matched by its USB port path instead.
// Input order is kept in the output.
std::vector<PlannedPort> PlanModems(const std::vector<UsbSerialPort>& ports);

// `tellal modems scan [--sysfs ROOT] [--json]`. Exit 0 on success (including
// "no modems"), 1 when sysfs cannot be read, 2 for bad usage.
int RunModemsCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// Declares the options of `tellal modems scan`, with their help, on `app`.
void DeclareModemsScanCommandLine(CLI::App& app);

}  // namespace tellal::cli

#endif  // TELLAL_DAEMON_CLI_MODEMS_SCAN_H_
