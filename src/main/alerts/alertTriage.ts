/**
 * Triage (DOMAIN.md §6): Needs review → Confirmed (into a new or the person's active case) or
 * Dismissed (reason and note); Confirmed → Resolved when its case closes. Anything else is refused
 * with INVALID_STATE. Bulk actions are all-or-nothing in one transaction.
 */
import type { Database } from '../store/database';
import type { AlertStatus, DismissReason } from '../../shared/detection';
import { ApiFailure } from '../../shared/errors';
import { personVisibility } from '../access/visibility';
import type { Principal } from '../access/sessions';
import { assignableAccounts } from './alertQueries';

/** The transitions a person may make by hand; Resolved comes only from closing the case. */
const ALLOWED: Record<AlertStatus, readonly AlertStatus[]> = {
  NeedsReview: ['Confirmed', 'Dismissed'],
  Confirmed: ['Resolved'],
  Dismissed: [],
  Resolved: [],
};

/** True when an alert may go from one status to another. */
export function canTransition(from: AlertStatus, to: AlertStatus): boolean {
  return ALLOWED[from].includes(to);
}

interface TriageRow {
  id: number;
  status: AlertStatus;
  personId: number;
  test: number;
}

/** The visible alerts with these ids; any missing or hidden id is NOT_FOUND (the same answer for both). */
function visibleAlerts(db: Database, principal: Principal, ids: readonly number[]): TriageRow[] {
  const visibility = personVisibility(principal);
  const rows = db
    .prepare(
      `SELECT al.id, al.status, al.person_id AS personId, al.test FROM alerts al JOIN persons p ON p.id = al.person_id
       WHERE al.id IN (SELECT value FROM json_each(@ids)) AND ${visibility.sql} ORDER BY al.id`,
    )
    .all({ ...visibility.params, ids: JSON.stringify([...new Set(ids)]) }) as TriageRow[];
  const found = new Set(rows.map((r) => r.id));
  const missing = [...new Set(ids)].filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new ApiFailure('NOT_FOUND', `No alert with id ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ' …' : ''}.`);
  return rows;
}

function requireTransition(rows: TriageRow[], to: AlertStatus): void {
  const refused = rows.filter((row) => !canTransition(row.status, to));
  if (refused.length > 0) {
    throw new ApiFailure(
      'INVALID_STATE',
      `Only Needs review alerts can become ${to}: ${refused
        .slice(0, 10)
        .map((r) => `#${r.id} is ${r.status}`)
        .join(', ')}${refused.length > 10 ? ' …' : ''}. Nothing was changed.`,
    );
  }
}

/** Dismisses Needs review alerts in one transaction; returns the ids. */
export function dismissAlerts(
  db: Database,
  principal: Principal,
  ids: readonly number[],
  reason: DismissReason,
  note: string,
  now: number,
): number[] {
  return db.transaction(() => {
    const rows = visibleAlerts(db, principal, ids);
    requireTransition(rows, 'Dismissed');
    const update = db.prepare(
      `UPDATE alerts SET status = 'Dismissed', dismiss_reason = @reason, dismiss_note = @note, triaged_at = @now, triaged_by = @accountId, updated_at = @now
       WHERE id = @id AND status = 'NeedsReview'`,
    );
    for (const row of rows) update.run({ id: row.id, reason, note: note || null, now, accountId: principal.accountId });
    return rows.map((r) => r.id);
  })();
}

/** Assigns alerts to an account that may triage (or unassigns with null). */
export function assignAlerts(
  db: Database,
  principal: Principal,
  ids: readonly number[],
  accountId: number | null,
  now: number,
): { ids: number[]; assignee: string | null } {
  return db.transaction(() => {
    const rows = visibleAlerts(db, principal, ids);
    let assignee: string | null = null;
    if (accountId !== null) {
      const account = assignableAccounts(db).find((a) => a.id === accountId);
      if (!account)
        throw new ApiFailure(
          'INVALID_INPUT',
          `Account ${accountId} cannot be assigned alerts: it is locked or does not hold the triage permission.`,
        );
      assignee = account.name;
    }
    const update = db.prepare('UPDATE alerts SET assignee_id = @accountId, updated_at = @now WHERE id = @id');
    for (const row of rows) update.run({ id: row.id, accountId, now });
    return { ids: rows.map((r) => r.id), assignee };
  })();
}

/**
 * Confirms Needs review alerts of one person into a new case or the person's active case. A
 * confirmation comment becomes a case note (kind `confirmation`, authored by the confirming
 * account) in the same transaction, so the case history has it and not only the audit log.
 */
export function confirmAlerts(
  db: Database,
  principal: Principal,
  ids: readonly number[],
  options: { caseId: number | null; caseName?: string; defaultCaseName: string; comment?: string },
  now: number,
): { caseId: number; created: boolean; ids: number[] } {
  return db.transaction(() => {
    const rows = visibleAlerts(db, principal, ids);
    requireTransition(rows, 'Confirmed');
    const persons = new Set(rows.map((r) => r.personId));
    if (persons.size !== 1)
      throw new ApiFailure('INVALID_INPUT', 'A case covers one person: confirm the alerts of one person at a time.');
    if (new Set(rows.map((r) => r.test)).size !== 1 || rows[0]!.test === 1) {
      throw new ApiFailure(
        'INVALID_STATE',
        'Test-mode alerts cannot be confirmed into a case; take the policy out of test mode first.',
      );
    }
    const personId = rows[0]!.personId;
    let caseId = options.caseId;
    let created = false;
    if (caseId !== null) {
      const found = db.prepare('SELECT person_id AS personId, status FROM cases WHERE id = @caseId').get({ caseId }) as
        { personId: number; status: string } | undefined;
      if (!found || found.personId !== personId) throw new ApiFailure('NOT_FOUND', `No case with id ${caseId} for this person.`);
      if (found.status !== 'Active')
        throw new ApiFailure('INVALID_STATE', `Case ${caseId} is closed; alerts can only be added to an active case.`);
    } else {
      caseId = Number(
        db
          .prepare(
            "INSERT INTO cases (person_id, name, status, created_at, created_by) VALUES (@personId, @name, 'Active', @now, @accountId)",
          )
          .run({ personId, name: options.caseName ?? options.defaultCaseName, now, accountId: principal.accountId }).lastInsertRowid,
      );
      created = true;
    }
    const update = db.prepare(
      "UPDATE alerts SET status = 'Confirmed', triaged_at = @now, triaged_by = @accountId, updated_at = @now WHERE id = @id AND status = 'NeedsReview'",
    );
    const link = db.prepare('INSERT INTO case_alerts (case_id, alert_id, added_at) VALUES (@caseId, @alertId, @now)');
    for (const row of rows) {
      update.run({ id: row.id, now, accountId: principal.accountId });
      link.run({ caseId, alertId: row.id, now });
    }
    const comment = options.comment?.trim();
    if (comment) {
      db.prepare(
        "INSERT INTO case_notes (case_id, author_id, kind, text, created_at) VALUES (@caseId, @accountId, 'confirmation', @comment, @now)",
      ).run({ caseId, accountId: principal.accountId, comment, now });
    }
    return { caseId, created, ids: rows.map((r) => r.id) };
  })();
}
