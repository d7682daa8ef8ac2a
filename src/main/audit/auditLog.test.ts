/**
 * Tamper evidence (L-01..L-05, L-12): any edited, deleted, inserted or reordered entry, even with
 * the triggers dropped and the hashes recomputed without the key, and any cut-off tail is detected,
 * naming the first bad sequence number.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend } from '../testing/backendFixture';
import { auditPaths, canonicalEntryOf, chainHash, CHECKPOINT_INTERVAL, type AuditRow } from './auditLog';
import { verifyAuditLog } from './verifyAuditLog';

let test: TestBackend;

function verify() {
  const { auditDb, dataDir, keys } = test.backend.context;
  return verifyAuditLog(auditDb, dataDir, keys);
}

function dropTriggers(): void {
  test.backend.context.auditDb.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

function rows(): AuditRow[] {
  return test.backend.context.auditDb.prepare('SELECT * FROM audit_log ORDER BY sequence').all() as AuditRow[];
}

/** What an attacker without the key can do: recompute every hash from the genesis value on. */
function recomputeHashes(): void {
  const db = test.backend.context.auditDb;
  let previous = (db.prepare("SELECT value FROM audit_meta WHERE key = 'audit.genesis'").get() as { value: string }).value;
  const update = db.prepare('UPDATE audit_log SET hash = ? WHERE sequence = ?');
  for (const row of rows()) {
    previous = chainHash(previous, canonicalEntryOf(row));
    update.run(previous, row.sequence);
  }
}

beforeEach(async () => {
  test = openTestBackend();
  const admin = await test.admin();
  for (let i = 0; i < 20; i++) await admin.call('app.info');
});
afterEach(() => test.close());

describe('audit log', () => {
  it('verifies an intact log', () => {
    expect(verify()).toMatchObject({ intact: true, firstBadSequence: null });
    expect(verify().size).toBe(rows().length);
  });

  it('refuses UPDATE and DELETE through SQL (L-01)', () => {
    const db = test.backend.context.auditDb;
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE sequence = 3").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE sequence = 3').run()).toThrow(/append-only/);
  });

  it('detects an edited entry', () => {
    dropTriggers();
    test.backend.context.auditDb.prepare("UPDATE audit_log SET actor = 'mallory' WHERE sequence = 7").run();
    expect(verify()).toMatchObject({ intact: false, firstBadSequence: 7 });
  });

  it('detects an edited entry even when every hash was recomputed without the key', () => {
    dropTriggers();
    test.backend.context.auditDb.prepare("UPDATE audit_log SET result = 'success', actor = 'mallory' WHERE sequence = 9").run();
    recomputeHashes();
    expect(verify()).toMatchObject({ intact: false, firstBadSequence: 9 });
  });

  it('detects a deleted entry, also after renumbering and recomputing', () => {
    dropTriggers();
    const db = test.backend.context.auditDb;
    db.prepare('DELETE FROM audit_log WHERE sequence = 5').run();
    expect(verify()).toMatchObject({ intact: false, firstBadSequence: 5 });
    db.prepare('UPDATE audit_log SET sequence = sequence - 1 WHERE sequence > 5').run();
    recomputeHashes();
    expect(verify()).toMatchObject({ intact: false, firstBadSequence: 5 });
  });

  it('detects an inserted entry', () => {
    dropTriggers();
    const db = test.backend.context.auditDb;
    const total = rows().length;
    for (let sequence = total; sequence >= 4; sequence--) db.prepare('UPDATE audit_log SET sequence = sequence + 1 WHERE sequence = ?').run(sequence);
    const template = rows()[0]!;
    db.prepare(
      `INSERT INTO audit_log (sequence, time, actor_id, actor, role_groups, category, action, targets, before, after, result, reason, app_version, hash, mac)
       VALUES (4, @time, NULL, 'mallory', '[]', 'system', 'app.info', '[]', NULL, NULL, 'success', NULL, @app_version, @hash, @mac)`,
    ).run(template);
    recomputeHashes();
    expect(verify()).toMatchObject({ intact: false, firstBadSequence: 4 });
  });

  it('detects reordered entries', () => {
    dropTriggers();
    const db = test.backend.context.auditDb;
    db.prepare('UPDATE audit_log SET sequence = -1 WHERE sequence = 6').run();
    db.prepare('UPDATE audit_log SET sequence = 6 WHERE sequence = 8').run();
    db.prepare('UPDATE audit_log SET sequence = 8 WHERE sequence = -1').run();
    recomputeHashes();
    expect(verify()).toMatchObject({ intact: false, firstBadSequence: 6 });
  });

  it('detects the last entries cut off, against the signed head', () => {
    dropTriggers();
    const total = rows().length;
    test.backend.context.auditDb.prepare('DELETE FROM audit_log WHERE sequence > ?').run(total - 3);
    expect(verify()).toMatchObject({ intact: false, firstBadSequence: total - 2 });
  });

  it('detects a forged checkpoint file', () => {
    const { head } = auditPaths(test.dataDir);
    const signed = JSON.parse(readFileSync(head, 'utf8')) as { size: number };
    writeFileSync(head, JSON.stringify({ ...signed, size: signed.size + 50 }));
    expect(verify()).toMatchObject({ intact: false, firstBadSequence: 1 });
    expect(verify().message).toMatch(/no valid signature/);
  });

  it('detects a replaced genesis value', () => {
    dropTriggers();
    test.backend.context.auditDb.prepare("UPDATE audit_meta SET value = ? WHERE key = 'audit.genesis'").run('00'.repeat(32));
    recomputeHashes();
    expect(verify()).toMatchObject({ intact: false, firstBadSequence: 1 });
  });

  it('writes a signed checkpoint every CHECKPOINT_INTERVAL entries', async () => {
    const admin = await test.admin();
    while (rows().length < CHECKPOINT_INTERVAL + 1) await admin.call('app.info');
    const lines = readFileSync(auditPaths(test.dataDir).checkpoints, 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { size: number }).size)).toEqual([0, CHECKPOINT_INTERVAL]);
    expect(verify().intact).toBe(true);
  });

  it('writes a warning entry when the wall clock goes backwards (L-12)', async () => {
    const admin = await test.admin();
    test.clock.advance(-60_000);
    await admin.call('app.info');
    const [warning, entry] = rows().slice(-2) as [AuditRow, AuditRow];
    expect(warning).toMatchObject({ action: 'clockWentBackwards', result: 'warning', category: 'system' });
    expect(entry.action).toBe('app.info');
    expect(verify().intact).toBe(true);
  });

  it('stores untrusted text as data', async () => {
    const visitor = test.session();
    await visitor.call('auth.signIn', { name: "x'); DROP TABLE audit_log;--\r\n<script>", password: 'whatever it is' });
    const last = rows().at(-1)!;
    expect(JSON.parse(last.targets)).toEqual(["account:x'); DROP TABLE audit_log;--\r\n<script>"]);
    expect(verify().intact).toBe(true);
  });
});
