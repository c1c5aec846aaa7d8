// A campaign to --rows contacts (default 100,000) against the real
// tellald --demo: the contacts are imported (in chunks of 10,000, as a
// business would upload them), a commercial campaign with a template is
// created for their group, then
//   - POST /campaigns/{id}/preview is timed (target <= 2 s),
//   - POST /campaigns/{id}/start is timed until every recipient is queued
//     (counts.pending == 0; target <= 5 s),
//   - the daemon's RSS is sampled every 10 ms while it queues (target
//     <= 64 MiB), and VmHWM printed.
// The campaign is then cancelled (the demo's virtual modems would take
// hours to send it) and its counts checked: every recipient became exactly
// one message.
//
// Usage: campaign_bench [--rows 100000]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "daemon/net/blocking_http_client.h"
#include "tests/bench/bench_daemon.h"
#include "tests/bench/demo_daemon.h"

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr int kChunk = 10000;

std::string Csv(int from, int count) {
  static const char* kNames[] = {"Ayşe Yılmaz", "Çağrı Öztürk", "Gülşen Işık", "İsmail Şahin", "Ömer Çelik"};
  static const char* kCities[] = {"İstanbul", "İzmir", "Muğla", "Çanakkale", "Şanlıurfa", "Iğdır"};
  std::string csv = "Telefon;Ad Soyad;Şehir;Gruplar\r\n";
  for (int i = from; i < from + count; ++i) {
    csv += "0532" + std::to_string(1000000 + i) + ";" + kNames[i % 5] + " " + std::to_string(i) + ";" +
           (i % 50 ? kCities[i % 6] : "") + ";müşteriler\r\n";
  }
  return csv;
}

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

}  // namespace

int main(int argc, char** argv) {
  int rows = 100000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--rows") rows = std::atoi(argv[i + 1]);
  }
  if (rows < 1) {
    std::fprintf(stderr, "usage: campaign_bench [--rows 100000]\n");
    return 2;
  }
  auto daemon = tellal::bench::DemoDaemon::Start("campaign_bench");
  if (!daemon) return 1;
  const pid_t pid = daemon->pid();
  tellal::net::HttpTransferOptions options;
  options.timeout = std::chrono::milliseconds(300000);
  tellal::net::BlockingHttpClient http(daemon->url(), options);
  const tellal::net::HttpHeaders csv_headers = {{"Authorization", "Bearer " + daemon->token()},
                                                {"Content-Type", "text/csv; charset=utf-8"}};
  const tellal::net::HttpHeaders json_headers = {{"Authorization", "Bearer " + daemon->token()},
                                                 {"Content-Type", "application/json"}};
  auto call = [&](const std::string& method, const std::string& path, const std::string& body,
                  const tellal::net::HttpHeaders& headers, int want) -> std::optional<json> {
    auto reply = http.Request(method, path, body, headers);
    if (!reply || reply->status != want) {
      std::fprintf(stderr, "%s %s failed: %s\n", method.c_str(), path.c_str(),
                   reply ? (std::to_string(reply->status) + " " + reply->body.substr(0, 300)).c_str()
                         : reply.error().message.c_str());
      return std::nullopt;
    }
    return json::parse(reply->body, nullptr, false);
  };

  std::printf("campaign, tellald --demo, %d contacts\n", rows);
  const auto import_start = Clock::now();
  for (int from = 0; from < rows; from += kChunk) {
    if (!call("POST", "/api/v1/contacts/import", Csv(from, std::min(kChunk, rows - from)), csv_headers, 200)) return 1;
  }
  std::printf("  import: %.2f s; daemon VmRSS %ld KiB\n", Seconds(import_start), tellal::bench::RssKib(pid));

  const json spec = {{"name", "Bahar indirimi"},
                     {"template", "Merhaba {Ad Soyad|Değerli müşterimiz}, {Şehir} mağazamızda bu hafta %20 indirim!"},
                     {"audience", {{"groups", {"müşteriler"}}}}};
  auto created = call("POST", "/api/v1/campaigns", spec.dump(), json_headers, 201);
  if (!created) return 1;
  const std::string base = "/api/v1/campaigns/" + std::to_string((*created)["id"].get<int64_t>());

  const auto preview_start = Clock::now();
  auto preview = call("POST", base + "/preview", "{}", json_headers, 200);
  const double preview_seconds = Seconds(preview_start);
  if (!preview) return 1;
  std::printf("  preview: %.3f s  [<= 2 s: %s]  recipients %lld, messages %lld, rejected %lld, segments %lld\n",
              preview_seconds, preview_seconds <= 2.0 ? "yes" : "NO", (*preview)["recipients"].get<long long>(),
              (*preview)["messages"].get<long long>(), (*preview)["rejected"]["count"].get<long long>(),
              (*preview)["segments"].get<long long>());
  std::printf("           by encoding %s\n", (*preview)["by_encoding"].dump().c_str());

  const long rss_before = tellal::bench::RssKib(pid);
  long rss_max = rss_before;
  const auto start = Clock::now();
  auto started = call("POST", base + "/start", "{}", json_headers, 200);
  if (!started) return 1;
  const double start_answer = Seconds(start);
  json campaign;
  while (true) {
    rss_max = std::max(rss_max, tellal::bench::RssKib(pid));
    auto read = call("GET", base, "", json_headers, 200);
    if (!read) return 1;
    campaign = *read;
    if (campaign["counts"]["pending"] == 0) break;
    if (Seconds(start) > 120) {
      std::fprintf(stderr, "not queued after 120 s: %s\n", campaign["counts"].dump().c_str());
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const double queued_seconds = Seconds(start);
  std::printf("  start answered in %.3f s (audience resolved); all queued after %.3f s  [<= 5 s: %s]\n", start_answer,
              queued_seconds, queued_seconds <= 5.0 ? "yes" : "NO");
  std::printf("  daemon VmRSS before %ld KiB, max while queueing %ld KiB  [<= 64 MiB: %s], VmHWM %ld KiB\n",
              rss_before, rss_max, rss_max <= 64 * 1024 ? "yes" : "NO", tellal::bench::StatusKib(pid, "VmHWM"));

  auto cancelled = call("POST", base + "/cancel", "{}", json_headers, 200);
  if (!cancelled) return 1;
  const json& n = (*cancelled)["counts"];
  long long made = 0;
  for (const char* k : {"queued", "sending", "sent", "delivered", "failed", "expired", "cancelled", "unknown",
                        "suppressed"}) {
    made += n[k].get<long long>();
  }
  const long long recipients = n["recipients"], rejected = n["rejected"];
  const bool ok = recipients == rows && made + rejected == recipients;
  std::printf("  after cancel: %lld recipients = %lld messages + %lld rejected  %s\n", recipients, made, rejected,
              ok ? "(each recipient once)" : "COUNTS WRONG");
  daemon->Stop(ok);
  return ok ? 0 : 1;
}
