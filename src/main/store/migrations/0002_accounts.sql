-- Local accounts. Never deleted, only locked, so audit entries always resolve to a name.
CREATE TABLE accounts (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash   TEXT NOT NULL,
  password_salt   TEXT NOT NULL,
  locked          INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    INTEGER,
  created_at      INTEGER NOT NULL,
  last_sign_in_at INTEGER
) STRICT;

CREATE TABLE account_role_groups (
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  role_group TEXT NOT NULL CHECK (role_group IN
    ('InsiderRiskManagement', 'Admins', 'Analysts', 'Investigators', 'Auditors', 'Approvers')),
  PRIMARY KEY (account_id, role_group)
) STRICT;

-- An account limited to values of a person attribute; no rows means unrestricted.
CREATE TABLE account_scopes (
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  attribute  TEXT NOT NULL CHECK (attribute IN ('region', 'country', 'businessUnit', 'department')),
  value      TEXT NOT NULL,
  PRIMARY KEY (account_id, attribute, value)
) STRICT;
