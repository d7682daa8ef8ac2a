/** Reading the audit log: filtered lists for the Audit page and the CSV export. */
import type { Database } from '../store/database';
import type { AuditEntryView, AuditFilter } from '../../shared/contract';
import { canonicalEntryOf, type AuditRow } from './auditLog';

function whereOf(filter: AuditFilter): { sql: string; params: Record<string, unknown> } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (condition: string, name: string, value: unknown) => {
    conditions.push(condition);
    params[name] = value;
  };
  if (filter.category) add('category = @category', 'category', filter.category);
  if (filter.actor) add('actor = @actor COLLATE NOCASE', 'actor', filter.actor);
  if (filter.from !== undefined) add('time >= @from', 'from', filter.from);
  if (filter.to !== undefined) add('time <= @to', 'to', filter.to);
  if (filter.text) {
    conditions.push(
      `(action LIKE @text ESCAPE '\\' OR targets LIKE @text ESCAPE '\\' OR coalesce(before, '') LIKE @text ESCAPE '\\'
        OR coalesce(after, '') LIKE @text ESCAPE '\\' OR coalesce(reason, '') LIKE @text ESCAPE '\\' OR actor LIKE @text ESCAPE '\\')`,
    );
    params.text = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

function viewOf(row: AuditRow): AuditEntryView {
  const entry = canonicalEntryOf(row);
  return {
    sequence: entry.sequence,
    time: entry.time,
    actor: entry.actor,
    roleGroups: entry.roleGroups,
    category: entry.category as AuditEntryView['category'],
    action: entry.action,
    targets: entry.targets,
    before: entry.before,
    after: entry.after,
    result: entry.result as AuditEntryView['result'],
    reason: entry.reason,
  };
}

/** A page of entries, newest first, and the filtered total. */
export function listAuditEntries(
  db: Database,
  filter: AuditFilter & { offset: number; limit: number },
): { entries: AuditEntryView[]; total: number } {
  const where = whereOf(filter);
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${where.sql}`).get(where.params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT * FROM audit_log ${where.sql} ORDER BY sequence DESC LIMIT @limit OFFSET @offset`)
    .all({ ...where.params, limit: filter.limit, offset: filter.offset }) as AuditRow[];
  return { entries: rows.map(viewOf), total };
}

/** Purview's audit-log CSV columns, then the workbench's own (reference/purview-irm.md §11). */
export const AUDIT_CSV_COLUMNS = [
  'Activity performed by',
  'Activity',
  'Added',
  'Alert volume',
  'Amount',
  'Asset ID',
  'Category',
  'Date',
  'Description',
  'DLP policy',
  'Indicator',
  'Notice template',
  'Number of days',
  'Number of files',
  'Policy template',
  'Previous amount',
  'Priority user group',
  'Removed',
  'Sender',
  'Target policy',
  'Template message body',
  'Template subject',
  'User',
  'Sequence',
  'Result',
  'Role groups',
  'Targets',
  'Before',
  'After',
  'Reason',
  'Hash',
] as const;

/** Where a Purview column's value comes from in an entry's before/after values. */
const FROM_VALUES: Partial<Record<(typeof AUDIT_CSV_COLUMNS)[number], string>> = {
  Added: 'added',
  'Alert volume': 'alertVolume',
  Amount: 'amount',
  'Asset ID': 'assetId',
  'DLP policy': 'dlpPolicy',
  Indicator: 'indicator',
  'Notice template': 'noticeTemplate',
  'Number of days': 'numberOfDays',
  'Number of files': 'numberOfFiles',
  'Policy template': 'policyTemplate',
  'Priority user group': 'priorityUserGroup',
  Removed: 'removed',
  Sender: 'sender',
  'Target policy': 'targetPolicy',
  'Template message body': 'templateMessageBody',
  'Template subject': 'templateSubject',
};

/** Quotes a CSV cell and defuses spreadsheet formulas (CSV injection). */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The filtered log as CSV (oldest first), with the number of rows. */
export function auditCsv(db: Database, filter: AuditFilter, describe: (action: string) => string): { csv: string; rows: number } {
  const where = whereOf(filter);
  const lines = [AUDIT_CSV_COLUMNS.join(',')];
  let rows = 0;
  for (const row of db.prepare(`SELECT * FROM audit_log ${where.sql} ORDER BY sequence`).iterate(where.params) as IterableIterator<AuditRow>) {
    const entry = canonicalEntryOf(row);
    const values = { ...(entry.before as Record<string, unknown> | null), ...(entry.after as Record<string, unknown> | null) };
    const cells = AUDIT_CSV_COLUMNS.map((column) => {
      switch (column) {
        case 'Activity performed by':
          return entry.actor;
        case 'Activity':
          return entry.action;
        case 'Category':
          return entry.category;
        case 'Date':
          return new Date(entry.time).toISOString();
        case 'Description':
          return describe(entry.action);
        case 'User':
          return entry.targets.filter((t) => t.startsWith('person:')).map((t) => t.slice(7)).join('; ');
        case 'Sequence':
          return entry.sequence;
        case 'Result':
          return entry.result;
        case 'Role groups':
          return entry.roleGroups.join('; ');
        case 'Targets':
          return entry.targets.join('; ');
        case 'Before':
          return entry.before;
        case 'After':
          return entry.after;
        case 'Reason':
          return entry.reason;
        case 'Hash':
          return row.hash;
        default:
          return values[FROM_VALUES[column]!];
      }
    });
    lines.push(cells.map(csvCell).join(','));
    rows += 1;
  }
  return { csv: `${lines.join('\r\n')}\r\n`, rows };
}
