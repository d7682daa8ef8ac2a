/**
 * Scoring as a job of the job runner (jobs/jobRunner.ts): it runs in a worker thread with its own
 * database connection (jobs/workers/scoringWorker.ts), or in-process under tests, reports progress
 * and can be cancelled between batches (a cancelled run rolls back its open transaction).
 */
import type { ScoringPhase } from '../../shared/detection';
import { openDatabase } from '../store/database';
import type { JobDefinition, JobHooks } from '../jobs/jobRunner';
import { rescorePolicies, runFullScoring, scoreAfterImport, type ScoringRunResult } from './scoring';

/** What a scoring job does (plain data: it crosses the worker boundary). */
export interface ScoringJobInput {
  databaseFile: string;
  mode: 'full' | 'policies' | 'afterImport';
  /** For afterImport: the persons and time range the import touched. */
  changes?: { personIds: number[]; fromTime: number; toTime: number };
  /** The time recorded as detected/scored (the backend's clock when the run was asked for). */
  now: number;
}

/** Runs a scoring job on its own connection. */
export async function runScoringJob(input: ScoringJobInput, hooks: JobHooks): Promise<ScoringRunResult> {
  // The backend's own connection checked the file at start; quick_check would re-read all of it.
  const db = openDatabase(input.databaseFile, { migrate: false, check: false });
  try {
    const progress = {
      report: (done: number, total: number | null, phase: ScoringPhase, message?: string) =>
        hooks.progress({ done, total, phase, message: message ?? null }),
      cancelled: () => hooks.isCancelled(),
    };
    // The run stamps its real start and end with the backend's clock (hooks.clock), not with `now`.
    const options = { now: input.now, clock: () => hooks.clock(), progress };
    if (input.mode === 'full') return runFullScoring(db, options);
    if (input.mode === 'afterImport' && input.changes) return scoreAfterImport(db, input.changes, options);
    return rescorePolicies(db, options);
  } finally {
    db.close();
  }
}

/** The scoring job kind (worker entry out/main/scoringWorker.js). */
export const SCORING_JOB: JobDefinition<ScoringJobInput, ScoringRunResult> = {
  kind: 'scoring',
  workerFile: 'scoringWorker.js',
  writesDatabase: true,
  run: runScoringJob,
  outcome: (result) => ({
    state: 'succeeded',
    message: `${result.kind} scoring: ${result.alertsCreated} new, ${result.alertsUpdated} updated, ${result.alertsRemoved} withdrawn alert(s) in ${result.seconds} s`,
    subject: { type: 'scoringRun', id: result.runId },
  }),
};
