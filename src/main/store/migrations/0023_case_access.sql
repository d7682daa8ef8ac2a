-- Case contributors (DOMAIN.md §1): accounts added to one case may read it and add notes, nothing else.
CREATE TABLE case_contributors (
  case_id    INTEGER NOT NULL REFERENCES cases(id),
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  added_by   INTEGER NOT NULL REFERENCES accounts(id),
  added_at   INTEGER NOT NULL,
  PRIMARY KEY (case_id, account_id)
) STRICT;
CREATE INDEX case_contributors_account ON case_contributors (account_id);

-- Case notes are append-only (DOMAIN.md §7): no edit, no delete.
CREATE TABLE case_notes (
  id         INTEGER PRIMARY KEY,
  case_id    INTEGER NOT NULL REFERENCES cases(id),
  author_id  INTEGER NOT NULL REFERENCES accounts(id),
  kind       TEXT NOT NULL CHECK (kind IN ('note', 'confirmation', 'notice', 'escalation', 'resolution', 'contributor')),
  text       TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX case_notes_case ON case_notes (case_id, id);
CREATE TRIGGER case_notes_no_update BEFORE UPDATE ON case_notes
BEGIN
  SELECT RAISE(ABORT, 'case notes are append-only');
END;
CREATE TRIGGER case_notes_no_delete BEFORE DELETE ON case_notes
BEGIN
  SELECT RAISE(ABORT, 'case notes are append-only');
END;
