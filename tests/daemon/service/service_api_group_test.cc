// ServiceApi's group commit when the commit fails: several API submits
// written in one transaction fail together. Every caller gets an error, no
// message of theirs exists afterwards (none sending, none later sent), and
// the next group is stored and sent. The real Service (store on disk,
// dispatcher) with a fake modem; the failure is injected at the COMMIT
// (SqliteStore::FailNextCommits), where a crash or an I/O error would hit.
#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "daemon/service/service.h"
#include "daemon/service/service_api.h"
#include "daemon/store/sqlite/sqlite_store.h"
#include "tests/daemon/store/temp_dir.h"
#include "tests/support/fake_modem.h"
#include "tests/support/run_io_until.h"

namespace tellal::service {
namespace {

using namespace std::chrono_literals;
using SubmitResult = Result<std::vector<store::EnqueueOutcome>>;

constexpr int kRequests = 4;
constexpr int kMessagesPerRequest = 3;

// A started Service with one fake modem, gsm0, and a ServiceApi on it. The
// test's thread runs the io_context; Submit calls come from other threads,
// as they do from the HTTP server's.
class Rig {
 public:
  Rig() {
    std::filesystem::create_directories(dir.File("state"));
    std::ofstream(dir.File("tellal.ini")) << "[daemon]\nstate_dir = " << dir.File("state")
                                          << "\ndefault_country = 90\n[http]\nlisten = 127.0.0.1:1\n"
                                             "token = service-test-token-0123\n[modem.gsm0]\ndevice = /dev/null/gsm0\n";
    auto config = config::LoadConfig(dir.File("tellal.ini"));
    if (!config) FAIL(config.error().message);
    ServiceOptions options;
    options.config = *config;
    options.config.http.listen.port = 0;
    options.make_modem = [this](const modem::ModemConfig& c, modem::ModemListener& listener) {
      auto fake = std::make_unique<testing::FakeModem>(io, c.name, listener);
      gsm0 = fake.get();
      return fake;
    };
    service = std::make_unique<Service>(io, std::move(options));
    Status started = service->Start();
    if (!started) FAIL(started.message());
    api = std::make_unique<ServiceApi>(io, *service);
    Expect([&] { return service->started_up(); });
  }
  ~Rig() {
    api->Close();
    bool done = false;
    service->Shutdown([&] { done = true; });
    RunUntil([&] { return done; });
  }

  bool RunUntil(const std::function<bool()>& done) { return ::tellal::testing::RunIoUntil(io, done, 10s); }
  void Expect(const std::function<bool()>& done) { REQUIRE(RunUntil(done)); }

  // kRequests Submit calls from their own threads, gathered into one group
  // commit: the io thread runs only once all of them wait for it. With
  // `fail_commit`, that group's COMMIT fails: the failure is armed by a
  // handler queued just before the group's, so no commit of the
  // dispatcher's can come between and take it.
  std::vector<SubmitResult> SubmitOneGroup(const std::string& tag, bool fail_commit) {
    if (fail_commit) {
      boost::asio::post(io, [this] { dynamic_cast<store::SqliteStore&>(service->store()).FailNextCommits(1); });
    }
    std::vector<std::future<SubmitResult>> answers;
    for (int r = 0; r < kRequests; ++r) {
      std::vector<web::SubmitItem> items;
      for (int m = 0; m < kMessagesPerRequest; ++m) {
        store::NewMessage n;
        n.to = "+905321234567";
        n.text = Text(tag, r, m);
        n.client_ref = n.text;
        n.encoding = "gsm7";
        items.push_back(web::SubmitItem{std::move(n), std::nullopt});
      }
      answers.push_back(std::async(
          std::launch::async, [this, items = std::move(items)]() mutable { return api->Submit(std::move(items)); }));
    }
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (api->waiting_submissions() < kRequests && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(1ms);
    }
    const size_t gathered = api->waiting_submissions();
    // Runs the flushes until every call has its answer, also when fewer
    // gathered: a caller left blocked would hang the test at its end. The
    // group is taken in one io handler, which also answers every call.
    for (size_t answered = 0; answered < answers.size();) {
      Expect([&] { return api->waiting_submissions() == 0; });
      answered = static_cast<size_t>(std::count_if(
          answers.begin(), answers.end(), [](const auto& a) { return a.wait_for(10ms) == std::future_status::ready; }));
    }
    REQUIRE(gathered == kRequests);
    std::vector<SubmitResult> results;
    for (auto& a : answers) results.push_back(a.get());
    return results;
  }

  static std::string Text(const std::string& tag, int request, int message) {
    return tag + "-" + std::to_string(request) + "-" + std::to_string(message);
  }

  std::vector<store::Message> Stored() {
    auto page = service->store().queue().ListMessages({}, 1000, "");
    REQUIRE(page.ok());
    return page->items;
  }

  store::testing::TempDir dir;
  boost::asio::io_context io;
  testing::FakeModem* gsm0 = nullptr;
  std::unique_ptr<Service> service;
  std::unique_ptr<ServiceApi> api;
};

TEST_CASE("ServiceApiGroupWhoseCommitFailsAnswersAnErrorToEveryRequestAndStoresNoneOfThem", "[service]") {
  Rig rig;
  const std::vector<SubmitResult> failed = rig.SubmitOneGroup("lost", /*fail_commit=*/true);
  for (size_t r = 0; r < failed.size(); ++r) {
    INFO("request " << r);
    REQUIRE_FALSE(failed[r].ok());
    CHECK(failed[r].error().code == ErrorCode::kIoError);
  }
  CHECK(rig.Stored().empty());
  CHECK(rig.api->accepted_total() == 0);

  // The same requests again (same client_refs) in the next group: all
  // created, so the failed group left nothing under their keys, and sent.
  const std::vector<SubmitResult> stored = rig.SubmitOneGroup("lost", /*fail_commit=*/false);
  std::set<int64_t> ids;
  for (size_t r = 0; r < stored.size(); ++r) {
    INFO("request " << r);
    REQUIRE(stored[r].ok());
    REQUIRE(stored[r]->size() == kMessagesPerRequest);
    for (const store::EnqueueOutcome& o : *stored[r]) {
      CHECK(o.created);
      ids.insert(o.id);
    }
  }
  CHECK(ids.size() == kRequests * kMessagesPerRequest);
  CHECK(rig.api->accepted_total() == kRequests * kMessagesPerRequest);
  rig.Expect([&] {
    const std::vector<store::Message> messages = rig.Stored();
    return messages.size() == ids.size() && std::all_of(messages.begin(), messages.end(), [](const store::Message& m) {
             return m.state == store::MessageState::kSent;
           });
  });
  std::multiset<std::string> texts;
  for (const auto& s : rig.gsm0->submitted()) texts.insert(s.decoded.text);
  std::multiset<std::string> expected;
  for (int r = 0; r < kRequests; ++r) {
    for (int m = 0; m < kMessagesPerRequest; ++m) expected.insert(Rig::Text("lost", r, m));
  }
  // Once each: a message of the failed group sent as well would repeat.
  CHECK(texts == expected);
}

}  // namespace
}  // namespace tellal::service
