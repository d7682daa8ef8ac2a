/** `irm import`: the JSON summary, the human summary, skip mode, format override and failures. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixture } from '../../testing/importFixtures';
import { runCli } from '../index';
import type { ImportSummaryJson } from './import';

const PASSWORD = 'a long enough password';
let dataDir: string;
let stdout: string;
let stderr: string;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'irm-cli-import-'));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  vi.stubEnv('IRM_PASSWORD', PASSWORD);
  await irm('init', '--admin', 'alice');
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

async function irm(...args: string[]): Promise<number> {
  stdout = '';
  stderr = '';
  return runCli([...args, '--data', dataDir]);
}

describe('irm import', () => {
  it('prints the JSON summary of a folder import', async () => {
    expect(await irm('import', fixture('cert', 'r4'), '--user', 'alice', '--json')).toBe(0);
    const summary = JSON.parse(stdout) as ImportSummaryJson;
    expect(summary).toMatchObject({
      importId: 1,
      format: 'cert',
      state: 'succeeded',
      rows: 23,
      accepted: 22,
      rejected: 1,
      persons: 3,
    });
    expect(summary.seconds).toBeGreaterThanOrEqual(0);
    expect(summary.errors).toEqual([
      {
        file: 'r4/http.csv',
        line: 5,
        field: 'url',
        reason: 'truncated last line (the file ends without a line break): only 4 of 6 fields',
      },
    ]);
    expect(summary.files).toHaveLength(8);
    expect(stderr).toBe('');
  });

  it('skips a file imported before and says how to replace it', async () => {
    await irm('import', fixture('hr', 'employee_profile.csv'), '--user', 'alice');
    expect(await irm('import', fixture('hr', 'employee_profile.csv'), '--user', 'alice')).toBe(0);
    expect(stdout).toMatch(/^Import 2 succeeded: 0 rows/);
    expect(stdout).toMatch(/1 file\(s\) skipped: already imported \(same SHA-256\); use --reimport to replace them/);
    expect(await irm('import', fixture('hr', 'employee_profile.csv'), '--user', 'alice', '--reimport', '--json')).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ state: 'succeeded', rows: 2, accepted: 2 });
  });

  it('fails with one clear line and a non-zero exit, or skips bad rows on request', async () => {
    expect(await irm('import', fixture('hr', 'bad_rows.csv'), '--user', 'alice')).toBe(1);
    expect(stderr).toBe(
      'irm: import 1 failed: bad_rows.csv, line 3, field EmailAddress: not an e-mail address: "not-an-address"\n',
    );
    expect(await irm('import', fixture('hr', 'bad_rows.csv'), '--user', 'alice', '--on-error', 'skip', '--json')).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ state: 'succeeded', accepted: 2, rejected: 3 });
  });

  it('checks its options and the paths before importing', async () => {
    expect(await irm('import', fixture('hr', 'employee_profile.csv'), '--user', 'alice', '--format', 'csv')).toBe(1);
    expect(stderr).toMatch(/^irm: Unknown format "csv"; use one of hr, directory, m365, alerts, cert, content\.\n$/);
    expect(await irm('import', join(dataDir, 'missing.csv'), '--user', 'alice')).toBe(1);
    expect(stderr).toMatch(/^irm: imports\.start: .*missing\.csv does not exist or cannot be read\. \(BAD_FILE\)\n$/);
    // --format forces the reading: an HR file read as CERT does not fit.
    expect(await irm('import', fixture('hr', 'employee_profile.csv'), '--user', 'alice', '--format', 'cert')).toBe(1);
    expect(stderr).toMatch(/does not look like cert data/);
  });
});
