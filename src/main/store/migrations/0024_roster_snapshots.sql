-- Roster snapshots (directory CSVs named YYYY-MM.csv) and whom each one lists, so that departures
-- are derived across imports: a snapshot imported later is compared with those already stored
-- (src/main/ingest/departures.ts). A re-imported file's rows are replaced like its other facts.
CREATE TABLE roster_snapshots (
  file_id INTEGER PRIMARY KEY REFERENCES import_files(id),
  month   TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]')
) STRICT;
CREATE INDEX roster_snapshots_month ON roster_snapshots (month);

CREATE TABLE roster_snapshot_members (
  file_id   INTEGER NOT NULL REFERENCES roster_snapshots(file_id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  -- The first line that lists the person (for the departure's explanation).
  line      INTEGER NOT NULL,
  PRIMARY KEY (file_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX roster_snapshot_members_person ON roster_snapshot_members (person_id);
