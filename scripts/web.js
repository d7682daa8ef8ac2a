#!/usr/bin/env node
// `npm run web`: builds with electron-vite when out/ is missing or older than the sources, then
// runs the browser harness (out/main/harness.js) with the given arguments. The harness prints the
// one-time sign-in URL as the only stdout line, so the build's own output goes to stderr here.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
/** What the harness needs from the build. */
const OUTPUTS = ['out/main/harness.js', 'out/renderer/index.html', 'out/renderer/harness-bridge.js'];
/** What the build reads: a change to any of them makes out/ stale. */
const SOURCES = ['src', 'resources', 'electron.vite.config.ts', 'package.json', 'tsconfig.json', 'tsconfig.base.json'];

/** The newest modification time (ms) of a file or of every file below a folder; 0 when absent. */
function newestModification(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestModification(join(path, entry)));
  return newest;
}

/** Says why a build is needed (missing or stale output), or null when out/ is up to date. */
function buildReason(root = ROOT) {
  const outputTimes = OUTPUTS.map((output) => (existsSync(join(root, output)) ? statSync(join(root, output)).mtimeMs : null));
  const missing = OUTPUTS.filter((_, index) => outputTimes[index] === null);
  if (missing.length > 0) return `${missing.join(', ')} missing`;
  const oldestOutput = Math.min(...outputTimes);
  const newestSource = Math.max(...SOURCES.map((source) => newestModification(join(root, source))));
  return newestSource > oldestOutput ? 'sources changed since the last build' : null;
}

/** Builds with electron-vite when out/ is missing or stale; build output goes to stderr. Throws if the build fails. */
function ensureBuilt(root = ROOT) {
  const reason = buildReason(root);
  if (!reason) return;
  process.stderr.write(`web: building (${reason})...\n`);
  const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [electronVite, 'build'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (build.status !== 0) throw new Error(`the build failed (exit ${build.status ?? build.signal}); see above.`);
}

function main() {
  try {
    ensureBuilt();
  } catch (error) {
    process.stderr.write(`web: ${error.message}\n`);
    process.exit(1);
  }
  const harness = spawn(process.execPath, [join(ROOT, 'out', 'main', 'harness.js'), ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  // Ctrl+C reaches the whole process group; the harness shuts down and this script follows it.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => harness.kill('SIGTERM'));
  harness.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

module.exports = { buildReason, ensureBuilt, newestModification };

if (require.main === module) main();
