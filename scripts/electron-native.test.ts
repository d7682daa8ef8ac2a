import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

interface PrepareOptions {
  projectRoot: string;
  platform?: string;
  arch?: string;
  electronVersion?: string;
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
  tools?: { prebuildInstall?: string; nodeGyp?: string };
}
const native = createRequire(import.meta.url)('./electron-native.js') as {
  bindingPath(root: string, platform: string, arch: string): string;
  nativeFolder(root: string, platform: string, arch: string): string;
  builderOsName(platform: string): string;
  buildEnvironment(env: Record<string, string | undefined>): Record<string, string | undefined>;
  parseModuleVersion(message: string): number | null;
  checkBindingAbi(file: string, abi: number): string | null;
  electronAbi(root: string, version: string): number;
  prepareElectronNative(options: PrepareOptions): string;
};

const require = createRequire(import.meta.url);
const nodeAbiBinary = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');

describe('folder names', () => {
  it('uses electron-builder ${os}-${arch} names, outside node_modules', () => {
    expect(native.builderOsName('darwin')).toBe('mac');
    expect(native.builderOsName('win32')).toBe('win');
    expect(native.builderOsName('linux')).toBe('linux');
    expect(native.bindingPath('/p', 'linux', 'x64')).toBe(
      join('/p', '.electron-native', 'linux-x64', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
    );
    expect(native.bindingPath('/p', 'darwin', 'arm64')).not.toContain('node_modules');
  });
});

describe('buildEnvironment', () => {
  it('drops npm settings that would retarget the build at Node, keeps the rest', () => {
    const clean = native.buildEnvironment({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
      npm_config_runtime: 'node',
      npm_config_target: '20.19.0',
      npm_config_arch: 'x64',
      npm_config_disturl: 'https://nodejs.org/dist',
      npm_config_build_from_source: 'true',
      'prebuild-install_runtime': 'node',
      ELECTRON_RUN_AS_NODE: '1',
      npm_config_registry: 'https://registry.npmjs.org/',
      npm_config_proxy: 'http://proxy:3128',
    });
    expect(clean).toEqual({
      PATH: '/usr/bin',
      npm_config_registry: 'https://registry.npmjs.org/',
      npm_config_proxy: 'http://proxy:3128',
    });
  });
});

describe('ABI checks', () => {
  it('reads the module version from a load error', () => {
    const message =
      "The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 150. This version of Node.js requires NODE_MODULE_VERSION 115.";
    expect(native.parseModuleVersion(message)).toBe(150);
    expect(native.parseModuleVersion('invalid ELF header')).toBeNull();
  });

  it("knows Electron 45's ABI", () => {
    expect(native.electronAbi(process.cwd(), '45.5.0')).toBe(150);
  });

  it('refuses a binary that loads in plain Node (a Node-ABI build labelled as Electron)', () => {
    expect(() => native.checkBindingAbi(nodeAbiBinary, 150)).toThrow(/loads in Node .* not built for Electron \(ABI 150\)/);
  });

  it('says so when it cannot tell', () => {
    const folder = mkdtempSync(join(tmpdir(), 'irm-abi-'));
    const garbage = join(folder, 'garbage.node');
    writeFileSync(garbage, 'not a shared library');
    expect(native.checkBindingAbi(garbage, 150)).toMatch(/could not confirm/);
    rmSync(folder, { recursive: true, force: true });
  });
});

describe('prepareElectronNative', () => {
  let root: string;
  let toolLog: string;
  let tools: { prebuildInstall: string; nodeGyp: string };
  const lines: string[] = [];

  /** Writes a fake build tool that records its call and leaves `binary` (or fails when told to). */
  const fakeTool = (name: string, behaviour: 'garbage' | 'node-abi' | 'fail') => {
    const file = join(root, `${name}.js`);
    writeFileSync(
      file,
      `const fs = require('fs'), path = require('path');
fs.appendFileSync(${JSON.stringify(toolLog)}, JSON.stringify({ tool: ${JSON.stringify(name)}, args: process.argv.slice(2), cwd: process.cwd(), nodedir: process.env.npm_config_nodedir ?? null, runtime: process.env.npm_config_runtime ?? null }) + '\\n');
if (${JSON.stringify(behaviour)} === 'fail') process.exit(1);
fs.mkdirSync('build/Release', { recursive: true });
if (${JSON.stringify(behaviour)} === 'node-abi') fs.copyFileSync(${JSON.stringify(nodeAbiBinary)}, 'build/Release/better_sqlite3.node');
else fs.writeFileSync('build/Release/better_sqlite3.node', 'pretend electron binary');
`,
    );
    return file;
  };
  const calls = () =>
    existsSync(toolLog)
      ? readFileSync(toolLog, 'utf8')
          .trim()
          .split('\n')
          .map(
            (line) =>
              JSON.parse(line) as { tool: string; args: string[]; cwd: string; nodedir: string | null; runtime: string | null },
          )
      : [];
  const prepare = (extra: Partial<PrepareOptions> = {}) =>
    native.prepareElectronNative({
      projectRoot: root,
      electronVersion: '45.5.0',
      env: { ...process.env, npm_config_nodedir: '/usr', npm_config_runtime: 'node' },
      log: (line) => lines.push(line),
      tools,
      ...extra,
    });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'irm-native-'));
    toolLog = join(root, 'tools.log');
    lines.length = 0;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('downloads the prebuilt binary into .electron-native with a clean environment, once', () => {
    tools = { prebuildInstall: fakeTool('prebuild-install', 'garbage'), nodeGyp: fakeTool('node-gyp', 'fail') };
    const binary = prepare();
    expect(binary).toBe(native.bindingPath(root, process.platform, process.arch));
    expect(readFileSync(binary, 'utf8')).toBe('pretend electron binary');
    const [call] = calls();
    expect(call.tool).toBe('prebuild-install');
    expect(call.args).toEqual(
      expect.arrayContaining([
        '--runtime=electron',
        '--target=45.5.0',
        `--arch=${process.arch}`,
        `--platform=${process.platform}`,
      ]),
    );
    expect(call.nodedir).toBeNull();
    expect(call.runtime).toBeNull();
    expect(call.cwd).not.toContain('node_modules');
    // The sources came along, the Node-ABI build output did not.
    const folder = native.nativeFolder(root, process.platform, process.arch);
    expect(existsSync(join(folder, 'binding.gyp'))).toBe(true);
    expect(readdirSync(join(folder, 'build', 'Release'))).toEqual(['better_sqlite3.node']);
    expect(JSON.parse(readFileSync(join(folder, 'irm-native.json'), 'utf8'))).toMatchObject({
      electronVersion: '45.5.0',
      platform: process.platform,
      arch: process.arch,
    });
    expect(lines.some((line) => /could not confirm/.test(line))).toBe(true);

    expect(prepare()).toBe(binary);
    expect(calls()).toHaveLength(1);
  });

  it('rebuilds when the Electron version changes', () => {
    tools = { prebuildInstall: fakeTool('prebuild-install', 'garbage'), nodeGyp: fakeTool('node-gyp', 'fail') };
    prepare();
    prepare({ electronVersion: '45.6.0' });
    expect(calls().map((call) => call.args.find((arg) => arg.startsWith('--target=')))).toEqual([
      '--target=45.5.0',
      '--target=45.6.0',
    ]);
  });

  it('compiles against Electron headers when no prebuilt binary downloads', () => {
    tools = { prebuildInstall: fakeTool('prebuild-install', 'fail'), nodeGyp: fakeTool('node-gyp', 'garbage') };
    prepare();
    const [, gyp] = calls();
    expect(gyp.tool).toBe('node-gyp');
    expect(gyp.args).toEqual(
      expect.arrayContaining(['rebuild', '--runtime=electron', '--target=45.5.0', '--dist-url=https://electronjs.org/headers']),
    );
    expect(gyp.nodedir).toBeNull();
  });

  it('refuses a Node-ABI result and leaves nothing behind', () => {
    tools = { prebuildInstall: fakeTool('prebuild-install', 'node-abi'), nodeGyp: fakeTool('node-gyp', 'fail') };
    expect(() => prepare()).toThrow(/not built for Electron/);
    expect(existsSync(join(root, '.electron-native'))).toBe(true);
    expect(readdirSync(dirname(native.nativeFolder(root, process.platform, process.arch)))).toEqual([]);
  });

  it('does not try to cross-compile for another platform', () => {
    tools = { prebuildInstall: fakeTool('prebuild-install', 'fail'), nodeGyp: fakeTool('node-gyp', 'garbage') };
    const other = process.platform === 'win32' ? 'linux' : 'win32';
    expect(() => prepare({ platform: other, arch: 'x64' })).toThrow(/cannot be cross-compiled/);
    expect(calls().map((call) => call.tool)).toEqual(['prebuild-install']);
  });

  it('refuses universal macOS builds', () => {
    tools = { prebuildInstall: fakeTool('prebuild-install', 'garbage'), nodeGyp: fakeTool('node-gyp', 'garbage') };
    expect(() => prepare({ platform: 'darwin', arch: 'universal' })).toThrow(/universal/);
  });
});
