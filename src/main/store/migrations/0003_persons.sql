-- Monitored persons: an opaque integer id (what leaves the backend) and the stable key (lower-cased
-- UPN/e-mail), and every identifier that resolves to them.
CREATE TABLE persons (
  id            INTEGER PRIMARY KEY,
  key           TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  email         TEXT,
  department    TEXT,
  business_unit TEXT,
  region        TEXT,
  country       TEXT,
  language      TEXT,
  title         TEXT,
  manager_id    INTEGER REFERENCES persons(id) DEFERRABLE INITIALLY DEFERRED,
  employment_start INTEGER,
  employment_end   INTEGER,
  created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX persons_region ON persons (region);
CREATE INDEX persons_country ON persons (country);
CREATE INDEX persons_business_unit ON persons (business_unit);
CREATE INDEX persons_department ON persons (department);

CREATE TABLE person_identifiers (
  kind      TEXT NOT NULL CHECK (kind IN ('email', 'upn', 'userId', 'samAccountName', 'alias', 'displayName')),
  value     TEXT NOT NULL COLLATE NOCASE,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  PRIMARY KEY (kind, value)
) STRICT;
CREATE INDEX person_identifiers_person ON person_identifiers (person_id);

-- Named sets of persons: priority user groups (with who may see their members) and pilot groups.
CREATE TABLE person_groups (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  kind TEXT NOT NULL CHECK (kind IN ('priority', 'pilot'))
) STRICT;
CREATE TABLE person_group_members (
  group_id  INTEGER NOT NULL REFERENCES person_groups(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  PRIMARY KEY (group_id, person_id)
) STRICT;
CREATE INDEX person_group_members_person ON person_group_members (person_id);
-- Who may view members of a priority group: an account or a whole role group.
CREATE TABLE person_group_viewers (
  group_id   INTEGER NOT NULL REFERENCES person_groups(id),
  account_id INTEGER REFERENCES accounts(id),
  role_group TEXT,
  CHECK ((account_id IS NULL) <> (role_group IS NULL))
) STRICT;
CREATE INDEX person_group_viewers_group ON person_group_viewers (group_id);
