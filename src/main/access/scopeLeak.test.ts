/**
 * Scope leak (DOMAIN.md §1): an account scoped to one region never sees a person of another region,
 * nor a member of a priority group it may not view — in any list, get, search or count. The test
 * iterates the whole contract rather than picking a few methods.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, contract, type MethodName } from '../../shared/contract';
import { holdsPermission } from '../../shared/access';
import { openTestBackend, type TestBackend, type TestSession } from '../testing/backendFixture';
import { insertTestPersons } from '../testing/testPersons';
import { pseudonymFor } from '../privacy/pseudonyms';
import { seedAlertsFor } from '../testing/testScenario';

let backend: TestBackend;
let scoped: TestSession;
/** A scoped account that also holds the configure permission (policies, groups, settings). */
let scopedManager: TestSession;
let hiddenIds: number[];
let canaries: string[];
let hiddenAlertIds: number[];
let visibleAlertIds: number[];

const VISIBLE = [
  { key: 'emma.emea@corp.example', displayName: 'Emma Visible', region: 'EMEA', country: 'DE', department: 'Sales' },
  { key: 'eric.emea@corp.example', displayName: 'Eric Visible', region: 'EMEA', country: 'FR', department: 'Finance' },
];
const OTHER_REGION = [
  { key: 'canary.apac1@corp.example', displayName: 'Canary Apacone', region: 'APAC', country: 'JP', department: 'CanaryDept' },
  { key: 'canary.apac2@corp.example', displayName: 'Canary Apactwo', region: 'APAC', country: 'SG', department: 'CanaryDept' },
];
const PRIORITY_MEMBER = { key: 'canary.vip@corp.example', displayName: 'Canary Vip', region: 'EMEA', country: 'DE', department: 'Board' };

beforeAll(async () => {
  backend = openTestBackend();
  await backend.admin();
  const { db, keys } = backend.backend.context;
  const visibleIds = insertTestPersons(db, VISIBLE);
  const [apac1, apac2, vip] = insertTestPersons(db, [...OTHER_REGION, PRIORITY_MEMBER]) as [number, number, number];
  db.prepare("INSERT INTO person_groups (id, name, kind) VALUES (1, 'Executives', 'priority')").run();
  db.prepare('INSERT INTO person_group_members VALUES (1, ?)').run(vip);
  db.prepare("INSERT INTO person_group_viewers (group_id, role_group) VALUES (1, 'Admins')").run();
  hiddenIds = [apac1, apac2, vip];
  // Everyone has activity and an alert (and visible persons mail hidden ones), so the alert, policy
  // and Users page methods really read rows of hidden persons and must leave them out.
  const alertIds = await seedAlertsFor(backend, [...visibleIds, ...hiddenIds], {
    mailTo: `${OTHER_REGION[0]!.key};${PRIORITY_MEMBER.key}`,
    mention: OTHER_REGION[1]!.displayName,
    listed: [...visibleIds, apac1, apac2],
  });
  // A visible person added by hand with a reason naming a hidden one: the trigger's free text.
  const admin = await backend.admin();
  const policy = (await admin.value('policies.list')).find((p) => p.name === 'Scope leak departing users')!;
  await admin.value('policies.addPersons', { policyId: policy.id, personIds: [visibleIds[0]!], days: 10, reason: `seen with ${OTHER_REGION[0]!.displayName}` });
  await admin.score({ full: false });
  hiddenAlertIds = hiddenIds.map((id) => alertIds.get(id)!);
  visibleAlertIds = visibleIds.map((id) => alertIds.get(id)!);
  const hidden = [...OTHER_REGION, PRIORITY_MEMBER];
  canaries = ['Canary', 'canary', 'APAC', 'CanaryDept', ...hidden.map((p) => pseudonymFor(keys.pseudonymSecret, p.key))];
  scoped = await backend.account('scoped-investigator', ['Investigators', 'Analysts'], [{ attribute: 'region', values: ['EMEA'] }]);
  scopedManager = await backend.account('scoped-manager', ['InsiderRiskManagement'], [{ attribute: 'region', values: ['EMEA'] }]);
});
afterAll(() => backend.close());

/** Inputs to try for a method: empty, every hidden id, and text that matches the hidden persons. */
function inputsFor(method: MethodName): unknown[] {
  const shape = (contract[method].input as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const inputs: unknown[] = [{}];
  if ('id' in shape) {
    const { db } = backend.backend.context;
    const ids = method.startsWith('alerts.')
      ? [...hiddenAlertIds, ...visibleAlertIds]
      : method.startsWith('groups.')
        ? (db.prepare('SELECT id FROM person_groups').pluck().all() as number[])
        : method.startsWith('policies.')
          ? (db.prepare('SELECT id FROM policies').pluck().all() as number[])
          : hiddenIds;
    inputs.push(...ids.map((id) => ({ id, ...(method === 'alerts.activities' ? { scope: 'all', limit: 500 } : {}) })));
  }
  if ('personId' in shape) inputs.push(...hiddenIds.map((personId) => ({ personId })));
  if ('text' in shape) inputs.push({ text: 'Canary' }, { text: 'APAC' }, { text: 'canary.apac1' }, { text: 'Anon' });
  return inputs;
}

describe.each([true, false])('scope leak with anonymization %s', (anonymization) => {
  beforeAll(() => backend.backend.context.settings.set('privacy.anonymization', anonymization));

  const readMethods = METHOD_NAMES.filter((name) => /\.(list|get|search|count|export|query|timeline|stats|activities|activityChart|summary|previewScope|assignees|templates)/i.test(name));

  it.each(readMethods)('%s shows nothing outside scope', async (method) => {
    const permission = contract[method].permission;
    // Configure methods (policies, groups, settings) run as a scoped Insider Risk Management account.
    const session = holdsPermission(['Investigators', 'Analysts'], permission) ? scoped : permission === 'configure' ? scopedManager : null;
    if (!session) return; // denied anyway: see the permission matrix
    for (const input of inputsFor(method)) {
      const result = await session.call(method, input as never);
      const text = JSON.stringify(result);
      for (const canary of canaries) expect(text, `${method} ${JSON.stringify(input)}`).not.toContain(canary);
    }
  });

  it('counts only persons in scope and outside priority groups', async () => {
    expect(await scoped.value('persons.count')).toEqual({ count: VISIBLE.length });
    expect((await scoped.value('persons.list', {})).total).toBe(VISIBLE.length);
  });

  it('answers a hidden id exactly like a missing one', async () => {
    const hidden = await scoped.call('persons.get', { id: hiddenIds[0]! });
    const missing = await scoped.call('persons.get', { id: 999_999 });
    expect(hidden.ok || missing.ok).toBe(false);
    if (hidden.ok || missing.ok) return;
    expect(hidden.error.code).toBe(missing.error.code);
    expect(hidden.error.message.replace(String(hiddenIds[0]), 'N')).toBe(missing.error.message.replace('999999', 'N'));
  });
});

it('answers triage of a hidden alert like a missing one and counts only visible alerts', async () => {
  expect(hiddenAlertIds.every((id) => id !== undefined) && visibleAlertIds.every((id) => id !== undefined)).toBe(true);
  const extra = { 'alerts.dismiss': { reason: 'notImpactful' }, 'alerts.assign': { accountId: null }, 'alerts.confirm': {} } as const;
  for (const method of ['alerts.dismiss', 'alerts.assign', 'alerts.confirm'] as const) {
    const hidden = await scoped.call(method, { ids: [hiddenAlertIds[0]!], ...extra[method] } as never);
    const missing = await scoped.call(method, { ids: [999_999], ...extra[method] } as never);
    expect(hidden.ok || missing.ok).toBe(false);
    if (hidden.ok || missing.ok) continue;
    expect(hidden.error.code).toBe('NOT_FOUND');
    expect(hidden.error.message.replace(String(hiddenAlertIds[0]), 'N')).toBe(missing.error.message.replace('999999', 'N'));
  }
  expect((await scoped.value('alerts.list', {})).total).toBe(visibleAlertIds.length);
  const summary = await scoped.value('alerts.summary', {});
  expect(summary.byStatus.NeedsReview).toBe(visibleAlertIds.length);
  expect((await scoped.value('users.list', {})).total).toBe(VISIBLE.length);
});

it('lets the priority group name who may see its members', async () => {
  const admin = await backend.account('second-admin', ['Admins']);
  const list = await admin.value('persons.list', {});
  expect(list.total).toBe(VISIBLE.length + OTHER_REGION.length + 1);
  const irm = await backend.admin();
  expect((await irm.value('persons.count')).count).toBe(VISIBLE.length + OTHER_REGION.length);
});
