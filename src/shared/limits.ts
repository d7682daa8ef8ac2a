/**
 * Limits the contract's schemas enforce and the renderer and CLI work within: one constant each, so
 * a caller cannot drift from what the backend accepts.
 */

/** Most alerts one dismissal, assignment or confirmation takes (one transaction and one audit entry). */
export const TRIAGE_BATCH_LIMIT = 400;

/** Most rows one offset-paged list call returns (`paging.limit` of users, persons, audit, imports, cases). */
export const PAGE_LIMIT = 1000;

/** Most rows one cursor-paged call returns (alerts.list, alerts.activities). */
export const CURSOR_PAGE_LIMIT = 500;
