-- Policies created from templates (DOMAIN.md §5). Template and name never change after creation.
-- A deleted policy keeps its row (deleted_at) so its alerts, which are kept, still name it.
CREATE TABLE policies (
  id                  INTEGER PRIMARY KEY,
  template            TEXT NOT NULL CHECK (template IN (
    'data-theft-departing-users', 'data-leaks', 'data-leaks-priority-users', 'data-leaks-risky-users',
    'security-policy-violations', 'security-policy-violations-departing-users',
    'security-policy-violations-priority-users', 'security-policy-violations-risky-users')),
  name                TEXT NOT NULL,
  description         TEXT NOT NULL DEFAULT '',
  state               TEXT NOT NULL CHECK (state IN ('active', 'paused', 'test')),
  -- People in scope: everyone, or the include rules in policy_scope_rules (exclusions apply either way).
  scope_everyone      INTEGER NOT NULL CHECK (scope_everyone IN (0, 1)),
  -- Only activity touching priority content is scored.
  priority_content_only INTEGER NOT NULL DEFAULT 0 CHECK (priority_content_only IN (0, 1)),
  trigger_dlp         INTEGER NOT NULL DEFAULT 1 CHECK (trigger_dlp IN (0, 1)),
  trigger_dlp_min_severity TEXT NOT NULL DEFAULT 'high' CHECK (trigger_dlp_min_severity IN ('low', 'medium', 'high')),
  trigger_exfiltration INTEGER NOT NULL DEFAULT 1 CHECK (trigger_exfiltration IN (0, 1)),
  trigger_exfiltration_level TEXT NOT NULL DEFAULT 'high' CHECK (trigger_exfiltration_level IN ('low', 'medium', 'high')),
  trigger_security_min_severity TEXT NOT NULL DEFAULT 'medium' CHECK (trigger_security_min_severity IN ('low', 'medium', 'high')),
  -- Security templates, opt-in: a logon to another person's device or a hacking-tool download above this level also triggers.
  trigger_security_activity INTEGER NOT NULL DEFAULT 0 CHECK (trigger_security_activity IN (0, 1)),
  trigger_security_activity_level TEXT NOT NULL DEFAULT 'low' CHECK (trigger_security_activity_level IN ('low', 'medium', 'high')),
  activation_days     INTEGER NOT NULL CHECK (activation_days BETWEEN 1 AND 30),
  past_days           INTEGER NOT NULL CHECK (past_days BETWEEN 0 AND 90),
  booster_unusual     INTEGER NOT NULL DEFAULT 1 CHECK (booster_unusual IN (0, 1)),
  booster_previous_violation INTEGER NOT NULL DEFAULT 1 CHECK (booster_previous_violation IN (0, 1)),
  booster_priority_user INTEGER NOT NULL DEFAULT 1 CHECK (booster_priority_user IN (0, 1)),
  booster_high_impact INTEGER NOT NULL DEFAULT 1 CHECK (booster_high_impact IN (0, 1)),
  sequence_detection  INTEGER NOT NULL DEFAULT 1 CHECK (sequence_detection IN (0, 1)),
  cumulative_exfiltration INTEGER NOT NULL DEFAULT 1 CHECK (cumulative_exfiltration IN (0, 1)),
  -- NULL: the global alert volume setting.
  alert_volume        TEXT CHECK (alert_volume IN ('fewer', 'default', 'more')),
  created_at          INTEGER NOT NULL,
  created_by          INTEGER REFERENCES accounts(id),
  updated_at          INTEGER NOT NULL,
  deleted_at          INTEGER
) STRICT;
CREATE UNIQUE INDEX policies_live_name ON policies (name COLLATE NOCASE) WHERE deleted_at IS NULL;
CREATE INDEX policies_template ON policies (template);
CREATE INDEX policies_state ON policies (state, deleted_at);

-- Include and exclude rules: a person group (pilot or any), an attribute value, or one person.
-- Attribute rules: values of one attribute are alternatives; different attributes must all match.
CREATE TABLE policy_scope_rules (
  id        INTEGER PRIMARY KEY,
  policy_id INTEGER NOT NULL REFERENCES policies(id),
  effect    TEXT NOT NULL CHECK (effect IN ('include', 'exclude')),
  kind      TEXT NOT NULL CHECK (kind IN ('group', 'pilot', 'attribute', 'person')),
  group_id  INTEGER REFERENCES person_groups(id),
  attribute TEXT CHECK (attribute IN ('region', 'country', 'businessUnit', 'department', 'title')),
  value     TEXT,
  person_id INTEGER REFERENCES persons(id),
  CHECK ((kind IN ('group', 'pilot')) = (group_id IS NOT NULL)),
  CHECK ((kind = 'attribute') = (attribute IS NOT NULL AND value IS NOT NULL)),
  CHECK ((kind = 'person') = (person_id IS NOT NULL))
) STRICT;
CREATE INDEX policy_scope_rules_policy ON policy_scope_rules (policy_id, effect, kind);
CREATE INDEX policy_scope_rules_group ON policy_scope_rules (group_id);

-- Priority user groups a priority template scores (none listed: every priority group).
CREATE TABLE policy_priority_groups (
  policy_id INTEGER NOT NULL REFERENCES policies(id),
  group_id  INTEGER NOT NULL REFERENCES person_groups(id),
  PRIMARY KEY (policy_id, group_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX policy_priority_groups_group ON policy_priority_groups (group_id);

-- Indicators a policy scores, with optional custom thresholds (NULL: the default setting) or
-- "above this person's usual activity for that day".
CREATE TABLE policy_indicators (
  policy_id   INTEGER NOT NULL REFERENCES policies(id),
  indicator   TEXT NOT NULL,
  low         INTEGER CHECK (low >= 1),
  medium      INTEGER CHECK (medium >= low),
  high        INTEGER CHECK (high >= medium),
  above_usual INTEGER NOT NULL DEFAULT 0 CHECK (above_usual IN (0, 1)),
  CHECK ((low IS NULL) = (medium IS NULL) AND (medium IS NULL) = (high IS NULL)),
  PRIMARY KEY (policy_id, indicator)
) STRICT, WITHOUT ROWID;

-- Priority content: file extensions, keywords (file name, path, subject) and sensitivity labels.
CREATE TABLE policy_priority_content (
  policy_id INTEGER NOT NULL REFERENCES policies(id),
  kind      TEXT NOT NULL CHECK (kind IN ('extension', 'keyword', 'label')),
  value     TEXT NOT NULL,
  PRIMARY KEY (policy_id, kind, value)
) STRICT, WITHOUT ROWID;

-- Persons added to a policy by hand for 5-30 days with a reason (skips the trigger).
CREATE TABLE policy_manual_persons (
  id         INTEGER PRIMARY KEY,
  policy_id  INTEGER NOT NULL REFERENCES policies(id),
  person_id  INTEGER NOT NULL REFERENCES persons(id),
  added_at   INTEGER NOT NULL,
  days       INTEGER NOT NULL CHECK (days BETWEEN 5 AND 30),
  until      INTEGER NOT NULL,
  reason     TEXT NOT NULL CHECK (length(reason) > 0),
  added_by   INTEGER REFERENCES accounts(id),
  removed_at INTEGER
) STRICT;
CREATE INDEX policy_manual_persons_policy ON policy_manual_persons (policy_id, person_id);
CREATE INDEX policy_manual_persons_person ON policy_manual_persons (person_id);
