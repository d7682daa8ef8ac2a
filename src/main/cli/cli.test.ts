/** The `irm` CLI from a fresh data folder: init, account add, audit verify (and its failure modes). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './index';

const PASSWORD = 'a long enough password';
let dataDir: string;
let stdout: string;
let stderr: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'irm-cli-'));
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  vi.stubEnv('IRM_PASSWORD', PASSWORD);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

async function irm(...args: string[]): Promise<number> {
  stdout = '';
  stderr = '';
  return runCli([...args, '--data', dataDir]);
}

describe('irm', () => {
  it('init, account add, account list, audit verify', async () => {
    expect(await irm('init', '--admin', 'alice')).toBe(0);
    vi.stubEnv('IRM_NEW_PASSWORD', 'bobs long password');
    expect(await irm('account', 'add', 'bob', '--roles', 'Analysts', '--scope', 'region=EMEA', '--user', 'alice')).toBe(0);
    expect(stdout).toMatch(/Created bob: Analysts/);
    expect(await irm('account', 'list', '--user', 'alice', '--json')).toBe(0);
    const accounts = JSON.parse(stdout) as { name: string; scopes: unknown[] }[];
    expect(accounts.map((a) => a.name)).toEqual(['alice', 'bob']);
    expect(accounts[1]!.scopes).toEqual([{ attribute: 'region', values: ['EMEA'] }]);
    expect(await irm('audit', 'verify')).toBe(0);
    expect(stdout).toMatch(/Audit log intact: \d+ entries verified/);
  });

  it('exits non-zero naming the first bad sequence after tampering', async () => {
    await irm('init', '--admin', 'alice');
    await irm('account', 'list', '--user', 'alice');
    const db = new BetterSqlite3(join(dataDir, 'audit.sqlite'));
    db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE sequence = 2;");
    db.close();
    expect(await irm('audit', 'verify')).toBe(2);
    expect(stderr).toMatch(/irm: Audit log tampered at sequence 2/);
  });

  it('honours permissions and prints one clear line on failure', async () => {
    await irm('init', '--admin', 'alice');
    vi.stubEnv('IRM_NEW_PASSWORD', 'bobs long password');
    await irm('account', 'add', 'bob', '--roles', 'Analysts', '--user', 'alice');
    vi.stubEnv('IRM_PASSWORD', 'bobs long password');
    expect(await irm('account', 'list', '--user', 'bob')).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/FORBIDDEN/);
    vi.stubEnv('IRM_PASSWORD', 'wrong password!!');
    expect(await irm('account', 'list', '--user', 'alice')).toBe(1);
    expect(stderr).toMatch(/Wrong account name or password/);
  });

  it('refuses to run without IRM_PASSWORD', async () => {
    vi.stubEnv('IRM_PASSWORD', '');
    expect(await irm('init', '--admin', 'alice')).toBe(1);
    expect(stderr).toMatch(/Set IRM_PASSWORD/);
  });
});
