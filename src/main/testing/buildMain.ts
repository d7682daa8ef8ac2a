/**
 * For tests of the real worker path: builds the main process (the same electron-vite config, so
 * the same entries, externals and bundling as out/main) into a fresh folder under
 * node_modules/.cache, where Node still resolves the project's dependencies. Tests point
 * IRM_WORKER_DIR at it (jobs run in real worker threads) or spawn its cli.js (the kill test).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

/** Builds out/main's entries into a temp folder and returns it (remove it with removeBuild). */
export async function buildMainForTests(): Promise<string> {
  const { resolveConfig } = await import('electron-vite');
  const { build } = await import('vite');
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, 'irm-test-main-'));
  const resolved = await resolveConfig(
    { configFile: join(ROOT, 'electron.vite.config.ts'), root: ROOT, logLevel: 'silent' },
    'build',
    'production',
  );
  const main = resolved.config?.main;
  if (!main) throw new Error('electron.vite.config.ts has no main config');
  await build({
    ...main,
    logLevel: 'silent',
    build: { ...main.build, outDir, emptyOutDir: true, watch: null, reportCompressedSize: false },
  });
  return outDir;
}

/** Removes a test build. */
export function removeBuild(outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
}
