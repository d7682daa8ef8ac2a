/** The imports tables (imports, import_files, import_problems): every statement of the imports area. */
import type { ImportDetail, ImportSummary } from '../../shared/contract/imports';
import { ApiFailure } from '../../shared/errors';
import type { ImportFormat } from '../../shared/signals';
import type { Database } from '../store/database';

/** An imports row with its account's name and file count. */
export interface ImportRow {
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

/** One import, or NOT_FOUND. */
export function readImport(db: Database, id: number): ImportRow {
  const row = db.prepare(`${SELECT_IMPORT} WHERE i.id = @id`).get({ id }) as ImportRow | undefined;
  if (!row) throw new ApiFailure('NOT_FOUND', `No import with id ${id}.`);
  return row;
}

/** A page of imports, newest first, with the total. */
export function listImports(
  db: Database,
  filter: { state?: ImportSummary['state']; limit: number; offset: number },
): { rows: ImportRow[]; total: number } {
  const where = filter.state ? 'WHERE i.state = @state' : '';
  const rows = db
    .prepare(`${SELECT_IMPORT} ${where} ORDER BY i.id DESC LIMIT @limit OFFSET @offset`)
    .all({ state: filter.state, limit: filter.limit, offset: filter.offset }) as ImportRow[];
  const total = db.prepare(`SELECT count(*) FROM imports i ${where}`).pluck().get({ state: filter.state }) as number;
  return { rows, total };
}

/** The files of an import, in the order they were planned. */
export function importFiles(db: Database, importId: number): ImportDetail['filesDetail'] {
  return db
    .prepare(
      'SELECT id, name, path, size, sha256, format, layout, status, duplicate_of AS duplicateOf, rows, accepted, rejected FROM import_files WHERE import_id = @importId ORDER BY id',
    )
    .all({ importId }) as ImportDetail['filesDetail'];
}

/** The first problems an import recorded. */
export function importProblems(db: Database, importId: number, limit: number): ImportDetail['problems'] {
  return db
    .prepare(
      'SELECT severity, file, line, field, reason FROM import_problems WHERE import_id = @importId ORDER BY sequence LIMIT @limit',
    )
    .all({ importId, limit }) as ImportDetail['problems'];
}

/** The state of an import. */
export function importState(db: Database, id: number): ImportSummary['state'] {
  return db.prepare('SELECT state FROM imports WHERE id = @id').pluck().get({ id }) as ImportSummary['state'];
}

/** What a new import records before its job starts. */
export interface ImportRegistration {
  format: ImportSummary['format'];
  paths: string[];
  onError: 'stop' | 'skip';
  formatOverride: ImportFormat | null;
  reimport: boolean;
  utcOffsetMinutes: number;
  accountId: number;
  now: number;
  pid: number;
  retryOf: number | null;
  /** The staging file of import `id`. */
  stagingPathOf(id: number): string;
}

/**
 * Registers a running import and its staging path in one transaction: another job holding the
 * write lock makes this a CONFLICT (router: databaseBusyFailure) with nothing half-registered.
 */
export function registerImport(db: Database, registration: ImportRegistration): { importId: number; stagingPath: string } {
  return db.transaction(() => {
    const importId = Number(
      db
        .prepare(
          `INSERT INTO imports (format, source, state, on_error, format_override, reimport, utc_offset_minutes, account_id, started_at, pid, retry_of)
           VALUES (@format, @source, 'running', @onError, @override, @reimport, @offset, @accountId, @now, @pid, @retryOf)`,
        )
        .run({
          format: registration.format,
          source: JSON.stringify(registration.paths),
          onError: registration.onError,
          override: registration.formatOverride,
          reimport: registration.reimport ? 1 : 0,
          offset: registration.utcOffsetMinutes,
          accountId: registration.accountId,
          now: registration.now,
          pid: registration.pid,
          retryOf: registration.retryOf,
        }).lastInsertRowid,
    );
    const stagingPath = registration.stagingPathOf(importId);
    db.prepare('UPDATE imports SET staging_path = @stagingPath WHERE id = @importId').run({ stagingPath, importId });
    return { importId, stagingPath };
  })();
}

/** Imports recorded as running (by this or another process). */
export function runningImports(db: Database): { id: number; pid: number | null; staging_path: string | null }[] {
  return db.prepare("SELECT id, pid, staging_path FROM imports WHERE state = 'running'").all() as {
    id: number;
    pid: number | null;
    staging_path: string | null;
  }[];
}

/**
 * Ends a running import that its job could not end (the process died, or the job crashed) as
 * `state` with `error`; its pending files become notImported.
 */
export function abandonImport(db: Database, id: number, state: 'interrupted' | 'failed', error: string, now: number): void {
  db.transaction(() => {
    db.prepare(
      "UPDATE imports SET state = @state, finished_at = @now, error = @error, staging_path = NULL WHERE id = @id AND state = 'running'",
    ).run({ state, now, error, id });
    db.prepare("UPDATE import_files SET status = 'notImported' WHERE import_id = @id AND status = 'pending'").run({ id });
  })();
}

/** An imports row as the contract shows it; `jobId` while its job runs. */
export function importSummaryOf(row: ImportRow, jobId: string | null, now: number): ImportSummary {
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
