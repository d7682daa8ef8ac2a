import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend } from '../testing/backendFixture';
import { insertTestPersons } from '../testing/testPersons';
import { pseudonymFor } from './pseudonyms';

let test: TestBackend | undefined;
afterEach(() => {
  test?.close();
  test = undefined;
});

describe('pseudonyms (V-01, V-02)', () => {
  it('look like AnonXXX-000, are stable per secret and change when the secret rotates', () => {
    const secret = randomBytes(32);
    const name = pseudonymFor(secret, 'Ann.Smith@corp.example');
    expect(name).toMatch(/^Anon[A-Z2-9]{3}-\d{3}$/);
    expect(pseudonymFor(secret, 'ann.smith@corp.example')).toBe(name);
    expect(pseudonymFor(randomBytes(32), 'ann.smith@corp.example')).not.toBe(name);
  });

  it('are on by default: no name, e-mail, department or manager leaves the backend', async () => {
    test = openTestBackend();
    const admin = await test.admin();
    const [managerId] = insertTestPersons(test!.backend.context.db, [
      { key: 'boss.canary@corp.example', displayName: 'Boss Canary', department: 'CanaryDept', region: 'EMEA' },
    ]);
    const [personId] = insertTestPersons(test!.backend.context.db, [
      { key: 'ann.canary@corp.example', displayName: 'Ann Canary', department: 'CanaryDept', region: 'EMEA' },
    ]);
    test!.backend.context.db.prepare('UPDATE persons SET manager_id = ? WHERE id = ?').run(managerId, personId);
    const shown = await admin.value('persons.get', { id: personId! });
    expect(JSON.stringify(shown)).not.toMatch(/canary/i);
    expect(shown).toMatchObject({ pseudonymized: true, email: null, department: null, region: 'EMEA' });
    expect(shown.manager).toBe(pseudonymFor(test!.backend.context.keys.pseudonymSecret, 'boss.canary@corp.example'));
    // Searching by the real name finds nothing while pseudonymized; the pseudonym finds the person.
    expect((await admin.value('persons.list', { text: 'Ann' })).total).toBe(0);
    expect((await admin.value('persons.list', { text: shown.displayName })).persons.map((p) => p.id)).toEqual([personId]);
    // The audit entry of the read names the pseudonym, never the person.
    const audit = test!.backend.context.auditDb.prepare("SELECT targets FROM audit_log WHERE action = 'persons.get'").get() as { targets: string };
    expect(audit.targets).toContain(shown.displayName);
    expect(audit.targets).not.toMatch(/canary/i);
  });

  it('shows identities when anonymization is off', async () => {
    test = openTestBackend();
    const admin = await test.admin();
    const [id] = insertTestPersons(test!.backend.context.db, [{ key: 'ann@corp.example', displayName: 'Ann Smith', department: 'Sales' }]);
    test!.backend.context.settings.set('privacy.anonymization', false);
    expect(await admin.value('persons.get', { id: id! })).toMatchObject({ displayName: 'Ann Smith', email: 'ann@corp.example', department: 'Sales' });
  });
});
