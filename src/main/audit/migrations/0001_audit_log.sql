-- The tamper-evident audit log, in its own database file (audit.sqlite) so that long imports holding
-- the main database's write lock never delay it. Append-only and hash-chained:
-- hash_n = SHA-256(hash_{n-1} || JCS(entry_n)).
CREATE TABLE audit_log (
  sequence    INTEGER PRIMARY KEY,
  time        INTEGER NOT NULL,
  actor_id    INTEGER,
  actor       TEXT NOT NULL,
  role_groups TEXT NOT NULL,
  category    TEXT NOT NULL,
  action      TEXT NOT NULL,
  targets     TEXT NOT NULL,
  before      TEXT,
  after       TEXT,
  result      TEXT NOT NULL CHECK (result IN ('success', 'failure', 'denied', 'warning')),
  reason      TEXT,
  app_version TEXT NOT NULL,
  hash        TEXT NOT NULL,
  -- HMAC-SHA256 of hash under a key derived from the workstation key (kept outside the database):
  -- recomputing the chain without the key is detected at the first changed entry.
  mac         TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_category_time ON audit_log (category, time);
CREATE INDEX audit_log_actor_time ON audit_log (actor, time);
CREATE INDEX audit_log_time ON audit_log (time);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Facts of the log itself (the random genesis value the chain starts from).
CREATE TABLE audit_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
