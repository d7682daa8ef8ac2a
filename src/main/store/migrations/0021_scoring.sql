-- Derived scoring data. Everything here is recomputed from activities, external alerts, HR events,
-- settings and policies by a full re-score, and per person and day by the incremental one.

-- Daily counts per person and count-measured indicator (reference/indicators.md), classified with
-- the domain lists, organisation domains and exclusions in force when they were computed.
-- day = UTC days since the epoch.
CREATE TABLE indicator_days (
  person_id INTEGER NOT NULL REFERENCES persons(id),
  day       INTEGER NOT NULL,
  indicator TEXT NOT NULL,
  count     INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (person_id, day, indicator)
) STRICT, WITHOUT ROWID;

-- Per person and day: how many activities (baseline maturity), and the local hours with a logon as a
-- bitmask (bit = 24 × workday + hour) so the rolling "usual hours" baseline needs no raw rows.
CREATE TABLE person_days (
  person_id   INTEGER NOT NULL REFERENCES persons(id),
  day         INTEGER NOT NULL,
  activities  INTEGER NOT NULL CHECK (activities >= 0),
  logon_hours INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (person_id, day)
) STRICT, WITHOUT ROWID;

-- Who logged on to which device on which day (device owners and usual devices for foreign-device logons).
CREATE TABLE device_days (
  device    TEXT NOT NULL,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  day       INTEGER NOT NULL,
  PRIMARY KEY (device, person_id, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX device_days_person ON device_days (person_id, day);

-- Logons counted as after-hours or foreign-device logons (the explanation lists them as events).
CREATE TABLE flagged_logons (
  person_id   INTEGER NOT NULL REFERENCES persons(id),
  day         INTEGER NOT NULL,
  indicator   TEXT NOT NULL CHECK (indicator IN ('after_hours_logon', 'foreign_device_logon')),
  activity_id INTEGER NOT NULL,
  PRIMARY KEY (person_id, day, indicator, activity_id)
) STRICT, WITHOUT ROWID;

-- Sequence steps (collection, exfiltration, obfuscation, clean-up rows with a file name), so the
-- incremental run links new rows with earlier steps without re-reading earlier activities.
-- categories: 1 collection, 2 exfiltration, 4 obfuscation, 8 clean-up (a row can be several).
CREATE TABLE sequence_steps (
  person_id   INTEGER NOT NULL REFERENCES persons(id),
  day         INTEGER NOT NULL,
  time        INTEGER NOT NULL,
  activity_id INTEGER NOT NULL,
  file        TEXT NOT NULL,
  categories  INTEGER NOT NULL CHECK (categories BETWEEN 1 AND 15),
  PRIMARY KEY (person_id, day, activity_id)
) STRICT, WITHOUT ROWID;

-- Sequences completed per person and day: files whose collection → (obfuscation) → exfiltration →
-- (clean-up) steps, linked by file name, happened within the sequence span; long = 3+ step kinds.
CREATE TABLE sequence_days (
  person_id  INTEGER NOT NULL REFERENCES persons(id),
  day        INTEGER NOT NULL,
  files      INTEGER NOT NULL CHECK (files > 0),
  long_files INTEGER NOT NULL CHECK (long_files >= 0),
  PRIMARY KEY (person_id, day)
) STRICT, WITHOUT ROWID;

-- Every person in scope of a policy (the Users page): the trigger, the window, the current score and
-- the indicator closest to its threshold, so "why is there no alert?" always has an answer.
CREATE TABLE policy_persons (
  policy_id        INTEGER NOT NULL REFERENCES policies(id),
  person_id        INTEGER NOT NULL REFERENCES persons(id),
  trigger_kind     TEXT NOT NULL CHECK (trigger_kind IN ('departure', 'dlpAlert', 'exfiltration', 'hrStressor', 'securityAlert', 'securityActivity', 'manual')),
  trigger_time     INTEGER NOT NULL,
  trigger_summary  TEXT NOT NULL,
  triggers         INTEGER NOT NULL CHECK (triggers > 0),
  window_start_day INTEGER NOT NULL,
  window_end_day   INTEGER NOT NULL,
  score            INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  alert_threshold  INTEGER NOT NULL,
  top_day          INTEGER,
  nearest_indicator TEXT,
  nearest_count    INTEGER,
  nearest_threshold INTEGER,
  scored_at        INTEGER NOT NULL,
  PRIMARY KEY (policy_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX policy_persons_person ON policy_persons (person_id);
CREATE INDEX policy_persons_score ON policy_persons (score);

-- Scoring runs (full or incremental) and whether settings or policies changed since the last full one.
CREATE TABLE scoring_runs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
  state       TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
  started_at  INTEGER NOT NULL,
  finished_at INTEGER,
  persons     INTEGER NOT NULL DEFAULT 0,
  alerts_created INTEGER NOT NULL DEFAULT 0,
  alerts_updated INTEGER NOT NULL DEFAULT 0,
  alerts_removed INTEGER NOT NULL DEFAULT 0,
  error       TEXT
) STRICT;
CREATE INDEX scoring_runs_started ON scoring_runs (started_at);

-- needs_full: settings changed, every derived table must be recomputed; needs_policies: a policy
-- changed, every policy must be re-scored from the derived tables.
CREATE TABLE scoring_state (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  needs_full     INTEGER NOT NULL CHECK (needs_full IN (0, 1)),
  needs_policies INTEGER NOT NULL CHECK (needs_policies IN (0, 1)),
  reason         TEXT,
  changed_at     INTEGER NOT NULL
) STRICT;
INSERT INTO scoring_state (id, needs_full, needs_policies, reason, changed_at) VALUES (1, 1, 1, 'never scored', 0);
