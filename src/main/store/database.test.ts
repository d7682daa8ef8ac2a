import { mkdtempSync, openSync, readFileSync, writeSync, closeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseDamagedError, openDatabase } from './database';
import { SCHEMA_VERSION } from './migrations';
import { PAGE_SIZE } from './pageSize';

function tempFile(name = 'test.sqlite'): string {
  return join(mkdtempSync(join(tmpdir(), 'irm-store-')), name);
}

describe('openDatabase', () => {
  it('sets WAL, foreign keys, busy timeout and synchronous=FULL, and migrates (Q-01, Q-02)', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(() => db.prepare("INSERT INTO person_identifiers VALUES ('email', 'x@y', 999)").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('creates new files with 16 KiB pages and leaves an existing file its page size', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    db.close();
    const file = tempFile();
    const old = new BetterSqlite3(file);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE kept (x)');
    old.close();
    const reopened = openDatabase(file);
    expect(reopened.pragma('page_size', { simple: true })).toBe(4096);
    expect(reopened.prepare('SELECT count(*) AS n FROM kept').get()).toEqual({ n: 0 });
    reopened.close();
  });

  it('runs quick_check at open and refuses a damaged database (Q-03)', () => {
    const file = tempFile();
    const db = openDatabase(file);
    const insert = db.prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)");
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`key-${i}`, 'x'.repeat(200));
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    // Overwrite the middle of the file (index and table pages) with garbage.
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(2 * PAGE_SIZE, 0x5a), 0, 2 * PAGE_SIZE, Math.floor(size / 2 / PAGE_SIZE) * PAGE_SIZE);
    closeSync(fd);
    expect(() => openDatabase(file)).toThrow(DatabaseDamagedError);
  });

  it('refuses a file that is not a database with an error, not a crash (Q-06)', () => {
    const file = tempFile();
    const fd = openSync(file, 'w');
    writeSync(fd, Buffer.from('this is not sqlite at all'.repeat(100)));
    closeSync(fd);
    expect(() => openDatabase(file)).toThrow();
    expect(readFileSync(file, 'utf8').startsWith('this is not sqlite')).toBe(true);
  });

  it('refuses a database written by a newer app, naming both versions', () => {
    const file = tempFile();
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(new RegExp(`schema ${SCHEMA_VERSION + 1}; this app understands up to ${SCHEMA_VERSION}`));
  });
});
