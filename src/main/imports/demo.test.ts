/**
 * First run's "Load demo organisation": one demo job that simulates, imports each part through the
 * ordinary path, creates the policies and scores, reporting its steps with one total from the start.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { DEMO_STEPS } from '../../shared/jobs';
import type { Principal } from '../access/sessions';
import { createDemoPolicies } from './demoPolicies';
import { openTestBackend, type TestBackend } from '../testing/backendFixture';

let test: TestBackend;
afterEach(() => test.close());

it('simulates a small organisation and imports every part as its own audited import', async () => {
  test = openTestBackend({ clock: { now: Date.now, advance: () => undefined, set: () => undefined } });
  const admin = await test.admin();
  const finished: string[] = [];
  const steps: { phase: string; done: number; total: number | null; message: string | null }[] = [];
  test.backend.onEvent((_session, name, payload) => {
    if (name !== 'job.progress' || !('kind' in payload)) return;
    if (payload.state !== 'running') finished.push(`${payload.kind}:${payload.state}`);
    if (payload.kind === 'demo') steps.push({ phase: payload.phase, done: payload.done, total: payload.total, message: payload.message });
  });
  const { jobId } = await admin.value('imports.loadDemo', { people: 30, days: 10, seed: 7 });
  expect(jobId).toMatch(/[0-9a-f-]{36}/);
  // The demo job ends when the whole demo has: after its six imports and after the scoring run.
  await vi.waitFor(() => expect(finished).toContain('demo:succeeded'), { timeout: 120_000, interval: 200 });
  expect(finished.filter((entry) => entry.startsWith('import:'))).toEqual(Array(6).fill('import:succeeded'));
  expect(finished.indexOf('simulation:succeeded')).toBe(0);
  expect(finished.indexOf('scoring:succeeded')).toBeLessThan(finished.indexOf('demo:succeeded'));
  // One honest total from the first event; the count of steps done only grows; every part is named.
  expect(steps.every((step) => step.total === DEMO_STEPS)).toBe(true);
  expect(steps.every((step, index) => index === 0 || step.done >= steps[index - 1]!.done)).toBe(true);
  expect([...new Set(steps.map((step) => step.phase))]).toEqual(['simulating', 'importing', 'policies', 'scoring', 'done']);
  expect(steps.filter((step) => step.phase === 'importing').map((step) => step.message)).toEqual([
    'roster.csv',
    'hr',
    'cert',
    'm365',
    'alerts',
    'content',
  ]);
  expect(steps.at(-1)).toMatchObject({ phase: 'done', done: DEMO_STEPS });
  expect((await admin.value('jobs.get', { jobId })).state).toBe('succeeded');
  const imports = await admin.value('imports.list', {});
  expect(imports.imports.map((row) => `${row.format}:${row.state}`).sort()).toEqual(
    ['alerts', 'cert', 'content', 'directory', 'hr', 'm365'].map((format) => `${format}:succeeded`),
  );
  expect((await admin.value('persons.count')).count).toBeGreaterThanOrEqual(30);
  const activities = test.backend.context.db.prepare('SELECT count(*) AS n FROM activities').get() as { n: number };
  expect(activities.n).toBeGreaterThan(1000);

  // Then one active policy per template (template defaults) and a full re-score that raises alerts.
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
  const completed = JSON.parse(audit.at(-1)!.after) as { policiesCreated: string[]; imports: number[]; error: string | null };
  expect([...completed.policiesCreated].sort()).toEqual(policies.map((policy) => policy.name).sort());
  expect(completed.imports).toEqual(imports.imports.map((row) => row.id).sort((a, b) => a - b));
  expect(completed.error).toBeNull();
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
