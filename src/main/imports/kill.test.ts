/**
 * All or nothing even when the process dies: a child process (the built `irm` CLI, importing in a
 * worker thread) is SIGKILLed in the middle of reading a big file. Reopening the data folder finds
 * no facts, the import `interrupted`, its staging files gone; a retry imports everything.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestBackend, TEST_PASSWORD } from '../testing/backendFixture';
import { buildMainForTests, removeBuild } from '../testing/buildMain';
import { generateCertHttp } from '../ingest/generateCert';
import { factCounts, waitForImport } from '../testing/importFixtures';

const ROWS = 600_000;
let build: string;
let folder: string;
let bigFile: string;
beforeAll(async () => {
  build = await buildMainForTests();
  folder = mkdtempSync(join(tmpdir(), 'irm-kill-'));
  bigFile = join(folder, 'http.csv');
  generateCertHttp(bigFile, ROWS, { users: 800, seed: 11 });
}, 180_000);
afterAll(() => {
  removeBuild(build);
  rmSync(folder, { recursive: true, force: true });
});

function stagingFiles(dataDir: string): string[] {
  const imports = join(dataDir, 'imports');
  return existsSync(imports) ? readdirSync(imports).filter((name) => name.includes('staging')) : [];
}

it('an import killed midway leaves no rows, shows as interrupted, and a retry succeeds', async () => {
  const dataDir = join(folder, 'data');
  const setup = openTestBackend({ dataDir });
  await setup.admin();
  setup.close();

  const child = spawn(process.execPath, [join(build, 'cli.js'), '--data', dataDir, '--user', 'admin', 'import', bigFile], {
    env: { ...process.env, IRM_PASSWORD: TEST_PASSWORD, IRM_WORKER_DIR: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

  // Kill it once the staging writer has written a good part of the file (mid-reading).
  const activities = join(dataDir, 'imports', 'import-1.staging-activities.sqlite');
  const deadline = Date.now() + 60_000;
  while (!(existsSync(activities) && statSync(activities).size > 8 * 1024 * 1024)) {
    if (Date.now() > deadline) throw new Error(`the import never got going: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(stagingFiles(dataDir).length).toBeGreaterThan(0);

  const test = openTestBackend({ dataDir });
  try {
    const admin = test.session();
    await admin.value('auth.signIn', { name: 'admin', password: TEST_PASSWORD });
    const killed = await admin.value('imports.get', { id: 1 });
    expect(killed).toMatchObject({ state: 'interrupted', accepted: 0 });
    expect(killed.error).toMatch(/stopped while this import ran; nothing of it was kept/);
    expect(factCounts(test)).toMatchObject({ persons: 0, activities: 0 });
    expect(stagingFiles(dataDir)).toEqual([]);

    const retry = await admin.value('imports.retry', { id: 1 });
    const result = await waitForImport(admin, retry.importId, 120_000);
    expect(result).toMatchObject({ state: 'succeeded', rows: ROWS, accepted: ROWS, retryOf: 1 });
    expect(factCounts(test)).toMatchObject({ persons: 800, activities: ROWS });
  } finally {
    test.close();
  }
}, 300_000);
