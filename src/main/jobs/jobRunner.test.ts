/**
 * The real worker path: these tests build the main process (testing/buildMain.ts), point
 * IRM_WORKER_DIR at it and run imports (and a scoring run) in real worker threads through the backend.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract';
import type { TestBackend, TestSession } from '../testing/backendFixture';
import { generateCertHttp } from '../ingest/generateCert';
import { factCounts, fixture, openImportBackend, query, runImport, waitForImport } from '../testing/importFixtures';
import { locateWorker } from './jobRunner';
import { buildMainForTests, removeBuild } from '../testing/buildMain';

let build: string;
let folder: string;
let bigFile: string;
beforeAll(async () => {
  build = await buildMainForTests();
  process.env.IRM_WORKER_DIR = build;
  folder = mkdtempSync(join(tmpdir(), 'irm-jobs-'));
  bigFile = join(folder, 'http.csv');
  generateCertHttp(bigFile, 300_000, { users: 500, seed: 7 });
}, 120_000);
afterAll(() => {
  delete process.env.IRM_WORKER_DIR;
  removeBuild(build);
  rmSync(folder, { recursive: true, force: true });
});

let test: TestBackend;
let admin: TestSession;
let events: EventPayload<'job.progress'>[];
beforeEach(async () => ({ test, admin, events } = await openImportBackend()));
afterEach(() => test.close());

describe('import jobs in worker threads', () => {
  it('finds the built worker', () => {
    expect(locateWorker('importWorker.js')).toBe(join(build, 'importWorker.js'));
  });

  it('imports in a worker thread with throttled progress events while the main thread stays free', async () => {
    let ticks = 0;
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      ticks += 1;
    }, 10);
    const started = await admin.value('imports.start', { paths: [bigFile] });
    const result = await waitForImport(admin, started.importId);
    clearInterval(timer);
    expect(result).toMatchObject({ state: 'succeeded', rows: 300_000, accepted: 300_000, persons: 500 });
    expect(result.mergeMs).toBeGreaterThan(0);
    console.log(`merge held the write lock for ${result.mergeMs} ms (300,000 rows)`);
    expect(factCounts(test).activities).toBe(300_000);
    const ours = events.filter((event) => event.jobId === started.jobId);
    expect(ours.every((event) => event.kind === 'import')).toBe(true);
    expect(new Set(ours.map((event) => event.phase))).toEqual(new Set(['hashing', 'reading', 'finalising', 'merging', 'done']));
    expect(ours.at(-1)).toMatchObject({ state: 'succeeded', phase: 'done', message: '300,000 rows imported' });
    expect(ours.filter((event) => event.state === 'running').length).toBeLessThan(200);
    // The main thread kept ticking: the parse and the merge ran elsewhere.
    expect(ticks).toBeGreaterThan(20);
    expect(longest).toBeLessThan(1000);
    // The completion is audited with each file's name and SHA-256.
    const audit = await admin.value('audit.list', { category: 'imports' });
    const completed = audit.entries.find((entry) => entry.action === 'imports.completed');
    expect(completed).toMatchObject({ result: 'success', targets: ['http.csv'] });
    expect((completed!.after as { files: { sha256: string }[] }).files[0]!.sha256).toBe(result.filesDetail[0]!.sha256);
    expect(existsSync(join(test.dataDir, 'imports', `import-${started.importId}.staging.sqlite`))).toBe(false);
  }, 120_000);

  it('cancels a running import: nothing kept, state cancelled, staging removed', async () => {
    const started = await admin.value('imports.start', { paths: [bigFile] });
    for (let i = 0; i < 500 && !events.some((event) => event.jobId === started.jobId && event.phase === 'reading'); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await admin.value('imports.cancel', { id: started.importId })).toEqual({ cancelled: true });
    const result = await waitForImport(admin, started.importId);
    expect(result).toMatchObject({ state: 'cancelled', accepted: 0, error: 'The import was cancelled; nothing was kept.' });
    expect(factCounts(test)).toMatchObject({ persons: 0, activities: 0 });
    expect(events.filter((event) => event.jobId === started.jobId).at(-1)).toMatchObject({ state: 'cancelled' });
    expect(readdirSync(join(test.dataDir, 'imports')).filter((name) => name.includes('staging'))).toEqual([]);
    expect(await admin.value('imports.cancel', { id: started.importId })).toEqual({ cancelled: false });
  }, 120_000);

  it('recognises a file imported before and never duplicates rows, even when re-importing on purpose', async () => {
    const first = await runImport(admin, [fixture('cert', 'r4')]);
    expect(first.state).toBe('succeeded');
    const before = factCounts(test);
    const again = await runImport(admin, [fixture('cert', 'r4')]);
    expect(again).toMatchObject({ state: 'succeeded', rows: 0, accepted: 0 });
    expect(again.filesDetail.every((file) => file.status === 'duplicate' && file.duplicateOf !== null)).toBe(true);
    expect(factCounts(test)).toEqual(before);
    const forced = await runImport(admin, [fixture('cert', 'r4')], { reimport: true });
    expect(forced).toMatchObject({ state: 'succeeded', rows: 23, accepted: 22 });
    expect(factCounts(test)).toEqual(before);
    expect(query(test, 'SELECT DISTINCT status FROM import_files WHERE import_id = ?', first.id)).toEqual([
      { status: 'replaced' },
    ]);
    expect(
      query(
        test,
        'SELECT count(*) AS n FROM activities a JOIN import_files f ON f.id = a.file_id WHERE f.import_id = ?',
        forced.id,
      ),
    ).toEqual([{ n: 15 }]);
  }, 120_000);
});

describe('scoring jobs in worker threads', () => {
  it("stamps the run's start and end with the backend's clock, carried into the worker", async () => {
    expect(await runImport(admin, [fixture('cert', 'r4')])).toMatchObject({ state: 'succeeded' });
    const asked = test.clock.now();
    const run = await admin.score({ full: true });
    expect(locateWorker('scoringWorker.js')).toBe(join(build, 'scoringWorker.js'));
    // The test clock stands still: the worker's clock is it plus the real time elapsed since the worker started.
    expect(run.startedAt).toBeGreaterThanOrEqual(asked);
    expect(run.finishedAt).not.toBeNull();
    expect(run.finishedAt!).toBeGreaterThanOrEqual(run.startedAt);
    expect(run.finishedAt! - asked).toBeLessThan(120_000);
  }, 120_000);
});
