/**
 * Starting an import: plan the chosen paths, register the import, queue its job on the one job
 * runner, and when it ends record the completion in the audit log (each file's name, size and
 * SHA-256, counts, outcome) and, from the app's own windows, start the incremental re-score.
 */
import { join } from 'node:path';
import type { ImportRequest } from '../../shared/contract/imports';
import { ApiFailure } from '../../shared/errors';
import type { ImportFormat } from '../../shared/signals';
import type { HandlerContext } from '../api/router';
import type { BackendContext, Principal } from '../context/backendContext';
import { planImport, plannedFiles, SourceProblem, type ImportPlan } from '../ingest/detect';
import { IMPORT_JOB, type ImportJobInput, type ImportJobResult } from '../ingest/importJob';
import type { JobHandle } from '../jobs/jobRunner';
import { startScoring } from '../scoring/scoringService';
import { databasePath } from '../store/database';
import { abandonImport, registerImport } from './importRepository';
import { holdRunningImport, removeStagingFiles } from './recovery';

/** Plans an import of `paths`; unreadable or unusable sources become BAD_FILE. */
export async function planSources(paths: string[], format: ImportFormat | undefined): Promise<ImportPlan> {
  try {
    return await planImport(paths, format);
  } catch (error) {
    if (error instanceof SourceProblem) throw new ApiFailure('BAD_FILE', error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      throw new ApiFailure(
        'BAD_FILE',
        `Cannot read ${(error as NodeJS.ErrnoException).path ?? 'a chosen path'} (permission denied).`,
      );
    throw error;
  }
}

/** How an import is started beyond its request. */
export interface ImportStartOptions {
  /**
   * Start the incremental re-score when it succeeds, from the app's own windows (default true); the
   * demo turns it off because a full run follows its imports.
   */
  scoreAfterwards?: boolean;
}

/** Starts imports and knows the jobs of the ones still running. */
export interface ImportStarter {
  start(
    request: ImportRequest,
    call: HandlerContext<Principal>,
    retryOf: number | null,
    options?: ImportStartOptions,
  ): Promise<{ importId: number; jobId: string }>;
  /** The job of a running import of this backend. */
  jobOf(importId: number): JobHandle<ImportJobResult> | undefined;
}

/** The import starter of one backend. */
export function createImportStarter(context: BackendContext): ImportStarter {
  const { db, dataDir, clock, auditLog } = context;
  const jobsByImport = new Map<number, JobHandle<ImportJobResult>>();

  const start: ImportStarter['start'] = async (request, call, retryOf, options = {}) => {
    const principal = call.principal!;
    const detected = await planSources(request.paths, request.format);
    if (detected.files.length === 0) throw new ApiFailure('BAD_FILE', `No files to import under ${request.paths.join(', ')}.`);
    const bad = detected.files.filter((file) => file.detection.problem !== null);
    if (bad.length > 0) {
      const shown = bad
        .slice(0, 3)
        .map((file) => `${file.name}: ${file.detection.problem}`)
        .join('; ');
      throw new ApiFailure(
        'BAD_FILE',
        `${shown}${bad.length > 3 ? `; and ${bad.length - 3} more files` : ''}. Nothing was imported.`,
      );
    }
    const kind = detected.kind!;
    const { importId, stagingPath } = registerImport(db, {
      format: kind,
      paths: request.paths,
      onError: request.onError,
      formatOverride: request.format ?? null,
      reimport: request.reimport,
      utcOffsetMinutes: request.utcOffsetMinutes,
      accountId: principal.accountId,
      now: clock(),
      pid: process.pid,
      retryOf,
      stagingPathOf: (id) => join(dataDir, 'imports', `import-${id}.staging.sqlite`),
    });
    const input: ImportJobInput = {
      importId,
      databaseFile: databasePath(dataDir),
      dataDir,
      stagingPath,
      rejectsPath: join(dataDir, 'imports', `import-${importId}-rejects.csv`),
      files: plannedFiles(detected),
      onError: request.onError,
      reimport: request.reimport,
      utcOffsetMinutes: request.utcOffsetMinutes,
      clockOffsetMs: clock() - Date.now(),
    };
    const held = holdRunningImport(dataDir, importId);
    const finish = (result: ImportJobResult | null, crash: string | null) => {
      held.release();
      jobsByImport.delete(importId);
      // The backend closed while the job ran (the app is quitting): nothing left to record into.
      if (!db.open) return;
      if (crash !== null) {
        abandonImport(db, importId, 'failed', `internal error: ${crash}`, clock());
        removeStagingFiles(stagingPath);
      }
      const files = result?.files ?? [];
      auditLog.append({
        actorId: principal.accountId,
        actor: principal.name,
        roleGroups: principal.roleGroups,
        category: 'imports',
        action: 'imports.completed',
        targets: files.slice(0, 100).map((file) => file.name),
        after: {
          importId,
          state: result?.state ?? 'failed',
          rows: result?.rows ?? 0,
          accepted: result?.accepted ?? 0,
          rejected: result?.rejected ?? 0,
          persons: result?.persons ?? 0,
          error: crash ?? result?.error ?? null,
          files: files
            .slice(0, 500)
            .map((file) => ({ name: file.name, size: file.size, sha256: file.sha256, status: file.status })),
        },
        result: result?.state === 'succeeded' ? 'success' : 'failure',
        reason: null,
      });
      // Incremental scoring of what the import touched, as the policies area does after its changes: for
      // the app's own windows (Electron, harness); the CLI and tests run `score` themselves.
      const transport = call.origin.transport;
      if (
        options.scoreAfterwards !== false &&
        result?.state === 'succeeded' &&
        result.changes &&
        result.changes.personIds.length > 0 &&
        (transport === 'electron' || transport === 'harness')
      ) {
        try {
          startScoring(context, 'afterImport', { sessionId: call.origin.sessionId, startedBy: principal.name }, result.changes);
        } catch (error) {
          console.error(`[irm] scoring after import ${importId} could not start:`, error);
        }
      }
    };
    // The completion (audit, crash bookkeeping) runs before the job's final progress event.
    const handle = context.jobs.start(IMPORT_JOB, input, {
      sessionId: call.origin.sessionId,
      startedBy: principal.name,
      subject: { type: 'import', id: importId },
      settle: (result, error) => finish(result, result ? null : error instanceof Error ? error.message : String(error)),
    });
    jobsByImport.set(importId, handle);
    call.audit({
      targets: detected.files.slice(0, 100).map((file) => file.path),
      after: {
        importId,
        format: kind,
        onError: request.onError,
        reimport: request.reimport,
        retryOf,
        files: detected.files.slice(0, 500).map((file) => ({ name: file.name, size: file.size, layout: file.detection.layout })),
      },
    });
    return { importId, jobId: handle.jobId };
  };

  return { start, jobOf: (importId) => jobsByImport.get(importId) };
}
