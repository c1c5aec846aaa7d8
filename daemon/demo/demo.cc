#include "daemon/demo/demo.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <array>
#include <boost/asio/steady_timer.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "web/api/session_password.h"

namespace tellal::demo {
namespace {

struct DemoModem {
  const char* id;
  vmodem::Profile profile;
  const char* operator_name;
  const char* operator_numeric;
  int rssi;
  int latency_ms;
  const char* imsi;
};

constexpr std::array<DemoModem, 4> kModems = {{
    {"sim1", vmodem::Profile::kHuawei, "Turkcell", "28601", 24, 400, "286010000000101"},
    {"sim2", vmodem::Profile::kSimcom, "Vodafone TR", "28602", 17, 900, "286020000000102"},
    {"sim3", vmodem::Profile::kGeneric, "Turk Telekom", "28603", 11, 1500, "286030000000103"},
    {"sim4", vmodem::Profile::kHuawei, "Turkcell", "28601", 6, 1800, "286010000000104"},
}};

// The echo number answers a couple of seconds later: long enough to be seen
// arriving in the panel, short enough to wait for in a test.
constexpr std::chrono::milliseconds kEchoDelay{2000};

const std::array<const char*, 5> kReplies = {"EVET", "DUR", "Merhaba, yarın saat kaçta açıksınız?",
                                             "Hayır, teşekkürler", "IPTAL"};

Result<std::string> RandomToken() {
  std::ifstream random("/dev/urandom", std::ios::binary);
  std::array<unsigned char, 16> bytes{};
  if (!random.read(reinterpret_cast<char*>(bytes.data()), bytes.size()))
    return Error::IoError("cannot read /dev/urandom");
  static const char* kHex = "0123456789abcdef";
  std::string token;
  for (unsigned char b : bytes) {
    token += kHex[b >> 4];
    token += kHex[b & 15];
  }
  return token;
}

}  // namespace

Result<std::unique_ptr<Demo>> Demo::Create(boost::asio::io_context& io, const DemoOptions& options) {
  if (options.modems < 1 || options.modems > static_cast<int>(kModems.size()) * 8) {
    return Error::InvalidArgument("--demo-modems must be 1.." + std::to_string(kModems.size() * 8));
  }
  std::unique_ptr<Demo> demo(new Demo(io, options));
  std::string pattern = (std::filesystem::temp_directory_path() / "tellal-demo-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return Error::IoError("cannot create a temporary directory for the demo");
  demo->directory_ = pattern;
  const std::string dev_dir = pattern + "/dev";
  std::filesystem::create_directory(dev_dir);

  auto token = RandomToken();
  if (!token) return token.error();
  // No default password (issue 16): a random one, shown in the banner.
  auto panel_password = RandomToken();
  if (!panel_password) return panel_password.error();
  demo->panel_password_ = panel_password->substr(0, 16);
  auto panel_hash = web::HashPanelPassword(demo->panel_password_);
  if (!panel_hash) return panel_hash.error();
  Status stored = web::WritePanelPasswordFile(pattern + "/" + std::string(web::kPanelPasswordFileName), *panel_hash);
  if (!stored) return stored.error();
  std::ostringstream ini;
  ini << "[daemon]\nstate_dir = " << pattern << "\ndefault_country = 90\nretry_backoff_seconds = 5\n"
      << "send_timeout_seconds = 30\n"
      << "[http]\nlisten = " << options.listen << "\ntoken = " << *token << "\n"
      // The demo's SIMs answer on this made-up number (commercial footers).
      << "[campaigns]\nreply_number = 05550000001\n";

  for (int i = 0; i < options.modems; ++i) {
    const DemoModem& m = kModems[static_cast<size_t>(i) % kModems.size()];
    const std::string id = options.modems <= static_cast<int>(kModems.size()) ? m.id : "sim" + std::to_string(i + 1);
    vmodem::Options o;
    o.name = id;
    o.link_dir = dev_dir;
    o.profile = m.profile;
    o.operator_name = m.operator_name;
    o.operator_numeric = m.operator_numeric;
    o.rssi = m.rssi;
    o.imsi = m.imsi;
    o.imei = "3569380356438" + std::to_string(10 + i);
    o.iccid = "89900100000000001" + std::to_string(10 + i);
    const int latency = options.latency_ms >= 0 ? options.latency_ms : m.latency_ms;
    o.send_latency = std::chrono::milliseconds(latency);
    o.send_jitter = std::chrono::milliseconds(latency / 3);
    o.status_report_delay = std::chrono::milliseconds(2000 + 700 * i);
    o.keep_submitted = 1024;
    o.seed = static_cast<uint32_t>(i + 1);
    auto modem = std::make_unique<vmodem::VirtualModem>(io, o);
    vmodem::VirtualModem* raw = modem.get();
    raw->OnSubmitted(
        [demo = demo.get(), raw](const vmodem::SubmittedMessage& sent) { demo->OnSubmitted(*raw, sent); });
    ini << "[modem." << id << "]\ndevice = " << raw->device_path() << "\n";
    demo->modems_.push_back(std::move(modem));
  }
  auto config = config::ParseConfig(ini.str(), pattern + "/tellal.ini");
  if (!config) return Wrap("demo configuration", config.error());
  demo->config_ = std::move(*config);
  return demo;
}

Demo::~Demo() {
  modems_.clear();
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

void Demo::OnSubmitted(vmodem::VirtualModem& modem, const vmodem::SubmittedMessage& sent) {
  const std::string& recipient = sent.decoded.address.value;
  if (recipient == kEchoNumber) {
    // The echo answers from where it was written to, on that modem, once
    // the whole message has arrived.
    if (auto reply = echo_.Accept(sent.decoded)) ReplyLater(modem, recipient, std::move(*reply), kEchoDelay);
    return;
  }
  MaybeReply(modem, recipient);
}

void Demo::MaybeReply(vmodem::VirtualModem& modem, const std::string& recipient) {
  if (std::uniform_real_distribution<double>(0, 1)(rng_) >= options_.reply_rate) return;
  const char* text = kReplies[std::uniform_int_distribution<size_t>(0, kReplies.size() - 1)(rng_)];
  const auto delay = std::chrono::milliseconds(std::uniform_int_distribution<int>(3000, 20000)(rng_));
  ReplyLater(modem, recipient, text, delay);
}

void Demo::ReplyLater(vmodem::VirtualModem& modem, const std::string& from, std::string text,
                      std::chrono::milliseconds delay) {
  auto timer = std::make_shared<boost::asio::steady_timer>(io_, delay);
  timer->async_wait([timer, &modem, from, text = std::move(text),
                     alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
    if (ec || alive.expired()) return;
    modem.ReceiveSms(from, text);
  });
}

std::string Demo::Banner(uint16_t port) const {
  const std::string url = "http://127.0.0.1:" + std::to_string(port);
  const std::string& token = config_.http.token;
  std::ostringstream out;
  out << "\n"
      << "tellal demo: " << modems_.size() << " virtual modems, database in " << directory_ << "\n"
      << "  API    " << url << "\n"
      << "  token  " << token << "\n"
      << "  panel: " << url << "/  password: " << panel_password_ << "\n\n"
      << "Send a message:\n"
      << "  curl -s -H 'Authorization: Bearer " << token << "' \\\n"
      << "       -H 'Content-Type: application/json' \\\n"
      << "       -d '{\"to\": \"05321234567\", \"text\": \"Merhaba! Randevunuz yarın 10:00.\", \"report\": true}' \\\n"
      << "       " << url << "/api/v1/messages\n"
      << "  tellal send --url " << url << " --token " << token << " --to 05321234567 --text 'Merhaba'\n\n"
      << "Then watch it: " << url << "/api/v1/messages, " << url << "/api/v1/inbox, " << url << "/api/v1/modems\n"
      << "(add -H 'Authorization: Bearer " << token << "'). Some recipients reply; the echo number\n"
      << kEchoNumber << " (0555 000 00 00) always does, 2 s later, quoting your text. Ctrl-C stops the demo.\n\n";
  return out.str();
}

}  // namespace tellal::demo
