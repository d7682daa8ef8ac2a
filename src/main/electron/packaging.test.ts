/** electron-builder.yml and its beforePack hook (E-19): fuses, targets and the native binding's path. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGED_BINDING_PATH, preparedBindingPath } from './appPaths';

const projectRoot = resolve(__dirname, '..', '..', '..');
const load = createRequire(import.meta.url);
// js-yaml and app-builder-lib come with electron-builder; the test reads the file as electron-builder does.
const yaml = load('js-yaml') as { load(text: string): unknown };
/** The parts of the configuration the tests read. */
interface BuilderConfig {
  appId: string;
  productName: string;
  asar: boolean;
  npmRebuild: boolean;
  beforePack: string;
  files: string[];
  extraResources: Array<{ from: string; to: string }>;
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
}
const config = yaml.load(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('is valid against the installed electron-builder schema', async () => {
    const { validateConfiguration } = load('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = load('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the fuses E-19 asks for', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('builds AppImage and deb, NSIS and dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.productName).toBe('Insider Risk Workbench');
  });

  it('never rebuilds node_modules in place and ships no Node-ABI better-sqlite3', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.files).toContain('out/**');
    expect(config.files).toContain('!**/node_modules/better-sqlite3/{build,deps,src}/**');
  });

  it('ships the prepared Electron-ABI binary where main looks for it', () => {
    expect(config.extraResources).toEqual([
      { from: '.electron-native/${os}-${arch}/better-sqlite3/build/Release/better_sqlite3.node', to: PACKAGED_BINDING_PATH },
    ]);
    // electron-builder expands ${os} to linux/mac/win; npm start and the hook use the same names.
    for (const [platform, os] of [
      ['linux', 'linux'],
      ['darwin', 'mac'],
      ['win32', 'win'],
    ] as const) {
      const expanded = config.extraResources[0].from.replace('${os}', os).replace('${arch}', 'x64');
      expect(join(expanded)).toBe(preparedBindingPath(platform, 'x64'));
    }
  });
});

describe('build/before-pack.js', () => {
  const hook = load(join(projectRoot, config.beforePack)) as {
    beforePack: unknown;
    default: unknown;
    targetOf(context: { arch: number; electronPlatformName: string }): { platform: string; arch: string };
  };

  it('is a function electron-builder can call', () => {
    expect(typeof hook).toBe('function');
    expect(hook.beforePack).toBe(hook);
    expect(hook.default).toBe(hook);
  });

  it("maps electron-builder's Arch enum to Node's names", () => {
    const { Arch } = load('builder-util') as { Arch: Record<string, number> };
    for (const name of ['ia32', 'x64', 'armv7l', 'arm64']) {
      expect(hook.targetOf({ arch: Arch[name], electronPlatformName: 'linux' })).toEqual({ platform: 'linux', arch: name });
    }
  });
});
