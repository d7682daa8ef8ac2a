/**
 * The permission matrix (D-05): every contract method × every role group (and no session) is
 * allowed or denied exactly as this hand-written table says. The table is deliberately not derived
 * from the production matrix in src/shared/access.ts: a method added to the contract fails here
 * until someone writes down who may call it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_GROUPS, type RoleGroup } from '../../shared/access';
import { METHOD_NAMES, type MethodName } from '../../shared/contract';
import { openTestBackend, TEST_PASSWORD, type TestBackend, type TestSession } from '../testing/backendFixture';

type Caller = RoleGroup | 'none';
const EVERYONE: Caller[] = ['InsiderRiskManagement', 'Admins', 'Analysts', 'Investigators', 'Auditors', 'Approvers', 'none'];
const SIGNED_IN: Caller[] = ['InsiderRiskManagement', 'Admins', 'Analysts', 'Investigators', 'Auditors', 'Approvers'];
const CONFIGURE: Caller[] = ['InsiderRiskManagement', 'Admins'];
const AUDIT: Caller[] = ['InsiderRiskManagement', 'Auditors'];
const USERS_PAGE: Caller[] = ['InsiderRiskManagement', 'Admins', 'Analysts', 'Investigators'];
const TRIAGE: Caller[] = ['InsiderRiskManagement', 'Analysts', 'Investigators'];

/** Who may call each method (DOMAIN.md §1), written out by hand. */
const EXPECTED: Record<string, Caller[]> = {
  'app.info': SIGNED_IN,
  'auth.status': EVERYONE,
  'auth.setup': EVERYONE,
  'auth.signIn': EVERYONE,
  'auth.signOut': SIGNED_IN,
  'auth.lock': SIGNED_IN,
  'auth.reauthenticate': SIGNED_IN,
  'accounts.create': CONFIGURE,
  'accounts.list': CONFIGURE,
  'accounts.resetPassword': CONFIGURE,
  'accounts.setLocked': CONFIGURE,
  'accounts.setRoleGroups': CONFIGURE,
  'accounts.setScopes': CONFIGURE,
  'audit.exportCsv': AUDIT,
  'audit.list': AUDIT,
  'audit.verify': AUDIT,
  'persons.count': USERS_PAGE,
  'persons.get': USERS_PAGE,
  'persons.list': USERS_PAGE,
  'imports.browse': CONFIGURE,
  'imports.loadDemo': CONFIGURE,
  'imports.preview': CONFIGURE,
  'imports.start': CONFIGURE,
  'imports.cancel': CONFIGURE,
  'imports.list': CONFIGURE,
  'imports.get': CONFIGURE,
  'imports.rejects': CONFIGURE,
  'imports.retry': CONFIGURE,
  'settings.list': CONFIGURE,
  'settings.get': CONFIGURE,
  'settings.set': CONFIGURE,
  'settings.reset': CONFIGURE,
  'settings.setAnonymization': CONFIGURE,
  'settings.organisationDomains': CONFIGURE,
  'policies.templates': CONFIGURE,
  'policies.list': CONFIGURE,
  'policies.get': CONFIGURE,
  'policies.previewScope': CONFIGURE,
  'policies.create': CONFIGURE,
  'policies.update': CONFIGURE,
  'policies.setState': CONFIGURE,
  'policies.copy': CONFIGURE,
  'policies.delete': CONFIGURE,
  'policies.addPersons': CONFIGURE,
  'policies.removePerson': CONFIGURE,
  'groups.list': CONFIGURE,
  'groups.get': CONFIGURE,
  'groups.create': CONFIGURE,
  'groups.update': CONFIGURE,
  'groups.delete': CONFIGURE,
  'scoring.run': CONFIGURE,
  'scoring.status': CONFIGURE,
  'alerts.list': TRIAGE,
  'alerts.summary': TRIAGE,
  'alerts.get': TRIAGE,
  'alerts.activities': TRIAGE,
  'alerts.activityChart': TRIAGE,
  'alerts.dismiss': TRIAGE,
  'alerts.assign': TRIAGE,
  'alerts.confirm': TRIAGE,
  'alerts.assignees': TRIAGE,
  'users.list': USERS_PAGE,
  'users.get': USERS_PAGE,
  // Reading cases and adding notes is open to every account at the router: the handler lets case
  // workers and the case's contributors through and answers NOT_FOUND to everyone else (cases.test.ts).
  'cases.get': SIGNED_IN,
  'cases.list': SIGNED_IN,
  'cases.notes': SIGNED_IN,
  'cases.addNote': SIGNED_IN,
  'cases.addContributor': TRIAGE,
  'cases.removeContributor': TRIAGE,
  'jobs.list': CONFIGURE,
  'jobs.get': CONFIGURE,
  'jobs.cancel': CONFIGURE,
};

let backend: TestBackend;
const sessions = new Map<Caller, TestSession>();

beforeAll(async () => {
  backend = openTestBackend();
  await backend.admin();
  for (const group of ROLE_GROUPS) sessions.set(group, await backend.account(`user-${group}`, [group]));
  sessions.set('none', backend.session());
});
afterAll(() => backend.close());

async function ensureSignedIn(caller: Caller): Promise<TestSession> {
  const session = sessions.get(caller)!;
  const status = await session.value('auth.status');
  if (caller !== 'none' && (!status.account || status.locked)) {
    await session.value('auth.signIn', { name: `user-${caller}`, password: TEST_PASSWORD });
  }
  return session;
}

describe('permission matrix', () => {
  it('has an expectation for every contract method', () => {
    expect(METHOD_NAMES.filter((name) => !(name in EXPECTED))).toEqual([]);
  });

  for (const method of METHOD_NAMES) {
    it.each(EVERYONE)(`${method} for %s`, async (caller) => {
      const session = await ensureSignedIn(caller);
      const result = await session.call(method as MethodName, {} as never);
      const denied = !result.ok && ['FORBIDDEN', 'UNAUTHENTICATED', 'SETUP_REQUIRED'].includes(result.error.code);
      expect(denied ? 'denied' : 'allowed').toBe((EXPECTED[method] ?? []).includes(caller) ? 'allowed' : 'denied');
    });
  }

  it('records denied calls in the audit log with the actor and the reason', async () => {
    const analyst = await ensureSignedIn('Analysts');
    await analyst.call('audit.list', {});
    const row = backend.backend.context.auditDb
      .prepare("SELECT actor, result, after FROM audit_log WHERE action = 'audit.list' ORDER BY sequence DESC LIMIT 1")
      .get() as { actor: string; result: string; after: string };
    expect(row.actor).toBe('user-Analysts');
    expect(row.result).toBe('denied');
    expect(JSON.parse(row.after)).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});
