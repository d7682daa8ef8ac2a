/**
 * Cases, minimal: created by confirming alerts (alertTriage.ts) and closed here, which resolves
 * their Confirmed alerts. The cases issue builds notes, notices, escalation and bundles on these tables.
 */
import type { Database } from '../store/database';
import { ApiFailure } from '../../shared/errors';

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
