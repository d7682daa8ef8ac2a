/**
 * Who may see a case: case workers (the workCases permission) see every case of a person in their
 * scope; contributors see only the cases they were added to, to read them and add notes. Anyone
 * else gets the same NOT_FOUND as for a case that does not exist.
 */
import { holdsPermission } from '../../shared/access';
import type { CaseSummary } from '../../shared/contract/cases';
import { ApiFailure } from '../../shared/errors';
import { personVisibility } from '../access/visibility';
import type { Principal } from '../access/sessions';
import { getPerson, type PersonPresentation } from '../persons/personsRepository';
import type { Database } from '../store/database';

interface CaseRow {
  id: number;
  person_id: number;
  name: string;
  status: 'Active' | 'Closed';
  resolution: 'Benign' | 'ConfirmedViolation' | null;
  created_at: number;
  closed_at: number | null;
}

/** The SQL condition (cases aliased `c`, persons `p`) for the cases a principal may see. */
export function caseVisibility(principal: Principal): { sql: string; params: Record<string, string | number> } {
  const persons = personVisibility(principal);
  const asContributor = 'EXISTS (SELECT 1 FROM case_contributors cc WHERE cc.case_id = c.id AND cc.account_id = @caseViewer)';
  const access = holdsPermission(principal.roleGroups, 'workCases') ? '1' : asContributor;
  return { sql: `(${persons.sql}) AND (${access})`, params: { ...persons.params, caseViewer: principal.accountId } };
}

/** True when the principal is only a contributor of this case (not a case worker). */
export function isContributorOnly(principal: Principal): boolean {
  return !holdsPermission(principal.roleGroups, 'workCases');
}

/** Loads a case the principal may see, or NOT_FOUND. */
export function requireVisibleCase(db: Database, principal: Principal, caseId: number): CaseRow {
  const visibility = caseVisibility(principal);
  const row = db
    .prepare(`SELECT c.* FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = @caseId AND ${visibility.sql}`)
    .get({ ...visibility.params, caseId }) as CaseRow | undefined;
  if (!row) throw new ApiFailure('NOT_FOUND', `No case with id ${caseId}.`);
  return row;
}

/** A case as the API shows it (its person through presentPerson). */
export function summarizeCase(db: Database, principal: Principal, presentation: PersonPresentation, row: CaseRow): CaseSummary {
  const alertIds = (db.prepare('SELECT alert_id FROM case_alerts WHERE case_id = @caseId ORDER BY alert_id').all({ caseId: row.id }) as {
    alert_id: number;
  }[]).map((r) => r.alert_id);
  const contributors = db
    .prepare(
      `SELECT a.id AS accountId, a.name FROM case_contributors cc JOIN accounts a ON a.id = cc.account_id
       WHERE cc.case_id = @caseId ORDER BY a.name`,
    )
    .all({ caseId: row.id }) as { accountId: number; name: string }[];
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    resolution: row.resolution,
    person: getPerson(db, principal, presentation, row.person_id),
    createdAt: row.created_at,
    closedAt: row.closed_at,
    alertIds,
    contributors,
    contributorOnly: isContributorOnly(principal),
  };
}
