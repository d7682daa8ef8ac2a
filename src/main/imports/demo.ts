/**
 * "Load demo organisation" as one job (kind `demo`) whose steps are jobs of their own: the
 * simulation (a worker), then each part through the ordinary import path, one after the other, then
 * one policy per template and a full scoring run. The demo job reports those steps with one total
 * known from the start (DEMO_STEPS) and ends when the scoring run has ended, so a screen that
 * follows it finishes when the backend does. The request (`imports.loadDemo`) and the outcome
 * (`imports.demoCompleted`) are audited.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { importRequest } from '../../shared/contract/imports';
import { DEMO_PARTS, DEMO_STEPS, type DemoPhase } from '../../shared/jobs';
import type { HandlerContext } from '../api/router';
import type { BackendContext, Principal } from '../context/backendContext';
import type { JobDefinition, JobHandle, JobHooks } from '../jobs/jobRunner';
import { createDemoPolicies } from './demoPolicies';
import { importState } from './importRepository';
import { SIMULATION_JOB, type SimulationJobInput } from './simulationJob';
import type { ImportStarter } from './startImport';

/** What the demo was asked for. */
export type DemoOptions = Omit<SimulationJobInput, 'outDir'>;

/** What the demo did, as its audit entry and final event say. */
export interface DemoResult {
  imports: number[];
  states: string[];
  policiesCreated: string[];
  policiesSkipped: string[];
  /** Why the demo is not complete (null when it is). */
  error: string | null;
}

/** Starts the demo: returns its job id at once. */
export function startDemo(
  context: BackendContext,
  imports: ImportStarter,
  options: DemoOptions,
  call: HandlerContext<Principal>,
): { jobId: string } {
  const outDir = join(context.dataDir, 'demo', `seed-${options.seed}`);
  call.audit({
    targets: [outDir],
    after: {
      ...options,
      then: 'import each part, then one active policy per template ("Demo: <template name>") and a full re-score',
    },
  });
  const handle = context.jobs.start(demoJob(context, imports, call), { outDir, ...options }, {
    sessionId: call.origin.sessionId,
    startedBy: call.principal!.name,
  });
  return { jobId: handle.jobId };
}

/** Cancelled between or during its steps. */
class DemoCancelled extends Error {
  constructor() {
    super('The demo was cancelled.');
  }
}

/**
 * The demo job of one call. It runs on the main thread: it only starts the step jobs and waits for
 * them, and it writes nothing itself until the policies, so it does not hold the writers' queue (its
 * imports and the scoring run queue there like any other).
 */
function demoJob(
  context: BackendContext,
  imports: ImportStarter,
  call: HandlerContext<Principal>,
): JobDefinition<SimulationJobInput, DemoResult> {
  return {
    kind: 'demo',
    workerFile: null,
    writesDatabase: false,
    outcome: (result) => ({
      state: result.error === null ? 'succeeded' : 'failed',
      message: result.error ?? 'Demo organisation loaded and scored.',
    }),
    run: (input, hooks) => runDemo(context, imports, call, input, hooks),
  };
}

async function runDemo(
  context: BackendContext,
  imports: ImportStarter,
  call: HandlerContext<Principal>,
  input: SimulationJobInput,
  hooks: JobHooks,
): Promise<DemoResult> {
  const principal = call.principal!;
  const requester = { sessionId: call.origin.sessionId, startedBy: principal.name };
  let step = 0;
  const report = (phase: DemoPhase, message: string | null) =>
    hooks.progress({ done: step, total: DEMO_STEPS, phase, message });
  /** Waits for a step's job, cancelling it when the demo is cancelled. */
  const follow = async <R>(handle: JobHandle<R> | undefined): Promise<R | undefined> => {
    if (!handle) return undefined;
    const watch = setInterval(() => {
      if (hooks.isCancelled()) handle.cancel();
    }, 200);
    try {
      return await handle.finished;
    } finally {
      clearInterval(watch);
    }
  };
  const checkCancelled = () => {
    if (hooks.isCancelled() || !context.db.open) throw new DemoCancelled();
  };

  const result: DemoResult = { imports: [], states: [], policiesCreated: [], policiesSkipped: [], error: null };
  try {
    report('simulating', null);
    await follow(context.jobs.start(SIMULATION_JOB, input, requester));
    step += 1;
    for (const part of DEMO_PARTS) {
      checkCancelled();
      report('importing', part);
      const path = join(input.outDir, part);
      if (existsSync(path)) {
        // No incremental re-score per part: the full run at the end covers them all.
        const started = await imports.start(importRequest.parse({ paths: [path], reimport: true }), call, null, {
          scoreAfterwards: false,
        });
        result.imports.push(started.importId);
        await follow(imports.jobOf(started.importId))?.catch(() => undefined);
      }
      step += 1;
    }
    checkCancelled();
    result.states = result.imports.map((id) => importState(context.db, id));
    if (result.imports.length < DEMO_PARTS.length || result.states.some((state) => state !== 'succeeded')) {
      result.error = 'Not every demo import succeeded; no demo policies were created.';
      return result;
    }
    report('policies', null);
    const policies = createDemoPolicies(context, principal, call.origin.sessionId);
    result.policiesCreated = policies.created;
    result.policiesSkipped = policies.skipped;
    step += 1;
    report('scoring', null);
    if (policies.scoringJobId) await follow(context.jobs.get(policies.scoringJobId));
    step += 1;
    report('scoring', null);
    return result;
  } catch (failure) {
    result.error = failure instanceof Error ? failure.message : String(failure);
    if (failure instanceof DemoCancelled || hooks.isCancelled()) throw failure;
    return result;
  } finally {
    if (context.db.open) auditDemo(context, principal, input.outDir, result);
  }
}

function auditDemo(context: BackendContext, principal: Principal, outDir: string, result: DemoResult): void {
  context.auditLog.append({
    actorId: principal.accountId,
    actor: principal.name,
    roleGroups: principal.roleGroups,
    category: 'imports',
    action: 'imports.demoCompleted',
    targets: [outDir],
    after: { ...result },
    result: result.error === null ? 'success' : 'failure',
    reason: null,
  });
}
