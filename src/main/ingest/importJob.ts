/**
 * One import job, start to finish. It runs in a worker thread (jobs/importWorker.ts) with its own
 * database connection, or in-process for tests; the code is the same. Phases: hash every file
 * (SHA-256; a file imported before is skipped unless re-importing), read each file into a private
 * staging database, finalise it, then merge it into the main database in one short transaction.
 * Any failure, cancel or crash before the merge commits leaves no facts behind.
 */
import type { ImportPhase } from '../../shared/jobs';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase, type Database } from '../store/database';
import { createSettingsStore } from '../settings/settingsStore';
import { storeBlob, storeBlobFromFile } from '../store/blobStore';
import { hashFile, parseContentFile } from './content/importContent';
import { parseAlertsFile } from './formats/alerts';
import { parseCertFile } from './formats/cert';
import { parsePsychometricFile, parseRosterFile } from './formats/directory';
import { parseHrFile } from './formats/hr';
import { parseM365File } from './formats/m365';
import { detectOrganisationDomains, markExternalRecipients, withdrawUndoneMatches } from './finalise';
import type { DepartureChanges } from './departures';
import { Tally } from './identity';
import { mergeStaging, type MergedFile } from './merge';
import {
  describeProblem,
  ImportCancelled,
  ImportStopped,
  type FileContext,
  type FileStats,
  type ImportObservations,
  type PlannedFile,
  type Problem,
} from './reading';
import { Staging } from './staging';
import { DirectActivityWriter, PipedActivityWriter, type ActivityWriter } from './activityWriter';
import { locateWorker, threadCpuMs, type JobDefinition, type JobHooks } from '../jobs/jobRunner';

/** What the job needs (plain data: it crosses the worker boundary). */
export interface ImportJobInput {
  importId: number;
  databaseFile: string;
  dataDir: string;
  stagingPath: string;
  rejectsPath: string;
  files: PlannedFile[];
  onError: 'stop' | 'skip';
  reimport: boolean;
  utcOffsetMinutes: number;
  /** The backend clock minus the wall clock (tests run a fake clock). */
  clockOffsetMs: number;
}

/** How the job ended. */
export interface ImportJobResult {
  importId: number;
  state: 'succeeded' | 'failed' | 'cancelled';
  rows: number;
  accepted: number;
  rejected: number;
  ignored: number;
  persons: number;
  personsCreated: number;
  mergeMs: number | null;
  error: string | null;
  files: { name: string; size: number; sha256: string | null; status: string }[];
  /** What a succeeded import touched, for incremental scoring: persons and the time span of its facts. */
  changes: { personIds: number[]; fromTime: number; toTime: number } | null;
  /** Wall and thread CPU milliseconds per phase (CPU null where /proc is missing); the writer thread's CPU. */
  timings: { phases: Record<string, { wallMs: number; cpuMs: number | null }>; writerCpuMs: number | null };
}

/** The activities staging file that goes with a staging database. */
export function activitiesStagingPath(stagingPath: string): string {
  return stagingPath.replace(/(\.sqlite)?$/, '-activities.sqlite');
}

/** Problems kept in the database per import (the total is in imports.rejected). */
export const MAX_PROBLEMS = 200;
const PROGRESS_INTERVAL_MS = 200;

/** Parsers by layout prefix. */
function parserFor(layout: string): (context: FileContext) => Promise<void> {
  if (layout === 'directory.roster' || layout === 'cert.ldap') return parseRosterFile;
  if (layout === 'cert.psychometric') return parsePsychometricFile;
  if (layout.startsWith('hr.')) return parseHrFile;
  if (layout.startsWith('cert.')) return parseCertFile;
  if (layout.startsWith('m365.')) return parseM365File;
  if (layout.startsWith('alerts.')) return parseAlertsFile;
  if (layout.startsWith('content.')) return parseContentFile;
  throw new Error(`no reader for layout ${layout}`);
}

/** Quotes a CSV field when needed. */
function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes rejected rows as CSV (file, line, field, reason, raw), opened on the first reject. */
class RejectsWriter {
  private fd: number | null = null;
  rows = 0;

  constructor(readonly path: string) {}

  write(problem: Problem, raw: string): void {
    if (this.fd === null) {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      this.fd = openSync(this.path, 'w', 0o600);
      writeSync(this.fd, 'file,line,field,reason,raw\n');
    }
    writeSync(
      this.fd,
      `${[problem.file, problem.line, problem.field, problem.reason, raw.slice(0, 10_000)].map(csvField).join(',')}\n`,
    );
    this.rows += 1;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** Runs an import job to its end; never throws for bad input (the result says what happened). */
export async function runImportJob(input: ImportJobInput, hooks: JobHooks): Promise<ImportJobResult> {
  const now = () => Date.now() + input.clockOffsetMs;
  // The main connection already checked the store when it opened it (quick_check reads the whole file).
  const main = openDatabase(input.databaseFile, { migrate: false, check: false });
  // A worker may wait for the write lock (another import merging) without freezing anyone.
  main.pragma('busy_timeout = 120000');
  main.pragma('cache_size = -65536');
  // This connection never checkpoints: the merge's commit would copy every merged page again inside
  // the job. The worker checkpoints after it has reported the result (checkpointAfterImport).
  main.pragma('wal_autocheckpoint = 0');
  const totalBytes = input.files.reduce((sum, file) => sum + file.size, 0);
  const totals: FileStats = { rows: 0, accepted: 0, rejected: 0, ignored: 0 };
  const problems: { severity: 'error' | 'warning'; problem: Problem }[] = [];
  const fileRecords: ImportJobResult['files'] = input.files.map((file) => ({
    name: file.name,
    size: file.size,
    sha256: null,
    status: 'pending',
  }));
  const rejects = new RejectsWriter(input.rejectsPath);
  const activitiesPath = activitiesStagingPath(input.stagingPath);
  let activityWriter: ActivityWriter | null = null;
  let staging: Staging | null = null;
  /** The counts of the file being read (added to the totals when it is done). */
  let reading: FileStats | null = null;
  let lastProgress = 0;
  let phase: ImportPhase = 'starting';
  const phases: ImportJobResult['timings']['phases'] = {};
  let mark = { wall: performance.now(), cpu: threadCpuMs() };
  const enter = (next: ImportPhase) => {
    const wall = performance.now();
    const cpu = threadCpuMs();
    phases[phase] = { wallMs: Math.round(wall - mark.wall), cpuMs: cpu !== null && mark.cpu !== null ? cpu - mark.cpu : null };
    mark = { wall, cpu };
    phase = next;
  };

  const report = (done: number, total: number | null, message: string | null, force = false) => {
    const time = performance.now();
    if (!force && time - lastProgress < PROGRESS_INTERVAL_MS) return;
    lastProgress = time;
    hooks.progress({ done, total, phase, message });
  };
  const checkCancelled = () => {
    if (hooks.isCancelled()) throw new ImportCancelled();
  };
  const note = (severity: 'error' | 'warning', problem: Problem) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ severity, problem });
  };

  try {
    // The activity writer (a second thread when this runs from a build) starts now, while the files
    // are hashed, and waits for its first batch.
    mkdirSync(dirname(input.stagingPath), { recursive: true, mode: 0o700 });
    rmSync(input.stagingPath, { force: true });
    rmSync(activitiesPath, { force: true });
    const writerFile = locateWorker('activityWriterWorker.js');
    activityWriter = writerFile ? new PipedActivityWriter(writerFile, activitiesPath) : new DirectActivityWriter(activitiesPath);

    // 1. Hash every file; a file whose SHA-256 was imported before is a duplicate.
    enter('hashing');
    report(0, totalBytes, null, true);
    let hashedBefore = 0;
    const findImported = main.prepare<[{ sha256: string }], { id: number }>(
      "SELECT f.id FROM import_files f JOIN imports i ON i.id = f.import_id WHERE f.sha256 = @sha256 AND f.status = 'imported' AND i.state = 'succeeded' ORDER BY f.id",
    );
    const planned: { file: PlannedFile; sha256: string; duplicateOf: number | null; replaces: number[] }[] = [];
    const seenInJob = new Map<string, number>();
    for (const [index, file] of input.files.entries()) {
      const sha256 = await hashFile(file.path, (bytes) => {
        checkCancelled();
        report(hashedBefore + bytes, totalBytes, `hashing ${file.name}`);
      });
      hashedBefore += file.size;
      fileRecords[index]!.sha256 = sha256;
      const earlier = findImported.all({ sha256 }).map((row) => row.id);
      const inJob = seenInJob.has(sha256);
      seenInJob.set(sha256, index);
      planned.push({
        file,
        sha256,
        duplicateOf: inJob ? -1 : !input.reimport && earlier.length > 0 ? earlier[0]! : null,
        replaces: input.reimport ? earlier : [],
      });
    }
    checkCancelled();

    // 2. Register the files (provenance rows; facts point at them).
    const insertFile = main.prepare(
      `INSERT INTO import_files (import_id, name, path, size, sha256, format, layout, status, duplicate_of)
       VALUES (@importId, @name, @path, @size, @sha256, @format, @layout, @status, @duplicateOf)`,
    );
    const fileIds: number[] = [];
    main.transaction(() => {
      for (const item of planned) {
        const duplicateOf =
          item.duplicateOf === -1 ? fileIds[planned.findIndex((other) => other.sha256 === item.sha256)]! : item.duplicateOf;
        const status = duplicateOf !== null ? 'duplicate' : 'pending';
        const id = Number(
          insertFile.run({
            importId: input.importId,
            name: item.file.name,
            path: item.file.path,
            size: item.file.size,
            sha256: item.sha256,
            format: item.file.format,
            layout: item.file.layout,
            status,
            duplicateOf,
          }).lastInsertRowid,
        );
        fileIds.push(id);
        item.duplicateOf = duplicateOf;
      }
    })();
    planned.forEach((item, index) => {
      if (item.duplicateOf !== null) fileRecords[index]!.status = 'duplicate';
    });

    // 3. Read every file into the staging database (activities through the writer: two cores busy).
    staging = new Staging(input.stagingPath, activityWriter);
    const writer = activityWriter;
    const observations: ImportObservations = {
      personDomains: new Tally(),
      senderDomains: new Tally(),
      accountDomains: new Tally(),
    };
    const merged: MergedFile[] = [];
    const toRead = planned.filter((item) => item.duplicateOf === null);
    const readBytesTotal = toRead.reduce((sum, item) => sum + item.file.size, 0);
    let readBefore = 0;
    enter('reading');
    for (const item of toRead) {
      checkCancelled();
      const index = planned.indexOf(item);
      const file = item.file;
      const stats: FileStats = { rows: 0, accepted: 0, rejected: 0, ignored: 0 };
      reading = stats;
      const context: FileContext = {
        file,
        fileId: fileIds[index]!,
        staging,
        utcOffsetMinutes: input.utcOffsetMinutes,
        stats,
        observations,
        reject(problem, raw, warning = false) {
          const located: Problem = { file: file.name, ...problem };
          stats.rejected += 1;
          if (!warning && input.onError === 'stop') throw new ImportStopped(located);
          note(warning ? 'warning' : 'error', located);
          rejects.write(located, raw);
        },
        progress(bytes) {
          checkCancelled();
          report(
            readBefore + Math.min(bytes, file.size),
            readBytesTotal,
            `${file.name}: ${(totals.rows + stats.rows).toLocaleString('en')} rows`,
          );
        },
        warn(problem) {
          note('warning', { file: file.name, ...problem });
        },
        backpressure: () => writer.backpressure(),
        storeBlob: (sha256, bytes) => storeBlob(input.dataDir, sha256, bytes),
        storeFile: (sha256, path) => storeBlobFromFile(input.dataDir, sha256, path),
      };
      report(readBefore, readBytesTotal, `reading ${file.name}`, true);
      const activitiesBefore = writer.count;
      await parserFor(file.layout)(context);
      readBefore += file.size;
      totals.rows += stats.rows;
      totals.accepted += stats.accepted;
      totals.rejected += stats.rejected;
      totals.ignored += stats.ignored;
      reading = null;
      merged.push({ fileId: fileIds[index]!, stats, replaces: item.replaces, activities: writer.count - activitiesBefore });
      fileRecords[index]!.status = 'read';
    }
    staging.flush();
    enter('finalising');
    report(readBytesTotal, readBytesTotal, null, true);
    await writer.finish();
    staging.attachActivities(activitiesPath);

    // 4. Finalise: organisation domains, external recipients, DLP undos (departures are derived at merge).
    const configured = createSettingsStore(main, now).get('organisation.domains');
    const detected = detectOrganisationDomains(observations);
    const organisation = [...new Set([...configured, ...detected])].sort();
    if (writer.withRecipients > 0) markExternalRecipients(staging, organisation);
    withdrawUndoneMatches(staging);
    staging.close();
    rejects.close();
    checkCancelled();

    // 5. Merge in one transaction.
    enter('merging');
    report(0, null, `${totals.accepted.toLocaleString('en')} rows`, true);
    const result = mergeStaging(main, {
      importId: input.importId,
      stagingPath: input.stagingPath,
      activitiesPath,
      files: merged,
      snapshots: toRead.flatMap((item) =>
        item.file.snapshot ? [{ fileId: fileIds[planned.indexOf(item)]!, month: item.file.snapshot }] : [],
      ),
      totals,
      problems,
      rejectsPath: rejects.rows > 0 ? input.rejectsPath : null,
      organisationDomains: detected,
      now,
      isCancelled: () => hooks.isCancelled(),
      // At most MAX_SLICES reports (merge.ts), so each one is sent.
      progress: (done, total) =>
        report(done, total, `${done.toLocaleString('en')} of ${total.toLocaleString('en')} activities merged`, true),
    });
    for (const record of fileRecords) if (record.status === 'read') record.status = 'imported';
    enter('done');
    return {
      importId: input.importId,
      state: 'succeeded',
      ...totals,
      persons: result.persons,
      personsCreated: result.personsCreated,
      mergeMs: result.lockMs,
      error: problems[0] ? describeProblem(problems[0].problem) : null,
      files: fileRecords,
      changes: importChanges(result.personIds, staging, result.departures),
      timings: { phases, writerCpuMs: writer.writerCpuMs },
    };
  } catch (error) {
    const cancelled = error instanceof ImportCancelled;
    let message: string;
    if (error instanceof ImportStopped) {
      message = describeProblem(error.problem);
      problems.unshift({ severity: 'error', problem: error.problem });
    } else if (cancelled) {
      message = error.message;
    } else {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      message =
        code && /^E[A-Z]+$/.test(code)
          ? `cannot read a file: ${error instanceof Error ? error.message : String(error)}`
          : `internal error: ${error instanceof Error ? error.message : String(error)}`;
      if (!code) console.error('[irm] import job failed:', error);
    }
    await activityWriter?.abort().catch(() => undefined);
    staging?.close();
    rejects.close();
    // Rows read so far are reported; none of them was kept.
    if (reading) {
      totals.rows += reading.rows;
      totals.rejected += reading.rejected;
    }
    totals.accepted = 0;
    totals.ignored = 0;
    recordFailure(
      main,
      input.importId,
      cancelled ? 'cancelled' : 'failed',
      message,
      totals,
      problems,
      rejects.rows > 0 ? input.rejectsPath : null,
      now(),
    );
    for (const record of fileRecords) if (record.status !== 'duplicate') record.status = 'notImported';
    enter('done');
    return {
      importId: input.importId,
      state: cancelled ? 'cancelled' : 'failed',
      ...totals,
      persons: 0,
      personsCreated: 0,
      mergeMs: null,
      error: message,
      files: fileRecords,
      changes: null,
      timings: { phases, writerCpuMs: activityWriter?.writerCpuMs ?? null },
    };
  } finally {
    for (const path of [input.stagingPath, activitiesPath]) {
      rmSync(path, { force: true });
      rmSync(`${path}-journal`, { force: true });
    }
    try {
      main
        .prepare('UPDATE imports SET timings = @timings WHERE id = @importId')
        .run({ timings: JSON.stringify({ phases, writerCpuMs: activityWriter?.writerCpuMs ?? null }), importId: input.importId });
    } catch (error) {
      console.error('[irm] could not record import timings:', error);
    }
    main.close();
  }
}

/**
 * Copies a merged import's pages from the WAL into the database file, after the job has reported
 * its result (the import is committed and visible before): in the worker, so that no later commit on
 * the main thread has to. PASSIVE: it waits for no one and may leave frames that readers still use.
 */
export function checkpointAfterImport(databaseFile: string): void {
  const db = openDatabase(databaseFile, { migrate: false, check: false });
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
  }
}

/** What a succeeded import touched: its facts' persons and time span, and persons whose derived departures changed. */
function importChanges(personIds: number[], staging: Staging, departures: DepartureChanges | null): ImportJobResult['changes'] {
  let fromTime = staging.fromTime;
  let toTime = staging.toTime;
  const persons = new Set(personIds);
  if (departures) {
    for (const id of departures.personIds) persons.add(id);
    fromTime = Math.min(fromTime, departures.fromTime);
    toTime = Math.max(toTime, departures.toTime);
  }
  if (fromTime > toTime) return null;
  return { personIds: [...persons].sort((a, b) => a - b), fromTime, toTime };
}

/** Marks an import failed or cancelled (its facts were never merged). */
function recordFailure(
  db: Database,
  importId: number,
  state: 'failed' | 'cancelled',
  message: string,
  totals: FileStats,
  problems: { severity: 'error' | 'warning'; problem: Problem }[],
  rejectsPath: string | null,
  finishedAt: number,
): void {
  db.transaction(() => {
    db.prepare(
      `UPDATE imports SET state = @state, finished_at = @finishedAt, error = @message, rows = @rows, accepted = @accepted, rejected = @rejected,
         ignored = @ignored, rejects_path = @rejectsPath, staging_path = NULL
       WHERE id = @importId AND state = 'running'`,
    ).run({
      importId,
      state,
      finishedAt,
      message,
      rows: totals.rows,
      accepted: totals.accepted,
      rejected: totals.rejected,
      ignored: totals.ignored,
      rejectsPath,
    });
    db.prepare("UPDATE import_files SET status = 'notImported' WHERE import_id = @importId AND status = 'pending'").run({ importId });
    const insert = db.prepare(
      `INSERT OR IGNORE INTO import_problems (import_id, sequence, severity, file, line, field, reason)
       VALUES (@importId, @sequence, @severity, @file, @line, @field, @reason)`,
    );
    problems
      .slice(0, MAX_PROBLEMS)
      .forEach(({ severity, problem }, index) =>
        insert.run({ importId, sequence: index + 1, severity, file: problem.file, line: problem.line, field: problem.field, reason: problem.reason }),
      );
  })();
}

/** The import job kind (worker entry out/main/importWorker.js, source jobs/workers/importWorker.ts). */
export const IMPORT_JOB: JobDefinition<ImportJobInput, ImportJobResult> = {
  kind: 'import',
  workerFile: 'importWorker.js',
  writesDatabase: true,
  run: runImportJob,
  outcome: (result) => ({
    state: result.state,
    message:
      result.state === 'succeeded'
        ? `${result.accepted.toLocaleString('en')} rows imported${result.rejected ? `, ${result.rejected.toLocaleString('en')} rejected` : ''}`
        : result.error,
  }),
};
