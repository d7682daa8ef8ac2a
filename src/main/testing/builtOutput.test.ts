/**
 * The built main process stands on its own: out/main/cli.js, copied away from src/, still finds its
 * migrations (they are bundled, not read from src/) and creates a complete database.
 * `npm test` builds before the unit tests run.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../store/migrations';

const root = resolve(__dirname, '../../..');
const builtCli = join(root, 'out/main/cli.js');

describe('built main process', () => {
  it('exists (run `npm run build` first)', () => {
    expect(existsSync(builtCli), 'out/main/cli.js is missing: run npm run build').toBe(true);
  });

  it('applies bundled migrations when run far from src/', () => {
    const place = mkdtempSync(join(tmpdir(), 'irm-built-'));
    cpSync(join(root, 'out/main'), join(place, 'out/main'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(place, 'node_modules'), 'dir');
    const dataDir = join(place, 'data');
    const output = execFileSync(process.execPath, [join(place, 'out/main/cli.js'), 'info', '--data', dataDir, '--json'], {
      cwd: place,
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toMatchObject({ schemaVersion: SCHEMA_VERSION, anonymization: true });
    const db = new BetterSqlite3(join(dataDir, 'workbench.sqlite'), { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    db.close();
    expect(tables).toEqual(expect.arrayContaining(['settings', 'accounts', 'persons', 'activities']));
    const audit = new BetterSqlite3(join(dataDir, 'audit.sqlite'), { readonly: true });
    expect(audit.pragma('user_version', { simple: true })).toBeGreaterThan(0);
    audit.close();
  });
});
