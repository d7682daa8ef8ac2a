-- Cases, minimal (the cases issue extends them): one person, Active → Closed, with a resolution.
CREATE TABLE cases (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES persons(id),
  name         TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('Active', 'Closed')),
  resolution   TEXT CHECK (resolution IN ('Benign', 'ConfirmedViolation')),
  action_taken TEXT,
  created_at   INTEGER NOT NULL,
  created_by   INTEGER REFERENCES accounts(id),
  closed_at    INTEGER,
  CHECK ((status = 'Closed') = (closed_at IS NOT NULL AND resolution IS NOT NULL))
) STRICT;
CREATE INDEX cases_person ON cases (person_id, status);
CREATE INDEX cases_status ON cases (status, created_at);

-- Alerts (DOMAIN.md §6): at most one Needs review alert per person and policy, updated by new insights.
CREATE TABLE alerts (
  id             INTEGER PRIMARY KEY,
  policy_id      INTEGER NOT NULL REFERENCES policies(id),
  person_id      INTEGER NOT NULL REFERENCES persons(id),
  status         TEXT NOT NULL CHECK (status IN ('NeedsReview', 'Confirmed', 'Dismissed', 'Resolved')),
  severity       TEXT NOT NULL CHECK (severity IN ('Low', 'Medium', 'High')),
  -- 1 Low, 2 Medium, 3 High: sorts and filters by severity use the index.
  severity_rank  INTEGER NOT NULL CHECK (severity_rank BETWEEN 1 AND 3),
  score          INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  test           INTEGER NOT NULL CHECK (test IN (0, 1)),
  detected_at    INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  first_day      INTEGER NOT NULL,
  last_day       INTEGER NOT NULL,
  top_day        INTEGER NOT NULL,
  trigger_kind   TEXT NOT NULL CHECK (trigger_kind IN ('departure', 'dlpAlert', 'exfiltration', 'hrStressor', 'securityAlert', 'securityActivity', 'manual')),
  trigger_time   INTEGER NOT NULL,
  trigger_summary TEXT NOT NULL,
  trigger_hr_event_id INTEGER,
  trigger_external_alert_id INTEGER,
  rf_cumulative_exfiltration INTEGER NOT NULL DEFAULT 0 CHECK (rf_cumulative_exfiltration IN (0, 1)),
  rf_priority_content INTEGER NOT NULL DEFAULT 0 CHECK (rf_priority_content IN (0, 1)),
  rf_sequence    INTEGER NOT NULL DEFAULT 0 CHECK (rf_sequence IN (0, 1)),
  rf_unallowed_domain INTEGER NOT NULL DEFAULT 0 CHECK (rf_unallowed_domain IN (0, 1)),
  rf_priority_user INTEGER NOT NULL DEFAULT 0 CHECK (rf_priority_user IN (0, 1)),
  rf_high_impact INTEGER NOT NULL DEFAULT 0 CHECK (rf_high_impact IN (0, 1)),
  rf_unusual_activity INTEGER NOT NULL DEFAULT 0 CHECK (rf_unusual_activity IN (0, 1)),
  assignee_id    INTEGER REFERENCES accounts(id),
  dismiss_reason TEXT CHECK (dismiss_reason IN ('expectedForUser', 'notImpactful', 'tooMuchActivity')),
  dismiss_note   TEXT,
  triaged_at     INTEGER,
  triaged_by     INTEGER REFERENCES accounts(id),
  CHECK ((status = 'Dismissed') = (dismiss_reason IS NOT NULL)),
  CHECK (first_day <= top_day AND top_day <= last_day)
) STRICT;
CREATE UNIQUE INDEX alerts_one_open ON alerts (policy_id, person_id) WHERE status = 'NeedsReview';
CREATE INDEX alerts_queue_detected ON alerts (test, detected_at, id);
CREATE INDEX alerts_queue_status ON alerts (test, status, detected_at, id);
CREATE INDEX alerts_queue_severity ON alerts (test, severity_rank, detected_at, id);
CREATE INDEX alerts_queue_score ON alerts (test, score, id);
CREATE INDEX alerts_person ON alerts (person_id, test, status, severity_rank);
CREATE INDEX alerts_policy ON alerts (policy_id, status);
CREATE INDEX alerts_assignee ON alerts (assignee_id, status);

CREATE TABLE case_alerts (
  case_id  INTEGER NOT NULL REFERENCES cases(id),
  alert_id INTEGER NOT NULL UNIQUE REFERENCES alerts(id),
  added_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, alert_id)
) STRICT;

-- The explanation: each insight (an indicator crossing a threshold on a day, a sequence, cumulative
-- exfiltration) with the threshold crossed, the boosters applied and its points.
CREATE TABLE alert_insights (
  id             INTEGER PRIMARY KEY,
  alert_id       INTEGER NOT NULL REFERENCES alerts(id),
  ordinal        INTEGER NOT NULL,
  day            INTEGER NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('indicator', 'sequence', 'cumulativeExfiltration')),
  indicator      TEXT,
  count          INTEGER NOT NULL,
  level          TEXT NOT NULL CHECK (level IN ('low', 'medium', 'high')),
  threshold      INTEGER NOT NULL,
  base_points    INTEGER NOT NULL,
  boosters       TEXT NOT NULL,
  booster_factor REAL NOT NULL,
  points         INTEGER NOT NULL CHECK (points BETWEEN 0 AND 100),
  day_score      INTEGER NOT NULL CHECK (day_score BETWEEN 0 AND 100),
  unusual        INTEGER NOT NULL CHECK (unusual IN (0, 1)),
  priority_content INTEGER NOT NULL CHECK (priority_content IN (0, 1)),
  unallowed_domain INTEGER NOT NULL CHECK (unallowed_domain IN (0, 1)),
  detail         TEXT NOT NULL,
  events_total   INTEGER NOT NULL,
  UNIQUE (alert_id, ordinal)
) STRICT;
CREATE INDEX alert_insights_alert_day ON alert_insights (alert_id, day);

-- The contributing events of each insight (activity rows or external alerts), capped per insight.
CREATE TABLE alert_events (
  alert_id          INTEGER NOT NULL REFERENCES alerts(id),
  insight_id        INTEGER NOT NULL REFERENCES alert_insights(id),
  activity_id       INTEGER,
  external_alert_id INTEGER,
  CHECK ((activity_id IS NULL) <> (external_alert_id IS NULL))
) STRICT;
CREATE INDEX alert_events_alert ON alert_events (alert_id, activity_id);
CREATE INDEX alert_events_insight ON alert_events (insight_id);
