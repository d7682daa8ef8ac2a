/**
 * Cases, minimal: created by confirming alerts (alertTriage.ts) and closed here, which resolves
 * their Confirmed alerts; their append-only notes and contributors. The cases issue builds notices,
 * escalation and bundles on these tables.
 */
import type { Database } from '../store/database';
import type { CaseNote } from '../../shared/contract/cases';
import { ApiFailure } from '../../shared/errors';
import type { CaseRow } from './caseAccess';

/** The SQL condition and parameters of the cases a principal may see (caseAccess.ts caseVisibility). */
export interface CaseVisibility {
  sql: string;
  params: Record<string, string | number>;
}

/** One page of the visible cases, newest first, with the total of the visible cases (optionally of one status). */
export function listVisibleCases(
  db: Database,
  visibility: CaseVisibility,
  page: { status?: 'Active' | 'Closed'; limit: number; offset: number },
): { rows: CaseRow[]; total: number } {
  const where = `${visibility.sql}${page.status ? ' AND c.status = @status' : ''}`;
  const params = { ...visibility.params, ...(page.status ? { status: page.status } : {}) };
  const from = 'FROM cases c JOIN persons p ON p.id = c.person_id';
  const total = (db.prepare(`SELECT count(*) AS n ${from} WHERE ${where}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT c.* ${from} WHERE ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: page.limit, offset: page.offset }) as CaseRow[];
  return { rows, total };
}

/** A new note of a case (notes are append-only). */
export interface NewCaseNote {
  caseId: number;
  authorId: number;
  kind: CaseNote['kind'];
  text: string;
  now: number;
}

/** Appends a note to a case; returns its id. */
export function insertCaseNote(db: Database, note: NewCaseNote): number {
  return Number(
    db
      .prepare(
        'INSERT INTO case_notes (case_id, author_id, kind, text, created_at) VALUES (@caseId, @authorId, @kind, @text, @now)',
      )
      .run(note).lastInsertRowid,
  );
}

/** One note with its author's name. */
export function getCaseNote(db: Database, noteId: number): CaseNote | undefined {
  return db
    .prepare(
      `SELECT n.id, a.name AS author, n.kind, n.text, n.created_at AS createdAt
       FROM case_notes n JOIN accounts a ON a.id = n.author_id WHERE n.id = @noteId`,
    )
    .get({ noteId }) as CaseNote | undefined;
}

/** The notes of a case, oldest first, with their authors' names. */
export function listCaseNotes(db: Database, caseId: number): CaseNote[] {
  return db
    .prepare(
      `SELECT n.id, a.name AS author, n.kind, n.text, n.created_at AS createdAt
       FROM case_notes n JOIN accounts a ON a.id = n.author_id WHERE n.case_id = @caseId ORDER BY n.id`,
    )
    .all({ caseId }) as CaseNote[];
}

/** Adds an account as contributor of a case (no change when it already is one). */
export function addCaseContributor(db: Database, caseId: number, accountId: number, addedBy: number, now: number): void {
  db.prepare(
    'INSERT OR IGNORE INTO case_contributors (case_id, account_id, added_by, added_at) VALUES (@caseId, @accountId, @addedBy, @now)',
  ).run({ caseId, accountId, addedBy, now });
}

/** Removes a contributor from a case. */
export function removeCaseContributor(db: Database, caseId: number, accountId: number): void {
  db.prepare('DELETE FROM case_contributors WHERE case_id = @caseId AND account_id = @accountId').run({ caseId, accountId });
}

/** How a case is resolved (DOMAIN.md §7). */
export type CaseResolution = 'Benign' | 'ConfirmedViolation';

/** Closes an active case with a resolution; its Confirmed alerts become Resolved. Returns the resolved alert ids. */
export function closeCase(
  db: Database,
  caseId: number,
  resolution: CaseResolution,
  actionTaken: string,
  accountId: number | null,
  now: number,
): number[] {
  return db.transaction(() => {
    const found = db.prepare('SELECT status FROM cases WHERE id = @caseId').get({ caseId }) as { status: string } | undefined;
    if (!found) throw new ApiFailure('NOT_FOUND', `No case with id ${caseId}.`);
    if (found.status !== 'Active') throw new ApiFailure('INVALID_STATE', `Case ${caseId} is already closed.`);
    db.prepare(
      "UPDATE cases SET status = 'Closed', resolution = @resolution, action_taken = @actionTaken, closed_at = @now WHERE id = @caseId",
    ).run({ resolution, actionTaken, now, caseId });
    const ids = db
      .prepare(
        "SELECT al.id FROM alerts al JOIN case_alerts ca ON ca.alert_id = al.id WHERE ca.case_id = @caseId AND al.status = 'Confirmed' ORDER BY al.id",
      )
      .pluck()
      .all({ caseId }) as number[];
    const update = db.prepare(
      "UPDATE alerts SET status = 'Resolved', updated_at = @now, triaged_by = coalesce(@accountId, triaged_by) WHERE id = @id",
    );
    for (const id of ids) update.run({ id, now, accountId });
    return ids;
  })();
}
