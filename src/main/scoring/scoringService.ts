/**
 * Starting scoring jobs on the backend's one job runner (they queue behind any running import:
 * one database writer at a time), with job.progress events to the session that asked.
 */
import type { ScoringReason } from '../../shared/contract/scoring';
import type { HandlerContext } from '../api/router';
import type { BackendContext, Principal } from '../context/backendContext';
import { markRescoreNeeded } from '../policies/policyRepository';
import type { JobHandle } from '../jobs/jobRunner';
import { databasePath } from '../store/database';
import type { ScoringRunResult } from './scoring';
import { SCORING_JOB, type ScoringJobInput } from './scoringJob';

/** Who asked for a run: the session that gets its progress, the account shown as its starter. */
export interface ScoringRequester {
  sessionId: string | null;
  startedBy: string | null;
}

/** The re-score each backend has asked for and not yet started (see requestRescore). */
const requested = new WeakMap<BackendContext, JobHandle<ScoringRunResult>>();

/** Starts a run: full, policies-only (after a policy change) or after an import (its changes). */
export function startScoring(
  context: BackendContext,
  mode: ScoringJobInput['mode'],
  requester: ScoringRequester,
  changes?: ScoringJobInput['changes'],
  settle?: (result: ScoringRunResult | null, error: unknown) => void,
): JobHandle<ScoringRunResult> {
  const input: ScoringJobInput = { databaseFile: databasePath(context.dataDir), mode, changes, now: context.clock() };
  return context.jobs.start(SCORING_JOB, input, { ...requester, settle });
}

/**
 * Asks for a re-score after a settings or policy change. A run that is queued and not yet started
 * already covers it (it reads what is due when it starts: a full run if settings changed).
 */
export function requestRescore(
  context: BackendContext,
  mode: 'full' | 'policies',
  requester: ScoringRequester,
): JobHandle<ScoringRunResult> {
  const waiting = requested.get(context);
  if (waiting && waiting.view().state === 'queued') return waiting;
  const handle = startScoring(context, mode, requester);
  requested.set(context, handle);
  return handle;
}

/**
 * After a policy, group or manual-addition change: marks the policies for a re-score and, from the
 * app's own windows (Electron, harness), starts it at once; the CLI and tests run `scoring.run`.
 */
export function rescoreAfterChange(context: BackendContext, call: HandlerContext<Principal>, reason: ScoringReason): void {
  markRescoreNeeded(context.db, 'policies', reason, context.clock());
  if (call.origin.transport === 'electron' || call.origin.transport === 'harness')
    requestRescore(context, 'policies', { sessionId: call.origin.sessionId, startedBy: call.principal?.name ?? null });
}
