/** First run's "Load demo organisation": simulate, then import each part through the ordinary path. */
import { afterEach, expect, it, vi } from 'vitest';
import type { Principal } from '../access/sessions';
import { createDemoPolicies } from './demoPolicies';
import { openTestBackend, type TestBackend } from '../testing/backendFixture';

let test: TestBackend;
afterEach(() => test.close());

it('simulates a small organisation and imports every part as its own audited import', async () => {
  test = openTestBackend({ clock: { now: Date.now, advance: () => undefined, set: () => undefined } });
  const admin = await test.admin();
  const finished: string[] = [];
  test.backend.onEvent((_session, name, payload) => {
    if (name === 'job.progress' && 'kind' in payload && payload.state !== 'running')
      finished.push(`${payload.kind}:${payload.state}`);
  });
  const { jobId } = await admin.value('imports.loadDemo', { people: 30, days: 10, seed: 7 });
  expect(jobId).toMatch(/[0-9a-f-]{36}/);
  await vi.waitFor(() => expect(finished.filter((entry) => entry.startsWith('import:'))).toHaveLength(6), {
    timeout: 120_000,
    interval: 200,
  });
  expect(finished).toContain('demo:succeeded');
  const imports = await admin.value('imports.list', {});
  expect(imports.imports.map((row) => `${row.format}:${row.state}`).sort()).toEqual(
    ['alerts', 'cert', 'content', 'directory', 'hr', 'm365'].map((format) => `${format}:succeeded`),
  );
  expect((await admin.value('persons.count')).count).toBeGreaterThanOrEqual(30);
  const activities = test.backend.context.db.prepare('SELECT count(*) AS n FROM activities').get() as { n: number };
  expect(activities.n).toBeGreaterThan(1000);

  // Then one active policy per template (template defaults) and a full re-score that raises alerts.
  await vi.waitFor(() => expect(finished).toContain('scoring:succeeded'), { timeout: 120_000, interval: 200 });
  const templates = await admin.value('policies.templates');
  const policies = await admin.value('policies.list');
  expect(policies.map((policy) => policy.name).sort()).toEqual(templates.map((template) => `Demo: ${template.name}`).sort());
  expect(policies.every((policy) => policy.state === 'active')).toBe(true);
  const runs = (await admin.value('scoring.status')).runs;
  expect(runs[0]).toMatchObject({ kind: 'full', state: 'succeeded' });
  const summary = await admin.value('alerts.summary', {});
  expect(summary.byStatus.NeedsReview).toBeGreaterThan(0);
  const audit = test.backend.context.auditDb
    .prepare(
      "SELECT action, result, after FROM audit_log WHERE action IN ('imports.loadDemo', 'imports.demoCompleted', 'policies.create') ORDER BY sequence",
    )
    .all() as { action: string; result: string; after: string }[];
  expect(audit.map((row) => row.action)).toEqual([
    'imports.loadDemo',
    ...templates.map(() => 'policies.create'),
    'imports.demoCompleted',
  ]);
  expect(JSON.parse(audit[0]!.after)).toMatchObject({ then: expect.stringContaining('one active policy per template') });
  const completed = JSON.parse(audit.at(-1)!.after) as { policiesCreated: string[]; scoring: string | null };
  expect([...completed.policiesCreated].sort()).toEqual(policies.map((policy) => policy.name).sort());
  expect(completed.scoring).toBe('full re-score started');
  // Loading the demo again leaves existing demo policies alone (skipped by name).
  const principal: Principal = {
    accountId: 1,
    name: 'admin',
    roleGroups: ['InsiderRiskManagement'],
    scopes: [],
    sessionId: null,
  };
  expect(createDemoPolicies(test.backend.context, principal, null)).toEqual({
    created: [],
    skipped: completed.policiesCreated,
    scoringJobId: null,
  });
  expect(await admin.value('policies.list')).toHaveLength(policies.length);
  expect(audit.at(-1)!.result).toBe('success');
}, 240_000);

it('needs the configure permission', async () => {
  test = openTestBackend();
  const analyst = await test.account('analyst', ['Analysts']);
  const result = await analyst.call('imports.loadDemo', { people: 20, days: 7, seed: 1 });
  expect(result.ok || result.error.code).toBe('FORBIDDEN');
});
