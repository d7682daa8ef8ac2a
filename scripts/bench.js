#!/usr/bin/env node
// `npm run bench -- <name> [args…]`: builds the app when out/main/bench.js is missing or older than
// the sources, then runs bench/<name>.ts through the built bench entry. Figures are printed as
// `name: value unit` lines; nothing is asserted. Without a name it lists the benchmarks.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entry = join(root, 'out', 'main', 'bench.js');

/** Newest modification time under a folder (sources that the build depends on). */
function newest(folder) {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function needsBuild() {
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  return [join(root, 'src', 'main'), join(root, 'src', 'shared'), join(root, 'bench')].some((folder) => newest(folder) > built);
}

const args = process.argv.slice(2);
const available = readdirSync(join(root, 'bench'))
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts' && !name.endsWith('.test.ts'))
  .map((name) => name.slice(0, -3));
if (args.length === 0) {
  process.stderr.write(`usage: npm run bench -- <name> [args]; available: ${available.join(', ')}\n`);
  process.exit(2);
}
if (needsBuild()) {
  process.stderr.write('bench: building (electron-vite build)…\n');
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) {
    process.stderr.write('bench: the build failed\n');
    process.exit(build.status ?? 1);
  }
}

const run = spawnSync(process.execPath, [entry, ...args], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
