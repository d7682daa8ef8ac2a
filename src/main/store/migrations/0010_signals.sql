-- Signals in: imports and their files (provenance), HR events, activities, external alerts.
-- Every stored fact points back to the import file (name, size, SHA-256) and line it came from.
-- Facts are written only by the one short merge transaction at the end of an import
-- (src/main/ingest/README.md), so an import is all or nothing.
CREATE TABLE imports (
  id          INTEGER PRIMARY KEY,
  -- 'mixed' when one folder held several formats (e.g. a simulator output folder).
  format      TEXT NOT NULL CHECK (format IN ('hr', 'directory', 'm365', 'alerts', 'cert', 'content', 'mixed')),
  -- JSON array of the paths as chosen.
  source      TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
  on_error    TEXT NOT NULL CHECK (on_error IN ('stop', 'skip')),
  format_override TEXT CHECK (format_override IN ('hr', 'directory', 'm365', 'alerts', 'cert', 'content')),
  reimport    INTEGER NOT NULL DEFAULT 0 CHECK (reimport IN (0, 1)),
  utc_offset_minutes INTEGER NOT NULL DEFAULT 0,
  account_id  INTEGER REFERENCES accounts(id),
  started_at  INTEGER NOT NULL,
  finished_at INTEGER,
  rows        INTEGER NOT NULL DEFAULT 0,
  accepted    INTEGER NOT NULL DEFAULT 0,
  rejected    INTEGER NOT NULL DEFAULT 0,
  ignored     INTEGER NOT NULL DEFAULT 0,
  persons     INTEGER NOT NULL DEFAULT 0,
  persons_created INTEGER NOT NULL DEFAULT 0,
  error       TEXT,
  rejects_path TEXT,
  -- The private staging database of a running import; removed when it ends or at the next start.
  staging_path TEXT,
  -- The process running the import: a `running` row whose process is gone was interrupted.
  pid         INTEGER,
  retry_of    INTEGER REFERENCES imports(id),
  -- How long the merge transaction held the write lock.
  merge_ms    INTEGER,
  -- Diagnostics (JSON): wall and CPU milliseconds per phase of the job.
  timings     TEXT
) STRICT;
CREATE INDEX imports_started ON imports (started_at);
CREATE INDEX imports_state ON imports (state);

CREATE TABLE import_files (
  id        INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  name      TEXT NOT NULL,
  path      TEXT NOT NULL,
  size      INTEGER NOT NULL,
  sha256    TEXT NOT NULL,
  format    TEXT NOT NULL CHECK (format IN ('hr', 'directory', 'm365', 'alerts', 'cert', 'content')),
  layout    TEXT NOT NULL,
  -- imported: its rows are stored; duplicate: skipped because the same SHA-256 was imported before;
  -- notImported: its import failed, was cancelled or interrupted; replaced: a later re-import took its place.
  status    TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'imported', 'duplicate', 'notImported', 'replaced')),
  duplicate_of INTEGER REFERENCES import_files(id),
  rows      INTEGER NOT NULL DEFAULT 0,
  accepted  INTEGER NOT NULL DEFAULT 0,
  rejected  INTEGER NOT NULL DEFAULT 0,
  -- The file's activities are the contiguous id range first..last (the merge inserts them in file
  -- order), so "rows of this file" is a rowid range scan and activities need no file_id index.
  first_activity_id INTEGER,
  last_activity_id  INTEGER
) STRICT;
CREATE INDEX import_files_sha256 ON import_files (sha256, status);
CREATE INDEX import_files_import ON import_files (import_id);

-- Row and file problems of an import (the first ones; imports.rejected has the total).
CREATE TABLE import_problems (
  import_id INTEGER NOT NULL REFERENCES imports(id),
  sequence  INTEGER NOT NULL,
  severity  TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
  file      TEXT NOT NULL,
  line      INTEGER,
  field     TEXT,
  reason    TEXT NOT NULL,
  PRIMARY KEY (import_id, sequence)
) STRICT;

-- Where each person's attributes came from (the roster or HR profile row that last set them).
ALTER TABLE persons ADD COLUMN file_id INTEGER REFERENCES import_files(id);
ALTER TABLE persons ADD COLUMN line INTEGER;

-- Attributes without a column of their own: extra HR profile and roster columns, CERT psychometric scores.
CREATE TABLE person_attributes (
  person_id INTEGER NOT NULL REFERENCES persons(id),
  name      TEXT NOT NULL,
  value     TEXT NOT NULL,
  file_id   INTEGER NOT NULL REFERENCES import_files(id),
  line      INTEGER NOT NULL,
  PRIMARY KEY (person_id, name)
) STRICT;

-- HR events are triggers (DOMAIN.md §3): resignation, termination, departure derived from rosters,
-- job level change, performance review, improvement plan. A departure derived from roster snapshots
-- points at the first snapshot that no longer lists the person, line 0 (the whole file).
CREATE TABLE hr_events (
  id                INTEGER PRIMARY KEY,
  person_id         INTEGER NOT NULL REFERENCES persons(id),
  kind              TEXT NOT NULL CHECK (kind IN
    ('resignation', 'termination', 'departure', 'jobLevelChange', 'performanceReview', 'improvementPlan')),
  time              INTEGER NOT NULL,
  last_working_time INTEGER,
  old_level         TEXT,
  new_level         TEXT,
  demotion          INTEGER CHECK (demotion IN (0, 1)),
  rating            TEXT,
  poor_rating       INTEGER CHECK (poor_rating IN (0, 1)),
  remarks           TEXT,
  derived_from_roster INTEGER NOT NULL DEFAULT 0 CHECK (derived_from_roster IN (0, 1)),
  -- Extra columns of the source row (JSON object), kept as the event's attributes.
  detail            TEXT,
  file_id           INTEGER NOT NULL REFERENCES import_files(id),
  line              INTEGER NOT NULL
) STRICT;
CREATE INDEX hr_events_person_time ON hr_events (person_id, time);
CREATE INDEX hr_events_file ON hr_events (file_id);

-- One row per observed activity. kind is the normalised operation (see src/shared/signals.ts);
-- category is one of DOMAIN.md §3; operation is the source's own name for it (e.g. FileDownloaded,
-- WWW Upload); domain is the web/e-mail/share domain that category lists match; external is 1 when
-- a recipient or link is outside the organisation's domains (NULL when not applicable or unknown).
CREATE TABLE activities (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES persons(id),
  time        INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  category    TEXT NOT NULL CHECK (category IN
    ('Access', 'Collection', 'Exfiltration', 'Obfuscation', 'Deletion', 'Infiltration', 'Security')),
  operation   TEXT,
  device      TEXT,
  target      TEXT,
  domain      TEXT,
  recipients  TEXT,
  external    INTEGER CHECK (external IN (0, 1)),
  size        INTEGER,
  attachments INTEGER,
  detail      TEXT,
  file_id     INTEGER NOT NULL REFERENCES import_files(id),
  line        INTEGER NOT NULL
) STRICT;
CREATE INDEX activities_person_time ON activities (person_id, time);

-- DLP matches and endpoint security alerts from other tools. person_id is NULL when the alert's
-- account matches no known person (account keeps what the source said).
CREATE TABLE external_alerts (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER REFERENCES persons(id),
  account     TEXT,
  time        INTEGER NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('dlp', 'security')),
  service_source TEXT,
  external_id TEXT,
  title       TEXT,
  category    TEXT,
  severity    TEXT NOT NULL CHECK (severity IN ('informational', 'low', 'medium', 'high')),
  status      TEXT,
  device      TEXT,
  target      TEXT,
  policy_id   TEXT,
  policy_name TEXT,
  rule_name   TEXT,
  -- A DLP match withdrawn by a later DlpRuleUndo of the same object and policy.
  withdrawn   INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
  withdrawn_time INTEGER,
  file_id     INTEGER NOT NULL REFERENCES import_files(id),
  line        INTEGER NOT NULL
) STRICT;
CREATE INDEX external_alerts_person_time ON external_alerts (person_id, time);
CREATE INDEX external_alerts_file ON external_alerts (file_id);
CREATE INDEX external_alerts_target ON external_alerts (target) WHERE source = 'dlp';
