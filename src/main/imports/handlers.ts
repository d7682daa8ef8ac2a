/**
 * Handlers for imports.*: browse, preview, start, cancel, list, get, rejects and retry. Imports run
 * as jobs (jobs/jobRunner.ts) and are audited twice: when started (files chosen) and when finished
 * (each file's name, size and SHA-256, counts, outcome). At start-up an import left `running` by a
 * process that no longer exists becomes `interrupted` and its staging file is removed.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { importRequest, type FilePreview, type ImportDetail, type ImportRequest, type ImportSummary } from '../../shared/contract/imports';
import { DEMO_JOB } from './demoJob';
import { ApiFailure } from '../../shared/errors';
import type { ImportFormat } from '../../shared/signals';
import type { Handlers, HandlerContext } from '../api/router';
import type { Principal } from '../access/sessions';
import type { BackendContext } from '../backend';
import { databasePath } from '../backend';
import { createJobRunner, type JobDefinition, type JobHandle } from '../jobs/jobRunner';
import { startScoringAfterImport } from '../scoring/scoringService';
import { pseudonymFor } from '../privacy/pseudonyms';
import { createDemoPolicies } from './demoPolicies';
import { planImport, plannedFiles, SourceProblem, toFilePreview, type ImportPlan } from '../ingest/detect';
import { activitiesStagingPath, runImportJob, type ImportJobInput, type ImportJobResult } from '../ingest/importJob';

/** The import job kind (worker entry out/main/importWorker.js). */
export const IMPORT_JOB: JobDefinition<ImportJobInput, ImportJobResult> = {
  kind: 'import',
  workerFile: 'importWorker.js',
  run: runImportJob,
};

/** Largest rejects file returned by imports.rejects (bigger ones are read from disk). */
export const MAX_REJECTS_BYTES = 64 * 1024 * 1024;
const MAX_BROWSE_ENTRIES = 5000;

/** Imports of this process that are running (several backends may share a process in tests). */
const runningHere = new Set<string>();

interface ImportRow {
  id: number;
  format: ImportSummary['format'];
  source: string;
  state: ImportSummary['state'];
  on_error: 'stop' | 'skip';
  format_override: ImportFormat | null;
  reimport: number;
  utc_offset_minutes: number;
  account: string | null;
  started_at: number;
  finished_at: number | null;
  rows: number;
  accepted: number;
  rejected: number;
  ignored: number;
  persons: number;
  persons_created: number;
  error: string | null;
  rejects_path: string | null;
  staging_path: string | null;
  pid: number | null;
  retry_of: number | null;
  merge_ms: number | null;
  timings: string | null;
  files: number;
}

const SELECT_IMPORT = `
  SELECT i.*, a.name AS account, (SELECT count(*) FROM import_files f WHERE f.import_id = i.id) AS files
  FROM imports i LEFT JOIN accounts a ON a.id = i.account_id`;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function importKey(dataDir: string, id: number): string {
  return `${resolve(dataDir)}#${id}`;
}

/** Marks imports whose process is gone as interrupted and removes their staging files. */
export function recoverInterruptedImports(context: Pick<BackendContext, 'db' | 'dataDir' | 'clock'>): number[] {
  const rows = context.db.prepare("SELECT id, pid, staging_path FROM imports WHERE state = 'running'").all() as {
    id: number;
    pid: number | null;
    staging_path: string | null;
  }[];
  const recovered: number[] = [];
  for (const row of rows) {
    if (runningHere.has(importKey(context.dataDir, row.id))) continue;
    if (row.pid !== null && row.pid !== process.pid && processAlive(row.pid)) continue;
    context.db.transaction(() => {
      context.db
        .prepare(
          "UPDATE imports SET state = 'interrupted', finished_at = ?, error = ?, staging_path = NULL WHERE id = ? AND state = 'running'",
        )
        .run(context.clock(), 'The app stopped while this import ran; nothing of it was kept. Retry it.', row.id);
      context.db.prepare("UPDATE import_files SET status = 'notImported' WHERE import_id = ? AND status = 'pending'").run(row.id);
    })();
    if (row.staging_path && isInside(context.dataDir, row.staging_path)) {
      for (const path of [row.staging_path, activitiesStagingPath(row.staging_path)]) {
        rmSync(path, { force: true });
        rmSync(`${path}-journal`, { force: true });
      }
    }
    recovered.push(row.id);
  }
  return recovered;
}

function isInside(folder: string, path: string): boolean {
  const root = resolve(folder);
  const target = resolve(path);
  return target.startsWith(root + sep);
}

const EMAIL_IN_TEXT = /[^\s"'<>,;:()[\]{}\\]+@[^\s"'<>,;:()[\]{}\\]+\.[a-z]{2,}/gi;
const IDENTITY_KEYS =
  /("(?:userPrincipalName|accountName|displayName|UserId|UserKey|MailboxOwnerUPN|senderEmail|employee_name)"\s*:\s*")([^"]*)(")/g;

/** Pseudonymizes identity columns and any e-mail address in a preview (anonymization on). */
function maskPreview(preview: FilePreview, secret: Buffer): FilePreview {
  const pseudo = (value: string) => pseudonymFor(secret, value.trim().toLowerCase());
  const identity = preview.columns.map(
    (column) => column.target !== null && /^(person|manager|recipients|sender)/.test(column.target),
  );
  const maskCell = (value: string, index: number) => {
    if (identity[index] && value.trim().length > 0) {
      // A list of addresses (recipients) gets one pseudonym per address; a name is one identity even
      // with a comma in it ("Vance, Uma", "Uma Vance, Jr.").
      if (!value.includes('@')) return pseudo(value);
      return value
        .split(/([;,])/)
        .map((part) => (part === ';' || part === ',' || part.trim() === '' ? part : pseudo(part)))
        .join('');
    }
    return value
      .replace(IDENTITY_KEYS, (_, start: string, inner: string, end: string) => `${start}${inner ? pseudo(inner) : ''}${end}`)
      .replace(EMAIL_IN_TEXT, (match) => pseudo(match));
  };
  return { ...preview, sample: { header: preview.sample.header, rows: preview.sample.rows.map((row) => row.map(maskCell)) } };
}

function summary(row: ImportRow, jobId: string | null, now: number): ImportSummary {
  let sources: string[] = [];
  try {
    sources = JSON.parse(row.source) as string[];
  } catch {
    sources = [row.source];
  }
  return {
    id: row.id,
    format: row.format,
    sources,
    state: row.state,
    onError: row.on_error,
    account: row.account,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    seconds: Math.max(0, ((row.finished_at ?? now) - row.started_at) / 1000),
    files: row.files,
    rows: row.rows,
    accepted: row.accepted,
    rejected: row.rejected,
    ignored: row.ignored,
    persons: row.persons,
    personsCreated: row.persons_created,
    error: row.error,
    hasRejects: row.rejects_path !== null,
    retryOf: row.retry_of,
    jobId,
  };
}

/** The demo organisation's parts, imported one job each in this order. */
const DEMO_PARTS = ['roster.csv', 'hr', 'cert', 'm365', 'alerts', 'content'];

/** Handlers for the imports area. Creating them recovers interrupted imports of this data folder. */
export function importHandlers(
  context: BackendContext,
): Pick<
  Handlers<Principal>,
  `imports.${'browse' | 'preview' | 'start' | 'cancel' | 'list' | 'get' | 'rejects' | 'retry' | 'loadDemo'}`
> {
  const { db, dataDir, clock, emit, auditLog } = context;
  const runner = createJobRunner((sessionId, payload) => emit(sessionId, 'job.progress', payload));
  const jobsByImport = new Map<number, JobHandle<ImportJobResult>>();
  recoverInterruptedImports(context);

  const load = (id: number): ImportRow => {
    const row = db.prepare(`${SELECT_IMPORT} WHERE i.id = ?`).get(id) as ImportRow | undefined;
    if (!row) throw new ApiFailure('NOT_FOUND', `No import with id ${id}.`);
    return row;
  };

  const plan = async (paths: string[], format: ImportFormat | undefined): Promise<ImportPlan> => {
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
  };

  const start = async (request: ImportRequest, handlerContext: HandlerContext<Principal>, retryOf: number | null) => {
    const principal = handlerContext.principal!;
    const detected = await plan(request.paths, request.format);
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
    // One transaction: another job's merge holding the write lock makes this a CONFLICT (router:
    // databaseBusyFailure) with no half-registered import left behind.
    const { importId, stagingPath } = db.transaction(() => {
      const id = Number(
        db
          .prepare(
            `INSERT INTO imports (format, source, state, on_error, format_override, reimport, utc_offset_minutes, account_id, started_at, pid, retry_of)
             VALUES (@format, @source, 'running', @onError, @override, @reimport, @offset, @accountId, @now, @pid, @retryOf)`,
          )
          .run({
            format: kind,
            source: JSON.stringify(request.paths),
            onError: request.onError,
            override: request.format ?? null,
            reimport: request.reimport ? 1 : 0,
            offset: request.utcOffsetMinutes,
            accountId: principal.accountId,
            now: clock(),
            pid: process.pid,
            retryOf,
          }).lastInsertRowid,
      );
      const path = join(dataDir, 'imports', `import-${id}.staging.sqlite`);
      db.prepare('UPDATE imports SET staging_path = ? WHERE id = ?').run(path, id);
      return { importId: id, stagingPath: path };
    })();
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
    const key = importKey(dataDir, importId);
    runningHere.add(key);
    const finish = (result: ImportJobResult | null, crash: string | null) => {
      runningHere.delete(key);
      jobsByImport.delete(importId);
      if (crash !== null) {
        db.prepare(
          "UPDATE imports SET state = 'failed', finished_at = ?, error = ?, staging_path = NULL WHERE id = ? AND state = 'running'",
        ).run(clock(), `internal error: ${crash}`, importId);
        db.prepare("UPDATE import_files SET status = 'notImported' WHERE import_id = ? AND status = 'pending'").run(importId);
        rmSync(stagingPath, { force: true });
        rmSync(activitiesStagingPath(stagingPath), { force: true });
      }
      const files = result?.files ?? [];
      if (!db.open) {
        // The backend closed while the job ran (the app is quitting): nothing left to record into.
        return;
      }
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
      const transport = handlerContext.origin.transport;
      if (
        result?.state === 'succeeded' &&
        result.changes &&
        result.changes.personIds.length > 0 &&
        (transport === 'electron' || transport === 'harness')
      ) {
        try {
          startScoringAfterImport(context, result.changes, handlerContext.origin.sessionId);
        } catch (error) {
          console.error(`[irm] scoring after import ${importId} could not start:`, error);
        }
      }
    };
    // The completion (audit, crash bookkeeping) runs before the job's final progress event.
    const handle = runner.start(
      IMPORT_JOB,
      input,
      handlerContext.origin.sessionId,
      (result) => ({
        state: result.state,
        message:
          result.state === 'succeeded'
            ? `${result.accepted.toLocaleString('en')} rows imported${result.rejected ? `, ${result.rejected.toLocaleString('en')} rejected` : ''}`
            : result.error,
      }),
      (result, error) => finish(result, result ? null : error instanceof Error ? error.message : String(error)),
    );
    jobsByImport.set(importId, handle);
    handlerContext.audit({
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

  return {
    'imports.browse': async (input, handlerContext) => {
      const requested = input.path ?? homedir();
      let path: string;
      try {
        path = await realpath(requested);
        if (!(await stat(path)).isDirectory()) path = dirname(path);
      } catch {
        throw new ApiFailure('NOT_FOUND', `${requested} does not exist or cannot be read.`);
      }
      let names: import('node:fs').Dirent[];
      try {
        names = await readdir(path, { withFileTypes: true });
      } catch {
        throw new ApiFailure('BAD_FILE', `Cannot list ${path} (permission denied).`);
      }
      const entries: { name: string; path: string; kind: 'file' | 'folder'; size: number | null; modifiedAt: number | null }[] =
        [];
      for (const entry of names) {
        if (entry.name.startsWith('.')) continue;
        if (entries.length >= MAX_BROWSE_ENTRIES) break;
        const full = join(path, entry.name);
        try {
          const info = await stat(full);
          if (!info.isFile() && !info.isDirectory()) continue;
          entries.push({
            name: entry.name,
            path: full,
            kind: info.isDirectory() ? 'folder' : 'file',
            size: info.isFile() ? info.size : null,
            modifiedAt: Math.round(info.mtimeMs),
          });
        } catch {
          // Broken links and unreadable entries are not offered.
        }
      }
      entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1));
      handlerContext.audit({ targets: [path] });
      return { path, parent: dirname(path) === path ? null : dirname(path), entries };
    },

    'imports.preview': async (input, handlerContext) => {
      const detected = await plan(input.paths, input.format);
      const anonymized = context.anonymized();
      const files = detected.files.map((file) => {
        const preview = toFilePreview(file);
        return anonymized ? maskPreview(preview, context.keys.pseudonymSecret) : preview;
      });
      const problems = [
        ...(detected.files.length === 0 ? ['No files found under the chosen paths.'] : []),
        ...detected.files.filter((file) => file.detection.problem).map((file) => `${file.name}: ${file.detection.problem}`),
        ...detected.skipped.map((skipped) => `skipped ${skipped}`),
      ];
      handlerContext.audit({ targets: input.paths });
      return { format: detected.kind, files, totalSize: detected.totalSize, problems };
    },

    'imports.start': (input, handlerContext) => start(input, handlerContext, null),

    'imports.loadDemo': (input, handlerContext) => {
      const outDir = join(dataDir, 'demo', `seed-${input.seed}`);
      handlerContext.audit({
        targets: [outDir],
        after: { ...input, then: 'import each part, then one active policy per template ("Demo: <template name>") and a full re-score' },
      });
      const handle = runner.start(
        DEMO_JOB,
        { outDir, people: input.people, days: input.days, seed: input.seed },
        handlerContext.origin.sessionId,
        () => ({ state: 'succeeded', message: 'Demo organisation simulated; importing it now.' }),
        (result, error) => {
          if (!result || !db.open) {
            if (error) console.error('[irm] demo simulation failed:', error);
            return;
          }
          // Each part through the ordinary import path, in the order a real roll-out loads them, one
          // after the other: a running import holds the write lock, so the next one starts when it
          // has ended. When every part has been imported, the demo gets one policy per template and
          // a full re-score, so the Alerts page is not empty.
          void (async () => {
            const importIds: number[] = [];
            let startFailed = false;
            for (const part of DEMO_PARTS) {
              const path = join(result.outDir, part);
              if (!existsSync(path)) continue;
              if (!db.open) return;
              try {
                const started = await start(importRequest.parse({ paths: [path], reimport: true }), handlerContext, null);
                importIds.push(started.importId);
                await jobsByImport.get(started.importId)?.finished.catch(() => undefined);
              } catch (failure) {
                startFailed = true;
                console.error(`[irm] demo import of ${part} failed to start:`, failure);
              }
            }
            if (!db.open) return;
            const states = importIds.map((id) => db.prepare('SELECT state FROM imports WHERE id = ?').pluck().get(id) as string);
            const succeeded = !startFailed && importIds.length > 0 && states.every((state) => state === 'succeeded');
            let policies: ReturnType<typeof createDemoPolicies> | null = null;
            let error: string | null = succeeded ? null : 'not every demo import succeeded; no demo policies were created';
            if (succeeded) {
              try {
                policies = createDemoPolicies(context, handlerContext.principal!, handlerContext.origin.sessionId);
              } catch (failure) {
                error = failure instanceof Error ? failure.message : String(failure);
                console.error('[irm] demo policies could not be created:', failure);
              }
            }
            auditLog.append({
              actorId: handlerContext.principal!.accountId,
              actor: handlerContext.principal!.name,
              roleGroups: handlerContext.principal!.roleGroups,
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
          })();
        },
      );
      return { jobId: handle.jobId };
    },

    'imports.cancel': (input, handlerContext) => {
      const row = load(input.id);
      handlerContext.audit({ targets: [`import:${input.id}`] });
      const handle = jobsByImport.get(input.id);
      if (row.state !== 'running') return { cancelled: false };
      if (handle) {
        handle.cancel();
        return { cancelled: true };
      }
      if (row.pid !== null && row.pid !== process.pid && processAlive(row.pid)) {
        throw new ApiFailure('INVALID_STATE', `Import ${input.id} runs in another process (pid ${row.pid}); cancel it there.`);
      }
      recoverInterruptedImports(context);
      return { cancelled: true };
    },

    'imports.list': (input) => {
      const where = input.state ? 'WHERE i.state = @state' : '';
      const rows = db
        .prepare(`${SELECT_IMPORT} ${where} ORDER BY i.id DESC LIMIT @limit OFFSET @offset`)
        .all({ state: input.state, limit: input.limit, offset: input.offset }) as ImportRow[];
      const total = (db.prepare(`SELECT count(*) AS n FROM imports i ${where}`).get({ state: input.state }) as { n: number }).n;
      const now = clock();
      return { imports: rows.map((row) => summary(row, jobsByImport.get(row.id)?.jobId ?? null, now)), total };
    },

    'imports.get': (input, handlerContext) => {
      const row = load(input.id);
      const handle = jobsByImport.get(input.id);
      const files = db
        .prepare(
          'SELECT id, name, path, size, sha256, format, layout, status, duplicate_of AS duplicateOf, rows, accepted, rejected FROM import_files WHERE import_id = ? ORDER BY id',
        )
        .all(input.id) as ImportDetail['filesDetail'];
      const problems = db
        .prepare(
          'SELECT severity, file, line, field, reason FROM import_problems WHERE import_id = ? ORDER BY sequence LIMIT 200',
        )
        .all(input.id) as ImportDetail['problems'];
      handlerContext.audit({ targets: [`import:${input.id}`] });
      const progress = handle?.progress() ?? null;
      return {
        ...summary(row, handle?.jobId ?? null, clock()),
        utcOffsetMinutes: row.utc_offset_minutes,
        reimport: row.reimport === 1,
        formatOverride: row.format_override,
        filesDetail: files,
        problems,
        problemsTotal: Math.max(problems.length, row.rejected),
        mergeMs: row.merge_ms,
        timings: row.timings ? (JSON.parse(row.timings) as ImportDetail['timings']) : null,
        progress: row.state === 'running' && progress ? progress : null,
      };
    },

    'imports.rejects': (input, handlerContext) => {
      const row = load(input.id);
      handlerContext.audit({ targets: [`import:${input.id}`] });
      if (!row.rejects_path) throw new ApiFailure('NOT_FOUND', `Import ${input.id} has no rejects file.`);
      if (!isInside(dataDir, row.rejects_path))
        throw new ApiFailure('INVALID_STATE', 'The rejects file is outside the data folder.');
      let size: number;
      try {
        size = statSync(row.rejects_path).size;
      } catch {
        throw new ApiFailure('NOT_FOUND', `The rejects file of import ${input.id} is gone.`);
      }
      if (size > MAX_REJECTS_BYTES)
        throw new ApiFailure(
          'INVALID_STATE',
          `The rejects file is too large to download here (${size} bytes); it is at ${row.rejects_path}.`,
        );
      const csv = readFileSync(row.rejects_path, 'utf8');
      return { fileName: basename(row.rejects_path), csv, rows: row.rejected };
    },

    'imports.retry': (input, handlerContext) => {
      const row = load(input.id);
      if (row.state === 'running') throw new ApiFailure('INVALID_STATE', `Import ${input.id} is still running.`);
      return start(
        {
          paths: JSON.parse(row.source) as string[],
          format: row.format_override ?? undefined,
          onError: input.onError ?? row.on_error,
          reimport: input.reimport ?? row.reimport === 1,
          utcOffsetMinutes: row.utc_offset_minutes,
        },
        handlerContext,
        row.id,
      );
    },
  };
}
