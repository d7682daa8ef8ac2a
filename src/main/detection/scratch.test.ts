import { expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { migrate } from '../store/migrations';
import { insertTestPersons } from '../test/testPersons';
import { DAY, signalWriter, ordinaryDay } from './testSignals';
import { createPolicy } from '../policies/policyRepository';
import { policyCreateInput } from '../../shared/contract/policies';
import { runFullScoring } from './scoring';

it('scratch', () => {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const [alice, bob, carol] = insertTestPersons(db, [
    { key: 'alice@corp.example', displayName: 'Alice', department: 'R&D' },
    { key: 'bob@corp.example', displayName: 'Bob', department: 'R&D' },
    { key: 'carol@corp.example', displayName: 'Carol', department: 'R&D' },
  ]) as [number, number, number];
  const w = signalWriter(db);
  const start = Date.UTC(2026, 0, 5) / DAY;
  for (let d = 0; d < 45; d++) {
    const day = start + d;
    if (((day + 4) % 7) === 0 || ((day + 4) % 7) === 6) continue;
    w.activities(ordinaryDay(alice, day, 'PC-1'));
    w.activities(ordinaryDay(bob, day, 'PC-2'));
    w.activities(ordinaryDay(carol, day, 'PC-3'));
  }
  for (let d = 25; d < 30; d++) {
    const day = start + d;
    w.activities(Array.from({ length: 25 }, (_, i) => ({ person: alice, time: day * DAY + 10 * 3600_000 + i * 60_000, kind: 'usbCopy' as const, target: `E:\\secret-${d}-${i}.docx` })));
  }
  w.hrEvent({ person: alice, kind: 'resignation', time: (start + 31) * DAY });
  w.hrEvent({ person: carol, kind: 'resignation', time: (start + 31) * DAY });
  const principal = { accountId: 0, name: 'x', roleGroups: [], scopes: [], sessionId: null } as never;
  db.prepare("INSERT INTO accounts (id, name, password_hash, password_salt, created_at) VALUES (0, 'sys', 'x', 'y', 0)").run();
  createPolicy(db, principal, policyCreateInput.parse({ template: 'data-theft-departing-users', name: 'Departing' }), 1);
  const result = runFullScoring(db, { now: Date.UTC(2026, 2, 1) });
  console.log(JSON.stringify(result, null, 1));
  console.log(db.prepare('SELECT * FROM alerts').all());
  console.log(db.prepare('SELECT * FROM alert_insights').all());
  console.log(db.prepare('SELECT * FROM policy_persons').all());
  console.log(db.prepare('SELECT count(*) FROM alert_events').get());
  expect(bob).toBeGreaterThan(0);
});
