/**
 * One test per migration in Signal-Desktop's shape: migrate to N-1, insert data, migrate to N, and
 * check the data survived and the new schema works. Plus the rules every migration run obeys.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AUDIT_MIGRATIONS } from '../audit/auditDatabase';
import { DatabaseTooNewError, MIGRATIONS, SCHEMA_VERSION, migrate, newestVersion, type Migration } from './migrations';

function memory(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  return db;
}

function version(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Migrates to just before `target`, runs `before`, migrates to `target`, runs `after`. */
function acrossMigration(
  migrations: readonly Migration[],
  target: number,
  before: (db: BetterSqlite3.Database) => void,
  after: (db: BetterSqlite3.Database) => void,
): void {
  const db = memory();
  const previous = migrations.filter((m) => m.version < target).at(-1)?.version ?? 0;
  migrate(db, migrations, previous);
  expect(version(db)).toBe(previous);
  before(db);
  migrate(db, migrations, target);
  expect(version(db)).toBe(target);
  after(db);
  expect(db.pragma('foreign_key_check')).toEqual([]);
  db.close();
}

describe('migration rules', () => {
  it('applies every migration on an empty database', () => {
    const db = memory();
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(version(db)).toBe(SCHEMA_VERSION);
    expect(migrate(db)).toBe(SCHEMA_VERSION);
  });

  it('refuses a database from the future with a clear message and leaves it untouched', () => {
    const db = memory();
    db.pragma(`user_version = ${SCHEMA_VERSION + 7}`);
    expect(() => migrate(db)).toThrow(DatabaseTooNewError);
    expect(() => migrate(db)).toThrow(/newer version of Insider Risk Workbench/);
    expect(version(db)).toBe(SCHEMA_VERSION + 7);
  });

  it('applies pending migrations in one transaction: a failing one leaves nothing behind', () => {
    const db = memory();
    const broken: Migration[] = [...MIGRATIONS, { version: newestVersion(MIGRATIONS) + 1, name: 'broken', sql: 'CREATE TABLE ok_table (x);\nTHIS IS NOT SQL;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(version(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
  });

  it('has unique, increasing version numbers', () => {
    for (const list of [MIGRATIONS, AUDIT_MIGRATIONS]) {
      const versions = list.map((m) => m.version);
      expect(new Set(versions).size).toBe(versions.length);
      expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    }
  });
});

describe('main database migrations', () => {
  it('0001_settings: creates the settings table', () => {
    acrossMigration(MIGRATIONS, 1, () => undefined, (db) => {
      db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('a', '1', 0)").run();
      expect(db.prepare('SELECT value FROM settings').get()).toEqual({ value: '1' });
    });
  });

  it('0002_accounts: keeps settings, adds accounts with role groups and scopes', () => {
    acrossMigration(
      MIGRATIONS,
      2,
      (db) => db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('kept', '\"yes\"', 1)").run(),
      (db) => {
        expect(db.prepare("SELECT value FROM settings WHERE key = 'kept'").get()).toEqual({ value: '"yes"' });
        db.prepare("INSERT INTO accounts (id, name, password_hash, password_salt, created_at) VALUES (1, 'Ann', 'h', 's', 0)").run();
        db.prepare("INSERT INTO account_role_groups VALUES (1, 'Auditors')").run();
        expect(() => db.prepare("INSERT INTO account_role_groups VALUES (1, 'Kings')").run()).toThrow(/CHECK/);
        expect(() => db.prepare("INSERT INTO accounts (name, password_hash, password_salt, created_at) VALUES ('ann', 'h', 's', 0)").run()).toThrow(
          /UNIQUE/,
        );
      },
    );
  });

  it('0003_persons: keeps accounts, adds persons, identifiers and person groups', () => {
    acrossMigration(
      MIGRATIONS,
      3,
      (db) => db.prepare("INSERT INTO accounts (id, name, password_hash, password_salt, created_at) VALUES (1, 'ann', 'h', 's', 0)").run(),
      (db) => {
        expect(db.prepare('SELECT name FROM accounts').get()).toEqual({ name: 'ann' });
        db.prepare("INSERT INTO persons (id, key, display_name, region, created_at) VALUES (1, 'a@x.com', 'A', 'EMEA', 0)").run();
        db.prepare("INSERT INTO person_identifiers VALUES ('userId', 'AAA0001', 1)").run();
        db.prepare("INSERT INTO person_groups (id, name, kind) VALUES (1, 'Execs', 'priority')").run();
        db.prepare('INSERT INTO person_group_members VALUES (1, 1)').run();
        db.prepare("INSERT INTO person_group_viewers (group_id, role_group) VALUES (1, 'Investigators')").run();
        expect(() => db.prepare("INSERT INTO person_identifiers VALUES ('userId', 'aaa0001', 1)").run()).toThrow(/UNIQUE/);
      },
    );
  });

  it('0010_signals: keeps persons, adds imports, HR events, activities and external alerts with provenance', () => {
    acrossMigration(
      MIGRATIONS,
      10,
      (db) => db.prepare("INSERT INTO persons (id, key, display_name, created_at) VALUES (1, 'a@x.com', 'A', 0)").run(),
      (db) => {
        expect(db.prepare('SELECT key, file_id FROM persons').get()).toEqual({ key: 'a@x.com', file_id: null });
        db.prepare("INSERT INTO imports (id, format, source, state, on_error, started_at) VALUES (1, 'cert', 'r6', 'succeeded', 'stop', 0)").run();
        db.prepare("INSERT INTO import_files (id, import_id, name, path, size, sha256, format, layout) VALUES (1, 1, 'http.csv', '/r6/http.csv', 10, 'ab', 'cert', 'cert.http.r6')").run();
        db.prepare("INSERT INTO activities (person_id, time, kind, category, file_id, line) VALUES (1, 5, 'webVisit', 'Access', 1, 2)").run();
        expect(() =>
          db.prepare("INSERT INTO activities (person_id, time, kind, category, file_id, line) VALUES (1, 5, 'webVisit', 'Fun', 1, 2)").run(),
        ).toThrow(/CHECK/);
        expect(() =>
          db.prepare("INSERT INTO activities (person_id, time, kind, category, file_id, line) VALUES (9, 5, 'webVisit', 'Access', 1, 2)").run(),
        ).toThrow(/FOREIGN KEY/);
      },
    );
  });

  it('0011_content: keeps signals, adds content items linked to persons with a full-text index', () => {
    acrossMigration(
      MIGRATIONS,
      11,
      (db) => {
        db.prepare("INSERT INTO persons (id, key, display_name, created_at) VALUES (1, 'a@x.com', 'A', 0)").run();
        db.prepare("INSERT INTO imports (id, format, source, state, on_error, started_at) VALUES (1, 'content', '[]', 'succeeded', 'stop', 0)").run();
        db.prepare("INSERT INTO import_files (id, import_id, name, path, size, sha256, format, layout) VALUES (1, 1, 'm.eml', '/m.eml', 10, 'ab', 'content', 'content.eml')").run();
      },
      (db) => {
        expect(db.prepare('SELECT name, layout FROM import_files').get()).toEqual({ name: 'm.eml', layout: 'content.eml' });
        db.prepare("INSERT INTO content_items (id, file_id, class, name, size, sha256, subject, line) VALUES (1, 1, 'Email', 'm.eml', 10, 'ab', 'Budget plan', 1)").run();
        db.prepare("INSERT INTO content_items (id, file_id, parent_id, class, name, size, sha256, line) VALUES (2, 1, 1, 'Attachment', 'a.txt', 3, 'cd', 1)").run();
        db.prepare("INSERT INTO content_persons VALUES (1, 1, 'sender')").run();
        db.prepare("INSERT INTO content_fts (rowid, subject, sender, recipients, name, body) VALUES (1, 'Budget plan', 'a@x.com', '', 'm.eml', 'the bluebird launch')").run();
        expect(db.prepare("SELECT rowid FROM content_fts WHERE content_fts MATCH 'blue*'").all()).toEqual([{ rowid: 1 }]);
        expect(() => db.prepare("INSERT INTO content_items (file_id, class, name, size, sha256, line) VALUES (1, 'Video', 'x', 1, 'x', 1)").run()).toThrow(/CHECK/);
        expect(() => db.prepare("INSERT INTO content_persons VALUES (1, 9, 'sender')").run()).toThrow(/FOREIGN KEY/);
      },
    );
  });

  it('0020_policies: keeps persons and groups, adds policies with scope rules, indicators, priority content and manual additions', () => {
    acrossMigration(
      MIGRATIONS,
      20,
      (db) => {
        db.prepare("INSERT INTO persons (id, key, display_name, created_at) VALUES (1, 'a@x.com', 'A', 0)").run();
        db.prepare("INSERT INTO person_groups (id, name, kind) VALUES (1, 'Pilot', 'pilot')").run();
      },
      (db) => {
        expect(db.prepare('SELECT name FROM person_groups').get()).toEqual({ name: 'Pilot' });
        const insert = db.prepare(
          `INSERT INTO policies (id, template, name, state, scope_everyone, activation_days, past_days, created_at, updated_at, deleted_at)
           VALUES (@id, @template, @name, 'active', 1, @activation, @past, 0, 0, @deleted)`,
        );
        insert.run({ id: 1, template: 'data-leaks', name: 'Leaks', activation: 30, past: 30, deleted: null });
        db.prepare("INSERT INTO policy_scope_rules (policy_id, effect, kind, group_id) VALUES (1, 'include', 'pilot', 1)").run();
        db.prepare("INSERT INTO policy_scope_rules (policy_id, effect, kind, attribute, value) VALUES (1, 'exclude', 'attribute', 'region', 'APAC')").run();
        db.prepare("INSERT INTO policy_indicators (policy_id, indicator, low, medium, high) VALUES (1, 'usb_copy', 5, 20, 50)").run();
        db.prepare("INSERT INTO policy_priority_content (policy_id, kind, value) VALUES (1, 'extension', 'docx')").run();
        db.prepare("INSERT INTO policy_manual_persons (policy_id, person_id, added_at, days, until, reason) VALUES (1, 1, 0, 14, 1, 'tip-off')").run();
        // Names are unique among live policies only; a deleted policy's name can be reused.
        expect(() => insert.run({ id: 2, template: 'data-leaks', name: 'leaks', activation: 30, past: 30, deleted: null })).toThrow(/UNIQUE/);
        db.prepare('UPDATE policies SET deleted_at = 5 WHERE id = 1').run();
        insert.run({ id: 2, template: 'data-leaks', name: 'leaks', activation: 30, past: 30, deleted: null });
        expect(() => insert.run({ id: 3, template: 'data-theft', name: 'X', activation: 30, past: 30, deleted: null })).toThrow(/CHECK/);
        expect(() => insert.run({ id: 3, template: 'data-leaks', name: 'Y', activation: 31, past: 30, deleted: null })).toThrow(/CHECK/);
        expect(() => insert.run({ id: 3, template: 'data-leaks', name: 'Z', activation: 30, past: 91, deleted: null })).toThrow(/CHECK/);
        expect(() => db.prepare("INSERT INTO policy_manual_persons (policy_id, person_id, added_at, days, until, reason) VALUES (1, 1, 0, 4, 1, 'x')").run()).toThrow(/CHECK/);
        expect(() => db.prepare("INSERT INTO policy_indicators (policy_id, indicator, low, medium, high) VALUES (1, 'print', 10, 5, 50)").run()).toThrow(/CHECK/);
        expect(() => db.prepare("INSERT INTO policy_scope_rules (policy_id, effect, kind) VALUES (1, 'include', 'group')").run()).toThrow(/CHECK/);
      },
    );
  });

  it('0021_scoring: keeps policies, adds the derived daily tables, Users page rows and scoring runs', () => {
    acrossMigration(
      MIGRATIONS,
      21,
      (db) => {
        db.prepare("INSERT INTO persons (id, key, display_name, created_at) VALUES (1, 'a@x.com', 'A', 0)").run();
        db.prepare("INSERT INTO policies (id, template, name, state, scope_everyone, activation_days, past_days, created_at, updated_at) VALUES (1, 'data-leaks', 'L', 'active', 1, 30, 30, 0, 0)").run();
      },
      (db) => {
        expect(db.prepare('SELECT name FROM policies').get()).toEqual({ name: 'L' });
        expect(db.prepare('SELECT needs_full, needs_policies FROM scoring_state').get()).toEqual({ needs_full: 1, needs_policies: 1 });
        db.prepare("INSERT INTO indicator_days VALUES (1, 20000, 'usb_copy', 7)").run();
        expect(() => db.prepare("INSERT INTO indicator_days VALUES (1, 20000, 'usb_copy', 3)").run()).toThrow(/UNIQUE|PRIMARY/);
        expect(() => db.prepare("INSERT INTO indicator_days VALUES (1, 20001, 'usb_copy', 0)").run()).toThrow(/CHECK/);
        db.prepare('INSERT INTO person_days VALUES (1, 20000, 12, 1024)').run();
        db.prepare("INSERT INTO device_days VALUES ('PC-1', 1, 20000)").run();
        db.prepare("INSERT INTO flagged_logons VALUES (1, 20000, 'after_hours_logon', 99)").run();
        db.prepare('INSERT INTO sequence_days VALUES (1, 20000, 3, 1)').run();
        db.prepare(
          `INSERT INTO policy_persons (policy_id, person_id, trigger_kind, trigger_time, trigger_summary, triggers, window_start_day, window_end_day, score, alert_threshold, scored_at)
           VALUES (1, 1, 'dlpAlert', 0, 'DLP', 1, 19970, 20030, 35, 20, 0)`,
        ).run();
        expect(() => db.prepare('UPDATE policy_persons SET score = 101').run()).toThrow(/CHECK/);
        expect(() => db.prepare("INSERT INTO scoring_state (id, needs_full, needs_policies, changed_at) VALUES (2, 0, 0, 0)").run()).toThrow(/CHECK/);
        db.prepare("INSERT INTO scoring_runs (kind, state, started_at) VALUES ('full', 'running', 0)").run();
      },
    );
  });

  it('0022_alerts: keeps the Users page rows, adds cases, alerts (one open per person and policy), insights and events', () => {
    acrossMigration(
      MIGRATIONS,
      22,
      (db) => {
        db.prepare("INSERT INTO persons (id, key, display_name, created_at) VALUES (1, 'a@x.com', 'A', 0)").run();
        db.prepare("INSERT INTO policies (id, template, name, state, scope_everyone, activation_days, past_days, created_at, updated_at) VALUES (1, 'data-leaks', 'L', 'active', 1, 30, 30, 0, 0)").run();
        db.prepare("INSERT INTO indicator_days VALUES (1, 20000, 'usb_copy', 7)").run();
      },
      (db) => {
        expect(db.prepare('SELECT count FROM indicator_days').get()).toEqual({ count: 7 });
        const alert = db.prepare(
          `INSERT INTO alerts (policy_id, person_id, status, severity, severity_rank, score, test, detected_at, updated_at, first_day, last_day, top_day,
             trigger_kind, trigger_time, trigger_summary, dismiss_reason)
           VALUES (1, 1, @status, 'Medium', 2, 45, 0, 0, 0, 20000, 20002, 20001, 'dlpAlert', 0, 'DLP', @reason)`,
        );
        const id = Number(alert.run({ status: 'NeedsReview', reason: null }).lastInsertRowid);
        expect(() => alert.run({ status: 'NeedsReview', reason: null })).toThrow(/UNIQUE/);
        alert.run({ status: 'Dismissed', reason: 'notImpactful' });
        expect(() => alert.run({ status: 'Dismissed', reason: null })).toThrow(/CHECK/);
        db.prepare(
          `INSERT INTO alert_insights (id, alert_id, ordinal, day, kind, indicator, count, level, threshold, base_points, boosters, booster_factor, points, day_score,
             unusual, priority_content, unallowed_domain, detail, events_total)
           VALUES (1, ?, 0, 20001, 'indicator', 'usb_copy', 23, 'medium', 20, 40, '', 1, 40, 45, 0, 0, 0, 'x', 23)`,
        ).run(id);
        db.prepare('INSERT INTO alert_events (alert_id, insight_id, activity_id) VALUES (?, 1, 77)').run(id);
        expect(() => db.prepare('INSERT INTO alert_events (alert_id, insight_id) VALUES (?, 1)').run(id)).toThrow(/CHECK/);
        const caseId = Number(db.prepare("INSERT INTO cases (person_id, name, status, created_at) VALUES (1, 'C', 'Active', 0)").run().lastInsertRowid);
        db.prepare('INSERT INTO case_alerts VALUES (?, ?, 0)').run(caseId, id);
        expect(() => db.prepare("UPDATE cases SET status = 'Closed'").run()).toThrow(/CHECK/);
        db.prepare("UPDATE cases SET status = 'Closed', closed_at = 1, resolution = 'Benign'").run();
      },
    );
  });

  it('0023_case_access: keeps cases, adds contributors and append-only case notes', () => {
    acrossMigration(
      MIGRATIONS,
      23,
      (db) => {
        db.prepare("INSERT INTO accounts (id, name, password_hash, password_salt, created_at) VALUES (1, 'ann', 'h', 's', 0)").run();
        db.prepare("INSERT INTO persons (id, key, display_name, created_at) VALUES (1, 'a@x.com', 'A', 0)").run();
        db.prepare("INSERT INTO cases (id, person_id, name, status, created_at) VALUES (1, 1, 'C', 'Active', 0)").run();
      },
      (db) => {
        expect(db.prepare('SELECT name FROM cases').get()).toEqual({ name: 'C' });
        db.prepare('INSERT INTO case_contributors VALUES (1, 1, 1, 0)').run();
        db.prepare("INSERT INTO case_notes (case_id, author_id, kind, text, created_at) VALUES (1, 1, 'note', 'n', 0)").run();
        expect(() => db.prepare("UPDATE case_notes SET text = 'x'").run()).toThrow(/append-only/);
        expect(() => db.prepare("INSERT INTO case_notes (case_id, author_id, kind, text, created_at) VALUES (1, 1, 'gossip', 'n', 0)").run()).toThrow(/CHECK/);
      },
    );
  });

  it('0024_roster_snapshots: keeps HR events, adds roster snapshots and whom they list', () => {
    acrossMigration(
      MIGRATIONS,
      24,
      (db) => {
        db.prepare("INSERT INTO persons (id, key, display_name, created_at) VALUES (1, 'a@x.com', 'A', 0)").run();
        db.prepare("INSERT INTO imports (id, format, source, state, on_error, started_at) VALUES (1, 'directory', '[]', 'succeeded', 'stop', 0)").run();
        db.prepare("INSERT INTO import_files (id, import_id, name, path, size, sha256, format, layout) VALUES (1, 1, '2021-02.csv', '/2021-02.csv', 10, 'ab', 'directory', 'directory.roster')").run();
        db.prepare("INSERT INTO hr_events (person_id, kind, time, derived_from_roster, file_id, line) VALUES (1, 'departure', 5, 1, 1, 0)").run();
      },
      (db) => {
        expect(db.prepare('SELECT kind, derived_from_roster FROM hr_events').get()).toEqual({ kind: 'departure', derived_from_roster: 1 });
        db.prepare("INSERT INTO roster_snapshots (file_id, month) VALUES (1, '2021-02')").run();
        db.prepare('INSERT INTO roster_snapshot_members (file_id, person_id, line) VALUES (1, 1, 2)').run();
        expect(() => db.prepare('INSERT INTO roster_snapshot_members (file_id, person_id, line) VALUES (1, 1, 3)').run()).toThrow(/UNIQUE|PRIMARY/);
        expect(() => db.prepare("INSERT INTO roster_snapshots (file_id, month) VALUES (1, '2021-03')").run()).toThrow(/UNIQUE|PRIMARY/);
        expect(() => db.prepare("INSERT INTO roster_snapshots (file_id, month) VALUES (2, 'Feb 2021')").run()).toThrow(/CHECK/);
        expect(() => db.prepare('INSERT INTO roster_snapshot_members (file_id, person_id, line) VALUES (1, 9, 2)').run()).toThrow(/FOREIGN KEY/);
      },
    );
  });

  it('0025_insight_facts: keeps insights, adds their facts as JSON', () => {
    acrossMigration(
      MIGRATIONS,
      25,
      (db) => {
        db.prepare("INSERT INTO persons (id, key, display_name, created_at) VALUES (1, 'a@x.com', 'A', 0)").run();
        db.prepare("INSERT INTO policies (id, template, name, state, scope_everyone, activation_days, past_days, created_at, updated_at) VALUES (1, 'data-leaks', 'L', 'active', 1, 30, 30, 0, 0)").run();
        db.prepare(
          `INSERT INTO alerts (id, policy_id, person_id, status, severity, severity_rank, score, test, detected_at, updated_at, first_day, last_day, top_day,
             trigger_kind, trigger_time, trigger_summary)
           VALUES (1, 1, 1, 'NeedsReview', 'Medium', 2, 45, 0, 0, 0, 20000, 20002, 20001, 'dlpAlert', 0, 'DLP')`,
        ).run();
        db.prepare(
          `INSERT INTO alert_insights (id, alert_id, ordinal, day, kind, indicator, count, level, threshold, base_points, boosters, booster_factor, points, day_score,
             unusual, priority_content, unallowed_domain, detail, events_total)
           VALUES (1, 1, 0, 20001, 'indicator', 'usb_copy', 23, 'medium', 20, 40, '', 1, 40, 45, 0, 0, 0, 'old', 23)`,
        ).run();
      },
      (db) => {
        expect(db.prepare('SELECT detail, facts FROM alert_insights WHERE id = 1').get()).toEqual({ detail: 'old', facts: null });
        const insert = db.prepare(
          `INSERT INTO alert_insights (alert_id, ordinal, day, kind, indicator, count, level, threshold, base_points, boosters, booster_factor, points, day_score,
             unusual, priority_content, unallowed_domain, detail, facts, events_total)
           VALUES (1, @ordinal, 20001, 'indicator', 'usb_copy', 23, 'medium', 20, 40, '', 1, 40, 45, 1, 0, 0, 'new', @facts, 23)`,
        );
        insert.run({ ordinal: 1, facts: '{"usualPerDay":0.5}' });
        expect(db.prepare("SELECT json_extract(facts, '$.usualPerDay') AS usual FROM alert_insights WHERE ordinal = 1").get()).toEqual({ usual: 0.5 });
        expect(() => insert.run({ ordinal: 2, facts: 'not json' })).toThrow(/CHECK/);
      },
    );
  });

  it('0026_trigger_facts: keeps Users page rows and alerts, adds their trigger facts as JSON', () => {
    acrossMigration(
      MIGRATIONS,
      26,
      (db) => {
        db.prepare("INSERT INTO persons (id, key, display_name, created_at) VALUES (1, 'a@x.com', 'A', 0)").run();
        db.prepare("INSERT INTO policies (id, template, name, state, scope_everyone, activation_days, past_days, created_at, updated_at) VALUES (1, 'data-leaks', 'L', 'active', 1, 30, 30, 0, 0)").run();
        db.prepare(
          `INSERT INTO policy_persons (policy_id, person_id, trigger_kind, trigger_time, trigger_summary, triggers, window_start_day, window_end_day, score, alert_threshold, scored_at)
           VALUES (1, 1, 'dlpAlert', 0, 'DLP', 1, 19970, 20030, 35, 20, 0)`,
        ).run();
        db.prepare(
          `INSERT INTO alerts (id, policy_id, person_id, status, severity, severity_rank, score, test, detected_at, updated_at, first_day, last_day, top_day,
             trigger_kind, trigger_time, trigger_summary)
           VALUES (1, 1, 1, 'NeedsReview', 'Medium', 2, 45, 0, 0, 0, 20000, 20002, 20001, 'dlpAlert', 0, 'DLP')`,
        ).run();
      },
      (db) => {
        expect(db.prepare('SELECT trigger_summary, trigger_facts FROM policy_persons').get()).toEqual({ trigger_summary: 'DLP', trigger_facts: null });
        expect(db.prepare('SELECT trigger_summary, trigger_facts FROM alerts').get()).toEqual({ trigger_summary: 'DLP', trigger_facts: null });
        const facts = '{"kind":"dlpAlert","day":0,"severity":"high"}';
        db.prepare('UPDATE policy_persons SET trigger_facts = ?').run(facts);
        db.prepare('UPDATE alerts SET trigger_facts = ?').run(facts);
        expect(db.prepare("SELECT json_extract(trigger_facts, '$.severity') AS severity FROM policy_persons").get()).toEqual({ severity: 'high' });
        expect(db.prepare("SELECT json_extract(trigger_facts, '$.kind') AS kind FROM alerts").get()).toEqual({ kind: 'dlpAlert' });
        expect(() => db.prepare("UPDATE policy_persons SET trigger_facts = 'not json'").run()).toThrow(/CHECK/);
        expect(() => db.prepare("UPDATE alerts SET trigger_facts = 'not json'").run()).toThrow(/CHECK/);
      },
    );
  });

  it('0027_scoring_reason_facts: keeps the scoring state, words the initial reason as facts', () => {
    acrossMigration(
      MIGRATIONS,
      27,
      () => {},
      (db) => {
        expect(db.prepare('SELECT needs_full, reason, reason_facts FROM scoring_state').get()).toEqual({
          needs_full: 1,
          reason: 'never scored',
          reason_facts: '{"kind":"neverScored"}',
        });
        expect(() => db.prepare("UPDATE scoring_state SET reason_facts = 'not json'").run()).toThrow(/CHECK/);
      },
    );
  });

  it('0028_activity_checks: keeps every activity and its id, the same rules without a temporary index per row', () => {
    const columns =
      'id, person_id, time, kind, category, operation, device, target, domain, recipients, external, size, attachments, detail, file_id, line';
    let before: unknown[] = [];
    acrossMigration(
      MIGRATIONS,
      28,
      (db) => {
        db.prepare("INSERT INTO persons (id, key, display_name, created_at) VALUES (1, 'a@x.com', 'A', 0)").run();
        db.prepare(
          "INSERT INTO imports (id, format, source, state, on_error, started_at) VALUES (1, 'cert', 'r6', 'succeeded', 'stop', 0)",
        ).run();
        db.prepare(
          "INSERT INTO import_files (id, import_id, name, path, size, sha256, format, layout) VALUES (1, 1, 'email.csv', '/r6/email.csv', 10, 'ab', 'cert', 'cert.email.r5')",
        ).run();
        db.prepare(
          `INSERT INTO activities (${columns}) VALUES
             (5, 1, 100, 'emailSend', 'Exfiltration', 'Send', 'PC-1', 'a.pdf', 'rival.com', 'b@rival.com', 1, 2048, 1, '{"cc":1}', 1, 2),
             (9, 1, 50, 'webVisit', 'Access', NULL, 'PC-1', 'http://x.com/', 'x.com', NULL, NULL, NULL, NULL, NULL, 1, 3)`,
        ).run();
        before = db.prepare(`SELECT ${columns} FROM activities ORDER BY id`).all();
      },
      (db) => {
        expect(db.prepare(`SELECT ${columns} FROM activities ORDER BY id`).all()).toEqual(before);
        expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activities'").all()).toEqual([
          { name: 'activities_person_time' },
        ]);
        const insert = (category: string, external: number | null) =>
          db
            .prepare(
              "INSERT INTO activities (person_id, time, kind, category, external, file_id, line) VALUES (1, 7, 'webVisit', ?, ?, 1, 4)",
            )
            .run(category, external);
        expect(() => insert('Fun', null)).toThrow(/CHECK/);
        expect(() => insert('Access', 2)).toThrow(/CHECK/);
        expect(() => insert('Access', -1)).toThrow(/CHECK/);
        insert('Security', 0);
        insert('Infiltration', null);
        expect(() =>
          db
            .prepare(
              "INSERT INTO activities (person_id, time, kind, category, file_id, line) VALUES (9, 7, 'webVisit', 'Access', 1, 4)",
            )
            .run(),
        ).toThrow(/FOREIGN KEY/);
        // The point of the migration: writing a row no longer fills a temporary index.
        const program = db
          .prepare(
            "EXPLAIN INSERT INTO activities (person_id, time, kind, category, file_id, line) VALUES (1, 7, 'x', 'Access', 1, 4)",
          )
          .all() as { opcode: string }[];
        expect(program.map((step) => step.opcode)).not.toContain('OpenEphemeral');
      },
    );
  });

  it('has a test for every main migration', () => {
    // Adding a migration means adding its test above (and listing its version here).
    const tested = [1, 2, 3, 10, 11, 20, 21, 22, 23, 24, 25, 26, 27, 28];
    expect(MIGRATIONS.map((m) => m.version).filter((v) => !tested.includes(v))).toEqual([]);
  });
});

describe('audit database migrations', () => {
  it('0001_audit_log: append-only audit log and its meta table', () => {
    acrossMigration(AUDIT_MIGRATIONS, 1, () => undefined, (db) => {
      db.prepare(
        `INSERT INTO audit_log (sequence, time, actor, role_groups, category, action, targets, result, app_version, hash, mac)
         VALUES (1, 0, 'a', '[]', 'system', 'x', '[]', 'success', '0', 'h', 'm')`,
      ).run();
      expect(() => db.prepare("UPDATE audit_log SET actor = 'b'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
      db.prepare("INSERT INTO audit_meta VALUES ('audit.genesis', 'g')").run();
    });
  });
});
