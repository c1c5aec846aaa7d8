// POST /api/v1/contacts/import with --rows contacts (default 100,000), timed
// end to end against the real tellald --demo started as a child process:
// from sending the CSV to the whole answer, which comes once every row is
// committed. Then checks that the answer counts every row as created and
// that the daemon lists them, and repeats the same file (--repeat times),
// which updates every row instead. Prints the figures and the daemon's RSS.
//
// The CSV is what a spreadsheet exports: a BOM, `;` separators, Turkish
// names and cities, two attribute columns and a group column.
//
// Usage: contacts_bench [--rows 100000] [--repeat 1]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "daemon/net/blocking_http_client.h"
#include "tests/bench/bench_daemon.h"
#include "tests/bench/demo_daemon.h"

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

std::string Csv(int rows) {
  static const char* kNames[] = {"Ayşe Yılmaz", "Çağrı Öztürk", "Gülşen Işık", "İsmail Şahin", "Ömer Çelik"};
  static const char* kCities[] = {"İstanbul", "İzmir", "Muğla", "Çanakkale", "Şanlıurfa", "Iğdır"};
  std::string csv = "\xEF\xBB\xBFTelefon;Ad Soyad;Şehir;Segment;Gruplar\r\n";
  csv.reserve(static_cast<size_t>(rows) * 64);
  for (int i = 0; i < rows; ++i) {
    csv += "0532" + std::to_string(1000000 + i) + ";" + kNames[i % 5] + " " + std::to_string(i) + ";" + kCities[i % 6] +
           ";" + (i % 3 ? "standart" : "altın") + ";" + (i % 2 ? "müşteriler" : "müşteriler|vip") + "\r\n";
  }
  return csv;
}

}  // namespace

int main(int argc, char** argv) {
  int rows = 100000;
  int repeat = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--rows")
      rows = std::atoi(argv[i + 1]);
    else if (k == "--repeat")
      repeat = std::atoi(argv[i + 1]);
  }
  if (rows < 1 || repeat < 0) {
    std::fprintf(stderr, "usage: contacts_bench [--rows 100000] [--repeat 1]\n");
    return 2;
  }
  auto daemon = tellal::bench::DemoDaemon::Start("contacts_bench");
  if (!daemon) return 1;
  const pid_t pid = daemon->pid();
  int status = 1;
  {
    const std::string url = daemon->url();
    const std::string token = daemon->token();
    tellal::net::HttpTransferOptions options;
    options.timeout = std::chrono::milliseconds(300000);
    tellal::net::BlockingHttpClient http(url, options);
    const tellal::net::HttpHeaders auth = {{"Authorization", "Bearer " + token},
                                           {"Content-Type", "text/csv; charset=utf-8"}};
    const std::string csv = Csv(rows);
    std::printf("contacts import, tellald --demo, %d rows, %.1f MiB of CSV\n", rows,
                static_cast<double>(csv.size()) / (1024 * 1024));
    bool ok = true;
    for (int pass = 0; pass <= repeat && ok; ++pass) {
      const long rss_before = tellal::bench::RssKib(pid);
      const auto t0 = Clock::now();
      auto reply = http.Request("POST", "/api/v1/contacts/import", csv, auth);
      const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
      if (!reply || reply->status != 200) {
        std::fprintf(stderr, "import failed: %s\n",
                     reply ? (std::to_string(reply->status) + " " + reply->body.substr(0, 300)).c_str()
                           : reply.error().message.c_str());
        ok = false;
        break;
      }
      const json report = json::parse(reply->body, nullptr, false);
      const long long created = report.value("created", -1LL), updated = report.value("updated", -1LL);
      const size_t rejected = report.contains("rejected") ? report["rejected"].size() : 0;
      const bool counts_ok = pass == 0 ? (created == rows && updated == 0) : (created == 0 && updated == rows);
      ok = counts_ok && rejected == 0;
      std::printf("  %s: %.3f s (%.0f rows/s)  created %lld, updated %lld, rejected %zu  %s  [<= 5 s: %s]\n",
                  pass == 0 ? "first import (creates)" : "same file again (updates)", seconds, rows / seconds, created,
                  updated, rejected, counts_ok && rejected == 0 ? "counts right" : "COUNTS WRONG",
                  seconds <= 5.0 ? "yes" : "NO");
      std::printf("  daemon VmRSS before / after: %ld / %ld KiB, VmHWM %ld KiB\n", rss_before,
                  tellal::bench::RssKib(pid), tellal::bench::StatusKib(pid, "VmHWM"));
    }
    // The rows are there: the last page of the listing holds the first row.
    if (ok) {
      int listed = 0;
      std::string cursor;
      do {
        auto page =
            http.Request("GET", "/api/v1/contacts?limit=1000" + (cursor.empty() ? "" : "&cursor=" + cursor), "", auth);
        if (!page || page->status != 200) break;
        const json body = json::parse(page->body, nullptr, false);
        listed += static_cast<int>(body["contacts"].size());
        cursor = body["next_cursor"].is_string() ? body["next_cursor"].get<std::string>() : "";
      } while (!cursor.empty());
      std::printf("  contacts listed afterwards: %d  %s\n", listed, listed == rows ? "all" : "NOT ALL");
      ok = listed == rows;
    }
    status = ok ? 0 : 1;
  }
  daemon->Stop(status == 0);
  return status;
}
