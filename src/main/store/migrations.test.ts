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
        db.prepare("INSERT INTO import_files (id, import_id, name, size, sha256, format) VALUES (1, 1, 'http.csv', 10, 'ab', 'cert')").run();
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

  it('has a test for every main migration', () => {
    // Adding a migration means adding its test above (and listing its version here).
    const tested = [1, 2, 3, 10];
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
