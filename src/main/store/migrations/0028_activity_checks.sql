-- The same rules for activities, written as comparisons. SQLite evaluates a CHECK (x IN (…)) list
-- by filling a temporary index with the list for every row written (EXPLAIN shows OpenEphemeral and
-- one IdxInsert per value): on activities, millions of rows per import, that was about 40% of the
-- import's merge. SQLite cannot change a constraint in place, so the table is rebuilt; ids, rows and
-- the (person_id, time) index stay as they were. Nothing references activities by foreign key.
CREATE TABLE activities_new (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES persons(id),
  time        INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  category    TEXT NOT NULL CHECK (category = 'Access' OR category = 'Collection' OR category = 'Exfiltration'
    OR category = 'Obfuscation' OR category = 'Deletion' OR category = 'Infiltration' OR category = 'Security'),
  operation   TEXT,
  device      TEXT,
  target      TEXT,
  domain      TEXT,
  recipients  TEXT,
  external    INTEGER CHECK (external BETWEEN 0 AND 1),
  size        INTEGER,
  attachments INTEGER,
  detail      TEXT,
  file_id     INTEGER NOT NULL REFERENCES import_files(id),
  line        INTEGER NOT NULL
) STRICT;
INSERT INTO activities_new (id, person_id, time, kind, category, operation, device, target, domain, recipients, external, size,
  attachments, detail, file_id, line)
SELECT id, person_id, time, kind, category, operation, device, target, domain, recipients, external, size, attachments, detail,
  file_id, line
FROM activities ORDER BY id;
DROP TABLE activities;
ALTER TABLE activities_new RENAME TO activities;
CREATE INDEX activities_person_time ON activities (person_id, time);
