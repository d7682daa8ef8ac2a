/** Import jobs as the Imports page follows them: progress per job, phases, and paths of dropped files. */
import { useState } from 'react';
import { useApiEvent, type JobProgress } from '../../api';


/** Phases whose done/total count bytes of the chosen files (the others count rows or nothing). */
export function countsBytes(phase: string): boolean {
  return phase === 'hashing' || phase === 'reading' || phase === 'finalising';
}

/** The share done (0–100), or null while the total is unknown. */
export function percentOf(progress: Pick<JobProgress, 'done' | 'total'> | null): number | null {
  if (!progress || !progress.total) return null;
  return Math.max(0, Math.min(100, (100 * progress.done) / progress.total));
}

/**
 * The latest `job.progress` of every job of one kind seen while mounted, by job id. Kept from the
 * first event on, so events that arrive before `imports.start` has answered are not lost.
 */
export function useJobProgressByJob(kind: string): ReadonlyMap<string, JobProgress> {
  const [progress, setProgress] = useState<ReadonlyMap<string, JobProgress>>(() => new Map());
  useApiEvent('job.progress', (payload) => {
    if (payload.kind !== kind) return;
    setProgress((previous) => new Map(previous).set(payload.jobId, payload));
  });
  return progress;
}

