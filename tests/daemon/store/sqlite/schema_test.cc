#include "daemon/store/sqlite/schema.h"

#include <catch2/catch.hpp>

#include "tests/daemon/store/sqlite/store_testing.h"
#include "tests/daemon/store/temp_dir.h"

using namespace tellal::store;
using tellal::store::testing::BuildsEphemeralTable;
using tellal::store::testing::TempDir;

namespace {

std::unique_ptr<Database> OpenConfigured(const std::string& path, ConnectionOptions options = {}) {
  auto db = Database::Open(path);
  REQUIRE(db.ok());
  REQUIRE(ConfigureConnection(**db, options).ok());
  return std::move(db).value();
}

std::string PragmaText(Database& db, const std::string& pragma) {
  auto q = db.Query("PRAGMA " + pragma);
  REQUIRE(q.ok());
  auto row = q->Step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return q->ColumnText(0);
}

bool TableExists(Database& db, const std::string& name) {
  auto q = db.Query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
  REQUIRE(q.ok());
  q->Bind(1, name);
  auto row = q->Step();
  REQUIRE(row.ok());
  return *row;
}

const std::vector<Migration> kTwoSteps = {
    {1, "CREATE TABLE a (x INTEGER);"},
    {2, "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (2);"},
};

}  // namespace

TEST_CASE("AFreshFileMigratesFromVersionZeroToTheLatest", "[schema]") {
  TempDir dir;
  auto db = OpenConfigured(dir.File("s.db"));
  CHECK(*SchemaVersion(*db) == 0);
  REQUIRE(Migrate(*db, StoreMigrations()).ok());
  CHECK(*SchemaVersion(*db) == StoreMigrations().back().version);
  for (const char* table : {"messages", "segments", "send_log", "inbox", "inbound_parts", "refused_pins", "contacts",
                            "consents", "campaigns", "campaign_recipients"}) {
    CHECK(TableExists(*db, table));
  }
  CHECK(PragmaText(*db, "journal_mode") == "wal");
  CHECK(PragmaText(*db, "synchronous") == "1");  // NORMAL
  CHECK(PragmaText(*db, "foreign_keys") == "1");
}

TEST_CASE("ReopeningAMigratedFileChangesNothing", "[schema]") {
  TempDir dir;
  const std::string path = dir.File("s.db");
  {
    auto db = OpenConfigured(path);
    REQUIRE(Migrate(*db, kTwoSteps).ok());
    REQUIRE(db->Exec("INSERT INTO b VALUES (42)").ok());
  }
  auto db = OpenConfigured(path);
  REQUIRE(Migrate(*db, kTwoSteps).ok());
  CHECK(*SchemaVersion(*db) == 2);
  CHECK(PragmaText(*db, "journal_mode") == "wal");  // WAL is persistent in the file
  auto q = db->Query("SELECT (SELECT count(*) FROM a), (SELECT y FROM b)");
  REQUIRE(q.ok());
  REQUIRE(*q->Step());
  CHECK(q->ColumnInt64(0) == 1);  // step 2's insert ran once
  CHECK(q->ColumnInt64(1) == 42);
}

TEST_CASE("AnOlderFileGetsOnlyTheMissingSteps", "[schema]") {
  auto db = OpenConfigured(":memory:");
  REQUIRE(Migrate(*db, {kTwoSteps[0]}).ok());
  CHECK(*SchemaVersion(*db) == 1);
  CHECK_FALSE(TableExists(*db, "b"));
  REQUIRE(Migrate(*db, kTwoSteps).ok());
  CHECK(*SchemaVersion(*db) == 2);
  CHECK(TableExists(*db, "b"));
}

TEST_CASE("AFailingStepLeavesTheFileAtItsOldVersion", "[schema]") {
  auto db = OpenConfigured(":memory:");
  const std::vector<Migration> broken = {
      {1, "CREATE TABLE a (x INTEGER);"},
      {2, "CREATE TABLE b (y INTEGER); INSERT INTO missing VALUES (1);"},
  };
  tellal::Status s = Migrate(*db, broken);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("migrate to version 2") && Catch::Contains("no such table: missing"));
  CHECK(*SchemaVersion(*db) == 0);
  CHECK_FALSE(TableExists(*db, "a"));
}

TEST_CASE("AFileFromANewerTellalIsRefused", "[schema]") {
  auto db = OpenConfigured(":memory:");
  REQUIRE(Migrate(*db, kTwoSteps).ok());
  tellal::Status s = Migrate(*db, {kTwoSteps[0]});
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("schema version 2, newer than this tellal's 1"));
}

TEST_CASE("MigrationsWithAGapAreRejected", "[schema]") {
  auto db = OpenConfigured(":memory:");
  tellal::Status s = Migrate(*db, {{1, "SELECT 1;"}, {3, "SELECT 1;"}});
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("has version 3, expected 2"));
}

TEST_CASE("SynchronousFullIsAvailableForPowerLossDurability", "[schema]") {
  TempDir dir;
  ConnectionOptions options;
  options.synchronous_full = true;
  auto db = OpenConfigured(dir.File("s.db"), options);
  CHECK(PragmaText(*db, "synchronous") == "2");  // FULL
}

// schema.h: a new file gets small pages (fewer bytes written per
// dispatched message); a file made before keeps its page size, which SQLite
// cannot change in WAL mode, and the checkpoint threshold stays about the
// same number of bytes whatever the page size.
TEST_CASE("ANewFileGetsOneKibPagesAndAnExistingFileKeepsItsOwn", "[schema]") {
  struct Case {
    const char* name;
    const char* made_with;  // SQL run on the file before it is configured; "" for none
    const char* page_size;
    const char* checkpoint_pages;
  };
  const Case cases[] = {
      {"a new file", "", "1024", "4000"},
      {"a 4 KiB file in rollback mode", "PRAGMA page_size = 4096; CREATE TABLE t (x INTEGER);", "4096", "1000"},
      {"a 4 KiB file in WAL mode",
       "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER);", "4096", "1000"},
      {"a 2 KiB file", "PRAGMA page_size = 2048; CREATE TABLE t (x INTEGER);", "2048", "2000"},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      TempDir dir;
      const std::string path = dir.File("p.db");
      if (*c.made_with) {
        auto maker = Database::Open(path);
        REQUIRE(maker.ok());
        REQUIRE((*maker)->Exec(c.made_with).ok());
      }
      auto db = OpenConfigured(path);
      REQUIRE((*db).Exec("CREATE TABLE IF NOT EXISTS u (y INTEGER); INSERT INTO u VALUES (1);").ok());
      CHECK(PragmaText(*db, "page_size") == c.page_size);
      CHECK(PragmaText(*db, "journal_mode") == "wal");
      CHECK(PragmaText(*db, "wal_autocheckpoint") == c.checkpoint_pages);
      db.reset();
      // Reopened: still the same, the pages are the file's own.
      auto again = OpenConfigured(path);
      CHECK(PragmaText(*again, "page_size") == c.page_size);
    }
  }
}

TEST_CASE("Version3KeepsTheSendLogOfAVersion2File", "[schema]") {
  auto db = OpenConfigured(":memory:");
  const std::vector<Migration>& all = StoreMigrations();
  REQUIRE(all.size() >= 3);
  REQUIRE(Migrate(*db, {all[0], all[1]}).ok());
  REQUIRE(db->Exec("INSERT INTO send_log (modem, sent_at) VALUES"
                   " ('sim1', 1000), ('sim1', 1000), ('sim2', 2000)")
              .ok());
  REQUIRE(Migrate(*db, all).ok());
  auto q = db->Query(
      "SELECT modem, sent_at, message_id FROM send_log"
      " ORDER BY modem, sent_at, message_id DESC");
  REQUIRE(q.ok());
  std::vector<std::string> rows;
  while (*q->Step()) {
    rows.push_back(q->ColumnText(0) + "@" + std::to_string(q->ColumnInt64(1)) + "#" +
                   std::to_string(q->ColumnInt64(2)));
  }
  // Two sends in the same millisecond stay two rows (distinct -rowid).
  CHECK(rows == std::vector<std::string>{"sim1@1000#-1", "sim1@1000#-2", "sim2@2000#-3"});
  // WITHOUT ROWID: the table is its own index.
  CHECK_FALSE(db->Query("SELECT rowid FROM send_log").ok());
}

TEST_CASE("Version4KeepsTheInboxOfAVersion3FileAsOrdinaryMessages", "[schema]") {
  auto db = OpenConfigured(":memory:");
  const std::vector<Migration>& all = StoreMigrations();
  REQUIRE(all.size() >= 4);
  REQUIRE(Migrate(*db, {all[0], all[1], all[2]}).ok());
  REQUIRE(db->Exec("INSERT INTO inbox (modem, sim, sender, body, smsc_time, received_at, parts_received,"
                   " parts_total, partial) VALUES"
                   " ('sim1', NULL, '+905551112233', 'merhaba', '2026-06-01T10:00:00+03:00', 1000, 1, 1, 0),"
                   " ('sim2', '8990', '+905554445566', 'yarım', '2026-06-01T11:00:00+03:00', 2000, 1, 2, 1)")
              .ok());
  REQUIRE(Migrate(*db, all).ok());
  CHECK(*SchemaVersion(*db) == all.back().version);
  auto q = db->Query(
      "SELECT id, modem, sender, body, partial, undecodable, raw_pdu IS NULL, undecodable_reason IS NULL"
      " FROM inbox ORDER BY id");
  REQUIRE(q.ok());
  std::vector<std::string> rows;
  while (*q->Step()) {
    std::string row;
    for (int c = 0; c < 8; ++c) row += (c ? "|" : "") + q->ColumnText(c);
    rows.push_back(row);
  }
  CHECK(rows == std::vector<std::string>{"1|sim1|+905551112233|merhaba|0|0|1|1", "2|sim2|+905554445566|yarım|1|0|1|1"});
  // The next id follows on from the old rows.
  REQUIRE(db->Exec("INSERT INTO inbox (modem, sender, body, smsc_time, received_at, parts_received, parts_total,"
                   " undecodable, raw_pdu, undecodable_reason) VALUES ('sim1', '', '', '', 3000, 1, 1, 1, '00', 'x')")
              .ok());
  CHECK(db->LastInsertRowId() == 3);
}

TEST_CASE("Version5AddsTheRefusedPinsTableAndKeepsAVersion4File", "[schema]") {
  TempDir dir;
  const std::string path = dir.File("v4.db");
  const std::vector<Migration>& all = StoreMigrations();
  REQUIRE(all.size() >= 5);
  {
    auto db = OpenConfigured(path);
    REQUIRE(Migrate(*db, {all[0], all[1], all[2], all[3]}).ok());
    REQUIRE(db->Exec("INSERT INTO send_log (modem, sent_at, message_id, seq) VALUES ('sim1', 1000, 7, 1)").ok());
    CHECK_FALSE(TableExists(*db, "refused_pins"));
  }
  auto db = OpenConfigured(path);
  REQUIRE(Migrate(*db, all).ok());
  CHECK(*SchemaVersion(*db) == all.back().version);
  CHECK(TableExists(*db, "refused_pins"));
  auto kept = db->Query("SELECT modem || '@' || sent_at || '#' || message_id FROM send_log");
  REQUIRE(kept.ok());
  REQUIRE(*kept->Step());
  CHECK(kept->ColumnText(0) == "sim1@1000#7");
  // One refusal per (SIM, PIN): a second row for the same pair is refused.
  REQUIRE(db->Exec("INSERT INTO refused_pins VALUES ('iccid:1', 'aa', '+CME ERROR: 16', 1)").ok());
  CHECK_FALSE(db->Exec("INSERT INTO refused_pins VALUES ('iccid:1', 'aa', 'again', 2)").ok());
  CHECK(db->Exec("INSERT INTO refused_pins VALUES ('iccid:1', 'bb', '+CME ERROR: 16', 2)").ok());
}

TEST_CASE("Version7CountsTheQueueOfAVersion6FileAndKeepsCountingIt", "[schema]") {
  auto db = OpenConfigured(":memory:");
  const std::vector<Migration>& all = StoreMigrations();
  REQUIRE(all.size() >= 7);
  REQUIRE(Migrate(*db, std::vector<Migration>(all.begin(), all.begin() + 6)).ok());
  const std::string columns =
      "INSERT INTO messages (destination, body, encoding, segment_count, priority, state, report_requested, flash,"
      " not_before, created_at) VALUES ";
  REQUIRE(db->Exec(columns + "('+905551112233', 'a', 'gsm7', 1, 1, 'queued', 0, 0, 1, 1),"
                             " ('+905551112233', 'b', 'gsm7', 1, 2, 'queued', 0, 0, 1, 1),"
                             " ('+905551112233', 'c', 'gsm7', 1, 2, 'queued', 0, 0, 1, 1),"
                             " ('+905551112233', 'd', 'gsm7', 1, 0, 'sent', 0, 0, 1, 1)")
              .ok());
  REQUIRE(Migrate(*db, all).ok());
  auto counts = [&] {
    auto q = db->Query(
        "SELECT group_concat(priority || ':' || queued, ' ') FROM (SELECT * FROM queue_counts ORDER BY priority)");
    REQUIRE(q.ok());
    REQUIRE(*q->Step());
    return q->ColumnText(0);
  };
  CHECK(counts() == "0:0 1:1 2:2");
  REQUIRE(db->Exec(columns + "('+905551112233', 'e', 'gsm7', 1, 0, 'queued', 0, 0, 1, 1)").ok());
  REQUIRE(db->Exec("UPDATE messages SET state = 'sending' WHERE body = 'b'").ok());
  REQUIRE(db->Exec("UPDATE messages SET state = 'queued' WHERE body = 'd'").ok());
  REQUIRE(db->Exec("UPDATE messages SET priority = 0 WHERE body = 'c'").ok());
  REQUIRE(db->Exec("UPDATE messages SET not_before = 5 WHERE body = 'a'").ok());  // no state change
  CHECK(counts() == "0:3 1:1 2:0");
  REQUIRE(db->Exec("DELETE FROM messages WHERE body IN ('a', 'b')").ok());
  CHECK(counts() == "0:3 1:0 2:0");
}

TEST_CASE("Version9KeysTheSendLogByTimeAndIndexesOnlySegmentsAwaitingAReport", "[schema]") {
  auto db = OpenConfigured(":memory:");
  const std::vector<Migration>& all = StoreMigrations();
  REQUIRE(all.size() >= 9);
  REQUIRE(Migrate(*db, {all.begin(), all.begin() + 8}).ok());
  REQUIRE(db->Exec("INSERT INTO send_log (modem, sent_at, message_id, seq) VALUES"
                   " ('sim2', 1000, 7, 1), ('sim1', 2000, 8, 1), ('sim1', 1000, 9, 2)")
              .ok());
  REQUIRE(db->Exec("INSERT INTO messages (destination, body, encoding, segment_count, priority, state, report_requested,"
                   " flash, not_before, created_at) VALUES ('+905551112233', 'x', 'gsm7', 1, 1, 'sent', 0, 0, 1, 1)")
              .ok());
  REQUIRE(db->Exec("INSERT INTO segments (message_id, seq, modem, mr, destination, sent_at, state)"
                   " VALUES (1, 1, 'sim1', 5, '+905551112233', 1000, 'sent')")
              .ok());
  REQUIRE(Migrate(*db, all).ok());
  // Every row kept, now in time order first.
  auto q = db->Query("SELECT modem || '@' || sent_at || '#' || message_id FROM send_log");
  REQUIRE(q.ok());
  std::vector<std::string> rows;
  while (*q->Step()) rows.push_back(q->ColumnText(0));
  CHECK(rows == std::vector<std::string>{"sim1@1000#9", "sim2@1000#7", "sim1@2000#8"});
  // A segment from before may await a report: it stays matchable.
  auto kept = db->Query(
      "SELECT count(*) FROM segments INDEXED BY segments_by_reference"
      " WHERE awaits_report = 1 AND modem = 'sim1' AND mr = 5");
  REQUIRE(kept.ok());
  REQUIRE(*kept->Step());
  CHECK(kept->ColumnInt64(0) == 1);
}

TEST_CASE("Version11RebuildsMessagesKeepingRowsIdsSegmentsAndTheIdHighWaterMark", "[schema]") {
  auto db = OpenConfigured(":memory:");
  const std::vector<Migration>& all = StoreMigrations();
  REQUIRE(all.size() >= 11);
  REQUIRE(Migrate(*db, {all.begin(), all.begin() + 10}).ok());
  const std::string columns =
      "INSERT INTO messages (destination, body, encoding, segment_count, priority, state, report_requested, flash,"
      " not_before, created_at, dlr_url, concat_ref) VALUES ";
  REQUIRE(db->Exec(columns + "('+905551112233', 'a', 'gsm7', 1, 1, 'queued', 0, 0, 1, 1, NULL, NULL),"
                             " ('+905551112233', 'b', 'gsm7', 2, 2, 'sent', 1, 0, 1, 1, 'http://x/', 7),"
                             " ('+905551112233', 'c', 'gsm7', 1, 2, 'queued', 0, 0, 1, 1, NULL, NULL)")
              .ok());
  REQUIRE(db->Exec("INSERT INTO segments (message_id, seq, modem, mr, destination, sent_at, state)"
                   " VALUES (2, 1, 'sim1', 5, '+905551112233', 1000, 'sent')")
              .ok());
  // The newest message was purged: its id must never be handed out again.
  REQUIRE(db->Exec("DELETE FROM messages WHERE body = 'c'").ok());
  REQUIRE(Migrate(*db, all).ok());

  auto text = [&](const std::string& sql) {
    auto q = db->Query(sql);
    REQUIRE(q.ok());
    REQUIRE(*q->Step());
    return q->ColumnText(0);
  };
  CHECK(text("SELECT group_concat(id || body || state || category || coalesce(dlr_url, '-') ||"
             " coalesce(concat_ref, '-'), ' ') FROM (SELECT * FROM messages ORDER BY id)") ==
        "1aqueued0-- 2bsent0http://x/7");
  CHECK(text("SELECT group_concat(priority || ':' || queued, ' ') FROM (SELECT * FROM queue_counts ORDER BY "
             "priority)") == "0:0 1:1 2:0");
  REQUIRE(db->Exec(columns + "('+905551112233', 'd', 'gsm7', 1, 1, 'queued', 0, 0, 1, 1, NULL, NULL)").ok());
  CHECK(text("SELECT id FROM messages WHERE body = 'd'") == "4");
  CHECK(text("SELECT group_concat(priority || ':' || queued, ' ') FROM (SELECT * FROM queue_counts ORDER BY "
             "priority)") == "0:0 1:2 2:0");
  // The new state and category are admitted, others still refused.
  CHECK(db->Exec("UPDATE messages SET state = 'suppressed', category = 1 WHERE id = 1").ok());
  CHECK_FALSE(db->Exec("UPDATE messages SET state = 'lost' WHERE id = 1").ok());
  CHECK_FALSE(db->Exec("UPDATE messages SET category = 2 WHERE id = 1").ok());
  // The segment still belongs to its message, and foreign keys are back on.
  CHECK(PragmaText(*db, "foreign_keys") == "1");
  CHECK(text("SELECT count(*) FROM segments s JOIN messages m ON m.id = s.message_id") == "1");
  CHECK_FALSE(db->Exec("INSERT INTO segments (message_id, seq, modem, mr, destination, sent_at, state)"
                       " VALUES (99, 1, 'sim1', 5, '+905551112233', 1000, 'sent')")
                  .ok());
}

TEST_CASE("Version12KeepsRecipientsWithTheirCampaignOnceEachAndInAKnownState", "[schema]") {
  auto db = OpenConfigured(":memory:");
  REQUIRE(Migrate(*db, StoreMigrations()).ok());
  CHECK(*SchemaVersion(*db) == StoreMigrations().back().version);
  const std::string campaign =
      "INSERT INTO campaigns (name, category, spec, rate_per_minute, footer, state, created_at) VALUES ";
  REQUIRE(db->Exec(campaign + "('a', 1, '{}', 0, 1, 'draft', 1), ('b', 0, '{}', 0, 1, 'running', 1)").ok());
  CHECK_FALSE(db->Exec(campaign + "('c', 1, '{}', 0, 1, 'finished', 1)").ok());
  CHECK_FALSE(db->Exec(campaign + "('c', 2, '{}', 0, 1, 'draft', 1)").ok());
  const std::string recipient = "INSERT INTO campaign_recipients (campaign_id, seq, number, fields, state) VALUES ";
  REQUIRE(db->Exec(recipient + "(1, 1, '+905551112233', '{}', 'pending'), (1, 2, '+905551112234', '{}', 'queued'),"
                               " (2, 1, '+905551112233', '{}', 'pending')")
              .ok());
  CHECK_FALSE(db->Exec(recipient + "(1, 3, '+905551112233', '{}', 'pending')").ok());  // the number again
  CHECK_FALSE(db->Exec(recipient + "(1, 3, '+905551112235', '{}', 'sent')").ok());     // a message's state
  CHECK_FALSE(db->Exec(recipient + "(3, 1, '+905551112235', '{}', 'pending')").ok());  // no such campaign
  REQUIRE(db->Exec("DELETE FROM campaigns WHERE id = 1").ok());
  auto q = db->Query("SELECT count(*) FROM campaign_recipients");
  REQUIRE(q.ok());
  REQUIRE(*q->Step());
  CHECK(q->ColumnInt64(0) == 1);  // the deleted campaign's went with it
}

TEST_CASE("AMigrationThatLeavesADanglingReferenceIsRefusedAndRolledBack", "[schema]") {
  auto db = OpenConfigured(":memory:");
  const std::vector<Migration> steps = {
      {1, "CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent (id));"},
      {2, "INSERT INTO child VALUES (42);"},
  };
  REQUIRE(Migrate(*db, {steps.begin(), steps.begin() + 1}).ok());
  auto migrated = Migrate(*db, steps);
  REQUIRE_FALSE(migrated.ok());
  CHECK_THAT(migrated.error().message, Catch::Contains("child") && Catch::Contains("parent"));
  CHECK(*SchemaVersion(*db) == 1);
  CHECK(PragmaText(*db, "foreign_keys") == "1");
}

TEST_CASE("Version13RewritesTheStateChecksKeepingEveryRowIdAndTrigger", "[schema]") {
  auto db = OpenConfigured(":memory:");
  const std::vector<Migration>& all = StoreMigrations();
  REQUIRE(all.size() >= 13);
  REQUIRE(Migrate(*db, {all.begin(), all.begin() + 12}).ok());
  const std::string columns =
      "INSERT INTO messages (destination, body, encoding, segment_count, priority, state, report_requested, flash,"
      " not_before, created_at, category, campaign_id) VALUES ";
  REQUIRE(db->Exec(columns + "('+905551112233', 'a', 'gsm7', 1, 1, 'queued', 0, 0, 1, 1, 0, NULL),"
                             " ('+905551112233', 'b', 'gsm7', 1, 2, 'sent', 1, 0, 1, 1, 1, 1),"
                             " ('+905551112233', 'c', 'gsm7', 1, 2, 'queued', 0, 0, 1, 1, 0, NULL)")
              .ok());
  REQUIRE(db->Exec("INSERT INTO segments (message_id, seq, modem, mr, destination, sent_at, state, awaits_report)"
                   " VALUES (2, 1, 'sim1', 5, '+905551112233', 1000, 'sent', 1)")
              .ok());
  REQUIRE(db->Exec("INSERT INTO campaigns (name, category, spec, rate_per_minute, footer, state, created_at)"
                   " VALUES ('a', 1, '{}', 0, 1, 'running', 1)")
              .ok());
  REQUIRE(db->Exec("INSERT INTO campaign_recipients (campaign_id, seq, number, fields, state, message_id)"
                   " VALUES (1, 1, '+905551112233', '{}', 'queued', 2), (1, 2, '+905551112244', '{}', 'pending', NULL)")
              .ok());
  REQUIRE(db->Exec("DELETE FROM messages WHERE body = 'c'").ok());
  const std::string update_state = "UPDATE messages SET state = 'sending' WHERE id = 1";
  const std::string insert_segment =
      "INSERT INTO segments (message_id, seq, modem, mr, destination, sent_at, state) VALUES (1, 1, 'sim1', 6, "
      "'+905551112233', 2000, 'sent')";
  const std::string update_recipient =
      "UPDATE campaign_recipients SET state = 'queued' WHERE campaign_id = 1 AND seq = 2";
  // What version 13 is for: before it, every one of these writes builds one.
  CHECK(BuildsEphemeralTable(*db, update_state));
  CHECK(BuildsEphemeralTable(*db, insert_segment));
  CHECK(BuildsEphemeralTable(*db, update_recipient));

  // Up to version 13 itself: later versions add indexes of their own,
  // which the count of the rebuilt ones below must not include.
  REQUIRE(Migrate(*db, {all.begin(), all.begin() + 13}).ok());
  CHECK_FALSE(BuildsEphemeralTable(*db, update_state));
  CHECK_FALSE(BuildsEphemeralTable(*db, insert_segment));
  CHECK_FALSE(BuildsEphemeralTable(*db, update_recipient));

  auto text = [&](const std::string& sql) {
    auto q = db->Query(sql);
    REQUIRE(q.ok());
    REQUIRE(*q->Step());
    return q->ColumnText(0);
  };
  CHECK(text("SELECT group_concat(id || body || state || category || coalesce(campaign_id, '-'), ' ')"
             " FROM (SELECT * FROM messages ORDER BY id)") == "1aqueued0- 2bsent11");
  CHECK(text("SELECT group_concat(message_id || ':' || seq || state || awaits_report, ' ') FROM segments") ==
        "2:1sent1");
  CHECK(text("SELECT group_concat(seq || state || coalesce(message_id, '-'), ' ')"
             " FROM (SELECT * FROM campaign_recipients ORDER BY seq)") == "1queued2 2pending-");
  // The queue_counts triggers came back with the table, and the purged
  // newest id is still never handed out again.
  CHECK(text("SELECT queued FROM queue_counts WHERE priority = 1") == "1");
  REQUIRE(db->Exec(columns + "('+905551112233', 'd', 'gsm7', 1, 1, 'queued', 0, 0, 1, 1, 0, NULL)").ok());
  CHECK(text("SELECT id FROM messages WHERE body = 'd'") == "4");
  CHECK(text("SELECT queued FROM queue_counts WHERE priority = 1") == "2");
  // The constraints still hold.
  CHECK(db->Exec(update_state).ok());
  CHECK_FALSE(db->Exec("UPDATE messages SET state = 'lost' WHERE id = 1").ok());
  CHECK_FALSE(db->Exec("UPDATE segments SET state = 'lost'").ok());
  CHECK_FALSE(db->Exec("UPDATE campaign_recipients SET state = 'lost'").ok());
  CHECK(db->Exec(insert_segment).ok());
  CHECK_FALSE(db->Exec("INSERT INTO segments (message_id, seq, modem, mr, destination, sent_at, state)"
                       " VALUES (99, 1, 'sim1', 5, '+905551112233', 1000, 'sent')")
                  .ok());
  CHECK(PragmaText(*db, "foreign_keys") == "1");
  // Every index is back.
  CHECK(text("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN"
             " ('messages', 'segments', 'campaign_recipients')") == "11");
}

TEST_CASE("Version15KeepsRulesInAKnownShapeAndOneHitPerInboxEntry", "[schema]") {
  auto db = OpenConfigured(":memory:");
  REQUIRE(Migrate(*db, StoreMigrations()).ok());
  CHECK(*SchemaVersion(*db) >= 13);
  const std::string rule =
      "INSERT INTO rules (match, pattern, actions, sort_order, enabled, created_at, updated_at) VALUES ";
  REQUIRE(db->Exec(rule + "('keyword', 'BILGI', '[]', 1, 1, 1, 1), ('any', '', '[]', 9, 0, 1, 1)").ok());
  CHECK_FALSE(db->Exec(rule + "('prefix', 'B', '[]', 1, 1, 1, 1)").ok());   // not a match kind
  CHECK_FALSE(db->Exec(rule + "('keyword', 'B', '[]', 1, 2, 1, 1)").ok());  // enabled is a boolean
  const std::string hit = "INSERT INTO rule_hits (inbox_id, rule_id, webhook, matched_at) VALUES ";
  REQUIRE(db->Exec(hit + "(7, 1, 1, 5)").ok());
  CHECK_FALSE(db->Exec(hit + "(7, 2, 0, 6)").ok());  // the same inbox entry again
}
