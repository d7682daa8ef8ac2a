/**
 * Endpoint security alerts: Microsoft Graph security alert (v2) JSON (one object, an array, or
 * `{ "value": [...] }`) and the simple CSV `time,user,device,title,category,severity,status`.
 * Alerts from `dataLossPrevention` become DLP alerts, everything else security alerts. The person
 * comes from the user evidence (UPN, else account name); an alert naming nobody known is kept
 * with its account text and no person.
 */
import { normaliseEmail } from '../identity';
import {
  Columns,
  RowProblem,
  cell,
  forEachCsvRecord,
  forEachJsonRecord,
  isObject,
  text,
  type CsvRowHandler,
  type FileContext,
  type RowOutcome,
} from '../reading';
import type { Staging } from '../staging';
import { parseAnyTime } from '../time';
import { severityOf } from './m365';

const CSV_COLUMNS = ['time', 'user', 'device', 'title', 'category', 'severity', 'status'];

/** True when a header is the simple alert CSV. */
export function isAlertCsvHeader(columns: Columns): boolean {
  return ['time', 'user', 'title', 'severity'].every((name) => columns.has(name));
}

/** True when a JSON value looks like a Graph alert, a list of them, or `{ value: [...] }`. */
export function isGraphAlertJson(value: unknown): boolean {
  const looks = (alert: unknown) =>
    isObject(alert) &&
    ('severity' in alert || 'evidence' in alert || 'serviceSource' in alert) &&
    ('title' in alert || 'id' in alert);
  if (Array.isArray(value)) return value.length > 0 && looks(value[0]);
  if (isObject(value) && Array.isArray(value.value)) return value.value.length === 0 || looks(value.value[0]);
  return looks(value);
}

/** Where alert CSV columns go (for the preview). */
export function alertColumnTarget(column: string): string | null {
  const targets: Record<string, string> = {
    time: 'alert time',
    user: 'person (UPN, user id or display name)',
    device: 'device',
    title: 'title',
    category: 'category',
    severity: 'severity',
    status: 'status',
  };
  return targets[Columns.key(column)] ?? null;
}

/** A person reference for an account text: e-mail/UPN, else a user id, else a display name. */
function accountRef(staging: Staging, account: string | null): number | null {
  if (!account) return null;
  const email = normaliseEmail(account);
  if (email) return staging.ref('email', email);
  const bare = account.includes('\\') ? account.slice(account.lastIndexOf('\\') + 1) : account;
  if (/^[^\s@]+$/.test(bare)) return staging.ref('userId', bare);
  return staging.ref('name', account.trim());
}

/** Reads an alerts file (Graph JSON or simple CSV). */
export async function parseAlertsFile(context: FileContext): Promise<void> {
  if (context.file.layout === 'alerts.csv') {
    await forEachCsvRecord(context, (header) => alertCsvHandler(context, new Columns(header)));
    return;
  }
  await forEachJsonRecord(context, (value, line) => {
    if (isObject(value) && Array.isArray(value.value)) {
      // `{ value: [...] }`: every element is an alert; a bad one is reported with the record's line.
      for (const [index, alert] of value.value.entries()) graphAlert(context, alert, line, `value[${index}]`);
      return;
    }
    if (Array.isArray(value)) throw new RowProblem(null, 'a nested array is not an alert');
    return graphAlert(context, value, line, null);
  });
}

function graphAlert(context: FileContext, alert: unknown, line: number, path: string | null): RowOutcome {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  if (!isObject(alert)) throw new RowProblem(path, 'not a JSON object');
  const created = text(alert, 'createdDateTime', 'firstActivityDateTime');
  if (!created) throw new RowProblem(at('createdDateTime'), 'missing createdDateTime');
  const time = parseAnyTime(created, 0);
  if (Number.isNaN(time)) throw new RowProblem(at('createdDateTime'), `not a time: ${JSON.stringify(created)}`);
  const severityText = text(alert, 'severity');
  const severity =
    severityText === null
      ? 'informational'
      : severityText.toLowerCase() === 'unknown'
        ? 'informational'
        : severityOf(severityText);
  if (!severity)
    throw new RowProblem(
      at('severity'),
      `unknown severity ${JSON.stringify(severityText)} (expected informational, low, medium or high)`,
    );
  let account: string | null = null;
  let device: string | null = null;
  const evidence = Array.isArray(alert.evidence) ? alert.evidence.filter(isObject) : [];
  for (const item of evidence) {
    const type = typeof item['@odata.type'] === 'string' ? item['@odata.type'] : '';
    if (account === null && /userEvidence$/i.test(type) && isObject(item.userAccount)) {
      const user = item.userAccount;
      const upn = text(user, 'userPrincipalName');
      const name = text(user, 'accountName');
      account = upn ?? (name ? (text(user, 'domainName') ? `${text(user, 'domainName')}\\${name}` : name) : null);
    }
    if (device === null && /deviceEvidence$/i.test(type)) device = text(item, 'deviceDnsName', 'hostName');
  }
  const service = text(alert, 'serviceSource');
  context.staging.alert({
    ref: accountRef(context.staging, account),
    account,
    time,
    source: service && /dataLossPrevention/i.test(service) ? 'dlp' : 'security',
    serviceSource: service,
    externalId: text(alert, 'id'),
    title: text(alert, 'title'),
    category: text(alert, 'category'),
    severity,
    status: text(alert, 'status'),
    device,
    target: null,
    fileId: context.fileId,
    line,
  });
}

function alertCsvHandler(context: FileContext, columns: Columns): CsvRowHandler {
  const at = Object.fromEntries(CSV_COLUMNS.map((name) => [name, columns.index(name)])) as Record<string, number>;
  for (const name of ['time', 'user', 'title', 'severity'])
    if (at[name] === -1) throw new RowProblem(name, `the header has no ${name} column (expected ${CSV_COLUMNS.join(',')})`);
  return (fields, line) => {
    const when = cell(fields, at.time!);
    if (when === null) throw new RowProblem('time', 'missing time');
    const time = parseAnyTime(when, context.utcOffsetMinutes);
    if (Number.isNaN(time)) throw new RowProblem('time', `not a time: ${JSON.stringify(when)}`);
    const severityText = cell(fields, at.severity!);
    const severity = severityOf(severityText ?? '');
    if (!severity)
      throw new RowProblem(
        'severity',
        `unknown severity ${JSON.stringify(severityText ?? '')} (expected informational, low, medium or high)`,
      );
    const account = cell(fields, at.user!);
    const title = cell(fields, at.title!);
    if (title === null) throw new RowProblem('title', 'missing title');
    context.staging.alert({
      ref: accountRef(context.staging, account),
      account,
      time,
      source: 'security',
      serviceSource: null,
      title,
      category: cell(fields, at.category!),
      severity,
      status: cell(fields, at.status!),
      device: cell(fields, at.device!),
      fileId: context.fileId,
      line,
    });
  };
}
