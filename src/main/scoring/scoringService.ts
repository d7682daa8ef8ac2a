/**
 * The backend's scoring service: starts scoring jobs on the job runner (one at a time, in order,
 * with job.progress events to the session that asked). One per backend.
 */
import type { BackendContext } from '../backend';
import { databasePath } from '../backend';
import { createJobRunner, type JobHandle, type JobRunner } from '../jobs/jobRunner';
import type { ScoringRunResult } from './scoring';
import { SCORING_JOB, type ScoringJobInput } from './scoringJob';

/** Starts scoring jobs for one backend. */
export interface ScoringService {
  /** Starts a run: full, policies-only (after a policy change) or after an import. */
  start(
    mode: ScoringJobInput['mode'],
    sessionId: string | null,
    changes?: ScoringJobInput['changes'],
  ): JobHandle<ScoringRunResult>;
  /**
   * Asks for a re-score after a settings or policy change. A run that is queued and not yet started
   * already covers it (it reads what is due when it starts: a full run if settings changed).
   */
  request(mode: 'full' | 'policies', sessionId: string | null): JobHandle<ScoringRunResult>;
}

const services = new WeakMap<BackendContext, ScoringService>();

/** The scoring service of a backend (created on first use). */
export function scoringService(context: BackendContext): ScoringService {
  let service = services.get(context);
  if (!service) {
    const runner: JobRunner = createJobRunner((sessionId, payload) => context.emit(sessionId, 'job.progress', payload));
    let requested: JobHandle<ScoringRunResult> | null = null;
    const start: ScoringService['start'] = (mode, sessionId, changes) => {
      const input: ScoringJobInput = { databaseFile: databasePath(context.dataDir), mode, changes, now: context.clock() };
      return runner.start(SCORING_JOB, input, sessionId, (result) => ({
        state: 'succeeded',
        message: `${result.kind} scoring: ${result.alertsCreated} new, ${result.alertsUpdated} updated, ${result.alertsRemoved} withdrawn alert(s) in ${result.seconds} s`,
      }));
    };
    service = {
      start,
      request(mode, sessionId) {
        if (requested && requested.progress()?.phase === 'queued' && runner.get(requested.jobId)) return requested;
        requested = start(mode, sessionId);
        return requested;
      },
    };
    services.set(context, service);
  }
  return service;
}

/**
 * For the import service: incremental scoring of what a successful import touched (persons and the
 * time range of their new activities, HR events and external alerts). Returns the job handle.
 */
export function startScoringAfterImport(
  context: BackendContext,
  changes: { personIds: number[]; fromTime: number; toTime: number },
  sessionId: string | null,
): JobHandle<ScoringRunResult> {
  return scoringService(context).start('afterImport', sessionId, changes);
}
