import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BINDING_ENV,
  PACKAGED_BINDING_PATH,
  builtPaths,
  preparedBindingPath,
  rendererTarget,
  resolveNativeBinding,
} from './appPaths';
import { APP_ENTRY_URL } from './appProtocol';
import { APP_ORIGIN } from './navigation';

const electronNative = createRequire(import.meta.url)('../../../scripts/electron-native.js') as {
  bindingPath(projectRoot: string, platform: string, arch: string): string;
};

describe('resolveNativeBinding', () => {
  const base = { resourcesPath: '/opt/irm/resources', appPath: '/src/irm', platform: 'linux' as const, arch: 'x64' };

  it('uses only the shipped binary in a packaged app and ignores the environment', () => {
    const exists = (path: string) => path === join('/opt/irm/resources', PACKAGED_BINDING_PATH);
    expect(
      resolveNativeBinding({ ...base, isPackaged: true, env: { [BINDING_ENV]: '/tmp/evil.node' }, exists: () => true }),
    ).toBe(join('/opt/irm/resources', 'native', 'better_sqlite3.node'));
    expect(resolveNativeBinding({ ...base, isPackaged: true, env: {}, exists })).toBe(
      join('/opt/irm/resources', PACKAGED_BINDING_PATH),
    );
    expect(
      resolveNativeBinding({ ...base, isPackaged: true, env: { [BINDING_ENV]: '/tmp/evil.node' }, exists: () => false }),
    ).toBeUndefined();
  });

  it('uses the binary npm start passes while unpackaged', () => {
    expect(resolveNativeBinding({ ...base, isPackaged: false, env: { [BINDING_ENV]: '/x/b.node' }, exists: () => true })).toBe(
      '/x/b.node',
    );
    expect(
      resolveNativeBinding({ ...base, isPackaged: false, env: { [BINDING_ENV]: '/x/b.node' }, exists: () => false }),
    ).toBeUndefined();
  });

  it('finds a binary prepared earlier in the project when nothing is passed', () => {
    const prepared = join(
      '/src/irm',
      '.electron-native',
      'linux-x64',
      'better-sqlite3',
      'build',
      'Release',
      'better_sqlite3.node',
    );
    expect(resolveNativeBinding({ ...base, isPackaged: false, env: {}, exists: (path) => path === prepared })).toBe(prepared);
    expect(resolveNativeBinding({ ...base, isPackaged: false, env: {}, exists: () => false })).toBeUndefined();
  });

  it('names the prepared folder exactly as scripts/electron-native.js does', () => {
    for (const [platform, arch] of [
      ['linux', 'x64'],
      ['darwin', 'arm64'],
      ['win32', 'ia32'],
    ] as const) {
      expect(join('/p', preparedBindingPath(platform, arch))).toBe(electronNative.bindingPath('/p', platform, arch));
    }
  });
});

describe('rendererTarget', () => {
  it('loads app://irm when packaged, whatever the environment says', () => {
    expect(rendererTarget({ isPackaged: true, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })).toEqual({
      url: APP_ENTRY_URL,
      allowed: [APP_ORIGIN],
    });
  });

  it("loads electron-vite's dev server while unpackaged", () => {
    expect(rendererTarget({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })).toEqual({
      url: 'http://localhost:5173',
      allowed: [{ protocol: 'http:', host: 'localhost:5173' }, APP_ORIGIN],
    });
    expect(rendererTarget({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'https://example.com' } }).url).toBe(APP_ENTRY_URL);
    expect(rendererTarget({ isPackaged: false, env: {} }).url).toBe(APP_ENTRY_URL);
  });
});

describe('builtPaths', () => {
  it('finds the renderer and preload next to out/main', () => {
    expect(builtPaths(join('/app', 'out', 'main'))).toEqual({
      rendererRoot: join('/app', 'out', 'renderer'),
      preload: join('/app', 'out', 'preload', 'index.js'),
    });
  });
});
