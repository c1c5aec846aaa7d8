#include "daemon/store/sqlite/schema.h"

#include <algorithm>
#include <string>

#include "daemon/store/sqlite/bind_and_run.h"

namespace tellal::store {
namespace {

// The triggers that keep queue_counts right, created by version 7 and again
// by version 11, which rebuilds messages (dropping them).
constexpr const char* kQueueCountsTriggers = R"sql(
CREATE TRIGGER queue_counts_insert AFTER INSERT ON messages WHEN NEW.state = 'queued'
BEGIN
  UPDATE queue_counts SET queued = queued + 1 WHERE priority = NEW.priority;
END;
CREATE TRIGGER queue_counts_leave AFTER UPDATE OF state, priority ON messages
  WHEN OLD.state = 'queued' AND (NEW.state <> 'queued' OR NEW.priority <> OLD.priority)
BEGIN
  UPDATE queue_counts SET queued = queued - 1 WHERE priority = OLD.priority;
END;
CREATE TRIGGER queue_counts_enter AFTER UPDATE OF state, priority ON messages
  WHEN NEW.state = 'queued' AND (OLD.state <> 'queued' OR NEW.priority <> OLD.priority)
BEGIN
  UPDATE queue_counts SET queued = queued + 1 WHERE priority = NEW.priority;
END;
CREATE TRIGGER queue_counts_delete AFTER DELETE ON messages WHEN OLD.state = 'queued'
BEGIN
  UPDATE queue_counts SET queued = queued - 1 WHERE priority = OLD.priority;
END;
)sql";

// Version 1: the first schema. Comments in the SQL explain the indexes,
// because each one exists for a specific query (see the *_sql.h headers).
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE messages (
  -- AUTOINCREMENT: an id once handed to a client never names another
  -- message, even if the newest rows are ever purged.
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  client_ref       TEXT UNIQUE,  -- idempotency key; NULLs do not collide
  destination      TEXT NOT NULL,
  body             TEXT NOT NULL,
  encoding         TEXT NOT NULL,
  segment_count    INTEGER NOT NULL CHECK (segment_count BETWEEN 1 AND 255),
  priority         INTEGER NOT NULL CHECK (priority BETWEEN 0 AND 2),
  state            TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent',
                     'delivered', 'failed', 'expired', 'cancelled', 'unknown')),
  pinned_modem     TEXT,
  modem            TEXT,
  attempts         INTEGER NOT NULL DEFAULT 0,
  error_code       TEXT,
  error_text       TEXT,
  report_requested INTEGER NOT NULL,
  flash            INTEGER NOT NULL,
  not_before       INTEGER NOT NULL,
  valid_until      INTEGER,
  created_at       INTEGER NOT NULL,
  sending_at       INTEGER,
  sent_at          INTEGER,
  delivered_at     INTEGER,
  failed_at        INTEGER,
  expired_at       INTEGER,
  cancelled_at     INTEGER,
  unknown_at       INTEGER
);
-- ClaimNext: one seek per (pin, priority) for the earliest not_before. The
-- partial index holds only queued rows, so sent history does not slow it.
CREATE INDEX messages_queue ON messages (pinned_modem, priority, not_before, id)
  WHERE state = 'queued';
-- RecoverAfterCrash (state = 'sending') and listing by state.
CREATE INDEX messages_by_state ON messages (state, id);
CREATE INDEX messages_by_destination ON messages (destination, id);
CREATE INDEX messages_by_created ON messages (created_at);

-- One row per segment handed to a modem; rows exist only once +CMGS
-- answered, so a segment row always has its message reference.
CREATE TABLE segments (
  message_id     INTEGER NOT NULL REFERENCES messages (id),
  seq            INTEGER NOT NULL,
  modem          TEXT NOT NULL,
  mr             INTEGER NOT NULL CHECK (mr BETWEEN 0 AND 255),
  destination    TEXT NOT NULL,
  sent_at        INTEGER NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('sent', 'pending', 'delivered',
                   'failed', 'expired')),
  reported_at    INTEGER,
  discharge_time TEXT,
  PRIMARY KEY (message_id, seq)
) WITHOUT ROWID;
-- ApplyStatusReport: references wrap at 256, so the match is the newest
-- row for (modem, mr, destination) inside a time window.
CREATE INDEX segments_by_reference ON segments (modem, mr, destination, sent_at);

-- Every SMS (segment) a SIM sent, for rate_per_minute and daily_limit.
CREATE TABLE send_log (
  modem   TEXT NOT NULL,
  sent_at INTEGER NOT NULL
);
CREATE INDEX send_log_by_modem ON send_log (modem, sent_at);

CREATE TABLE inbox (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  modem          TEXT NOT NULL,
  sim            TEXT,
  sender         TEXT NOT NULL,
  body           TEXT NOT NULL,
  smsc_time      TEXT NOT NULL,  -- the first part's
  received_at    INTEGER NOT NULL,  -- when the set became complete (or expired)
  parts_received INTEGER NOT NULL,
  parts_total    INTEGER NOT NULL,
  partial        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX inbox_by_sender ON inbox (sender, id);
CREATE INDEX inbox_by_received ON inbox (received_at);

-- Parts of inbound messages. A part stays after assembly (inbox_id set)
-- so that a re-read of the same SIM message is recognised as a duplicate.
CREATE TABLE inbound_parts (
  id          INTEGER PRIMARY KEY,
  modem       TEXT NOT NULL,
  sim         TEXT,
  sender      TEXT NOT NULL,
  ref         INTEGER NOT NULL,
  total       INTEGER NOT NULL CHECK (total BETWEEN 1 AND 255),
  seq         INTEGER NOT NULL CHECK (seq BETWEEN 1 AND total),
  kind        INTEGER NOT NULL,  -- 0: payload is UTF-8 text, 1: UTF-16BE
  payload     BLOB NOT NULL,
  smsc_time   TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  inbox_id    INTEGER REFERENCES inbox (id)  -- NULL while its set is incomplete
);
-- The duplicate rule: same modem, sender, concat identity, SMSC time stamp
-- and content.
CREATE UNIQUE INDEX inbound_parts_identity
  ON inbound_parts (modem, sender, ref, total, seq, smsc_time, kind, payload);
CREATE INDEX inbound_parts_pending ON inbound_parts (modem, sender, ref, total, seq)
  WHERE inbox_id IS NULL;
CREATE INDEX inbound_parts_by_received ON inbound_parts (received_at);
)sql";

// Version 2: Kannel delivery callbacks, and the indexes that let the
// dispatcher find when to wake up and what to expire without scanning.
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE messages ADD COLUMN dlr_url TEXT;
ALTER TABLE messages ADD COLUMN dlr_mask INTEGER NOT NULL DEFAULT 0;
-- NextDue: the earliest future not_before among queued messages.
CREATE INDEX messages_due ON messages (not_before) WHERE state = 'queued';
-- ExpireDue / NextDue: queued messages with a validity deadline.
CREATE INDEX messages_validity ON messages (valid_until)
  WHERE state = 'queued' AND valid_until IS NOT NULL;
)sql";

// Version 3: the send log keyed by its own columns (WITHOUT ROWID), so
// logging a send writes one b-tree instead of a table and an index — it
// happens for every SMS. Rows from before carry -rowid as message_id.
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE send_log_v3 (
  modem      TEXT NOT NULL,
  sent_at    INTEGER NOT NULL,
  message_id INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  PRIMARY KEY (modem, sent_at, message_id, seq)
) WITHOUT ROWID;
INSERT INTO send_log_v3 (modem, sent_at, message_id, seq)
  SELECT modem, sent_at, -rowid, 0 FROM send_log;
DROP TABLE send_log;
ALTER TABLE send_log_v3 RENAME TO send_log;
)sql";

// Version 4: PDUs that do not decode reach the inbox as they are (raw hex and
// why), so they can be deleted from the SIM instead of filling it. Rows from
// before are ordinary messages.
constexpr const char* kSchemaV4 = R"sql(
ALTER TABLE inbox ADD COLUMN undecodable INTEGER NOT NULL DEFAULT 0;
ALTER TABLE inbox ADD COLUMN raw_pdu TEXT;  -- upper-case hex; undecodable rows only
ALTER TABLE inbox ADD COLUMN undecodable_reason TEXT;
-- StoreUndecodable's duplicate check: a SIM slot read again after a crash.
CREATE INDEX inbox_undecodable ON inbox (modem, raw_pdu) WHERE undecodable = 1;
)sql";

// Version 5: the PINs each SIM refused (refused_pins.h), so no restart
// enters one again. A SIM is its SimKey text, a PIN its keyed hash: the
// table never holds a PIN. Keyed (sim, pin_fingerprint): the driver asks
// for one SIM's rows before every PIN entry.
constexpr const char* kSchemaV5 = R"sql(
CREATE TABLE refused_pins (
  sim             TEXT NOT NULL,  -- "iccid:...", "imsi:..." or "device:..."
  pin_fingerprint TEXT NOT NULL,
  reason          TEXT NOT NULL,  -- the modem's answer, e.g. +CME ERROR: 16
  refused_at      INTEGER NOT NULL,
  PRIMARY KEY (sim, pin_fingerprint)
) WITHOUT ROWID;
)sql";

// Version 6: resumable multipart messages. A message whose first parts went
// out and whose next part met a temporary error goes back to `queued`
// pinned to the SIM that sent them, keeping its segment rows (which parts
// are out) and the concatenation reference they carried, so the remaining
// parts follow on that SIM as the same set. resume_until is when that SIM
// must have sent them (the validity deadline or the resume window).
constexpr const char* kSchemaV6 = R"sql(
ALTER TABLE messages ADD COLUMN concat_ref INTEGER CHECK (concat_ref BETWEEN 0 AND 65535);
ALTER TABLE messages ADD COLUMN resume_until INTEGER;
-- ExpireDue / NextDue: paused multipart messages and their deadline.
CREATE INDEX messages_resume ON messages (resume_until)
  WHERE state = 'queued' AND resume_until IS NOT NULL;
)sql";

// Version 7: queued messages counted per priority as they change state, so
// GET /api/v1/health and /metrics read three rows instead of counting a
// queue that may hold a million messages. Triggers keep the counts in the
// same transaction as the change, so a rollback (of a group commit or of one
// call inside it) takes the count back with it.
const std::string kSchemaV7 = std::string(R"sql(
CREATE TABLE queue_counts (
  priority INTEGER PRIMARY KEY CHECK (priority BETWEEN 0 AND 2),
  queued   INTEGER NOT NULL
);
INSERT INTO queue_counts (priority, queued)
  SELECT p.priority, (SELECT count(*) FROM messages m WHERE m.state = 'queued' AND m.priority = p.priority)
  FROM (SELECT 0 AS priority UNION ALL SELECT 1 UNION ALL SELECT 2) p;
)sql") + kQueueCountsTriggers;

// Version 8: retention deletes an inbox entry with the parts it was
// assembled from; this finds them without scanning every part.
constexpr const char* kSchemaV8 = R"sql(
CREATE INDEX inbound_parts_by_inbox ON inbound_parts (inbox_id) WHERE inbox_id IS NOT NULL;
)sql";

// Version 9: fewer pages written per dispatched message (WAL frames are the
// bulk of the daemon's CPU and disk writes at full speed).
// - The send log keyed by time first: every modem appends at the one end of
//   the tree instead of at the end of its own range, so a group commit
//   dirties one leaf, not one per modem. Its reads (counting one modem's
//   sends since a time, at start and after a clock step) walk that span for
//   every modem; a SIM sends at most a few thousand a day.
// - Only segments that await a status report are indexed for matching one:
//   a message sent without a report request no longer inserts at a random
//   place of segments_by_reference. Rows from before await one (they may).
constexpr const char* kSchemaV9 = R"sql(
CREATE TABLE send_log_v9 (
  modem      TEXT NOT NULL,
  sent_at    INTEGER NOT NULL,
  message_id INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  PRIMARY KEY (sent_at, modem, message_id, seq)
) WITHOUT ROWID;
INSERT INTO send_log_v9 (modem, sent_at, message_id, seq) SELECT modem, sent_at, message_id, seq FROM send_log;
DROP TABLE send_log;
ALTER TABLE send_log_v9 RENAME TO send_log;
ALTER TABLE segments ADD COLUMN awaits_report INTEGER NOT NULL DEFAULT 1;
DROP INDEX segments_by_reference;
CREATE INDEX segments_by_reference ON segments (modem, mr, destination, sent_at) WHERE awaits_report = 1;
)sql";

// Version 10: contacts, their groups and attributes, the consent history
// (İYS field names) and the blocked list. Consent is append-only; the
// current status per number is kept by a trigger in consent_status, so the
// dispatcher's "may I send to this number" is two primary-key lookups.
constexpr const char* kSchemaV10 = R"sql(
CREATE TABLE contacts (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  number      TEXT NOT NULL UNIQUE,  -- E.164; the upsert key of imports
  name        TEXT NOT NULL DEFAULT '',
  name_folded TEXT NOT NULL DEFAULT '',  -- text/turkish_fold.h, for q= searches
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE TABLE contact_attributes (
  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  PRIMARY KEY (contact_id, key)
) WITHOUT ROWID;
-- attribute.<key>=<value> filters.
CREATE INDEX contact_attributes_by_value ON contact_attributes (key, value, contact_id);
CREATE TABLE contact_groups (
  name        TEXT PRIMARY KEY,
  description TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);
CREATE TABLE group_members (
  group_name TEXT NOT NULL REFERENCES contact_groups (name) ON DELETE CASCADE ON UPDATE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  PRIMARY KEY (group_name, contact_id)
) WITHOUT ROWID;
-- A contact's groups, and the cascade when a contact goes.
CREATE INDEX group_members_by_contact ON group_members (contact_id);

CREATE TABLE consents (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  number         TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('ONAY', 'RET')),
  type           TEXT NOT NULL CHECK (type IN ('MESAJ')),
  recipient_type TEXT NOT NULL CHECK (recipient_type IN ('BIREYSEL', 'TACIR')),
  source         TEXT NOT NULL,
  consent_date   INTEGER NOT NULL,
  evidence       TEXT NOT NULL DEFAULT '',
  modem          TEXT,     -- consent by SMS: the receiving modem
  sim            TEXT,     -- and its SIM
  inbox_id       INTEGER,  -- and the message
  recorded_at    INTEGER NOT NULL
);
-- ListConsents?since=: the history in recording order.
CREATE INDEX consents_by_recorded ON consents (recorded_at, id);
-- The history is never updated or deleted.
CREATE TRIGGER consents_append_only_update BEFORE UPDATE ON consents
BEGIN
  SELECT RAISE(ABORT, 'consents are append-only');
END;
CREATE TRIGGER consents_append_only_delete BEFORE DELETE ON consents
BEGIN
  SELECT RAISE(ABORT, 'consents are append-only');
END;
-- The record that decides each number's status: the latest consent_date,
-- the later record on a tie.
CREATE TABLE consent_status (
  number       TEXT PRIMARY KEY,
  status       TEXT NOT NULL,
  consent_date INTEGER NOT NULL,
  consent_id   INTEGER NOT NULL REFERENCES consents (id)
) WITHOUT ROWID;
-- ListOptOuts: current RET records, newest first.
CREATE INDEX consent_status_by_status ON consent_status (status, consent_id);
CREATE TRIGGER consent_status_follow AFTER INSERT ON consents
BEGIN
  INSERT INTO consent_status (number, status, consent_date, consent_id)
    VALUES (NEW.number, NEW.status, NEW.consent_date, NEW.id)
  ON CONFLICT (number) DO UPDATE SET status = excluded.status, consent_date = excluded.consent_date,
    consent_id = excluded.consent_id
  WHERE excluded.consent_date >= consent_status.consent_date;
END;

CREATE TABLE blocked (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  number     TEXT NOT NULL UNIQUE,
  reason     TEXT NOT NULL DEFAULT '',
  blocked_at INTEGER NOT NULL
);
)sql";

// Version 11: commercial messaging (issue 14). A message has a category
// (0 informational, 1 commercial) and may belong to a campaign; policy at
// send time can end it `suppressed` (the reason in error_code). SQLite
// cannot change a CHECK constraint in place, so the table is rebuilt the
// documented way (foreign keys are off while migrations run, see Migrate),
// keeping every row, id and the AUTOINCREMENT high-water mark.
//
// The rebuild, shared by version 11 (which adds category, campaign_id and
// suppressed_at) and version 13 (which only rewrites the CHECK on state): a
// copy of `copied` columns into messages_new, which becomes messages.
std::string RebuildMessages(const std::string& copied, const std::string& state_check) {
  return std::string(R"sql(
CREATE TABLE messages_new (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  client_ref       TEXT UNIQUE,
  destination      TEXT NOT NULL,
  body             TEXT NOT NULL,
  encoding         TEXT NOT NULL,
  segment_count    INTEGER NOT NULL CHECK (segment_count BETWEEN 1 AND 255),
  priority         INTEGER NOT NULL CHECK (priority BETWEEN 0 AND 2),
  state            TEXT NOT NULL CHECK ()sql" + state_check + R"sql(),
  pinned_modem     TEXT,
  modem            TEXT,
  attempts         INTEGER NOT NULL DEFAULT 0,
  error_code       TEXT,
  error_text       TEXT,
  report_requested INTEGER NOT NULL,
  flash            INTEGER NOT NULL,
  not_before       INTEGER NOT NULL,
  valid_until      INTEGER,
  created_at       INTEGER NOT NULL,
  sending_at       INTEGER,
  sent_at          INTEGER,
  delivered_at     INTEGER,
  failed_at        INTEGER,
  expired_at       INTEGER,
  cancelled_at     INTEGER,
  unknown_at       INTEGER,
  dlr_url          TEXT,
  dlr_mask         INTEGER NOT NULL DEFAULT 0,
  concat_ref       INTEGER CHECK (concat_ref BETWEEN 0 AND 65535),
  resume_until     INTEGER,
  category         INTEGER NOT NULL DEFAULT 0 CHECK (category IN (0, 1)),
  campaign_id      INTEGER,
  suppressed_at    INTEGER
);
)sql") + "INSERT INTO messages_new (" + copied + ") SELECT " + copied + " FROM messages;" + R"sql(
-- The copy's sequence is its largest id; the old one may be higher (purged
-- newest rows), and no id may ever be handed out twice.
INSERT INTO sqlite_sequence (name, seq) SELECT 'messages_new', 0
  WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'messages_new');
UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'messages'), 0))
  WHERE name = 'messages_new';
DROP TABLE messages;
ALTER TABLE messages_new RENAME TO messages;
CREATE INDEX messages_queue ON messages (pinned_modem, priority, not_before, id) WHERE state = 'queued';
CREATE INDEX messages_by_state ON messages (state, id);
CREATE INDEX messages_by_destination ON messages (destination, id);
CREATE INDEX messages_by_created ON messages (created_at);
CREATE INDEX messages_due ON messages (not_before) WHERE state = 'queued';
CREATE INDEX messages_validity ON messages (valid_until) WHERE state = 'queued' AND valid_until IS NOT NULL;
CREATE INDEX messages_resume ON messages (resume_until) WHERE state = 'queued' AND resume_until IS NOT NULL;
-- Frequency caps: the commercial messages that went to a number since a time.
CREATE INDEX messages_commercial_sends ON messages (destination, sending_at)
  WHERE category = 1 AND sending_at IS NOT NULL;
-- A campaign's messages, for its progress and report.
CREATE INDEX messages_by_campaign ON messages (campaign_id, id) WHERE campaign_id IS NOT NULL;
)sql" + kQueueCountsTriggers;
}

const std::string kMessageColumnsV10 =
    "id, client_ref, destination, body, encoding, segment_count, priority, state, pinned_modem, modem, attempts,"
    " error_code, error_text, report_requested, flash, not_before, valid_until, created_at, sending_at, sent_at,"
    " delivered_at, failed_at, expired_at, cancelled_at, unknown_at, dlr_url, dlr_mask, concat_ref, resume_until";
const std::string kSchemaV11 = RebuildMessages(
    kMessageColumnsV10,
    "state IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'expired', 'cancelled', 'unknown', 'suppressed')");

// Version 12: campaigns (campaigns.h). A campaign's template variants and
// audience are kept as it was drafted, as JSON in `spec` (the audience is
// resolved only when it starts); `recipients` is set, once, when it is
// resolved. Each recipient is a row until it becomes a message
// (message_id), and keeps its audience order (seq) and template fields.
constexpr const char* kSchemaV12 = R"sql(
CREATE TABLE campaigns (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  name            TEXT NOT NULL,
  category        INTEGER NOT NULL CHECK (category IN (0, 1)),
  spec            TEXT NOT NULL,  -- {"variants": [...], "audience": {rows, numbers, groups, filter}}
  send_at         INTEGER,
  end_at          INTEGER,
  rate_per_minute INTEGER NOT NULL CHECK (rate_per_minute >= 0),
  footer          INTEGER NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('draft', 'scheduled', 'running', 'paused', 'completed',
                    'cancelled')),
  created_at      INTEGER NOT NULL,
  started_at      INTEGER,
  finished_at     INTEGER,
  recipients      INTEGER  -- NULL until the audience is resolved
);
-- ActiveCampaigns: the few that are not draft or finished.
CREATE INDEX campaigns_active ON campaigns (id) WHERE state IN ('scheduled', 'running', 'paused');

CREATE TABLE campaign_recipients (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,  -- 1.. in audience order
  number      TEXT NOT NULL,
  fields      TEXT NOT NULL,     -- JSON object of strings: the template's fields
  variant     INTEGER,           -- index into the spec's variants, once decided
  state       TEXT NOT NULL CHECK (state IN ('pending', 'rejected', 'queued', 'cancelled')),
  reason      TEXT,              -- rejected: why
  -- No foreign key: retention may purge old messages.
  message_id  INTEGER,
  PRIMARY KEY (campaign_id, seq),
  UNIQUE (campaign_id, number)
) WITHOUT ROWID;
-- PendingRecipients (state = 'pending' by seq) and the counts per state.
CREATE INDEX campaign_recipients_by_state ON campaign_recipients (campaign_id, state, seq);

-- A campaign's report: RET records from a recipient inside its attribution
-- window.
CREATE INDEX consents_by_number ON consents (number, consent_date);
)sql";

// Version 13: the CHECKs on the state of messages, segments and campaign
// recipients become chains of comparisons instead of `state IN (...)`:
// SQLite evaluates an IN list in a CHECK by building an ephemeral b-tree of
// its values on every INSERT or UPDATE of the column, which cost about a
// tenth of the CPU of each dispatched message. Each table is rebuilt the
// documented way, with every row kept.
const std::string kMessageColumnsV12 = kMessageColumnsV10 + ", category, campaign_id, suppressed_at";
const std::string kSchemaV13 = RebuildMessages(kMessageColumnsV12,
                                                "state = 'queued' OR state = 'sending' OR state = 'sent' OR"
                                                " state = 'delivered' OR state = 'failed' OR state = 'expired' OR"
                                                " state = 'cancelled' OR state = 'unknown' OR state = 'suppressed'") +
                               R"sql(
CREATE TABLE segments_new (
  message_id     INTEGER NOT NULL REFERENCES messages (id),
  seq            INTEGER NOT NULL,
  modem          TEXT NOT NULL,
  mr             INTEGER NOT NULL CHECK (mr BETWEEN 0 AND 255),
  destination    TEXT NOT NULL,
  sent_at        INTEGER NOT NULL,
  state          TEXT NOT NULL CHECK (state = 'sent' OR state = 'pending' OR state = 'delivered' OR
                   state = 'failed' OR state = 'expired'),
  reported_at    INTEGER,
  discharge_time TEXT,
  awaits_report  INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (message_id, seq)
) WITHOUT ROWID;
INSERT INTO segments_new (message_id, seq, modem, mr, destination, sent_at, state, reported_at, discharge_time,
    awaits_report)
  SELECT message_id, seq, modem, mr, destination, sent_at, state, reported_at, discharge_time, awaits_report
  FROM segments;
DROP TABLE segments;
ALTER TABLE segments_new RENAME TO segments;
CREATE INDEX segments_by_reference ON segments (modem, mr, destination, sent_at) WHERE awaits_report = 1;

CREATE TABLE campaign_recipients_new (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  number      TEXT NOT NULL,
  fields      TEXT NOT NULL,
  variant     INTEGER,
  state       TEXT NOT NULL CHECK (state = 'pending' OR state = 'rejected' OR state = 'queued' OR
                state = 'cancelled'),
  reason      TEXT,
  message_id  INTEGER,
  PRIMARY KEY (campaign_id, seq),
  UNIQUE (campaign_id, number)
) WITHOUT ROWID;
INSERT INTO campaign_recipients_new (campaign_id, seq, number, fields, variant, state, reason, message_id)
  SELECT campaign_id, seq, number, fields, variant, state, reason, message_id FROM campaign_recipients;
DROP TABLE campaign_recipients;
ALTER TABLE campaign_recipients_new RENAME TO campaign_recipients;
CREATE INDEX campaign_recipients_by_state ON campaign_recipients (campaign_id, state, seq);
)sql";

// Version 14: webhooks (webhooks.h) and their durable outbox. An event is a
// webhook_events row written by a trigger in the same transaction as the
// change it reports (a message's state, an inbox row, a consent status, a
// campaign's completion), and only while an enabled endpoint subscribes to
// its type: the triggers' WHEN clause is one primary-key seek in
// webhook_subscriptions, which holds rows of enabled endpoints only. The
// fan-out trigger gives each subscribed endpoint its own delivery row, so
// each endpoint is served in event order. The triggers call no application
// function, so any connection (the sqlite3 shell too) may write the tables
// they watch. The per-message ones insert VALUES, not a SELECT: SQLite
// stages an INSERT ... SELECT into a table with triggers in an ephemeral
// b-tree. Every attempt is kept for GET /api/v1/webhooks/{id}/deliveries.
constexpr const char* kSchemaV14 = R"sql(
CREATE TABLE webhooks (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  url             TEXT NOT NULL,
  events          TEXT NOT NULL,  -- JSON array of event types
  secret          TEXT NOT NULL,  -- whsec_<base64>
  enabled         INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  disabled_reason TEXT,           -- e.g. the endpoint answered 410 Gone
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE TABLE webhook_subscriptions (
  event_type TEXT NOT NULL,
  webhook_id INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  PRIMARY KEY (event_type, webhook_id)
) WITHOUT ROWID;
CREATE INDEX webhook_subscriptions_by_webhook ON webhook_subscriptions (webhook_id);
-- webhook-id is "msg_<prefix>_<event id>": the prefix keeps ids unique when
-- a database is recreated and its event ids start again at 1.
CREATE TABLE webhook_identity (prefix TEXT NOT NULL);
INSERT INTO webhook_identity (prefix) SELECT lower(hex(randomblob(8)));
CREATE TABLE webhook_events (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  type        TEXT NOT NULL,
  data        TEXT NOT NULL,     -- JSON object, the body's "data"
  occurred_at INTEGER NOT NULL,  -- the body's "timestamp"
  webhook_id  INTEGER            -- set: for this endpoint only (a test ping), no fan-out
);
CREATE TABLE webhook_deliveries (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  webhook_id      INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event_id        INTEGER NOT NULL REFERENCES webhook_events (id),
  state           TEXT NOT NULL CHECK (state = 'pending' OR state = 'delivered' OR state = 'failed'),
  attempts        INTEGER NOT NULL DEFAULT 0,
  schedule_step   INTEGER NOT NULL DEFAULT 0,  -- retries taken from the schedule; a manual retry resets it
  next_attempt_at INTEGER NOT NULL,
  last_status     INTEGER,
  last_error      TEXT,
  finished_at     INTEGER
);
-- The runner's head of line: each endpoint's oldest pending delivery.
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (webhook_id, id) WHERE state = 'pending';
-- GET .../deliveries, newest first.
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id);
CREATE TABLE webhook_attempts (
  delivery_id  INTEGER NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt      INTEGER NOT NULL,
  attempted_at INTEGER NOT NULL,
  duration_ms  INTEGER NOT NULL,
  http_status  INTEGER,  -- NULL: no answer
  error        TEXT,
  PRIMARY KEY (delivery_id, attempt)
) WITHOUT ROWID;

CREATE TRIGGER webhook_events_fan_out AFTER INSERT ON webhook_events WHEN NEW.webhook_id IS NULL
BEGIN
  INSERT INTO webhook_deliveries (webhook_id, event_id, state, next_attempt_at)
    SELECT webhook_id, NEW.id, 'pending', NEW.occurred_at FROM webhook_subscriptions WHERE event_type = NEW.type;
END;
CREATE TRIGGER webhook_events_direct AFTER INSERT ON webhook_events WHEN NEW.webhook_id IS NOT NULL
BEGIN
  INSERT INTO webhook_deliveries (webhook_id, event_id, state, next_attempt_at)
    VALUES (NEW.webhook_id, NEW.id, 'pending', NEW.occurred_at);
END;

CREATE TRIGGER webhook_message_state AFTER UPDATE OF state ON messages
  WHEN (NEW.state = 'sent' OR NEW.state = 'delivered' OR NEW.state = 'failed' OR NEW.state = 'unknown')
    AND OLD.state <> NEW.state
    AND EXISTS (SELECT 1 FROM webhook_subscriptions WHERE event_type = 'message.' || NEW.state)
BEGIN
  INSERT INTO webhook_events (type, data, occurred_at)
    VALUES ('message.' || NEW.state,
      json_object('id', NEW.id, 'client_ref', NEW.client_ref, 'destination', NEW.destination,
        'state', NEW.state, 'modem', NEW.modem, 'segments', NEW.segment_count, 'campaign_id', NEW.campaign_id,
        'error_code', NEW.error_code, 'error_text', NEW.error_text),
      coalesce(CASE NEW.state WHEN 'sent' THEN NEW.sent_at WHEN 'delivered' THEN NEW.delivered_at
        WHEN 'failed' THEN NEW.failed_at ELSE NEW.unknown_at END, NEW.created_at));
END;

-- An inbox row is written once its set is complete, or when an incomplete
-- set is given up (partial = 1): either way one event per inbound message.
CREATE TRIGGER webhook_message_received AFTER INSERT ON inbox
  WHEN EXISTS (SELECT 1 FROM webhook_subscriptions WHERE event_type = 'message.received')
BEGIN
  INSERT INTO webhook_events (type, data, occurred_at)
    VALUES ('message.received',
      json_object('id', NEW.id, 'modem', NEW.modem, 'sim', NEW.sim, 'sender', NEW.sender, 'body', NEW.body,
        'smsc_time', NEW.smsc_time, 'parts_received', NEW.parts_received, 'parts_total', NEW.parts_total,
        'partial', json(CASE WHEN NEW.partial THEN 'true' ELSE 'false' END),
        'undecodable', json(CASE WHEN NEW.undecodable THEN 'true' ELSE 'false' END)),
      NEW.received_at);
END;

-- A number's consent status changing (not every record: a second refusal
-- changes nothing).
CREATE TRIGGER webhook_consent_new AFTER INSERT ON consent_status
  WHEN EXISTS (SELECT 1 FROM webhook_subscriptions
    WHERE event_type = CASE NEW.status WHEN 'RET' THEN 'contact.opted_out' ELSE 'contact.opted_in' END)
BEGIN
  INSERT INTO webhook_events (type, data, occurred_at)
    SELECT CASE NEW.status WHEN 'RET' THEN 'contact.opted_out' ELSE 'contact.opted_in' END,
      json_object('number', NEW.number, 'contact_id', (SELECT id FROM contacts WHERE number = NEW.number),
        'consent_id', NEW.consent_id, 'source', c.source, 'consent_date',
        strftime('%Y-%m-%dT%H:%M:%fZ', NEW.consent_date / 1000.0, 'unixepoch')),
      c.recorded_at
    FROM consents c WHERE c.id = NEW.consent_id;
END;
CREATE TRIGGER webhook_consent_change AFTER UPDATE OF status ON consent_status
  WHEN OLD.status <> NEW.status AND EXISTS (SELECT 1 FROM webhook_subscriptions
    WHERE event_type = CASE NEW.status WHEN 'RET' THEN 'contact.opted_out' ELSE 'contact.opted_in' END)
BEGIN
  INSERT INTO webhook_events (type, data, occurred_at)
    SELECT CASE NEW.status WHEN 'RET' THEN 'contact.opted_out' ELSE 'contact.opted_in' END,
      json_object('number', NEW.number, 'contact_id', (SELECT id FROM contacts WHERE number = NEW.number),
        'consent_id', NEW.consent_id, 'source', c.source, 'consent_date',
        strftime('%Y-%m-%dT%H:%M:%fZ', NEW.consent_date / 1000.0, 'unixepoch')),
      c.recorded_at
    FROM consents c WHERE c.id = NEW.consent_id;
END;

CREATE TRIGGER webhook_campaign_completed AFTER UPDATE OF state ON campaigns
  WHEN NEW.state = 'completed' AND OLD.state <> 'completed'
    AND EXISTS (SELECT 1 FROM webhook_subscriptions WHERE event_type = 'campaign.completed')
BEGIN
  INSERT INTO webhook_events (type, data, occurred_at)
    SELECT 'campaign.completed',
      json_object('id', NEW.id, 'name', NEW.name, 'recipients', NEW.recipients,
        'started_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.started_at / 1000.0, 'unixepoch'),
        'finished_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.finished_at / 1000.0, 'unixepoch')),
      coalesce(NEW.finished_at, NEW.created_at);
END;
)sql";

// Version 15: keyword rules, which rule each inbox entry matched, and SMS
// polls with their votes. A vote (counted or invalid) is a poll.vote
// webhook event and a hit of a rule with a webhook action a rule.matched
// one (version 14's outbox), each written by a trigger in the same
// transaction while an endpoint subscribes.
constexpr const char* kSchemaV15 = R"sql(
CREATE TABLE rules (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  match      TEXT NOT NULL CHECK (match IN ('keyword', 'regex', 'any')),
  pattern    TEXT NOT NULL,  -- as given; '' for any
  modem      TEXT,           -- NULL: every modem
  actions    TEXT NOT NULL,  -- JSON array of {"type", "text"?, "group"?, "poll"?}
  sort_order INTEGER NOT NULL,
  enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- One row per inbox entry a rule matched: the primary key makes a second
-- run of the same message's actions fail instead of acting twice. No
-- foreign keys: retention may purge old inbox entries, and a rule may be
-- deleted while its hits are still of interest to the webhook sender.
CREATE TABLE rule_hits (
  inbox_id   INTEGER PRIMARY KEY,
  rule_id    INTEGER NOT NULL,
  webhook    INTEGER NOT NULL CHECK (webhook IN (0, 1)),
  matched_at INTEGER NOT NULL
);
-- Hits with a webhook action, oldest first.
CREATE INDEX rule_hits_webhook ON rule_hits (inbox_id) WHERE webhook = 1;
-- A rule's webhook action: the matched message as a rule.matched event, in
-- the transaction of its inbox entry (written just before the hit).
CREATE TRIGGER webhook_rule_matched AFTER INSERT ON rule_hits
  WHEN NEW.webhook = 1 AND EXISTS (SELECT 1 FROM webhook_subscriptions WHERE event_type = 'rule.matched')
BEGIN
  INSERT INTO webhook_events (type, data, occurred_at)
    SELECT 'rule.matched',
      json_object('rule_id', NEW.rule_id, 'match', r.match, 'pattern', r.pattern, 'inbox_id', i.id,
        'modem', i.modem, 'sim', i.sim, 'sender', i.sender, 'body', i.body, 'smsc_time', i.smsc_time),
      NEW.matched_at
    FROM inbox i LEFT JOIN rules r ON r.id = NEW.rule_id WHERE i.id = NEW.inbox_id;
END;

CREATE TABLE polls (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  name             TEXT NOT NULL,
  keyword          TEXT NOT NULL,  -- as given; '' when option keywords alone vote
  options          TEXT NOT NULL,  -- JSON array of {"keyword", "title"}
  opens_at         INTEGER,
  closes_at        INTEGER,
  votes_per_number TEXT NOT NULL CHECK (votes_per_number IN ('once', 'last')),
  reply_valid      TEXT NOT NULL,
  reply_invalid    TEXT NOT NULL,
  reply_closed     TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);

CREATE TABLE poll_votes (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  poll_id   INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
  number    TEXT NOT NULL,
  option    TEXT,                     -- the option's folded keyword; NULL: not an option
  inbox_id  INTEGER NOT NULL UNIQUE,  -- one vote per message, however often it is processed
  voted_at  INTEGER NOT NULL,
  counted   INTEGER NOT NULL CHECK (counted IN (0, 1)),
  CHECK (option IS NOT NULL OR counted = 0)
);
-- RecordVote: the number's counted vote in the poll (at most one).
CREATE INDEX poll_votes_counted ON poll_votes (poll_id, number) WHERE counted = 1;
-- Results and ForEachVote: a poll's votes in the order received.
CREATE INDEX poll_votes_by_poll ON poll_votes (poll_id, id);
CREATE TRIGGER webhook_poll_vote AFTER INSERT ON poll_votes
  WHEN EXISTS (SELECT 1 FROM webhook_subscriptions WHERE event_type = 'poll.vote')
BEGIN
  INSERT INTO webhook_events (type, data, occurred_at)
    SELECT 'poll.vote',
      json_object('poll_id', NEW.poll_id, 'poll', (SELECT name FROM polls WHERE id = NEW.poll_id),
        'number', NEW.number, 'option', NEW.option, 'inbox_id', NEW.inbox_id,
        'counted', json(CASE WHEN NEW.counted THEN 'true' ELSE 'false' END)),
      NEW.voted_at;
END;
)sql";

// Version 16: conversations (conversations.h). An inbox entry has a read
// marker (read_at, NULL while unread). `conversations` keeps one row per
// number that has written at least once (an inbox entry with a sender) —
// the newest inbox entry from it, the newest message to it, the SIM it last
// wrote to and its unread count — maintained by triggers in the same
// transaction as the insert, read marker or deletion that changes it, so
// the listing reads a page of this table (newest activity first, by
// conversations_by_activity) instead of grouping a million messages.
// Messages to a number that never wrote (campaigns, OTPs) make no row: a
// message insert is one primary-key UPDATE, a miss for those numbers, so
// bulk queueing pays no upsert and no index move. When such a number
// writes, its row starts with the newest message already sent to it, so
// the campaign message it answers shows in the summary. A row goes when
// its number's last inbox entry goes; messages alone do not keep it.
// Undecodable PDUs without a sender have no conversation.
// Entries received before this version count as unread: nobody could have
// marked them read.
// Caution for later migrations: a step that rebuilds inbox or messages
// must create these triggers again (as v11 did for queue_counts).
constexpr const char* kSchemaV16 = R"sql(
ALTER TABLE inbox ADD COLUMN read_at INTEGER;
CREATE TABLE conversations (
  number          TEXT PRIMARY KEY,
  last_at         INTEGER NOT NULL,  -- the newer of the two entries' times
  last_inbox_id   INTEGER,           -- newest inbox entry from number
  last_message_id INTEGER,           -- newest message to number
  last_modem      TEXT,              -- the modem of last_inbox_id: where a reply goes
  unread          INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
-- ListConversations: newest activity first, the cursor a (last_at, number) seek.
CREATE INDEX conversations_by_activity ON conversations (last_at, number);

-- Numbers that wrote, each with its newest message (messages_by_destination).
INSERT INTO conversations (number, last_at, last_inbox_id, last_message_id, unread)
  SELECT sender, 0, max(id), (SELECT max(m.id) FROM messages AS m WHERE m.destination = inbox.sender), count(*)
  FROM inbox WHERE sender <> '' GROUP BY sender;
UPDATE conversations SET
  last_modem = (SELECT modem FROM inbox WHERE id = last_inbox_id),
  last_at = max(coalesce((SELECT received_at FROM inbox WHERE id = last_inbox_id), 0),
                coalesce((SELECT created_at FROM messages WHERE id = last_message_id), 0));

-- A number's first entry starts its row with the newest message already
-- sent to it (one messages_by_destination seek); an existing row already
-- has that message, so a conflict only adds the entry.
CREATE TRIGGER conversations_inbox_insert AFTER INSERT ON inbox WHEN NEW.sender <> ''
BEGIN
  INSERT INTO conversations (number, last_at, last_inbox_id, last_message_id, last_modem, unread)
    SELECT NEW.sender, max(NEW.received_at, coalesce(m.created_at, 0)), NEW.id, m.id, NEW.modem, NEW.read_at IS NULL
    FROM (SELECT max(id) AS id FROM messages WHERE destination = NEW.sender) AS newest
    LEFT JOIN messages AS m ON m.id = newest.id
    WHERE true  -- an upsert's SELECT needs a WHERE, or ON reads as the join's
  ON CONFLICT (number) DO UPDATE SET last_at = max(last_at, NEW.received_at),
    last_inbox_id = NEW.id, last_modem = NEW.modem, unread = unread + (NEW.read_at IS NULL);
END;
-- Only a number that wrote has a row: for the rest (campaigns, OTPs) this
-- is one primary-key miss.
CREATE TRIGGER conversations_message_insert AFTER INSERT ON messages
BEGIN
  UPDATE conversations SET last_at = max(last_at, NEW.created_at), last_message_id = NEW.id
  WHERE number = NEW.destination;
END;
CREATE TRIGGER conversations_read AFTER UPDATE OF read_at ON inbox
  WHEN NEW.sender <> '' AND (OLD.read_at IS NULL) <> (NEW.read_at IS NULL)
BEGIN
  UPDATE conversations SET unread = unread + (NEW.read_at IS NULL) - (OLD.read_at IS NULL) WHERE number = NEW.sender;
END;
-- Retention: an unread entry leaves the count; when a conversation's newest
-- entry goes, the next newest of that kind takes its place, and a
-- conversation with no inbox entry left goes too (messages alone do not
-- keep it). The newest entry has the
-- largest id (AUTOINCREMENT), so "last id < the deleted id" means the
-- deleted one was the newest.
CREATE TRIGGER conversations_inbox_delete AFTER DELETE ON inbox WHEN OLD.sender <> ''
BEGIN
  UPDATE conversations SET unread = unread - (OLD.read_at IS NULL),
    last_inbox_id = CASE WHEN last_inbox_id = OLD.id
                    THEN (SELECT max(id) FROM inbox WHERE sender = OLD.sender) ELSE last_inbox_id END
  WHERE number = OLD.sender;
  UPDATE conversations SET
    last_modem = (SELECT modem FROM inbox WHERE id = last_inbox_id),
    last_at = max(coalesce((SELECT received_at FROM inbox WHERE id = last_inbox_id), 0),
                  coalesce((SELECT created_at FROM messages WHERE id = last_message_id), 0))
  WHERE number = OLD.sender AND coalesce(last_inbox_id, 0) < OLD.id;
  DELETE FROM conversations WHERE number = OLD.sender AND last_inbox_id IS NULL;
END;
CREATE TRIGGER conversations_message_delete AFTER DELETE ON messages
BEGIN
  UPDATE conversations SET
    last_message_id = (SELECT max(id) FROM messages WHERE destination = OLD.destination)
  WHERE number = OLD.destination AND last_message_id = OLD.id;
  UPDATE conversations SET
    last_at = max(coalesce((SELECT received_at FROM inbox WHERE id = last_inbox_id), 0),
                  coalesce((SELECT created_at FROM messages WHERE id = last_message_id), 0))
  WHERE number = OLD.destination AND coalesce(last_message_id, 0) < OLD.id;
END;
)sql";


// Version 17: the message-state webhook trigger goes; SqliteWebhooks
// creates it again, at open and whenever subscriptions change, only while
// an enabled endpoint subscribes to a message-state event (webhooks_sql.h
// says why). Subscriptions written by another program than tellald take
// effect at tellald's next start.
constexpr const char* kSchemaV17 = R"sql(
DROP TRIGGER webhook_message_state;
)sql";


// Version 18: indexes for retention's webhook purge (retention_sql.h):
// finished deliveries by when they finished, events by when they occurred,
// and deliveries by event, so an event with none left is found by a seek.
constexpr const char* kSchemaV18 = R"sql(
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (finished_at) WHERE state <> 'pending';
CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_id);
CREATE INDEX webhook_events_by_time ON webhook_events (occurred_at);
)sql";


// Version 19: Kannel dlr-url calls join the durable outbox (dlr_calls.h).
// A call is a dlr_calls row written by a trigger in the same transaction as
// the message's state change; the URL is expanded from the message row when
// the call is made. The trigger's CASE is Service's old DlrTypeFor, Kannel's
// DLR types: sent 8 (delivered to SMSC), delivered 1, failed or expired 2
// (not delivered to the phone) once the SMSC had it, else 16 (not delivered
// to the SMSC), cancelled and suppressed 16; the dlr-mask is a bit test.
// Its WHEN tests dlr_url first, so a message without a dlr-url (nearly all)
// pays one column test per state change; the mask test sits in the WHEN too.
// The CASEs are written out again in the INSERT because a trigger cannot use
// a CTE and a subquery in FROM would compile an ephemeral table into every
// UPDATE of messages.state (schema_test checks that none does). state_at,
// also the first due time, is the state's own timestamp column, which every
// transition into these states sets; created_at is when the row was written.
// The CHECKs are OR chains, not IN lists, for the reason version 13 gives:
// an IN list compiles an ephemeral table into every statement that writes
// the table, here the message UPDATEs that fire the trigger.
constexpr const char* kSchemaV19 = R"sql(
CREATE TABLE dlr_calls (
  id              INTEGER PRIMARY KEY,
  message_id      INTEGER NOT NULL,  -- no REFERENCES: retention may purge the message first
  dlr_type        INTEGER NOT NULL CHECK (dlr_type = 1 OR dlr_type = 2 OR dlr_type = 8 OR dlr_type = 16),
  answer          TEXT NOT NULL,     -- %A: the error text, or the state's name
  state_at        INTEGER NOT NULL,  -- %t %T: when the message reached the state
  state           TEXT NOT NULL CHECK (state = 'pending' OR state = 'done' OR state = 'failed'),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_status     INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  finished_at     INTEGER
);
-- The runner's query: pending calls by due time, oldest first; and, per
-- message, whether an earlier call is still pending.
CREATE INDEX dlr_calls_due ON dlr_calls (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX dlr_calls_pending_by_message ON dlr_calls (message_id, id) WHERE state = 'pending';
-- Retention: finished calls by when they finished.
CREATE INDEX dlr_calls_finished ON dlr_calls (finished_at) WHERE state <> 'pending';
CREATE TRIGGER dlr_call_on_state AFTER UPDATE OF state ON messages
  WHEN NEW.dlr_url IS NOT NULL AND NEW.state <> OLD.state
   AND (NEW.dlr_mask & CASE NEW.state
                         WHEN 'sent' THEN 8
                         WHEN 'delivered' THEN 1
                         WHEN 'failed' THEN CASE WHEN NEW.sent_at IS NULL THEN 16 ELSE 2 END
                         WHEN 'expired' THEN CASE WHEN NEW.sent_at IS NULL THEN 16 ELSE 2 END
                         WHEN 'cancelled' THEN 16
                         WHEN 'suppressed' THEN 16
                         ELSE 0
                       END) <> 0
BEGIN
  INSERT INTO dlr_calls (message_id, dlr_type, answer, state_at, state, next_attempt_at, created_at)
    VALUES (NEW.id,
            CASE NEW.state
              WHEN 'sent' THEN 8
              WHEN 'delivered' THEN 1
              WHEN 'failed' THEN CASE WHEN NEW.sent_at IS NULL THEN 16 ELSE 2 END
              WHEN 'expired' THEN CASE WHEN NEW.sent_at IS NULL THEN 16 ELSE 2 END
              ELSE 16
            END,
            coalesce(NEW.error_text, NEW.state),
            coalesce(CASE NEW.state
                       WHEN 'sent' THEN NEW.sent_at
                       WHEN 'delivered' THEN NEW.delivered_at
                       WHEN 'failed' THEN NEW.failed_at
                       WHEN 'expired' THEN NEW.expired_at
                       WHEN 'cancelled' THEN NEW.cancelled_at
                       WHEN 'suppressed' THEN NEW.suppressed_at
                     END, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)),
            'pending',
            coalesce(CASE NEW.state
                       WHEN 'sent' THEN NEW.sent_at
                       WHEN 'delivered' THEN NEW.delivered_at
                       WHEN 'failed' THEN NEW.failed_at
                       WHEN 'expired' THEN NEW.expired_at
                       WHEN 'cancelled' THEN NEW.cancelled_at
                       WHEN 'suppressed' THEN NEW.suppressed_at
                     END, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)),
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
)sql";

// Version 20: the dashboard's hourly counts (GET /api/v1/stats) range over
// the times messages were delivered and failed. Partial indexes, so a queued
// or sent message, which has neither time, adds no entry; each arrives with
// the report or failure that sets its time. Sends are counted from send_log,
// whose key starts with sent_at: an index on messages.sent_at would cost
// every send an index insert (daemon_bench: +0.02-0.04 ms of CPU and +2 KB
// written per message).
constexpr const char* kSchemaV20 = R"sql(
CREATE INDEX messages_by_delivered ON messages (delivered_at) WHERE delivered_at IS NOT NULL;
CREATE INDEX messages_by_failed ON messages (failed_at) WHERE failed_at IS NOT NULL;
)sql";

// Version 21: messages_due (queued rows by not_before) goes. messages_queue
// holds the same rows keyed by (pinned_modem, priority, not_before, id), so
// NextDue and the quiet-hours hold seek it once per (pinned modem,
// priority) group instead (outbound_queue_sql.h). Every insert, claim and
// requeue changed one b-tree fewer: daemon_bench, about 1.2 KB less
// written per message sent.
constexpr const char* kSchemaV21 = R"sql(
DROP INDEX messages_due;
)sql";

}  // namespace

Status ConfigureConnection(Database& db, const ConnectionOptions& options) {
  // busy_timeout first: switching to WAL needs a lock another process may hold.
  Status s = db.Exec("PRAGMA busy_timeout = " + std::to_string(options.busy_timeout_ms));
  if (!s) return s;
  // Before the switch to WAL, which writes the first page of a new file:
  // from then on the size is fixed. On an existing file SQLite ignores it.
  s = db.Exec("PRAGMA page_size = " + std::to_string(options.new_database_page_size));
  if (!s) return s;
  {
    auto q = db.Query("PRAGMA journal_mode = WAL");
    if (!q) return q.error();
    auto row = q->Step();
    if (!row) return row.error();
    const std::string mode = *row ? q->ColumnText(0) : std::string();
    if (mode != "wal" && mode != "memory") {
      return Error::IoError("PRAGMA journal_mode = WAL: the database stayed in '" + mode + "' mode");
    }
  }
  s = db.Exec(options.synchronous_full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
  if (!s) return s;
  // The WAL policy (schema.h). PRAGMAs take no bound parameters; the values
  // are our own integers.
  auto page_size = QueryOne<int64_t>(db, "PRAGMA page_size");
  if (!page_size) return page_size.error();
  if (!*page_size || **page_size < 512) return Error::Corruption("PRAGMA page_size: no usable answer");
  const int64_t checkpoint_pages = std::max<int64_t>(1, options.wal_autocheckpoint_bytes / **page_size);
  s = db.Exec("PRAGMA wal_autocheckpoint = " + std::to_string(checkpoint_pages));
  if (!s) return s;
  {
    // journal_size_limit answers with the limit it set.
    auto q = db.Query("PRAGMA journal_size_limit = " + std::to_string(options.wal_size_limit_bytes));
    if (!q) return q.error();
    auto row = q->Step();
    if (!row) return row.error();
  }
  // Savepoints (every store call inside a group commit is one) journal the
  // pages they change; on the default temp_store that journal is a file in
  // /var/tmp, written for every dispatched message. Its pages are a few per
  // savepoint, released at once, so memory is the right place.
  s = db.Exec("PRAGMA temp_store = MEMORY");
  if (!s) return s;
  return db.Exec("PRAGMA foreign_keys = ON");
}


const std::vector<Migration>& StoreMigrations() {
  static const std::vector<Migration> migrations = {{1, kSchemaV1},         {2, kSchemaV2},           {3, kSchemaV3},
                                                    {4, kSchemaV4},         {5, kSchemaV5},           {6, kSchemaV6},
                                                    {7, kSchemaV7.c_str()}, {8, kSchemaV8},           {9, kSchemaV9},
                                                    {10, kSchemaV10},       {11, kSchemaV11.c_str()}, {12, kSchemaV12},
                                                    {13, kSchemaV13.c_str()}, {14, kSchemaV14},       {15, kSchemaV15},
                                                    {16, kSchemaV16},
                                                    {17, kSchemaV17},
                                                    {18, kSchemaV18},
                                                    {19, kSchemaV19},
                                                    {20, kSchemaV20},
                                                    {21, kSchemaV21}};
  return migrations;
}

Result<int> SchemaVersion(Database& db) {
  auto q = db.Query("PRAGMA user_version");
  if (!q) return q.error();
  auto row = q->Step();
  if (!row) return row.error();
  if (!*row) return Error::Corruption("PRAGMA user_version: no row");
  return static_cast<int>(q->ColumnInt64(0));
}

namespace {

// Migrate's steps, in one transaction, with foreign keys off (see Migrate).
Status ApplySteps(Database& db, const std::vector<Migration>& migrations, int latest) {
  auto tx = Transaction::Begin(db);
  if (!tx) return Wrap("migrate", tx.error());
  // Read the version inside the write transaction so two processes opening
  // the same file cannot both apply the same step.
  auto current = SchemaVersion(db);
  if (!current) return Wrap("migrate", current.error());
  if (*current > latest) {
    return Error::NotSupported("migrate: the database has schema version " + std::to_string(*current) +
                               ", newer than this tellal's " + std::to_string(latest));
  }
  if (*current == latest) return Status::Ok();  // the guard rolls back the empty transaction
  for (const Migration& m : migrations) {
    if (m.version <= *current) continue;
    Status s = db.Exec(m.sql);
    if (!s) return Wrap("migrate to version " + std::to_string(m.version), s.error());
  }
  {
    auto dangling = db.Query("PRAGMA foreign_key_check");
    if (!dangling) return Wrap("migrate", dangling.error());
    auto row = dangling->Step();
    if (!row) return Wrap("migrate", row.error());
    if (*row) {
      return Error::Corruption("migrate: a row of " + dangling->ColumnText(0) + " refers to a missing row of " +
                               dangling->ColumnText(2));
    }
  }
  // PRAGMA takes no bound parameters; the value is our own integer.
  Status s = db.Exec("PRAGMA user_version = " + std::to_string(latest));
  if (!s) return Wrap("migrate", s.error());
  s = tx->Commit();
  if (!s) return Wrap("migrate", s.error());
  return Status::Ok();
}

}  // namespace

Status Migrate(Database& db, const std::vector<Migration>& migrations) {
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return Error::Internal("migrations: step " + std::to_string(i) + " has version " +
                             std::to_string(migrations[i].version) + ", expected " + std::to_string(i + 1));
    }
  }
  // A step may rebuild a table that others reference (SQLite's documented
  // way to change a constraint), which needs foreign keys off; the steps
  // end with foreign_key_check, so nothing dangles. The pragma is a no-op
  // inside a transaction, so it is switched around it.
  auto enforced = QueryOne<bool>(db, "PRAGMA foreign_keys");
  if (!enforced) return Wrap("migrate", enforced.error());
  const bool restore = enforced->value_or(false);
  Status s = db.Exec("PRAGMA foreign_keys = OFF");
  if (!s) return Wrap("migrate", s.error());
  Status applied = ApplySteps(db, migrations, latest);
  if (restore) {
    s = db.Exec("PRAGMA foreign_keys = ON");
    if (!s && applied) return Wrap("migrate", s.error());
  }
  return applied;
}

}  // namespace tellal::store
