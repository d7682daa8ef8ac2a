/**
 * The merge: one short write transaction on the main database that copies the staging database in
 * (ATTACH + INSERT…SELECT, person refs resolved to ids), replaces the rows of files being
 * re-imported, and marks the import succeeded. Until it commits nothing of the import is visible;
 * if the process dies inside it, SQLite rolls it back. Its duration is the time the import holds
 * the database's write lock (recorded as imports.merge_ms).
 */
import type { Database } from '../store/database';
import { createSettingsStore } from '../settings/settingsStore';
import { ACTIVITY_KINDS } from '../../shared/signals';
import { ACTIVITY_KIND_CODES } from './activityWriter';
import { deriveDepartures, storeSnapshots, type DepartureChanges, type SnapshotFile } from './departures';
import { resolvePersons, type Resolution } from './resolve';
import { ImportCancelled, type FileStats, type Problem } from './reading';

/** One file's outcome as the merge records it. */
export interface MergedFile {
  fileId: number;
  stats: FileStats;
  /** How many activities the file staged (they get one contiguous id range). */
  activities: number;
  /** Earlier imports of the same SHA-256 whose rows this file replaces (re-import). */
  replaces: number[];
}

/** What the merge needs. */
export interface MergeInput {
  importId: number;
  stagingPath: string;
  /** The activities staging file (activityWriter.ts). */
  activitiesPath: string;
  /** In reading order (the order their activities were staged). */
  files: MergedFile[];
  /** The roster snapshots among them. */
  snapshots: SnapshotFile[];
  totals: FileStats;
  problems: { severity: 'error' | 'warning'; problem: Problem }[];
  rejectsPath: string | null;
  organisationDomains: string[];
  now: () => number;
  /** The job's cancel flag, checked between tables and slices of activities (a cancel rolls back). */
  isCancelled?: () => boolean;
  /** Activities merged so far of `total` (after each slice). */
  progress?: (done: number, total: number) => void;
}

/** What the merge did. */
export interface MergeResult extends Resolution {
  /** Milliseconds the write lock was held (BEGIN IMMEDIATE to COMMIT). */
  lockMs: number;
  /** Derived departures that were added, moved or removed (null: none). */
  departures: DepartureChanges | null;
}

/** Chunks per INSERT…SELECT of activities (one ref's rows of one staged batch each): the merge checks for a cancel between slices. */
const CHUNKS_PER_SLICE = 1024;
/** At most this many slices (and progress reports), however small the chunks. */
const MAX_SLICES = 64;

/** The merge's own tables: staged kind codes, and the staged chunks in the order they are copied. */
export const MERGE_TEMP_TABLES = `
  CREATE TEMP TABLE IF NOT EXISTS kinds (code INTEGER PRIMARY KEY, kind TEXT NOT NULL, category TEXT NOT NULL);
  CREATE TEMP TABLE IF NOT EXISTS chunk_order (
    seq INTEGER PRIMARY KEY, person_id INTEGER NOT NULL, file_id INTEGER NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL);`;

/** One slice of activities: chunks seq from..to of temp.chunk_order, each chunk's rows in staging order. */
export const ACTIVITIES_FROM_CHUNKS = `
  INSERT INTO activities (person_id, time, kind, category, operation, device, target, domain, recipients, external, size,
    attachments, detail, file_id, line)
  SELECT c.person_id, a.time, k.kind, k.category, a.operation, a.device, a.target, a.domain, a.recipients, a.external, a.size,
    a.attachments, a.detail, c.file_id, a.line
  FROM temp.chunk_order c JOIN stage_acts.activities a ON a.rowid BETWEEN c.first AND c.last JOIN temp.kinds k ON k.code = a.kind
  WHERE c.seq BETWEEN @from AND @to
  ORDER BY c.seq, a.rowid`;

/** Deletes the facts of earlier files (re-import replaces, never duplicates); returns how many were roster snapshots. */
function deleteFileRows(db: Database, fileIds: number[]): number {
  if (fileIds.length === 0) return 0;
  const list = fileIds.join(',');
  const deleteRange = db.prepare('DELETE FROM activities WHERE id BETWEEN @first AND @last AND file_id = @fileId');
  for (const file of db
    .prepare(
      `SELECT id, first_activity_id AS first, last_activity_id AS last FROM import_files WHERE id IN (${list}) AND first_activity_id IS NOT NULL`,
    )
    .all() as { id: number; first: number; last: number }[]) {
    deleteRange.run({ first: file.first, last: file.last, fileId: file.id });
  }
  db.exec(`
    DELETE FROM hr_events WHERE file_id IN (${list});
    DELETE FROM external_alerts WHERE file_id IN (${list});
    DELETE FROM person_attributes WHERE file_id IN (${list});
    DELETE FROM content_fts WHERE rowid IN (SELECT id FROM content_items WHERE file_id IN (${list}));
    DELETE FROM content_persons WHERE item_id IN (SELECT id FROM content_items WHERE file_id IN (${list}));
    UPDATE content_items SET parent_id = NULL WHERE file_id IN (${list});
    DELETE FROM content_items WHERE file_id IN (${list});
    DELETE FROM roster_snapshot_members WHERE file_id IN (${list});
    UPDATE import_files SET status = 'replaced' WHERE id IN (${list});
  `);
  return db.prepare(`DELETE FROM roster_snapshots WHERE file_id IN (${list})`).run().changes;
}

/** Runs the merge transaction. The staging databases must be closed by their writers first. */
export function mergeStaging(db: Database, input: MergeInput): MergeResult {
  db.prepare('ATTACH DATABASE @path AS stage').run({ path: input.stagingPath });
  db.prepare('ATTACH DATABASE @path AS stage_acts').run({ path: input.activitiesPath });
  // Every reference the merge writes comes from a join with rows it just resolved or inserted (persons
  // through pmap, files registered by this import), so per-row foreign-key lookups are skipped here.
  db.pragma('foreign_keys = OFF');
  try {
    const started = performance.now();
    const staged = input.files.reduce((sum, file) => sum + file.activities, 0);
    /** Between steps: a cancel rolls the whole merge back (the catch below). */
    const checkpoint = (done: number) => {
      if (input.isCancelled?.()) throw new ImportCancelled();
      input.progress?.(done, staged);
    };
    db.exec('BEGIN IMMEDIATE');
    try {
      const resolution = resolvePersons(db, input.now());
      const replacedSnapshots = deleteFileRows(
        db,
        input.files.flatMap((file) => file.replaces),
      );
      db.exec(`
        INSERT INTO hr_events (person_id, kind, time, last_working_time, old_level, new_level, demotion, rating, poor_rating, remarks,
          derived_from_roster, detail, file_id, line)
        SELECT m.person_id, h.kind, h.time, h.last_working_time, h.old_level, h.new_level, h.demotion, h.rating, h.poor_rating, h.remarks,
          h.derived_from_roster, h.detail, h.file_id, h.line
        FROM stage.hr_events h JOIN temp.pmap m ON m.ref = h.ref ORDER BY h.rowid;


        UPDATE external_alerts SET withdrawn = 1, withdrawn_time = u.time
        FROM (SELECT target, policy_id, min(time) AS time FROM stage.dlp_undos GROUP BY target, policy_id) u
        WHERE external_alerts.source = 'dlp' AND external_alerts.withdrawn = 0 AND external_alerts.target = u.target
          AND (u.policy_id IS NULL OR external_alerts.policy_id = u.policy_id) AND external_alerts.time <= u.time;

        INSERT INTO external_alerts (person_id, account, time, source, service_source, external_id, title, category, severity, status,
          device, target, policy_id, policy_name, rule_name, withdrawn, withdrawn_time, file_id, line)
        SELECT m.person_id, a.account, a.time, a.source, a.service_source, a.external_id, a.title, a.category, a.severity, a.status,
          a.device, a.target, a.policy_id, a.policy_name, a.rule_name, a.withdrawn, a.withdrawn_time, a.file_id, a.line
        FROM stage.alerts a LEFT JOIN temp.pmap m ON m.ref = a.ref ORDER BY a.rowid;
      `);
      // Roster snapshots are compared with every snapshot stored before (departures.ts).
      let departures: DepartureChanges | null = null;
      if (input.snapshots.length > 0 || replacedSnapshots > 0) {
        storeSnapshots(db, input.snapshots);
        departures = deriveDepartures(db);
      }
      checkpoint(0);
      // Activities: chunk by chunk (activityWriter.ts) in (file, person id, staging rowid) order. File
      // first, so each file's rows get a contiguous id range; then person by person, in the order the
      // file listed them, so the (person_id, time) index is filled almost in order (appended for new
      // persons). The nested loop over temp.chunk_order (seq) and the rowid range gives that order
      // without a sort (no temp B-tree in the plan: merge.test.ts checks it).
      db.exec(MERGE_TEMP_TABLES);
      db.exec('DELETE FROM temp.kinds');
      const insertKind = db.prepare('INSERT INTO temp.kinds (code, kind, category) VALUES (@code, @kind, @category)');
      ACTIVITY_KIND_CODES.forEach((kind, code) => insertKind.run({ code, kind, category: ACTIVITY_KINDS[kind] }));
      db.exec('DELETE FROM temp.chunk_order');
      db.exec(
        `INSERT INTO temp.chunk_order (person_id, file_id, first, last)
         SELECT m.person_id, c.file_id, c.first, c.last FROM stage_acts.chunks c JOIN temp.pmap m ON m.ref = c.ref ORDER BY c.file_id, m.person_id, c.first`,
      );
      const chunks = (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM temp.chunk_order').get() as { n: number }).n;
      const lastId = (db.prepare('SELECT coalesce(max(id), 0) AS id FROM activities').get() as { id: number }).id;
      const insertSlice = db.prepare(ACTIVITIES_FROM_CHUNKS);
      let inserted = 0;
      const slice = Math.max(CHUNKS_PER_SLICE, Math.ceil(chunks / MAX_SLICES));
      for (let from = 1; from <= chunks; from += slice) {
        inserted += insertSlice.run({ from, to: from + slice - 1 }).changes;
        checkpoint(inserted);
      }
      db.exec('DELETE FROM temp.chunk_order');
      if (inserted !== staged) throw new Error(`${staged - inserted} staged activities matched no person`);
      const setRange = db.prepare('UPDATE import_files SET first_activity_id = @first, last_activity_id = @last WHERE id = @fileId');
      let next = lastId + 1;
      for (const file of [...input.files].sort((a, b) => a.fileId - b.fileId)) {
        if (file.activities > 0) setRange.run({ first: next, last: next + file.activities - 1, fileId: file.fileId });
        next += file.activities;
      }
      // Content: ids are assigned as base + local id so attachments keep their parent.
      const base = (db.prepare('SELECT coalesce(max(id), 0) AS id FROM content_items').get() as { id: number }).id;
      db.prepare(
        `INSERT INTO content_items (id, file_id, parent_id, class, name, extension, mime, size, sha256, time, sender, recipients, subject,
           message_id, attachments, text_note, line)
         SELECT @base + c.local, c.file_id, CASE WHEN c.parent_local IS NULL THEN NULL ELSE @base + c.parent_local END, c.class, c.name,
           c.extension, c.mime, c.size, c.sha256, c.time, c.sender, c.recipients, c.subject, c.message_id, c.attachments, c.text_note, c.line
         FROM stage.content_items c ORDER BY c.local`,
      ).run({ base });
      db.prepare(
        `INSERT INTO content_fts (rowid, subject, sender, recipients, name, body)
         SELECT @base + c.local, coalesce(c.subject, ''), coalesce(c.sender, ''), coalesce(c.recipients, ''), c.name, coalesce(c.body, '')
         FROM stage.content_items c ORDER BY c.local`,
      ).run({ base });
      // Content is linked only to persons that exist: an outside address never creates a person.
      db.prepare(
        `INSERT OR IGNORE INTO content_persons (item_id, person_id, role)
         SELECT @base + a.local, p.person_id, a.role FROM stage.content_addresses a
         JOIN (SELECT key AS address, id AS person_id FROM persons
               UNION SELECT value, person_id FROM person_identifiers WHERE kind IN ('email', 'upn')) p ON p.address = a.address`,
      ).run({ base });

      checkpoint(staged);

      const updateFile = db.prepare(
        "UPDATE import_files SET status = 'imported', rows = @rows, accepted = @accepted, rejected = @rejected WHERE id = @fileId",
      );
      for (const file of input.files)
        updateFile.run({
          fileId: file.fileId,
          rows: file.stats.rows,
          accepted: file.stats.accepted,
          rejected: file.stats.rejected,
        });
      const insertProblem = db.prepare(
        `INSERT INTO import_problems (import_id, sequence, severity, file, line, field, reason)
         VALUES (@importId, @sequence, @severity, @file, @line, @field, @reason)`,
      );
      input.problems.forEach(({ severity, problem }, index) =>
        insertProblem.run({
          importId: input.importId,
          sequence: index + 1,
          severity,
          file: problem.file,
          line: problem.line,
          field: problem.field,
          reason: problem.reason,
        }),
      );
      resolution.warnings.forEach((warning, index) =>
        insertProblem.run({
          importId: input.importId,
          sequence: input.problems.length + index + 1,
          severity: 'warning',
          file: 'persons',
          line: null,
          field: null,
          reason: warning,
        }),
      );
      if (input.organisationDomains.length > 0) {
        const settings = createSettingsStore(db, input.now);
        const current = settings.get('organisation.domains');
        const merged = [...new Set([...current, ...input.organisationDomains])].sort();
        if (merged.length !== current.length) settings.set('organisation.domains', merged);
      }
      const finished = db
        .prepare(
          `UPDATE imports SET state = 'succeeded', finished_at = @now, rows = @rows, accepted = @accepted, rejected = @rejected,
           ignored = @ignored, persons = @persons, persons_created = @personsCreated, rejects_path = @rejectsPath, staging_path = NULL,
           error = @error
         WHERE id = @importId AND state = 'running'`,
        )
        .run({
          importId: input.importId,
          now: input.now(),
          rows: input.totals.rows,
          accepted: input.totals.accepted,
          rejected: input.totals.rejected,
          ignored: input.totals.ignored,
          persons: resolution.persons,
          personsCreated: resolution.personsCreated,
          rejectsPath: input.rejectsPath,
          error: input.problems[0] ? describe(input.problems[0].problem) : null,
        });
      // A cancel (or another process declaring it interrupted) won the race: keep nothing.
      if (finished.changes !== 1) throw new Error('the import is no longer running');
      // The lock time so far; corrected below with the commit included.
      db.prepare('UPDATE imports SET merge_ms = @mergeMs WHERE id = @importId').run({
        mergeMs: Math.round(performance.now() - started),
        importId: input.importId,
      });
      db.exec('COMMIT');
      const lockMs = Math.round(performance.now() - started);
      db.prepare('UPDATE imports SET merge_ms = @mergeMs WHERE id = @importId').run({ mergeMs: lockMs, importId: input.importId });
      return { ...resolution, lockMs, departures };
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  } finally {
    db.pragma('foreign_keys = ON');
    db.exec('DETACH DATABASE stage');
    db.exec('DETACH DATABASE stage_acts');
  }
}

function describe(problem: Problem): string {
  return `${problem.file}${problem.line !== null ? `, line ${problem.line}` : ''}${problem.field ? `, field ${problem.field}` : ''}: ${problem.reason}`;
}
