'use strict';
/**
 * Prepares an Electron-ABI build of better-sqlite3 in .electron-native/<os>-<arch>/better-sqlite3,
 * never in node_modules, so vitest, the CLI and the harness keep their Node-ABI build (DESIGN.md §6,
 * docs/electron.md). Used by scripts/start.js (`npm start`, `npm run dev`) and by the electron-builder
 * beforePack hook (build/before-pack.js). Plain CommonJS with Node built-ins only.
 */
const { spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/** Where node-gyp fetches Electron's headers (the same URL @electron/rebuild uses). */
const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
/** The file that records what a prepared folder was built for. */
const STAMP_FILE = 'irm-native.json';

/** electron-builder's `${os}` name for a Node platform (linux, mac, win), which names the folder. */
function builderOsName(platform) {
  if (platform === 'darwin' || platform === 'mas') return 'mac';
  if (platform === 'win32') return 'win';
  return platform;
}

/** The prepared better-sqlite3 folder for an OS and architecture. */
function nativeFolder(projectRoot, platform, arch) {
  return path.join(projectRoot, '.electron-native', `${builderOsName(platform)}-${arch}`, 'better-sqlite3');
}

/** The Electron-ABI binary inside that folder (what main passes to better-sqlite3 as nativeBinding). */
function bindingPath(projectRoot, platform, arch) {
  return path.join(nativeFolder(projectRoot, platform, arch), 'build', 'Release', 'better_sqlite3.node');
}

/**
 * npm settings that would make node-gyp or prebuild-install target something other than what we
 * ask for. The machine's npm config sets `nodedir` to Node's headers: left in, node-gyp would build
 * a Node-ABI binary and call it Electron's.
 */
const TOOLCHAIN_OVERRIDES = new Set([
  'nodedir',
  'target',
  'runtime',
  'arch',
  'platform',
  'disturl',
  'dist_url',
  'build_from_source',
  'target_arch',
  'target_platform',
  'libc',
]);

/** The environment for the build tools: the caller's, minus anything that would retarget the build. */
function buildEnvironment(env) {
  const clean = {};
  for (const [name, value] of Object.entries(env)) {
    const lower = name.toLowerCase();
    const setting = lower.startsWith('npm_config_')
      ? lower.slice('npm_config_'.length)
      : lower.startsWith('prebuild-install_')
        ? lower.slice('prebuild-install_'.length)
        : null;
    if (setting !== null && TOOLCHAIN_OVERRIDES.has(setting.replace(/-/g, '_'))) continue;
    if (lower === 'electron_run_as_node') continue;
    clean[name] = value;
  }
  return clean;
}

/** The NODE_MODULE_VERSION a load error reports for the binary, or null when it names none. */
function parseModuleVersion(message) {
  const match = /NODE_MODULE_VERSION (\d+)/.exec(String(message));
  return match ? Number(match[1]) : null;
}

/** Electron's ABI number (NODE_MODULE_VERSION) for a version, from the installed electron package or node-abi. */
function electronAbi(projectRoot, electronVersion) {
  try {
    const electronDir = path.dirname(require.resolve('electron/package.json', { paths: [projectRoot, __dirname] }));
    const installed = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
    const abiFile = path.join(electronDir, 'abi_version');
    if (installed === electronVersion && fs.existsSync(abiFile)) return Number(fs.readFileSync(abiFile, 'utf8').trim());
  } catch {
    // Fall through to node-abi.
  }
  const nodeAbi = require(require.resolve('node-abi', { paths: [projectRoot, __dirname] }));
  return Number(nodeAbi.getAbi(electronVersion, 'electron'));
}

/**
 * Checks that a binary is not a Node-ABI build: loads it in a plain Node child process, where an
 * Electron-ABI build must fail with Electron's NODE_MODULE_VERSION. Returns a warning string when
 * the check cannot tell; throws when the binary is the wrong ABI.
 */
function checkBindingAbi(file, expectedAbi) {
  const probe = `try { require(process.argv[1]); console.log('loaded'); } catch (error) { console.log(String(error && error.message)); }`;
  const result = spawnSync(process.execPath, ['-e', probe, file], { encoding: 'utf8' });
  const output = `${result.stdout || ''}${result.stderr || ''}`;
  if (/^loaded\b/m.test(output)) {
    throw new Error(
      `${file} loads in Node ${process.version} (ABI ${process.versions.modules}), so it is not built for Electron (ABI ${expectedAbi})`,
    );
  }
  const found = parseModuleVersion(output);
  if (found === null) return `could not confirm the ABI of ${file}`;
  if (found !== expectedAbi) throw new Error(`${file} is built for ABI ${found}, but Electron needs ABI ${expectedAbi}`);
  return null;
}

/** The record of what a prepared folder holds. */
function stampFor(electronVersion, betterSqlite3Version, platform, arch) {
  return { electronVersion, betterSqlite3Version, platform, arch };
}

/** True when the folder holds a binary built for exactly this stamp. */
function isPrepared(folder, stamp) {
  try {
    const recorded = JSON.parse(fs.readFileSync(path.join(folder, STAMP_FILE), 'utf8'));
    const binary = path.join(folder, 'build', 'Release', 'better_sqlite3.node');
    return fs.existsSync(binary) && Object.keys(stamp).every((key) => recorded[key] === stamp[key]);
  } catch {
    return false;
  }
}

/** Copies the better-sqlite3 sources without its (Node-ABI) build output. */
function copyPackageSources(from, to) {
  fs.cpSync(from, to, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(from, source);
      const first = relative.split(path.sep)[0];
      return first !== 'build' && first !== 'node_modules' && first !== 'prebuilds';
    },
  });
}

/** Runs a Node script with inherited output; true on exit code 0. */
function runNodeScript(script, args, cwd, env) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd, env, stdio: 'inherit' });
  return result.status === 0;
}

/**
 * Makes sure `.electron-native/<os>-<arch>/better-sqlite3` holds better-sqlite3 built for this
 * Electron version and returns the binary's path. Tries the published prebuilt binary first
 * (prebuild-install, a download), then compiles with node-gyp against Electron's headers (needs a
 * C++ toolchain; only for the host platform). Builds in a temporary folder and renames it into place.
 */
function prepareElectronNative(options) {
  const projectRoot = options.projectRoot;
  const platform = options.platform || process.platform;
  const arch = options.arch || process.arch;
  const log = options.log || ((line) => process.stderr.write(`${line}\n`));
  if (arch === 'universal') throw new Error('universal macOS builds are not supported: package x64 and arm64 separately');
  const electronVersion =
    options.electronVersion ||
    JSON.parse(fs.readFileSync(require.resolve('electron/package.json', { paths: [projectRoot, __dirname] }), 'utf8')).version;
  const sourceDir = path.dirname(require.resolve('better-sqlite3/package.json', { paths: [projectRoot, __dirname] }));
  const betterSqlite3Version = JSON.parse(fs.readFileSync(path.join(sourceDir, 'package.json'), 'utf8')).version;
  const folder = nativeFolder(projectRoot, platform, arch);
  const stamp = stampFor(electronVersion, betterSqlite3Version, platform, arch);
  const binary = bindingPath(projectRoot, platform, arch);
  if (isPrepared(folder, stamp)) return binary;

  log(
    `Preparing better-sqlite3 ${betterSqlite3Version} for Electron ${electronVersion} (${platform}-${arch}) in ${path.relative(projectRoot, folder)} ...`,
  );
  fs.mkdirSync(path.dirname(folder), { recursive: true });
  const staging = `${folder}.${randomBytes(4).toString('hex')}.tmp`;
  const env = buildEnvironment(options.env || process.env);
  // Tests substitute the two tools; real runs resolve them from node_modules.
  const tools = options.tools || {};
  const isHost = platform === process.platform && arch === process.arch;
  try {
    copyPackageSources(sourceDir, staging);
    const prebuildInstall =
      tools.prebuildInstall || require.resolve('prebuild-install/bin.js', { paths: [sourceDir, projectRoot, __dirname] });
    const downloaded = runNodeScript(
      prebuildInstall,
      ['--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, `--platform=${platform}`, '--tag-prefix=v'],
      staging,
      env,
    );
    if (!downloaded) {
      if (!isHost)
        throw new Error(
          `no prebuilt better-sqlite3 for Electron ${electronVersion} on ${platform}-${arch}, and native modules cannot be cross-compiled`,
        );
      log('No prebuilt binary could be downloaded; compiling against Electron headers with node-gyp ...');
      const nodeGyp = tools.nodeGyp || require.resolve('node-gyp/bin/node-gyp.js', { paths: [projectRoot, __dirname] });
      const compiled = runNodeScript(
        nodeGyp,
        [
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${electronVersion}`,
          `--arch=${arch}`,
          `--dist-url=${ELECTRON_HEADERS_URL}`,
          '--build-from-source',
        ],
        staging,
        env,
      );
      if (!compiled)
        throw new Error(
          'node-gyp could not compile better-sqlite3 for Electron (it needs a C++ toolchain and access to electronjs.org/headers)',
        );
    }
    const built = path.join(staging, 'build', 'Release', 'better_sqlite3.node');
    if (!fs.existsSync(built)) throw new Error(`the build left no ${path.relative(staging, built)}`);
    if (isHost) {
      const warning = checkBindingAbi(built, electronAbi(projectRoot, electronVersion));
      if (warning) log(`Warning: ${warning}.`);
    }
    fs.writeFileSync(path.join(staging, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
    fs.rmSync(folder, { recursive: true, force: true });
    fs.renameSync(staging, folder);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Another run may have finished the same folder meanwhile.
    if (isPrepared(folder, stamp)) return binary;
    throw error;
  }
  return binary;
}

module.exports = {
  ELECTRON_HEADERS_URL,
  STAMP_FILE,
  bindingPath,
  buildEnvironment,
  builderOsName,
  checkBindingAbi,
  electronAbi,
  isPrepared,
  nativeFolder,
  parseModuleVersion,
  prepareElectronNative,
  stampFor,
};
