/**
 * "Load demo organisation": simulate (the demo job), then import each part through the ordinary
 * import path, one after the other, then one policy per template and a full re-score. The request
 * (`imports.loadDemo`) and the outcome (`imports.demoCompleted`) are audited.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { importRequest } from '../../shared/contract/imports';
import type { HandlerContext } from '../api/router';
import type { BackendContext, Principal } from '../context/backendContext';
import { DEMO_JOB, type DemoJobInput, type DemoJobResult } from './demoJob';
import { createDemoPolicies } from './demoPolicies';
import { importState } from './importRepository';
import type { ImportStarter } from './startImport';

/** The demo organisation's parts, imported one job each in this order. */
const DEMO_PARTS = ['roster.csv', 'hr', 'cert', 'm365', 'alerts', 'content'];

/** Starts the demo: returns the simulation's job id at once. */
export function startDemo(
  context: BackendContext,
  imports: ImportStarter,
  options: Omit<DemoJobInput, 'outDir'>,
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
  const handle = context.jobs.start(
    DEMO_JOB,
    { outDir, ...options },
    {
      sessionId: call.origin.sessionId,
      startedBy: call.principal!.name,
      settle: (result, error) => {
        if (!result || !context.db.open) {
          if (error) console.error('[irm] demo simulation failed:', error);
          return;
        }
        void importDemoParts(context, imports, result, outDir, call);
      },
    },
  );
  return { jobId: handle.jobId };
}

/**
 * Each part through the ordinary import path, in the order a real roll-out loads them, one after the
 * other. When every part has been imported, the demo gets one policy per template and a full
 * re-score, so the Alerts page is not empty.
 */
async function importDemoParts(
  context: BackendContext,
  imports: ImportStarter,
  result: DemoJobResult,
  outDir: string,
  call: HandlerContext<Principal>,
): Promise<void> {
  const { db, auditLog } = context;
  const principal = call.principal!;
  const importIds: number[] = [];
  let startFailed = false;
  for (const part of DEMO_PARTS) {
    const path = join(result.outDir, part);
    if (!existsSync(path)) continue;
    if (!db.open) return;
    try {
      const started = await imports.start(importRequest.parse({ paths: [path], reimport: true }), call, null);
      importIds.push(started.importId);
      await imports.jobOf(started.importId)?.finished.catch(() => undefined);
    } catch (failure) {
      startFailed = true;
      console.error(`[irm] demo import of ${part} failed to start:`, failure);
    }
  }
  if (!db.open) return;
  const states = importIds.map((id) => importState(db, id));
  const succeeded = !startFailed && importIds.length > 0 && states.every((state) => state === 'succeeded');
  let policies: ReturnType<typeof createDemoPolicies> | null = null;
  let error: string | null = succeeded ? null : 'not every demo import succeeded; no demo policies were created';
  if (succeeded) {
    try {
      policies = createDemoPolicies(context, principal, call.origin.sessionId);
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
      console.error('[irm] demo policies could not be created:', failure);
    }
  }
  auditLog.append({
    actorId: principal.accountId,
    actor: principal.name,
    roleGroups: principal.roleGroups,
    category: 'imports',
    action: 'imports.demoCompleted',
    targets: [outDir],
    after: {
      imports: importIds,
      states,
      policiesCreated: policies?.created ?? [],
      policiesSkipped: policies?.skipped ?? [],
      scoring: policies?.scoringJobId ? 'full re-score started' : null,
      error,
    },
    result: policies ? 'success' : 'failure',
    reason: null,
  });
}
