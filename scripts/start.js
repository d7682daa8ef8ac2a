#!/usr/bin/env node
'use strict';
/**
 * `npm start` (build if stale, then run Electron) and `npm run dev` (`electron-vite dev`).
 * Where the Electron binary is missing it prints one line pointing to `npm run web` and exits 1.
 * Before Electron starts it makes sure an Electron-ABI better-sqlite3 exists outside node_modules
 * and passes its path in IRM_SQLITE_BINDING (docs/electron.md).
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { prepareElectronNative } = require('./electron-native.js');

const PROJECT_ROOT = path.resolve(__dirname, '..');
/** The environment variable main reads the Electron-ABI binary from (src/main/electron/appPaths.ts). */
const BINDING_ENV = 'IRM_SQLITE_BINDING';
/** The one line printed where Electron cannot run. */
const MISSING_ELECTRON_MESSAGE =
  'The Electron binary is not installed (node_modules/electron/dist is missing), so the desktop app cannot start here; run `npm run web` to use the app in a browser.';

/** Reads the command line: `--dev` picks electron-vite dev; arguments after `--` go to Electron. */
function parseArguments(argv) {
  const separator = argv.indexOf('--');
  const own = separator === -1 ? argv : argv.slice(0, separator);
  const unknown = own.filter((argument) => argument !== '--dev');
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown[0]} (usage: start.js [--dev] [-- electron arguments])`);
  return { dev: own.includes('--dev'), electronArguments: separator === -1 ? [] : argv.slice(separator + 1) };
}

/**
 * The Electron executable, or null when it is not installed. Deliberately not `require('electron')`:
 * that tries to download the binary when it is missing, which hangs or fails on offline machines.
 * Follows the same lookups: ELECTRON_EXEC_PATH (electron-vite), ELECTRON_OVERRIDE_DIST_PATH, path.txt.
 */
function locateElectronBinary(projectRoot, env) {
  const existing = (file) => (file && fs.existsSync(file) ? file : null);
  if (env.ELECTRON_EXEC_PATH) return existing(env.ELECTRON_EXEC_PATH);
  let electronDir;
  try {
    electronDir = path.dirname(require.resolve('electron/package.json', { paths: [projectRoot] }));
  } catch {
    return null;
  }
  const pathFile = path.join(electronDir, 'path.txt');
  const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return existing(path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron'));
  if (!executable) return null;
  return existing(path.join(electronDir, 'dist', executable));
}

/** The newest modification time of the files below a file or folder (0 when there are none). */
function newestModification(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestModification(path.join(target, entry)));
  return newest;
}

/** True when out/ is missing a bundle or is older than the sources and build configuration. */
function needsBuild(projectRoot) {
  const outputs = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html'].map((file) =>
    path.join(projectRoot, file),
  );
  if (!outputs.every((file) => fs.existsSync(file))) return true;
  const built = Math.min(...outputs.map((file) => fs.statSync(file).mtimeMs));
  const inputs = ['src', 'electron.vite.config.ts', 'package.json'].map((file) => path.join(projectRoot, file));
  return Math.max(...inputs.map(newestModification)) > built;
}

/** The environment Electron runs with: never as plain Node, with the Electron-ABI binary's path. */
function electronEnvironment(env, bindingFile, electronBinary) {
  const result = { ...env, [BINDING_ENV]: bindingFile, ELECTRON_EXEC_PATH: electronBinary };
  delete result.ELECTRON_RUN_AS_NODE;
  return result;
}

/** Runs a command with inherited output, forwarding Ctrl-C, and resolves to its exit code. */
function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      process.stderr.write(`Could not start ${path.basename(command)}: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main() {
  let options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const electronBinary = locateElectronBinary(PROJECT_ROOT, process.env);
  if (!electronBinary) {
    process.stderr.write(`${MISSING_ELECTRON_MESSAGE}\n`);
    return 1;
  }
  let bindingFile;
  try {
    bindingFile = prepareElectronNative({ projectRoot: PROJECT_ROOT });
  } catch (error) {
    process.stderr.write(`Could not prepare better-sqlite3 for Electron: ${error.message} (see docs/electron.md).\n`);
    return 1;
  }
  const env = electronEnvironment(process.env, bindingFile, electronBinary);
  const electronVite = require.resolve('electron-vite/bin/electron-vite.js', { paths: [PROJECT_ROOT] });
  if (options.dev)
    return run(
      process.execPath,
      [electronVite, 'dev', ...(options.electronArguments.length ? ['--', ...options.electronArguments] : [])],
      env,
    );
  if (needsBuild(PROJECT_ROOT)) {
    const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    if (build.status !== 0) return build.status || 1;
  }
  return run(electronBinary, [PROJECT_ROOT, ...options.electronArguments], env);
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`npm start failed: ${error && error.message}\n`);
      process.exit(1);
    },
  );
}

module.exports = {
  MISSING_ELECTRON_MESSAGE,
  electronEnvironment,
  locateElectronBinary,
  needsBuild,
  newestModification,
  parseArguments,
};
