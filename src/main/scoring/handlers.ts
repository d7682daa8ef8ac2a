/**
 * Handlers for scoring.*: `scoring.run` queues a run on the one job runner and answers its job id
 * at once (follow it with `job.progress`, `jobs.get`; stop it with `jobs.cancel`); the run's outcome
 * is audited as `scoring.completed` when it ends. `scoring.status` says whether a re-score is due.
 */
import type { AreaHandlersOf, BackendContext } from '../context/backendContext';
import { scoringState } from './scoring';
import { latestScoringRuns } from './scoringRuns';
import { startScoring } from './scoringService';

/** Handlers for the scoring area. */
export function scoringHandlers(context: BackendContext): AreaHandlersOf<'scoring'> {
  const { db, auditLog } = context;
  return {
    'scoring.run': (input, call) => {
      const principal = call.principal!;
      const mode = input.full ? 'full' : 'policies';
      const handle = startScoring(
        context,
        mode,
        { sessionId: call.origin.sessionId, startedBy: principal.name },
        undefined,
        (result, error) => {
          if (!db.open) return;
          auditLog.append({
            actorId: principal.accountId,
            actor: principal.name,
            roleGroups: principal.roleGroups,
            category: 'policies',
            action: 'scoring.completed',
            targets: [`job:${handle.jobId}`],
            after: result
              ? {
                  runId: result.runId,
                  kind: result.kind,
                  alertsCreated: result.alertsCreated,
                  alertsUpdated: result.alertsUpdated,
                  alertsRemoved: result.alertsRemoved,
                  seconds: result.seconds,
                }
              : { error: error instanceof Error ? error.message : String(error) },
            result: result ? 'success' : 'failure',
            reason: null,
          });
        },
      );
      call.audit({ targets: [`job:${handle.jobId}`], after: { mode } });
      return { jobId: handle.jobId };
    },
    'scoring.status': () => {
      const state = scoringState(db);
      const due = state.needsFull || state.needsPolicies;
      return {
        needsFull: state.needsFull,
        reason: due ? state.reason : null,
        reasonFacts: due ? state.reasonFacts : null,
        runs: latestScoringRuns(db, 20),
      };
    },
  };
}
