/**
 * Crash recovery: an import left `running` by a process that no longer exists becomes
 * `interrupted` (nothing of it was kept: its facts merge in one transaction at the end) and its
 * staging files are removed. Runs when the imports area starts and when a stale import is cancelled.
 */
import { rmSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { BackendContext } from '../context/backendContext';
import { activitiesStagingPath } from '../ingest/importJob';
import { abandonImport, runningImports } from './importRepository';

/** Imports of this process that are running (several backends may share a process in tests). */
const runningHere = new Set<string>();

function importKey(dataDir: string, id: number): string {
  return `${resolve(dataDir)}#${id}`;
}

/** Marks an import as running in this process (recovery leaves it alone) until `release` is called. */
export function holdRunningImport(dataDir: string, id: number): { release(): void } {
  const key = importKey(dataDir, id);
  runningHere.add(key);
  return { release: () => runningHere.delete(key) };
}

/** True while the process with this id exists (EPERM: it exists but is not ours). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when `path` lies inside `folder` (paths read back from the database are checked before use). */
export function isInside(folder: string, path: string): boolean {
  return resolve(path).startsWith(resolve(folder) + sep);
}

/** Removes an import's staging files (and their journals). */
export function removeStagingFiles(stagingPath: string): void {
  for (const path of [stagingPath, activitiesStagingPath(stagingPath)]) {
    rmSync(path, { force: true });
    rmSync(`${path}-journal`, { force: true });
  }
}

/** Marks imports whose process is gone as interrupted and removes their staging files. */
export function recoverInterruptedImports(context: Pick<BackendContext, 'db' | 'dataDir' | 'clock'>): number[] {
  const recovered: number[] = [];
  for (const row of runningImports(context.db)) {
    if (runningHere.has(importKey(context.dataDir, row.id))) continue;
    if (row.pid !== null && row.pid !== process.pid && processAlive(row.pid)) continue;
    abandonImport(
      context.db,
      row.id,
      'interrupted',
      'The app stopped while this import ran; nothing of it was kept. Retry it.',
      context.clock(),
    );
    if (row.staging_path && isInside(context.dataDir, row.staging_path)) removeStagingFiles(row.staging_path);
    recovered.push(row.id);
  }
  return recovered;
}
