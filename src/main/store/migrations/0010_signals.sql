-- Signals in: imports and their files (provenance), HR events, activities, external alerts.
-- Every stored fact points back to the import file (name, size, SHA-256) and line it came from.
CREATE TABLE imports (
  id          INTEGER PRIMARY KEY,
  format      TEXT NOT NULL CHECK (format IN ('hr', 'directory', 'm365', 'alerts', 'cert', 'content')),
  source      TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
  on_error    TEXT NOT NULL CHECK (on_error IN ('stop', 'skip')),
  account_id  INTEGER REFERENCES accounts(id),
  started_at  INTEGER NOT NULL,
  finished_at INTEGER,
  rows        INTEGER NOT NULL DEFAULT 0,
  accepted    INTEGER NOT NULL DEFAULT 0,
  rejected    INTEGER NOT NULL DEFAULT 0,
  persons     INTEGER NOT NULL DEFAULT 0,
  error       TEXT,
  rejects_path TEXT
) STRICT;
CREATE INDEX imports_started ON imports (started_at);

CREATE TABLE import_files (
  id        INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  name      TEXT NOT NULL,
  size      INTEGER NOT NULL,
  sha256    TEXT NOT NULL,
  format    TEXT NOT NULL,
  rows      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX import_files_sha256 ON import_files (sha256);
CREATE INDEX import_files_import ON import_files (import_id);

-- Where each person's attributes came from (the roster or HR profile row that last set them).
ALTER TABLE persons ADD COLUMN file_id INTEGER REFERENCES import_files(id);
ALTER TABLE persons ADD COLUMN line INTEGER;

-- HR events are triggers (DOMAIN.md §3): resignation, termination, departure derived from rosters,
-- job level change, performance review, improvement plan.
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
  file_id           INTEGER NOT NULL REFERENCES import_files(id),
  line              INTEGER NOT NULL
) STRICT;
CREATE INDEX hr_events_person_time ON hr_events (person_id, time);
CREATE INDEX hr_events_file ON hr_events (file_id);

-- One row per observed activity. kind is the normalised operation (see src/shared/signals.ts);
-- category is one of DOMAIN.md §3; domain is the web/e-mail/share domain that category lists match.
CREATE TABLE activities (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES persons(id),
  time        INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  category    TEXT NOT NULL CHECK (category IN
    ('Access', 'Collection', 'Exfiltration', 'Obfuscation', 'Deletion', 'Infiltration', 'Security')),
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
CREATE INDEX activities_file ON activities (file_id);

-- DLP matches and endpoint security alerts from other tools.
CREATE TABLE external_alerts (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER REFERENCES persons(id),
  time        INTEGER NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('dlp', 'security')),
  external_id TEXT,
  title       TEXT,
  category    TEXT,
  severity    TEXT NOT NULL CHECK (severity IN ('informational', 'low', 'medium', 'high')),
  status      TEXT,
  device      TEXT,
  policy_name TEXT,
  withdrawn   INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
  file_id     INTEGER NOT NULL REFERENCES import_files(id),
  line        INTEGER NOT NULL
) STRICT;
CREATE INDEX external_alerts_person_time ON external_alerts (person_id, time);
CREATE INDEX external_alerts_file ON external_alerts (file_id);
