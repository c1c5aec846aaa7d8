#include "daemon/cli/modems_scan.h"
#include "modem/text/enum_names.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <system_error>
#include <tuple>
#include <utility>

#include "daemon/cli/arguments.h"

namespace tellal::cli {

void DeclareModemsScanCommandLine(CLI::App& app) {
  app.description("list attached USB modems and their udev rule lines; needs no daemon");
  app.add_option("--sysfs", "read ROOT instead of /sys")->type_name("ROOT");
  AddSwitch(app, "--json", "print a JSON array, one object per port");
  app.footer(
      "Lists the serial ports of attached USB modems and USB-UART adapters, marks\n"
      "the port that most likely answers AT commands, and prints a udev rule line\n"
      "per modem that names it /dev/tellal/simN and keeps ModemManager away.");
}

namespace fs = std::filesystem;

namespace {

// Where the rule lines are meant to go. /etc/udev/rules.d is the admin's own
// directory (package updates leave it alone), and 61 sorts after
// 60-serial.rules, which imports ID_USB_INTERFACE_NUM that the lines match.
constexpr const char* kLocalRulesFile = "/etc/udev/rules.d/61-tellal-local.rules";

// sysfs attribute files end in a newline; udev compares without it.
std::optional<std::string> ReadAttribute(const fs::path& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  std::string value;
  std::getline(in, value);
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
  return value;
}

// The USB interface directory a tty belongs to. A ttyACM's `device` link
// points at the interface itself; a ttyUSB's points at the usb-serial port
// device one level below it. Both are tried, nothing further up, so a
// platform UART (ttyS0, ttyAMA0) can never be mistaken for a USB one.
std::optional<fs::path> UsbInterfaceOf(const fs::path& tty_dir) {
  std::error_code ec;
  fs::path device = fs::canonical(tty_dir / "device", ec);
  if (ec) return std::nullopt;  // virtual ttys (tty0, ptmx's peers) have no device
  for (int level = 0; level < 2; ++level) {
    if (fs::exists(device / "bInterfaceNumber", ec) && fs::exists(device.parent_path() / "idVendor", ec)) {
      return device;
    }
    device = device.parent_path();
  }
  return std::nullopt;
}

// Natural order: "ttyUSB2" before "ttyUSB10", so the table reads like `ls -v`.
bool NaturalLess(const std::string& a, const std::string& b) {
  auto split = [](const std::string& s) {
    size_t digits = s.size();
    while (digits > 0 && std::isdigit(static_cast<unsigned char>(s[digits - 1]))) --digits;
    const std::string number = s.substr(digits);
    // Leading zeros never occur in tty names; length then value orders numbers.
    return std::make_tuple(s.substr(0, digits), number.size(), number);
  };
  return split(a) < split(b);
}

ModemFamily FamilyOf(const std::string& vendor_id) {
  // USB vendor ids from the usb.ids registry.
  static const std::map<std::string, ModemFamily> kVendors = {
      {"12d1", ModemFamily::kHuawei},
      {"19d2", ModemFamily::kZte},
      {"1e0e", ModemFamily::kSimcom},
      {"2c7c", ModemFamily::kQuectel},
      // USB-UART bridges: FTDI, WCH (CH340/CH341), Silicon Labs (CP210x),
      // Prolific (PL2303). On a gateway they carry a UART modem (SIM800, ...).
      {"0403", ModemFamily::kUsbUart},
      {"1a86", ModemFamily::kUsbUart},
      {"10c4", ModemFamily::kUsbUart},
      {"067b", ModemFamily::kUsbUart},
  };
  const auto it = kVendors.find(vendor_id);
  return it == kVendors.end() ? ModemFamily::kUnknown : it->second;
}

// Which USB interface carries the AT command port, per vendor and, where a
// vendor ships several layouts, per product. Sources: the vendors' Linux USB
// driver guides and ModemManager's per-vendor port-type udev rules; the same
// table, with the uncertain cases, is in udev/README.md.
struct Layout {
  const char* vendor_id;
  const char* product_id;  // nullptr: any other product of this vendor
  const char* at_interface;
};
constexpr Layout kLayouts[] = {
    // SIMCom A7600E-H / A7602E-H (1e0e:9011): network interfaces first,
    // diagnostics 02, AT 04, PPP 05.
    {"1e0e", "9011", "04"},
    // SIMCom SIM7100/SIM7600 (9001), SIM7070/SIM7080 (9205, 9206):
    // diagnostics 00, NMEA 01, AT 02, PPP 03.
    {"1e0e", nullptr, "02"},
    // Quectel EC25/EG25/EG91/EG95/BG96/EG06: diagnostics 00, NMEA 01, AT 02, PPP 03.
    {"2c7c", nullptr, "02"},
    // Huawei sticks in serial mode (E1550, E173): modem 00, diagnostics 01,
    // "PC UI" 02. Both 00 and 02 take AT; 02 is the control port Huawei's own
    // software uses and the one that carries the ^-status reports.
    {"12d1", nullptr, "02"},
    // ZTE: the AT-only "aux" port is interface 01 on most product ids
    // (0031 = MF636/MF637, 0117, 2002, ...; modem port 02 or 03). Some ids
    // differ (0001: aux 02); a stick whose interface 01 has no tty falls back
    // to "unknown", one that has a tty there but elsewhere its AT port is
    // the case this guess gets wrong.
    {"19d2", nullptr, "01"},
};

const char* AtInterfaceFor(const std::string& vendor_id, const std::string& product_id) {
  for (const Layout& layout : kLayouts) {
    if (vendor_id != layout.vendor_id) continue;
    if (layout.product_id == nullptr || product_id == layout.product_id) return layout.at_interface;
  }
  return nullptr;
}

// udev rule values are double-quoted with no escape for '"' and the file is
// line-based, so a serial number is usable only if it is printable and has no
// quote or backslash.
bool QuotableInRule(const std::string& value) {
  if (value.empty()) return false;
  return std::all_of(value.begin(), value.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7f && c != '"' && c != '\\';
  });
}

// Every key that matches a parent device (ATTRS, KERNELS) must be satisfied by
// one and the same parent, so the line matches idVendor/idProduct/serial (or
// the port path, KERNELS) on the USB device and takes the interface from the
// environment (ENV{ID_USB_INTERFACE_NUM}, set by udev's usb_id builtin)
// rather than from ATTRS{bInterfaceNumber}, which lives on another parent.
std::string RuleLine(const UsbSerialPort& port, const std::string& name, bool by_serial) {
  std::string line = "SUBSYSTEM==\"tty\", ";
  if (!by_serial) line += "KERNELS==\"" + port.usb_port + "\", ";
  line += "ATTRS{idVendor}==\"" + port.vendor_id + "\", ATTRS{idProduct}==\"" + port.product_id + "\", ";
  if (by_serial) line += "ATTRS{serial}==\"" + *port.serial + "\", ";
  line += "ENV{ID_USB_INTERFACE_NUM}==\"" + port.interface_number + "\", SYMLINK+=\"tellal/" + name +
          "\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"";
  return line;
}

constexpr text::EnumName<AtPort> kAtPortNames[] = {{AtPort::kYes, "yes"}, {AtPort::kNo, "no"}, {AtPort::kUnknown, "?"}};

const char* AtName(AtPort at) { return text::NameOf(kAtPortNames, at, "?").data(); }

std::string Describe(const UsbSerialPort& port) {
  std::string text = port.manufacturer;
  if (!port.product.empty()) text += (text.empty() ? "" : " ") + port.product;
  const std::string id = port.vendor_id + ":" + port.product_id;
  return text.empty() ? id : text + " (" + id + ")";
}

void PrintTable(const std::vector<PlannedPort>& plan, std::ostream& out) {
  std::vector<std::vector<std::string>> rows = {{"DEVICE", "USB ID", "SERIAL", "USB PORT", "IF", "FAMILY", "AT"}};
  for (const PlannedPort& p : plan) {
    rows.push_back({p.port.device, p.port.vendor_id + ":" + p.port.product_id,
                    p.port.serial && !p.port.serial->empty() ? *p.port.serial : "-", p.port.usb_port,
                    p.port.interface_number, FamilyName(p.family), AtName(p.at)});
  }
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - row[c].size() + 2, ' ');
    }
    out << line << "\n";
  }
}

void PrintRules(const std::vector<PlannedPort>& plan, std::ostream& out) {
  out << "\nRule lines; paste them into " << kLocalRulesFile << ":\n";
  std::set<std::string> introduced;  // modem names whose comment line is out
  for (const PlannedPort& p : plan) {
    if (p.name.empty()) continue;
    if (introduced.insert(p.name).second) {
      out << "\n# " << p.name << ": " << Describe(p.port) << ", USB port " << p.port.usb_port;
      if (p.at == AtPort::kYes) out << ", AT port " << p.port.device;
      out << "\n";
      if (!p.note.empty()) out << "# " << p.note << "\n";
    }
    if (p.at == AtPort::kYes) {
      out << p.rule << "\n";
    } else {
      // A candidate stays commented out: naming a GPS or diagnostics port
      // "sim1" would make tellald talk AT to the wrong port.
      out << "# candidate " << p.port.device << " (interface " << p.port.interface_number << "):\n#" << p.rule << "\n";
    }
  }
  out << "\nThen: sudo udevadm control --reload && sudo udevadm trigger --subsystem-match=tty\n";
}

nlohmann::json ToJson(const std::vector<PlannedPort>& plan) {
  nlohmann::json array = nlohmann::json::array();
  for (const PlannedPort& p : plan) {
    const bool named = !p.name.empty();
    array.push_back({
        {"device", p.port.device},
        {"usb_port", p.port.usb_port},
        {"interface", p.port.interface_number},
        {"vendor_id", p.port.vendor_id},
        {"product_id", p.port.product_id},
        {"serial", p.port.serial ? nlohmann::json(*p.port.serial) : nlohmann::json(nullptr)},
        {"manufacturer", p.port.manufacturer},
        {"product", p.port.product},
        {"family", FamilyName(p.family)},
        {"at_port", p.at == AtPort::kYes  ? "yes"
                    : p.at == AtPort::kNo ? "no"
                                          : "unknown"},
        {"name", named ? nlohmann::json(p.name) : nlohmann::json(nullptr)},
        {"rule", named ? nlohmann::json(p.rule) : nlohmann::json(nullptr)},
        {"note", p.note.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.note)},
    });
  }
  return array;
}

int Scan(const ParsedArguments& parsed, const CLI::App& app, std::ostream& out, std::ostream& err) {
  if (!parsed.positional.empty()) {
    return ExplainUsage(err, "tellal modems scan", "unexpected argument '" + parsed.positional[0] + "'", &app);
  }
  const fs::path root = parsed.get("--sysfs").value_or("/sys");
  const auto ports = ReadUsbSerialPorts(root);
  if (!ports) {
    err << "tellal modems scan: " << ports.error().message << "\n";
    return 1;
  }
  const std::vector<PlannedPort> plan = PlanModems(*ports);
  if (parsed.has("--json")) {
    out << ToJson(plan).dump(2) << "\n";
    return 0;
  }
  if (plan.empty()) {
    out << "No USB serial modems found (no tty under " << (root / "class" / "tty").string()
        << " sits on a USB interface).\n";
    return 0;
  }
  PrintTable(plan, out);
  PrintRules(plan, out);
  return 0;
}

}  // namespace

constexpr text::EnumName<ModemFamily> kModemFamilyNames[] = {
    {ModemFamily::kHuawei, "huawei"},   {ModemFamily::kZte, "zte"},          {ModemFamily::kSimcom, "simcom"},
    {ModemFamily::kQuectel, "quectel"}, {ModemFamily::kUsbUart, "usb-uart"}, {ModemFamily::kUnknown, "unknown"}};

const char* FamilyName(ModemFamily family) { return text::NameOf(kModemFamilyNames, family, "unknown").data(); }

Result<std::vector<UsbSerialPort>> ReadUsbSerialPorts(const fs::path& sysfs_root) {
  const fs::path class_tty = sysfs_root / "class" / "tty";
  std::error_code ec;
  fs::directory_iterator it(class_tty, ec);
  if (ec) return Error::InvalidArgument("cannot list " + class_tty.string() + ": " + ec.message());
  std::vector<UsbSerialPort> ports;
  // Explicit increment with an error_code: the range-for form throws, and an
  // entry vanishing mid-scan (a modem unplugged) is no reason to fail.
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::directory_entry& entry = *it;
    const auto interface = UsbInterfaceOf(entry.path());
    if (!interface) continue;
    const fs::path usb_device = interface->parent_path();
    auto vendor = ReadAttribute(usb_device / "idVendor");
    auto product_id = ReadAttribute(usb_device / "idProduct");
    auto number = ReadAttribute(*interface / "bInterfaceNumber");
    if (!vendor || !product_id || !number) continue;
    ports.push_back(UsbSerialPort{
        .device = entry.path().filename().string(),
        .usb_port = usb_device.filename().string(),
        .interface_number = *number,
        .vendor_id = *vendor,
        .product_id = *product_id,
        .serial = ReadAttribute(usb_device / "serial"),
        .manufacturer = ReadAttribute(usb_device / "manufacturer").value_or(""),
        .product = ReadAttribute(usb_device / "product").value_or(""),
    });
  }
  std::sort(ports.begin(), ports.end(),
            [](const UsbSerialPort& a, const UsbSerialPort& b) { return NaturalLess(a.device, b.device); });
  return ports;
}

std::vector<PlannedPort> PlanModems(const std::vector<UsbSerialPort>& ports) {
  std::vector<PlannedPort> plan;
  // Modems in order of their first port; each holds indices into `plan`.
  std::vector<std::string> modem_order;
  std::map<std::string, std::vector<size_t>> modems;
  // How many distinct USB devices carry each vendor:product:serial, to spot
  // modems that all report the same factory serial.
  std::map<std::string, std::set<std::string>> devices_per_serial;
  for (const UsbSerialPort& port : ports) {
    const ModemFamily family = FamilyOf(port.vendor_id);
    // A multi-port USB-UART (FT2232, FT4232) drives one modem per UART.
    const std::string key =
        family == ModemFamily::kUsbUart ? port.usb_port + ":" + port.interface_number : port.usb_port;
    if (!modems.count(key)) modem_order.push_back(key);
    modems[key].push_back(plan.size());
    if (port.serial) {
      devices_per_serial[port.vendor_id + ":" + port.product_id + ":" + *port.serial].insert(port.usb_port);
    }
    plan.push_back(PlannedPort{port, family, AtPort::kNo, "", "", ""});
  }

  int number = 0;
  for (const std::string& key : modem_order) {
    const std::vector<size_t>& members = modems[key];
    const UsbSerialPort& first = plan[members.front()].port;
    const ModemFamily family = plan[members.front()].family;
    const std::string name = "sim" + std::to_string(++number);

    std::optional<size_t> at_port;
    if (family == ModemFamily::kUsbUart) {
      at_port = members.front();
    } else if (const char* at_interface = AtInterfaceFor(first.vendor_id, first.product_id)) {
      for (size_t i : members) {
        if (plan[i].port.interface_number == at_interface) at_port = i;
      }
    }

    std::string note;
    bool by_serial = false;
    if (!first.serial || first.serial->empty()) {
      note = "no USB serial number";
    } else if (!QuotableInRule(*first.serial)) {
      note = "its USB serial number cannot be quoted in a udev rule";
    } else if (devices_per_serial[first.vendor_id + ":" + first.product_id + ":" + *first.serial].size() > 1) {
      note = "another attached " + first.vendor_id + ":" + first.product_id + " reports the same serial number";
    } else {
      by_serial = true;
    }
    if (!by_serial) {
      note += ", so the line matches USB port " + first.usb_port + ": keep the modem plugged into that port";
    }
    if (!at_port) {
      note = (note.empty() ? "" : note + "; ") +
             std::string("port layout unknown: uncomment the line of the port that answers AT");
    }

    for (size_t i : members) {
      PlannedPort& p = plan[i];
      if (at_port) {
        p.at = i == *at_port ? AtPort::kYes : AtPort::kNo;
      } else {
        p.at = AtPort::kUnknown;
      }
      if (p.at == AtPort::kNo) continue;
      p.name = name;
      p.rule = RuleLine(p.port, name, by_serial);
      p.note = note;
    }
  }
  return plan;
}

int RunModemsCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app("the modems attached to this machine", "tellal modems");
  DeclareModemsScanCommandLine(*app.add_subcommand("scan"));
  int status = kExitUsage;
  const auto parsed = ParseOrExplain(app, args, out, err, &status);
  if (!parsed) return status;
  if (parsed->subcommand == "scan") return Scan(*parsed, app, out, err);
  if (!parsed->positional.empty()) {
    return ExplainUsage(err, "tellal modems", "unknown subcommand '" + parsed->positional[0] + "'", &app);
  }
  return ExplainUsage(err, "tellal modems", "missing subcommand", &app);
}

}  // namespace tellal::cli
