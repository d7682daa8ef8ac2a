import { afterEach, describe, expect, it } from 'vitest';
import { openTestBackend, TEST_PASSWORD, type TestBackend } from '../testing/backendFixture';
import { MAX_FAILED_SIGN_INS, TEMPORARY_LOCK_MS } from './sessions';

let test: TestBackend;
afterEach(() => test.close());

async function idOf(name: string): Promise<number> {
  const admin = await test.admin();
  return (await admin.value('accounts.list')).find((a) => a.name === name)!.id;
}

describe('first run', () => {
  it('reaches nothing but setup until the first account exists', async () => {
    test = openTestBackend();
    const visitor = test.session();
    expect(await visitor.value('auth.status')).toMatchObject({ setupRequired: true, account: null });
    const info = await visitor.call('app.info');
    expect(info.ok || info.error.code).toBe('SETUP_REQUIRED');
    await visitor.value('auth.setup', { name: 'first', password: TEST_PASSWORD });
    expect(await visitor.value('auth.status')).toMatchObject({ setupRequired: false, account: { name: 'first', roleGroups: ['InsiderRiskManagement'] } });
    const again = await test.session().call('auth.setup', { name: 'second', password: TEST_PASSWORD });
    expect(again.ok || again.error.code).toBe('CONFLICT');
  });

  it('refuses passwords shorter than 12 characters', async () => {
    test = openTestBackend();
    const result = await test.session().call('auth.setup', { name: 'first', password: 'elevenchars' });
    expect(result.ok || result.error.message).toMatch(/at least 12 characters/);
  });
});

describe('zero administrator guard (L-10)', () => {
  it('refuses to lock or demote the last active administrator, with the reason', async () => {
    test = openTestBackend();
    const admin = await test.admin();
    const other = await test.account('helper', ['Admins']);
    const adminId = await idOf('admin');
    // While another admin exists, demoting is fine.
    await admin.value('accounts.setRoleGroups', { accountId: await idOf('helper'), roleGroups: ['Analysts'] });
    const demote = await other.call('accounts.setRoleGroups', { accountId: adminId, roleGroups: ['Analysts'] });
    expect(demote.ok || demote.error.code).toBe('FORBIDDEN'); // helper is an analyst now
    const selfDemote = await admin.call('accounts.setRoleGroups', { accountId: adminId, roleGroups: ['Auditors'] });
    expect(selfDemote.ok).toBe(false);
    if (!selfDemote.ok) expect(selfDemote.error.message).toMatch(/last active account in Insider Risk Management or Admins/);
    // Locking the only other admin-capable account leaves the guard satisfied only if one remains.
    await admin.value('accounts.setRoleGroups', { accountId: await idOf('helper'), roleGroups: ['Admins'] });
    const lockHelper = await admin.call('accounts.setLocked', { accountId: await idOf('helper'), locked: true, reason: 'left' });
    expect(lockHelper.ok).toBe(true);
    const demoteLast = await admin.call('accounts.setRoleGroups', { accountId: adminId, roleGroups: ['Investigators'] });
    expect(demoteLast.ok || demoteLast.error.code).toBe('CONFLICT');
  });

  it('ends the sessions of a locked account at once', async () => {
    test = openTestBackend();
    const admin = await test.admin();
    const analyst = await test.account('analyst', ['Analysts']);
    expect((await analyst.call('persons.count')).ok).toBe(true);
    await admin.value('accounts.setLocked', { accountId: await idOf('analyst'), locked: true });
    const after = await analyst.call('persons.count');
    expect(after.ok || after.error.code).toBe('UNAUTHENTICATED');
    const signIn = await test.session().call('auth.signIn', { name: 'analyst', password: TEST_PASSWORD });
    expect(signIn.ok || signIn.error.code).toBe('ACCOUNT_LOCKED');
  });
});

describe('sign-in lockout (D-02)', () => {
  it('backs off after each failure and locks for a while after five', async () => {
    test = openTestBackend();
    await test.admin();
    const attacker = test.session();
    for (let attempt = 1; attempt <= MAX_FAILED_SIGN_INS; attempt++) {
      const wrong = await attacker.call('auth.signIn', { name: 'admin', password: `wrong password ${attempt}` });
      expect(wrong.ok || wrong.error.code).toBe('UNAUTHENTICATED');
      // Back-off: an immediate retry is refused even with the right password.
      const tooSoon = await attacker.call('auth.signIn', { name: 'admin', password: TEST_PASSWORD });
      expect(tooSoon.ok || tooSoon.error.code).toBe('ACCOUNT_LOCKED');
      if (attempt < MAX_FAILED_SIGN_INS) test.clock.advance(1000 * 2 ** (attempt - 1));
    }
    test.clock.advance(TEMPORARY_LOCK_MS - 1000);
    const stillLocked = await attacker.call('auth.signIn', { name: 'admin', password: TEST_PASSWORD });
    expect(stillLocked.ok || stillLocked.error.message).toMatch(/locked for 1 more minute/);
    test.clock.advance(1000);
    expect((await attacker.call('auth.signIn', { name: 'admin', password: TEST_PASSWORD })).ok).toBe(true);
    const failures = test.backend.context.auditDb
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'auth.signIn' AND result = 'failure'")
      .get() as { n: number };
    expect(failures.n).toBe(MAX_FAILED_SIGN_INS * 2 + 1);
  });

  it('gives the same answer for an unknown name as for a wrong password', async () => {
    test = openTestBackend();
    await test.admin();
    const unknown = await test.session().call('auth.signIn', { name: 'nobody', password: 'whatever password' });
    const wrong = await test.session().call('auth.signIn', { name: 'admin', password: 'whatever password' });
    expect(unknown).toEqual(wrong);
  });
});

describe('idle auto-lock', () => {
  it('locks a session after the configured idle time and unlocks with the password', async () => {
    test = openTestBackend();
    const admin = await test.admin();
    const events: string[] = [];
    test.backend.onEvent((sessionId, name, payload) => {
      if (sessionId === admin.origin.sessionId) events.push(`${name}:${JSON.stringify(payload)}`);
    });
    test.clock.advance(14 * 60_000);
    expect((await admin.call('app.info')).ok).toBe(true); // activity resets the timer
    test.clock.advance(15 * 60_000 + 1);
    const locked = await admin.call('app.info');
    expect(locked.ok || locked.error.message).toMatch(/locked/);
    expect(events).toEqual(['session.changed:{"state":"locked"}']);
    expect(await admin.value('auth.status')).toMatchObject({ locked: true, account: { name: 'admin' }, permissions: [] });
    await admin.value('auth.signIn', { name: 'admin', password: TEST_PASSWORD });
    expect((await admin.call('app.info')).ok).toBe(true);
  });

  it('locks on request (the renderer idle timer)', async () => {
    test = openTestBackend();
    const admin = await test.admin();
    await admin.value('auth.lock');
    expect((await admin.call('app.info')).ok).toBe(false);
  });
});

describe('re-authentication for sensitive actions', () => {
  it('asks for the password again before a role change after five minutes', async () => {
    test = openTestBackend();
    const admin = await test.admin();
    await test.account('analyst', ['Analysts']);
    const id = await idOf('analyst');
    test.clock.advance(6 * 60_000);
    const first = await admin.call('accounts.setRoleGroups', { accountId: id, roleGroups: ['Investigators'] });
    expect(first.ok || first.error.code).toBe('REAUTH_REQUIRED');
    const wrong = await admin.call('auth.reauthenticate', { password: 'not the password' });
    expect(wrong.ok).toBe(false);
    await admin.value('auth.reauthenticate', { password: TEST_PASSWORD });
    expect((await admin.value('accounts.setRoleGroups', { accountId: id, roleGroups: ['Investigators'] })).roleGroups).toEqual(['Investigators']);
  });
});

describe('accounts', () => {
  it('are never deleted and audit before/after values of changes', async () => {
    test = openTestBackend();
    const admin = await test.admin();
    await test.account('analyst', ['Analysts']);
    const id = await idOf('analyst');
    await admin.value('accounts.setScopes', { accountId: id, scopes: [{ attribute: 'region', values: ['EMEA'] }] });
    const row = test.backend.context.auditDb
      .prepare("SELECT targets, before, after FROM audit_log WHERE action = 'accounts.setScopes' AND result = 'success'")
      .get() as { targets: string; before: string; after: string };
    expect(JSON.parse(row.targets)).toEqual(['account:analyst']);
    expect(JSON.parse(row.before)).toEqual({ scopes: [] });
    expect(JSON.parse(row.after)).toEqual({ scopes: [{ attribute: 'region', values: ['EMEA'] }] });
    expect(Object.keys(test.backend.call).length).toBe(0);
  });
});
