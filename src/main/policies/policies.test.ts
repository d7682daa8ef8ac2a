/** Policies, groups, health and the Users page through the API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_IDS } from '../../shared/detection';
import { openTestBackend, type TestBackend, type TestSession } from '../testing/backendFixture';
import { buildTestOrganisation, type TestOrganisation } from '../testing/testOrganisation';

let backend: TestBackend;
let admin: TestSession;
let organisation: TestOrganisation;

beforeAll(async () => {
  backend = openTestBackend();
  admin = await backend.admin();
});
afterAll(() => backend.close());

const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error!.code);

describe('templates and health before any data', () => {
  it('lists the eight templates with kebab-case ids and says which data is missing', async () => {
    const templates = await admin.value('policies.templates');
    expect(templates.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
    expect(templates.every((t) => /^[a-z]+(-[a-z]+)*$/.test(t.id))).toBe(true);
    const departing = templates.find((t) => t.id === 'data-theft-departing-users')!;
    expect(departing.prerequisites).toEqual([{ met: false, what: 'hrDepartures', message: expect.stringMatching(/HR resignations/) }]);
  });

  it('warns about a missing data source and an empty indicator list', async () => {
    const created = await admin.value('policies.create', {
      template: 'data-theft-departing-users',
      name: 'Empty',
      indicators: [],
    });
    const codes = created.health.issues.map((i) => i.code);
    expect(created.health.state).toBe('warnings');
    expect(codes).toEqual(expect.arrayContaining(['missingDataSource', 'noIndicators']));
    // The UI words each issue from its structured part; the English message stays for the CLI.
    expect(created.health.issues.find((i) => i.code === 'missingDataSource')).toEqual({
      code: 'missingDataSource',
      level: 'warning',
      message: expect.stringMatching(/^No HR departure data .* nobody can enter scope\.$/),
      source: 'hrDepartures',
      indicators: [],
      params: { optional: false },
    });
    expect(created.health.issues.find((i) => i.code === 'noIndicators')).toMatchObject({ source: null, indicators: [], params: {} });
    await admin.value('policies.delete', { id: created.id });
  });
});

describe('with an organisation', () => {
  let departingId: number;
  beforeAll(async () => {
    organisation = buildTestOrganisation(backend.backend.context.db);
  });

  it('creates a policy with every wizard field, and keeps template and name fixed afterwards', async () => {
    const pilot = await admin.value('groups.create', {
      name: 'Pilot',
      kind: 'pilot',
      personIds: [organisation.thief, organisation.colleagues[0]!],
    });
    const created = await admin.value('policies.create', {
      template: 'data-theft-departing-users',
      name: 'Departing engineers',
      description: 'Engineering leavers',
      scope: {
        everyone: false,
        attributes: [{ attribute: 'department', values: ['Engineering'] }],
        pilotGroupId: pilot.id,
        personKeys: ['lea.leaker@corp.example'],
        exclude: { personIds: [organisation.colleagues[0]!] },
      },
      priorityContent: { extensions: ['.DWG'], keywords: ['design'], labels: ['Confidential'] },
      indicators: [
        { id: 'usb_copy', thresholds: { low: 4, medium: 15, high: 40 } },
        { id: 'cloud_upload', aboveUsual: true },
      ],
      triggers: { dlp: false },
      activationDays: 14,
      pastDays: 60,
      boosters: { highImpact: false },
      sequenceDetection: true,
      cumulativeExfiltration: false,
      alertVolume: 'more',
    });
    departingId = created.id;
    expect(created).toMatchObject({
      template: 'data-theft-departing-users',
      name: 'Departing engineers',
      state: 'active',
      activationDays: 14,
      pastDays: 60,
      effectiveAlertVolume: 'more',
      priorityContent: { extensions: ['dwg'], keywords: ['design'], labels: ['Confidential'], scoreOnlyPriorityContent: false },
      boosters: { unusualActivity: true, previousViolation: true, priorityUser: true, highImpact: false },
    });
    expect(created.scope.pilotGroup).toEqual({ id: pilot.id, name: 'Pilot' });
    expect(created.scope.persons.map((p) => p.id)).toEqual([organisation.leaker]);
    expect(created.scope.exclude.persons.map((p) => p.id)).toEqual([organisation.colleagues[0]]);
    expect(created.indicators).toEqual([
      expect.objectContaining({ id: 'usb_copy', thresholds: { low: 4, medium: 15, high: 40 }, custom: true }),
      expect.objectContaining({
        id: 'cloud_upload',
        thresholds: { low: 3, medium: 10, high: 30 },
        custom: false,
        aboveUsual: true,
      }),
    ]);
    expect(code(await admin.call('policies.update', { id: created.id, name: 'Renamed' } as never))).toBe('INVALID_INPUT');
    expect(code(await admin.call('policies.update', { id: created.id, template: 'data-leaks' } as never))).toBe('INVALID_INPUT');
    expect(code(await admin.call('policies.create', { template: 'data-leaks', name: 'departing ENGINEERS' }))).toBe('CONFLICT');
    expect(code(await admin.call('policies.update', { id: created.id, activationDays: 31 }))).toBe('INVALID_INPUT');
    expect(code(await admin.call('policies.update', { id: created.id, pastDays: 91 }))).toBe('INVALID_INPUT');
    expect(code(await admin.call('policies.update', { id: created.id, activationDays: 0 }))).toBe('INVALID_INPUT');
    const updated = await admin.value('policies.update', {
      id: created.id,
      description: 'Leavers',
      activationDays: 30,
      pastDays: 45,
    });
    expect(updated).toMatchObject({ name: 'Departing engineers', description: 'Leavers', activationDays: 30, pastDays: 45 });
  });

  it('previews who a scope includes and who has a trigger', async () => {
    const preview = await admin.value('policies.previewScope', {
      template: 'data-theft-departing-users',
      scope: { everyone: true },
    });
    expect(preview).toEqual({ inScope: 12, triggered: 1, unknownPersonKeys: [] });
    const narrow = await admin.value('policies.previewScope', {
      template: 'data-theft-departing-users',
      scope: {
        everyone: false,
        attributes: [{ attribute: 'department', values: ['Finance'] }],
        personKeys: ['nobody@corp.example'],
      },
    });
    expect(narrow).toEqual({ inScope: 5, triggered: 0, unknownPersonKeys: ['nobody@corp.example'] });
  });

  it('scores, fills the Users page, pauses and resumes, copies, and deletes keeping alerts', async () => {
    const leaks = await admin.value('policies.create', { template: 'data-leaks', name: 'Leaks' });
    expect(await admin.value('scoring.status')).toMatchObject({ reason: 'policy Leaks created', reasonFacts: { kind: 'policyCreated', name: 'Leaks' } });
    const run = await admin.score({});
    expect(run.state).toBe('succeeded');
    expect((await admin.value('scoring.status')).needsFull).toBe(false);
    const users = await admin.value('users.list', {});
    expect(users.users.length).toBe(users.total);
    const thief = users.users.find((u) => u.person.id === organisation.thief)!;
    expect(thief.policies.map((p) => p.policy.name)).toContain('Departing engineers');
    expect(thief.riskLevel).not.toBe('None');
    for (const user of users.users) {
      for (const entry of user.policies) expect(entry.belowThresholdBy).toBe(Math.max(0, entry.alertThreshold - entry.score));
    }
    const detail = await admin.value('users.get', { id: organisation.leaker });
    expect(detail.policies.find((p) => p.policy.id === leaks.id)?.trigger.kind).toBe('dlpAlert');

    const paused = await admin.value('policies.setState', { id: leaks.id, state: 'paused' });
    expect(paused.state).toBe('paused');
    expect(paused.health.issues.map((i) => i.code)).toContain('paused');
    expect((await admin.value('policies.setState', { id: leaks.id, state: 'active' })).state).toBe('active');

    const copy = await admin.value('policies.copy', { id: leaks.id, name: 'Leaks (copy)' });
    expect(copy).toMatchObject({ template: 'data-leaks', name: 'Leaks (copy)' });
    const alertsBefore = (await admin.value('alerts.list', { policyIds: [leaks.id] })).total;
    expect(alertsBefore).toBeGreaterThan(0);
    await admin.value('policies.delete', { id: leaks.id });
    expect((await admin.value('policies.list')).map((p) => p.id)).not.toContain(leaks.id);
    await admin.score({});
    const kept = await admin.value('alerts.list', { policyIds: [leaks.id] });
    expect(kept.total).toBe(alertsBefore);
    expect(kept.alerts[0]!.policy).toMatchObject({ name: 'Leaks', deleted: true });
    expect(code(await admin.call('policies.get', { id: leaks.id }))).toBe('NOT_FOUND');
  });

  it('adds a person by hand for 5 to 30 days with a reason, and removes them', async () => {
    const policyId = departingId;
    expect(
      code(await admin.call('policies.addPersons', { policyId, personIds: [organisation.snooper], days: 4, reason: 'tip' })),
    ).toBe('INVALID_INPUT');
    expect(
      code(await admin.call('policies.addPersons', { policyId, personIds: [organisation.snooper], days: 31, reason: 'tip' })),
    ).toBe('INVALID_INPUT');
    expect(
      code(await admin.call('policies.addPersons', { policyId, personIds: [organisation.snooper], days: 10 } as never)),
    ).toBe('INVALID_INPUT');
    expect(
      await admin.value('policies.addPersons', {
        policyId,
        personKeys: ['sam.snooper@corp.example', 'ghost@corp.example'],
        days: 10,
        reason: 'manager tip-off',
      }),
    ).toEqual({
      added: 1,
      unknownPersonKeys: ['ghost@corp.example'],
    });
    // policies.get lists the addition (person as presented: pseudonymized while anonymization is on).
    const withAddition = await admin.value('policies.get', { id: policyId });
    expect(withAddition.manualAdditions).toEqual([
      {
        id: expect.any(Number),
        person: expect.objectContaining({ id: organisation.snooper, pseudonymized: true, email: null }),
        addedAt: expect.any(Number),
        until: withAddition.manualAdditions[0]!.addedAt + 10 * 86_400_000,
        days: 10,
        reason: 'manager tip-off',
        addedBy: 'admin',
      },
    ]);
    expect(withAddition.manualAdditions[0]!.person.displayName).toMatch(/^Anon/);
    await admin.score({});
    const user = await admin.value('users.get', { id: organisation.snooper });
    expect(user.policies.find((p) => p.policy.id === policyId)).toMatchObject({ manual: true, trigger: { kind: 'manual' } });
    await admin.value('policies.removePerson', { policyId, personId: organisation.snooper, reason: 'cleared' });
    expect((await admin.value('policies.get', { id: policyId })).manualAdditions).toEqual([]);
    expect(code(await admin.call('policies.removePerson', { policyId, personId: organisation.snooper }))).toBe('NOT_FOUND');
    const audit = backend.backend.context.auditDb
      .prepare("SELECT reason FROM audit_log WHERE action = 'policies.addPersons' AND result = 'success'")
      .pluck()
      .all();
    expect(audit).toEqual(['manager tip-off']);
  });

  it('requires viewers on a priority group, and deleting a group pauses the policies that used it', async () => {
    expect(code(await admin.call('groups.create', { name: 'VIP', kind: 'priority', personIds: [organisation.snooper] }))).toBe(
      'INVALID_INPUT',
    );
    const vip = await admin.value('groups.create', {
      name: 'VIP',
      kind: 'priority',
      personIds: [organisation.snooper],
      viewerRoleGroups: ['InsiderRiskManagement'],
    });
    const policy = await admin.value('policies.create', {
      template: 'security-policy-violations-priority-users',
      name: 'VIP security',
      scope: { priorityGroupIds: [vip.id] },
    });
    expect((await admin.value('groups.list', { kind: 'priority' }))[0]!.usedBy).toEqual([
      { id: policy.id, name: 'VIP security' },
    ]);
    await admin.score({});
    expect((await admin.value('policies.get', { id: policy.id })).stats.inScope).toBe(1);
    expect(await admin.value('groups.delete', { id: vip.id })).toEqual({ pausedPolicies: [policy.id] });
    const after = await admin.value('policies.get', { id: policy.id });
    expect(after.state).toBe('paused');
    expect(after.health.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['noPriorityGroups', 'paused']));
  });

  it('warns when the trigger fires for more than 15% of the people in scope', async () => {
    const broad = await admin.value('policies.create', {
      template: 'data-leaks',
      name: 'Broad',
      triggers: { exfiltration: true, exfiltrationLevel: 'low' },
    });
    await admin.score({});
    const health = (await admin.value('policies.get', { id: broad.id })).health;
    const broadIssue = health.issues.find((i) => i.code === 'triggerTooBroad')!;
    expect(broadIssue.params).toEqual({ percent: expect.any(Number), limit: 15 });
    expect(broadIssue.params.percent).toBeGreaterThan(15);
    expect(broadIssue.message).toContain(`${broadIssue.params.percent}%`);
  });
});

describe('the priority-group prerequisite', () => {
  it('is unmet without a priority group with members, and met once one has a member', async () => {
    const own = openTestBackend();
    try {
      const session = await own.admin();
      const people = buildTestOrganisation(own.backend.context.db);
      const priorityTemplates = (await session.value('policies.templates')).filter((t) => t.population === 'priority');
      const prerequisite = async () =>
        (await session.value('policies.templates'))
          .filter((t) => t.population === 'priority')
          .map((t) => t.prerequisites.find((p) => p.what === 'priorityGroups')?.met);
      expect(priorityTemplates.length).toBeGreaterThan(0);
      expect(await prerequisite()).toEqual(priorityTemplates.map(() => false));

      // A pilot group with members and an empty priority group do not count.
      await session.value('groups.create', { name: 'Pilot', kind: 'pilot', personIds: [people.snooper] });
      const vip = await session.value('groups.create', {
        name: 'VIP',
        kind: 'priority',
        personIds: [],
        viewerRoleGroups: ['InsiderRiskManagement'],
      });
      expect(await prerequisite()).toEqual(priorityTemplates.map(() => false));

      await session.value('groups.update', { id: vip.id, add: { personIds: [people.snooper] } });
      expect(await prerequisite()).toEqual(priorityTemplates.map(() => true));
    } finally {
      own.close();
    }
  });
});
