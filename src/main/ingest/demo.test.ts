/** First run's "Load demo organisation": simulate, then import each part through the ordinary path. */
import { afterEach, expect, it, vi } from 'vitest';
import { openTestBackend, type TestBackend } from '../test/backendFixture';

let test: TestBackend;
afterEach(() => test.close());

it('simulates a small organisation and imports every part as its own audited import', async () => {
  test = openTestBackend({ clock: { now: Date.now, advance: () => undefined, set: () => undefined } });
  const admin = await test.admin();
  const finished: string[] = [];
  test.backend.onEvent((_session, name, payload) => {
    if (name === 'job.progress' && 'kind' in payload && payload.state !== 'running') finished.push(`${payload.kind}:${payload.state}`);
  });
  const { jobId } = await admin.value('imports.loadDemo', { people: 30, days: 10, seed: 7 });
  expect(jobId).toMatch(/[0-9a-f-]{36}/);
  await vi.waitFor(() => expect(finished.filter((entry) => entry.startsWith('import:'))).toHaveLength(6), { timeout: 120_000, interval: 200 });
  expect(finished).toContain('demo:succeeded');
  const imports = await admin.value('imports.list', {});
  expect(imports.imports.map((row) => `${row.format}:${row.state}`).sort()).toEqual(
    ['alerts', 'cert', 'content', 'directory', 'hr', 'm365'].map((format) => `${format}:succeeded`),
  );
  expect((await admin.value('persons.count')).count).toBeGreaterThanOrEqual(30);
  const activities = test.backend.context.db.prepare('SELECT count(*) AS n FROM activities').get() as { n: number };
  expect(activities.n).toBeGreaterThan(1000);
}, 180_000);

it('needs the configure permission', async () => {
  test = openTestBackend();
  const analyst = await test.account('analyst', ['Analysts']);
  const result = await analyst.call('imports.loadDemo', { people: 20, days: 7, seed: 1 });
  expect(result.ok || result.error.code).toBe('FORBIDDEN');
});
