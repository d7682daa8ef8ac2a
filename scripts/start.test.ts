import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';

const start = createRequire(import.meta.url)('./start.js') as {
  MISSING_ELECTRON_MESSAGE: string;
  parseArguments(argv: string[]): { dev: boolean; electronArguments: string[] };
  locateElectronBinary(root: string, env: Record<string, string | undefined>): string | null;
  needsBuild(root: string): boolean;
  electronEnvironment(
    env: Record<string, string | undefined>,
    binding: string,
    electron: string,
  ): Record<string, string | undefined>;
};

let root: string;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function touch(path: string, seconds: number, content = ''): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  utimesSync(file, seconds, seconds);
  return file;
}

describe('parseArguments', () => {
  it('reads --dev and passes what follows -- to Electron', () => {
    expect(start.parseArguments([])).toEqual({ dev: false, electronArguments: [] });
    expect(start.parseArguments(['--dev'])).toEqual({ dev: true, electronArguments: [] });
    expect(start.parseArguments(['--', '--inspect'])).toEqual({ dev: false, electronArguments: ['--inspect'] });
  });

  it('refuses unknown arguments', () => {
    expect(() => start.parseArguments(['--prod'])).toThrow(/unknown argument --prod/);
  });
});

describe('locateElectronBinary', () => {
  it('finds the binary path.txt names, and nothing when dist is missing', () => {
    root = mkdtempSync(join(tmpdir(), 'irm-start-'));
    touch('node_modules/electron/package.json', 1000, '{"name":"electron","version":"45.5.0"}');
    expect(start.locateElectronBinary(root, {})).toBeNull();
    touch('node_modules/electron/path.txt', 1000, 'electron');
    expect(start.locateElectronBinary(root, {})).toBeNull();
    const binary = touch('node_modules/electron/dist/electron', 1000);
    expect(start.locateElectronBinary(root, {})).toBe(binary);
  });

  it('honours ELECTRON_EXEC_PATH and ELECTRON_OVERRIDE_DIST_PATH only when they exist', () => {
    root = mkdtempSync(join(tmpdir(), 'irm-start-'));
    touch('node_modules/electron/package.json', 1000, '{"name":"electron","version":"45.5.0"}');
    const custom = touch('custom/electron', 1000);
    expect(start.locateElectronBinary(root, { ELECTRON_EXEC_PATH: custom })).toBe(custom);
    expect(start.locateElectronBinary(root, { ELECTRON_EXEC_PATH: join(root, 'nope') })).toBeNull();
    expect(start.locateElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'custom') })).toBe(custom);
  });

  it('finds nothing when the electron package itself is absent', () => {
    root = mkdtempSync(join(tmpdir(), 'irm-start-'));
    expect(start.locateElectronBinary(join(root, 'nowhere'), {})).toBe(null);
  });
});

describe('needsBuild', () => {
  it('builds when an output is missing or older than a source, and not otherwise', () => {
    root = mkdtempSync(join(tmpdir(), 'irm-start-'));
    touch('src/main/backend.ts', 1000);
    touch('package.json', 1000);
    expect(start.needsBuild(root)).toBe(true);
    touch('out/main/index.js', 2000);
    touch('out/preload/index.js', 2000);
    expect(start.needsBuild(root)).toBe(true);
    touch('out/renderer/index.html', 2000);
    expect(start.needsBuild(root)).toBe(false);
    touch('src/renderer/src/App.tsx', 3000);
    expect(start.needsBuild(root)).toBe(true);
  });
});

describe('electronEnvironment', () => {
  it('passes the binding, never runs Electron as Node', () => {
    const env = start.electronEnvironment({ PATH: '/bin', ELECTRON_RUN_AS_NODE: '1' }, '/b.node', '/e');
    expect(env).toEqual({ PATH: '/bin', IRM_SQLITE_BINDING: '/b.node', ELECTRON_EXEC_PATH: '/e' });
  });
});

describe('npm start without the Electron binary', () => {
  it('prints exactly one line pointing to npm run web and exits non-zero', () => {
    const script = join(__dirname, 'start.js');
    const environment = { ...process.env };
    delete environment.ELECTRON_EXEC_PATH;
    delete environment.ELECTRON_OVERRIDE_DIST_PATH;
    // Only meaningful where Electron really is missing (our machines); elsewhere it would launch the app.
    if (start.locateElectronBinary(join(__dirname, '..'), environment)) return;
    const result = spawnSync(process.execPath, [script], { encoding: 'utf8', env: environment, timeout: 20_000 });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${start.MISSING_ELECTRON_MESSAGE}\n`);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/npm run web/);
  });
});
