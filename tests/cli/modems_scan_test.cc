#include "daemon/cli/modems_scan.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;
using tellal::cli::RunModemsCommand;

namespace {

// A throwaway sysfs laid out like the kernel's: devices under devices/, the
// class directory holding symlinks into it, and each tty's `device` link
// pointing at its parent (a usb-serial port for ttyUSB, the USB interface
// itself for ttyACM), so the scanner resolves links exactly as on a Pi.
class FakeSysfs {
 public:
  FakeSysfs() {
    std::string pattern = (fs::temp_directory_path() / "tellal-sysfs-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    root_ = pattern;
    fs::create_directories(root_ / "class" / "tty");
  }
  ~FakeSysfs() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  FakeSysfs(const FakeSysfs&) = delete;
  FakeSysfs& operator=(const FakeSysfs&) = delete;

  const fs::path& root() const { return root_; }

  struct UsbDevice {
    std::string port;  // "1-1.2"
    std::string vendor, product_id;
    std::string serial;  // empty: the attribute file is absent
    std::string manufacturer, product;
  };

  // The USB device directory, under the Pi 3's USB host controller.
  fs::path AddUsbDevice(const UsbDevice& d) {
    const fs::path dir = kHost / d.port;
    Write(dir / "idVendor", d.vendor);
    Write(dir / "idProduct", d.product_id);
    if (!d.serial.empty()) Write(dir / "serial", d.serial);
    Write(dir / "manufacturer", d.manufacturer);
    Write(dir / "product", d.product);
    return dir;
  }

  // ttyUSB<n> on interface <number> of `device`, via usb-serial's port device:
  // .../1-1.2/1-1.2:1.<n>/ttyUSB<n>/tty/ttyUSB<n>
  void AddUsbSerialTty(const fs::path& device, int interface, const std::string& tty) {
    const fs::path iface = AddInterface(device, interface);
    const fs::path class_dir = iface / tty / "tty" / tty;
    fs::create_directories(root_ / class_dir);
    Write(iface / tty / "port_number", "0");
    fs::create_directory_symlink("../../../" + tty, root_ / class_dir / "device");
    Link(class_dir, tty);
  }

  // ttyACM<n> straight on the interface: .../1-1.4:1.0/tty/ttyACM0
  void AddAcmTty(const fs::path& device, int interface, const std::string& tty) {
    const fs::path iface = AddInterface(device, interface);
    const fs::path class_dir = iface / "tty" / tty;
    fs::create_directories(root_ / class_dir);
    fs::create_directory_symlink("../../../" + iface.filename().string(), root_ / class_dir / "device");
    Link(class_dir, tty);
  }

  // A platform UART (the Pi's ttyS0) and a virtual console without `device`.
  void AddNonUsbTtys() {
    const fs::path uart = fs::path("devices/platform/soc/3f215040.serial");
    fs::create_directories(root_ / uart / "tty" / "ttyS0");
    Write(uart / "driver_override", "(null)");
    fs::create_directory_symlink("../../../3f215040.serial", root_ / uart / "tty" / "ttyS0" / "device");
    Link(uart / "tty" / "ttyS0", "ttyS0");
    fs::create_directories(root_ / "devices/virtual/tty/tty0");
    Link("devices/virtual/tty/tty0", "tty0");
  }

 private:
  const fs::path kHost = "devices/platform/soc/3f980000.usb/usb1/1-1";

  fs::path AddInterface(const fs::path& device, int interface) {
    const std::string port = device.filename().string();
    const fs::path iface = device / (port + ":1." + std::to_string(interface));
    char number[3];
    std::snprintf(number, sizeof number, "%02x", interface);
    Write(iface / "bInterfaceNumber", number);
    return iface;
  }

  void Write(const fs::path& relative, const std::string& value) {
    fs::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative) << value << "\n";
  }

  // class/tty/<name> -> ../../<device dir>, as the kernel links it.
  void Link(const fs::path& class_dir, const std::string& name) {
    fs::create_directory_symlink(fs::path("../..") / class_dir, root_ / "class" / "tty" / name);
  }

  fs::path root_;
};

struct Run {
  int status;
  std::string out;
  std::string err;
};

Run Scan(const FakeSysfs& sysfs, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"scan", "--sysfs", sysfs.root().string()};
  args.insert(args.end(), extra.begin(), extra.end());
  std::ostringstream out, err;
  const int status = RunModemsCommand(args, out, err);
  return {status, out.str(), err.str()};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The gateway of the examples: a Huawei stick with three ports, a SIM7600
// with five, a SIM800 on an FTDI cable, a CH340 cable (no serial number) and
// the Pi's own UART, which must not show up.
void AddGateway(FakeSysfs& sysfs) {
  const fs::path huawei = sysfs.AddUsbDevice({"1-1.2", "12d1", "1001", "353142030000001", "HUAWEI", "HUAWEI Mobile"});
  sysfs.AddUsbSerialTty(huawei, 0, "ttyUSB0");
  sysfs.AddUsbSerialTty(huawei, 1, "ttyUSB1");
  sysfs.AddUsbSerialTty(huawei, 2, "ttyUSB2");
  const fs::path simcom = sysfs.AddUsbDevice(
      {"1-1.3", "1e0e", "9001", "0123456789ABCDEF", "SimTech, Incorporated", "SimTech, Incorporated"});
  for (int i = 0; i < 5; ++i) sysfs.AddUsbSerialTty(simcom, i, "ttyUSB" + std::to_string(3 + i));
  const fs::path ftdi = sysfs.AddUsbDevice({"1-1.4", "0403", "6001", "A10K5ZXQ", "FTDI", "FT232R USB UART"});
  sysfs.AddUsbSerialTty(ftdi, 0, "ttyUSB10");
  const fs::path ch340 = sysfs.AddUsbDevice({"1-1.5", "1a86", "7523", "", "", "USB2.0-Serial"});
  sysfs.AddUsbSerialTty(ch340, 0, "ttyUSB8");
  sysfs.AddNonUsbTtys();
}

}  // namespace

TEST_CASE("scan prints a table of USB serial ports and one rule line per modem", "[cli][modems]") {
  FakeSysfs sysfs;
  AddGateway(sysfs);
  const Run r = Scan(sysfs);
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const std::vector<std::string> expected = {
      "DEVICE    USB ID     SERIAL            USB PORT  IF  FAMILY    AT",
      "ttyUSB0   12d1:1001  353142030000001   1-1.2     00  huawei    no",
      "ttyUSB1   12d1:1001  353142030000001   1-1.2     01  huawei    no",
      "ttyUSB2   12d1:1001  353142030000001   1-1.2     02  huawei    yes",
      "ttyUSB3   1e0e:9001  0123456789ABCDEF  1-1.3     00  simcom    no",
      "ttyUSB4   1e0e:9001  0123456789ABCDEF  1-1.3     01  simcom    no",
      "ttyUSB5   1e0e:9001  0123456789ABCDEF  1-1.3     02  simcom    yes",
      "ttyUSB6   1e0e:9001  0123456789ABCDEF  1-1.3     03  simcom    no",
      "ttyUSB7   1e0e:9001  0123456789ABCDEF  1-1.3     04  simcom    no",
      "ttyUSB8   1a86:7523  -                 1-1.5     00  usb-uart  yes",
      "ttyUSB10  0403:6001  A10K5ZXQ          1-1.4     00  usb-uart  yes",
      "",
      "Rule lines; paste them into /etc/udev/rules.d/61-tellal-local.rules:",
      "",
      "# sim1: HUAWEI HUAWEI Mobile (12d1:1001), USB port 1-1.2, AT port ttyUSB2",
      "SUBSYSTEM==\"tty\", ATTRS{idVendor}==\"12d1\", ATTRS{idProduct}==\"1001\", ATTRS{serial}==\"353142030000001\", "
      "ENV{ID_USB_INTERFACE_NUM}==\"02\", SYMLINK+=\"tellal/sim1\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"",
      "",
      "# sim2: SimTech, Incorporated SimTech, Incorporated (1e0e:9001), USB port 1-1.3, AT port ttyUSB5",
      "SUBSYSTEM==\"tty\", ATTRS{idVendor}==\"1e0e\", ATTRS{idProduct}==\"9001\", ATTRS{serial}==\"0123456789ABCDEF\", "
      "ENV{ID_USB_INTERFACE_NUM}==\"02\", SYMLINK+=\"tellal/sim2\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"",
      "",
      "# sim3: USB2.0-Serial (1a86:7523), USB port 1-1.5, AT port ttyUSB8",
      "# no USB serial number, so the line matches USB port 1-1.5: keep the modem plugged into that port",
      "SUBSYSTEM==\"tty\", KERNELS==\"1-1.5\", ATTRS{idVendor}==\"1a86\", ATTRS{idProduct}==\"7523\", "
      "ENV{ID_USB_INTERFACE_NUM}==\"00\", SYMLINK+=\"tellal/sim3\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"",
      "",
      "# sim4: FTDI FT232R USB UART (0403:6001), USB port 1-1.4, AT port ttyUSB10",
      "SUBSYSTEM==\"tty\", ATTRS{idVendor}==\"0403\", ATTRS{idProduct}==\"6001\", ATTRS{serial}==\"A10K5ZXQ\", "
      "ENV{ID_USB_INTERFACE_NUM}==\"00\", SYMLINK+=\"tellal/sim4\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"",
      "",
      "Then: sudo udevadm control --reload && sudo udevadm trigger --subsystem-match=tty",
  };
  CHECK(Lines(r.out) == expected);
}

TEST_CASE("scan --json prints one object per USB serial port", "[cli][modems]") {
  FakeSysfs sysfs;
  AddGateway(sysfs);
  const Run r = Scan(sysfs, {"--json"});
  REQUIRE(r.status == 0);
  const json ports = json::parse(r.out);
  REQUIRE(ports.is_array());
  REQUIRE(ports.size() == 10);  // 3 Huawei + 5 SIMCom + 2 adapters; ttyS0 and tty0 left out

  CHECK(ports[2] == json::parse(R"({
    "device": "ttyUSB2", "usb_port": "1-1.2", "interface": "02",
    "vendor_id": "12d1", "product_id": "1001", "serial": "353142030000001",
    "manufacturer": "HUAWEI", "product": "HUAWEI Mobile",
    "family": "huawei", "at_port": "yes", "name": "sim1",
    "rule": "SUBSYSTEM==\"tty\", ATTRS{idVendor}==\"12d1\", ATTRS{idProduct}==\"1001\", ATTRS{serial}==\"353142030000001\", ENV{ID_USB_INTERFACE_NUM}==\"02\", SYMLINK+=\"tellal/sim1\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"",
    "note": null
  })"));
  CHECK(ports[0]["at_port"] == "no");
  CHECK(ports[0]["name"].is_null());
  CHECK(ports[0]["rule"].is_null());

  CHECK(ports[8] == json::parse(R"({
    "device": "ttyUSB8", "usb_port": "1-1.5", "interface": "00",
    "vendor_id": "1a86", "product_id": "7523", "serial": null,
    "manufacturer": "", "product": "USB2.0-Serial",
    "family": "usb-uart", "at_port": "yes", "name": "sim3",
    "rule": "SUBSYSTEM==\"tty\", KERNELS==\"1-1.5\", ATTRS{idVendor}==\"1a86\", ATTRS{idProduct}==\"7523\", ENV{ID_USB_INTERFACE_NUM}==\"00\", SYMLINK+=\"tellal/sim3\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"",
    "note": "no USB serial number, so the line matches USB port 1-1.5: keep the modem plugged into that port"
  })"));

  std::vector<std::string> named;
  for (const json& p : ports) {
    if (!p["name"].is_null()) named.push_back(p["device"].get<std::string>() + "=" + p["name"].get<std::string>());
  }
  CHECK(named == std::vector<std::string>{"ttyUSB2=sim1", "ttyUSB5=sim2", "ttyUSB8=sim3", "ttyUSB10=sim4"});
}

TEST_CASE("two modems reporting the same serial number are matched by USB port", "[cli][modems]") {
  FakeSysfs sysfs;
  for (const std::string port : {"1-1.2", "1-1.3"}) {
    const fs::path quectel = sysfs.AddUsbDevice({port, "2c7c", "0125", "0123456789ABCDEF", "Quectel", "EC25"});
    for (int i = 0; i < 4; ++i)
      sysfs.AddUsbSerialTty(quectel, i, "ttyUSB" + std::to_string((port == "1-1.2" ? 0 : 4) + i));
  }
  const Run r = Scan(sysfs, {"--json"});
  REQUIRE(r.status == 0);
  const json ports = json::parse(r.out);
  REQUIRE(ports.size() == 8);
  CHECK(ports[2]["at_port"] == "yes");
  CHECK(ports[2]["rule"] ==
        "SUBSYSTEM==\"tty\", KERNELS==\"1-1.2\", ATTRS{idVendor}==\"2c7c\", ATTRS{idProduct}==\"0125\", "
        "ENV{ID_USB_INTERFACE_NUM}==\"02\", SYMLINK+=\"tellal/sim1\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"");
  CHECK(ports[2]["note"] ==
        "another attached 2c7c:0125 reports the same serial number, so the line matches USB port 1-1.2: keep the "
        "modem plugged into that port");
  CHECK(ports[6]["rule"] ==
        "SUBSYSTEM==\"tty\", KERNELS==\"1-1.3\", ATTRS{idVendor}==\"2c7c\", ATTRS{idProduct}==\"0125\", "
        "ENV{ID_USB_INTERFACE_NUM}==\"02\", SYMLINK+=\"tellal/sim2\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"");
}

TEST_CASE("a modem of unknown layout gets a commented-out candidate line per port", "[cli][modems]") {
  FakeSysfs sysfs;
  const fs::path sierra = sysfs.AddUsbDevice({"1-1.2", "1199", "68c0", "SN42", "Sierra Wireless", "MC8305"});
  sysfs.AddUsbSerialTty(sierra, 0, "ttyUSB0");
  sysfs.AddUsbSerialTty(sierra, 3, "ttyUSB1");
  const fs::path acm = sysfs.AddUsbDevice({"1-1.4", "1546", "1141", "", "u-blox", "SARA"});
  sysfs.AddAcmTty(acm, 0, "ttyACM0");
  const Run r = Scan(sysfs);
  REQUIRE(r.status == 0);
  const std::vector<std::string> expected = {
      "DEVICE   USB ID     SERIAL  USB PORT  IF  FAMILY   AT",
      "ttyACM0  1546:1141  -       1-1.4     00  unknown  ?",
      "ttyUSB0  1199:68c0  SN42    1-1.2     00  unknown  ?",
      "ttyUSB1  1199:68c0  SN42    1-1.2     03  unknown  ?",
      "",
      "Rule lines; paste them into /etc/udev/rules.d/61-tellal-local.rules:",
      "",
      "# sim1: u-blox SARA (1546:1141), USB port 1-1.4",
      "# no USB serial number, so the line matches USB port 1-1.4: keep the modem plugged into that port; port layout "
      "unknown: uncomment the line of the port that answers AT",
      "# candidate ttyACM0 (interface 00):",
      "#SUBSYSTEM==\"tty\", KERNELS==\"1-1.4\", ATTRS{idVendor}==\"1546\", ATTRS{idProduct}==\"1141\", "
      "ENV{ID_USB_INTERFACE_NUM}==\"00\", SYMLINK+=\"tellal/sim1\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"",
      "",
      "# sim2: Sierra Wireless MC8305 (1199:68c0), USB port 1-1.2",
      "# port layout unknown: uncomment the line of the port that answers AT",
      "# candidate ttyUSB0 (interface 00):",
      "#SUBSYSTEM==\"tty\", ATTRS{idVendor}==\"1199\", ATTRS{idProduct}==\"68c0\", ATTRS{serial}==\"SN42\", "
      "ENV{ID_USB_INTERFACE_NUM}==\"00\", SYMLINK+=\"tellal/sim2\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"",
      "# candidate ttyUSB1 (interface 03):",
      "#SUBSYSTEM==\"tty\", ATTRS{idVendor}==\"1199\", ATTRS{idProduct}==\"68c0\", ATTRS{serial}==\"SN42\", "
      "ENV{ID_USB_INTERFACE_NUM}==\"03\", SYMLINK+=\"tellal/sim2\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"",
      "",
      "Then: sudo udevadm control --reload && sudo udevadm trigger --subsystem-match=tty",
  };
  CHECK(Lines(r.out) == expected);
}

TEST_CASE("a Huawei stick without its PC UI interface falls back to unknown", "[cli][modems]") {
  FakeSysfs sysfs;
  const fs::path huawei = sysfs.AddUsbDevice({"1-1.2", "12d1", "1506", "", "HUAWEI_MOBILE", "HUAWEI_MOBILE"});
  sysfs.AddUsbSerialTty(huawei, 0, "ttyUSB0");
  sysfs.AddUsbSerialTty(huawei, 1, "ttyUSB1");
  const json ports = json::parse(Scan(sysfs, {"--json"}).out);
  REQUIRE(ports.size() == 2);
  CHECK(ports[0]["at_port"] == "unknown");
  CHECK(ports[1]["at_port"] == "unknown");
  CHECK(ports[0]["name"] == "sim1");
  CHECK(ports[1]["name"] == "sim1");
}

TEST_CASE("a multi-port USB-UART adapter drives one modem per UART", "[cli][modems]") {
  FakeSysfs sysfs;
  const fs::path ft4232 = sysfs.AddUsbDevice({"1-1.3", "0403", "6011", "FT4ABCD", "FTDI", "Quad RS232-HS"});
  for (int i = 0; i < 4; ++i) sysfs.AddUsbSerialTty(ft4232, i, "ttyUSB" + std::to_string(i));
  const json ports = json::parse(Scan(sysfs, {"--json"}).out);
  REQUIRE(ports.size() == 4);
  for (int i = 0; i < 4; ++i) {
    CHECK(ports[i]["at_port"] == "yes");
    CHECK(ports[i]["name"] == "sim" + std::to_string(i + 1));
  }
  CHECK(ports[3]["rule"] ==
        "SUBSYSTEM==\"tty\", ATTRS{idVendor}==\"0403\", ATTRS{idProduct}==\"6011\", ATTRS{serial}==\"FT4ABCD\", "
        "ENV{ID_USB_INTERFACE_NUM}==\"03\", SYMLINK+=\"tellal/sim4\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"");
}

TEST_CASE("a serial number udev cannot quote is not used", "[cli][modems]") {
  FakeSysfs sysfs;
  const fs::path quectel = sysfs.AddUsbDevice({"1-1.2", "2c7c", "0125", "EC25\"1", "Quectel", "EC25"});
  for (int i = 0; i < 4; ++i) sysfs.AddUsbSerialTty(quectel, i, "ttyUSB" + std::to_string(i));
  const json ports = json::parse(Scan(sysfs, {"--json"}).out);
  REQUIRE(ports.size() == 4);
  CHECK(ports[2]["rule"].get<std::string>().find("KERNELS==\"1-1.2\"") != std::string::npos);
  CHECK(ports[2]["rule"].get<std::string>().find("ATTRS{serial}") == std::string::npos);
}

TEST_CASE("no USB modems: a clear message and exit 0", "[cli][modems]") {
  FakeSysfs sysfs;
  sysfs.AddNonUsbTtys();
  const Run r = Scan(sysfs);
  CHECK(r.status == 0);
  CHECK(r.out == "No USB serial modems found (no tty under " + (sysfs.root() / "class" / "tty").string() +
                     " sits on a USB interface).\n");
  const Run j = Scan(sysfs, {"--json"});
  CHECK(j.status == 0);
  CHECK(json::parse(j.out) == json::array());
}

TEST_CASE("an unreadable sysfs root is an error, bad usage exits 2", "[cli][modems]") {
  std::ostringstream out, err;
  CHECK(RunModemsCommand({"scan", "--sysfs", "/nonexistent-tellal-sysfs"}, out, err) == 1);
  CHECK(err.str().rfind("tellal modems scan: cannot list /nonexistent-tellal-sysfs/class/tty: ", 0) == 0);
  std::ostringstream out2, err2;
  CHECK(RunModemsCommand({"scan", "--bogus"}, out2, err2) == 2);
  CHECK(err2.str().rfind("tellal modems scan: unknown option --bogus", 0) == 0);
  std::ostringstream out3, err3;
  CHECK(RunModemsCommand({"probe"}, out3, err3) == 2);
  CHECK(RunModemsCommand({}, out3, err3) == 2);
}
