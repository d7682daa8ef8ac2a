/**
 * Microsoft 365 unified audit log: the audit-search CSV export (AuditData JSON in a cell), the
 * Management Activity API JSON (an array or one record per line) and the log-analytics
 * `OfficeActivity` CSV export (flattened columns, US times with ` [UTC]`, JSON cells over several
 * lines). All three become the same audit record, mapped by operation (OPERATION_KINDS); DLP
 * records (DlpRuleMatch/DlpRuleUndo) become external alerts. CreationTime is UTC by definition.
 */
import type { ActivityKind } from '../../../shared/signals';
import { domainOfEmail, hostOfUrl, normaliseEmail, splitAddresses } from '../identity';
import {
  Columns,
  IGNORED,
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
import { parseAnyTime, parseIsoTime, parseUsTime } from '../time';

/** Audit operations and the activity kind they become; any other operation is stored as `other`. */
export const OPERATION_KINDS: Record<string, ActivityKind> = {
  // SharePoint / OneDrive
  FileDownloaded: 'sharepointDownload',
  FileSyncDownloadedFull: 'sharepointDownload',
  FileUploaded: 'fileUpload',
  FileAccessed: 'fileAccessed',
  FileDeleted: 'fileDelete',
  FileRenamed: 'fileRename',
  FileMoved: 'fileMove',
  SharingSet: 'externalShare',
  SharingInvitationCreated: 'externalShare',
  AnonymousLinkCreated: 'externalShare',
  CompanyLinkCreated: 'internalShare',
  AddedToSecureLink: 'externalShare',
  FileSensitivityLabelChanged: 'labelChange',
  FileSensitivityLabelRemoved: 'labelDowngrade',
  // Exchange
  Send: 'emailSend',
  SendAs: 'emailSend',
  SendOnBehalf: 'emailSend',
  MailItemsAccessed: 'mailItemsAccessed',
  'New-InboxRule': 'inboxRule',
  'Set-InboxRule': 'inboxRule',
  SoftDelete: 'mailDelete',
  HardDelete: 'mailDelete',
  // Endpoint (RecordType 63) and device activity
  FileCopiedToRemovableMedia: 'usbCopy',
  FileCreatedOnRemovableMedia: 'usbCopy',
  FileUploadedToCloud: 'cloudUpload',
  FilePrinted: 'print',
  FileCopiedToNetworkShare: 'networkShareCopy',
  FileCopiedToRemoteDesktopSession: 'remoteDesktopCopy',
  FileArchived: 'fileArchive',
  RemovableMediaMount: 'usbConnect',
  // Sign-ins
  UserLoggedIn: 'logon',
};

/** DLP operations (RecordType 11/13/33/63, UserKey DlpAgent). */
const DLP_OPERATIONS = new Set(['DlpRuleMatch', 'DlpRuleUndo', 'DlpInfo']);
const FORWARDING_PARAMETERS = new Set(['forwardto', 'redirectto', 'forwardasattachmentto', 'forwardingsmtpaddress']);

/** Detects an M365 layout from a CSV header. */
export function detectM365CsvLayout(columns: Columns): { layout: string; description: string } | null {
  if (columns.has('AuditData') && columns.has('CreationDate') && columns.has('Operations', 'Operation')) {
    return { layout: 'm365.auditCsv', description: 'Microsoft 365 audit log search export (CSV with AuditData)' };
  }
  if (columns.has('TimeGenerated') && columns.has('Operation') && columns.has('OfficeWorkload', 'UserId', 'RecordType')) {
    return { layout: 'm365.officeActivity', description: 'OfficeActivity table exported from log analytics (CSV)' };
  }
  return null;
}

/** True when a JSON record looks like a unified audit log record. */
export function isAuditRecord(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.Operation === 'string' &&
    ('CreationTime' in value || 'RecordType' in value) &&
    ('UserId' in value || 'Workload' in value)
  );
}

/** Where M365 CSV columns go (for the preview). */
export function m365ColumnTarget(layout: string, column: string): string | null {
  const key = Columns.key(column);
  const audit: Record<string, string> = {
    creationdate: 'activity time (UTC; AuditData.CreationTime preferred)',
    userids: 'person (UPN)',
    operations: 'activity kind (by operation)',
    auditdata: 'all fields (JSON): target, device, size, recipients, DLP policy',
    recordtype: 'record type',
  };
  const office: Record<string, string> = {
    timegenerated: 'activity time (US date, UTC)',
    operation: 'activity kind (by operation)',
    userid: 'person (UPN)',
    mailboxownerupn: 'person (when UserId is empty)',
    officeworkload: 'workload',
    recordtype: 'record type',
    officeobjectid: 'target',
    sourcefilename: 'target (when no object id)',
    siteurl: 'domain',
    usersharedwith: 'recipients',
    sharingtype: 'external (anonymous links)',
    clientip: 'detail',
    parameters: 'forwarding recipients (inbox rules)',
  };
  return (layout === 'm365.auditCsv' ? audit : office)[key] ?? null;
}

/** Reads any M365 audit file. */
export async function parseM365File(context: FileContext): Promise<void> {
  switch (context.file.layout) {
    case 'm365.json':
      await forEachJsonRecord(context, (value, line) => {
        if (!isObject(value)) throw new RowProblem(null, 'not a JSON object');
        return handleAuditRecord(context, value, line, null);
      });
      return;
    case 'm365.auditCsv':
      await forEachCsvRecord(context, (header) => auditCsvHandler(context, new Columns(header)));
      return;
    case 'm365.officeActivity':
      await forEachCsvRecord(context, (header) => officeActivityHandler(context, new Columns(header)));
      return;
    default:
      throw new RowProblem(null, `no reader for ${context.file.layout}`);
  }
}

function auditCsvHandler(context: FileContext, columns: Columns): CsvRowHandler {
  const at = {
    date: columns.index('CreationDate'),
    user: columns.index('UserIds', 'UserId'),
    operation: columns.index('Operations', 'Operation'),
    data: columns.index('AuditData'),
  };
  if (at.data === -1) throw new RowProblem('AuditData', 'the header has no AuditData column');
  return (fields, line) => {
    const raw = cell(fields, at.data);
    if (raw === null) throw new RowProblem(columns.name(at.data), 'missing AuditData');
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch (error) {
      throw new RowProblem(
        columns.name(at.data),
        `AuditData is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (!isObject(record)) throw new RowProblem(columns.name(at.data), 'AuditData is not a JSON object');
    const date = cell(fields, at.date);
    return handleAuditRecord(context, record, line, {
      time: date === null ? NaN : parseAnyTime(date, 0),
      user: cell(fields, at.user),
      operation: cell(fields, at.operation),
      timeField: columns.name(at.date),
    });
  };
}

function officeActivityHandler(context: FileContext, columns: Columns): CsvRowHandler {
  const read = (fields: string[], ...names: string[]) => cell(fields, columns.index(...names));
  const timeIndex = columns.index('TimeGenerated');
  return (fields, line) => {
    const generated = cell(fields, timeIndex);
    if (generated === null) throw new RowProblem(columns.name(timeIndex), 'missing time');
    const time = parseUsTime(generated, 0);
    const parsed = Number.isNaN(time) ? parseIsoTime(generated, 0) : time;
    if (Number.isNaN(parsed))
      throw new RowProblem(
        columns.name(timeIndex),
        `not a time: ${JSON.stringify(generated)} (expected e.g. 4/28/2021, 3:05:26.000 PM)`,
      );
    const record: Record<string, unknown> = {
      Operation: read(fields, 'Operation'),
      UserId: read(fields, 'UserId') ?? read(fields, 'MailboxOwnerUPN'),
      Workload: read(fields, 'OfficeWorkload'),
      RecordType: read(fields, 'RecordType'),
      ObjectId: read(fields, 'OfficeObjectId') ?? read(fields, 'SourceFileName'),
      SourceFileName: read(fields, 'SourceFileName'),
      SiteUrl: read(fields, 'Site_Url'),
      TargetUserOrGroupName: read(fields, 'UserSharedWith'),
      SharingType: read(fields, 'SharingType'),
      ClientIP: read(fields, 'ClientIP'),
      ResultStatus: read(fields, 'ResultStatus'),
      DeviceName: read(fields, 'DeviceName'),
    };
    const parameters = read(fields, 'Parameters');
    if (parameters !== null) {
      try {
        record.Parameters = JSON.parse(parameters);
      } catch {
        throw new RowProblem('Parameters', 'not valid JSON');
      }
    }
    return handleAuditRecord(context, record, line, {
      time: parsed,
      user: null,
      operation: null,
      timeField: columns.name(timeIndex),
    });
  };
}

/** Severity words as DLP rules and Graph write them. */
export function severityOf(value: unknown): 'informational' | 'low' | 'medium' | 'high' | null {
  if (typeof value !== 'string') return null;
  const lower = value.trim().toLowerCase();
  if (lower === 'informational' || lower === 'info' || lower === 'none') return 'informational';
  if (lower === 'low' || lower === 'medium' || lower === 'high') return lower;
  return null;
}

const SEVERITY_ORDER = ['informational', 'low', 'medium', 'high'] as const;

/** User ids that are services, not people (system accounts, apps). */
function personAddress(userId: string | null): string | null {
  if (!userId) return null;
  const address = normaliseEmail(userId);
  if (!address) return null;
  if (/^(app@sharepoint|.*@microsoft\.com$)/i.test(address) && !address.includes('.onmicrosoft.')) return null;
  return address;
}

function recipientsOf(record: Record<string, unknown>): string[] {
  const found: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === 'string') found.push(...splitAddresses(value));
    else if (Array.isArray(value)) value.forEach(add);
    else if (isObject(value)) add(value.SmtpAddress ?? value.EmailAddress ?? value.Address ?? value.Recipient);
  };
  add(record.TargetUserOrGroupName);
  add(record.UserSharedWith);
  add(record.SharedWith);
  add(record.Recipients);
  if (isObject(record.Item)) {
    add(record.Item.Recipients);
    add(record.Item.To);
    add(record.Item.Cc);
    add(record.Item.Bcc);
  }
  return [...new Set(found)];
}

function attachmentsOf(record: Record<string, unknown>): { count: number | null; names: string | null } {
  const item = isObject(record.Item) ? record.Item : null;
  const value = item?.Attachments ?? record.Attachments;
  if (typeof value === 'string' && value.trim().length > 0) {
    // "report.docx (1234b); plan.pdf (88b)"
    const parts = value
      .split(';')
      .map((part) => part.replace(/\(\d+b?\)\s*$/i, '').trim())
      .filter(Boolean);
    return { count: parts.length, names: parts.join(';') };
  }
  if (Array.isArray(value)) {
    const names = value
      .map((entry) => (isObject(entry) ? text(entry, 'Name', 'FileName') : typeof entry === 'string' ? entry : null))
      .filter((name): name is string => Boolean(name));
    return { count: value.length, names: names.length > 0 ? names.join(';') : null };
  }
  if (typeof value === 'number') return { count: value, names: null };
  return { count: null, names: null };
}

function forwardingTargets(record: Record<string, unknown>): string[] {
  const targets: string[] = [];
  if (Array.isArray(record.Parameters)) {
    for (const parameter of record.Parameters) {
      if (!isObject(parameter)) continue;
      const name = typeof parameter.Name === 'string' ? parameter.Name.toLowerCase() : '';
      if (FORWARDING_PARAMETERS.has(name) && typeof parameter.Value === 'string')
        targets.push(...splitAddresses(parameter.Value.replace(/[[\]]/g, '')));
    }
  }
  return [...new Set(targets)];
}

function labelKind(record: Record<string, unknown>): ActivityKind {
  const data = isObject(record.SensitivityLabelEventData) ? record.SensitivityLabelEventData : {};
  const eventType = data.LabelEventType;
  // LabelEventType: 1 upgraded, 2 downgraded, 3 removed, 4 changed at the same order.
  if (eventType === 2 || eventType === 3 || eventType === '2' || eventType === '3') return 'labelDowngrade';
  if (typeof eventType === 'string' && /downgrade|remove/i.test(eventType)) return 'labelDowngrade';
  if (data.OldSensitivityLabelId && !data.SensitivityLabelId) return 'labelDowngrade';
  return 'labelChange';
}

interface Fallback {
  time: number;
  user: string | null;
  operation: string | null;
  timeField: string;
}

/** Maps one audit record (from any of the three layouts) to an activity, a DLP alert, or nothing. */
function handleAuditRecord(
  context: FileContext,
  record: Record<string, unknown>,
  line: number,
  fallback: Fallback | null,
): RowOutcome {
  const { staging, fileId } = context;
  const operation = text(record, 'Operation') ?? fallback?.operation ?? null;
  if (!operation) throw new RowProblem('Operation', 'missing operation');
  const creation = text(record, 'CreationTime');
  let time = creation !== null ? parseAnyTime(creation, 0) : NaN;
  if (Number.isNaN(time) && fallback) time = fallback.time;
  if (Number.isNaN(time)) {
    throw new RowProblem(
      creation !== null ? 'CreationTime' : (fallback?.timeField ?? 'CreationTime'),
      creation !== null ? `not a time: ${JSON.stringify(creation)}` : 'missing time',
    );
  }
  const userId = text(record, 'UserId') ?? fallback?.user ?? null;
  const address = personAddress(userId);
  if (address) context.observations.accountDomains.add(domainOfEmail(address));

  if (DLP_OPERATIONS.has(operation)) return handleDlp(context, record, operation, time, address, userId, line);
  // Audit records of services and system accounts are not about a person.
  if (!address) return IGNORED;

  const kind0 = OPERATION_KINDS[operation] ?? 'other';
  const objectId = text(record, 'ObjectId', 'TargetFilePath', 'SourceFileName', 'SiteUrl');
  let kind: ActivityKind = kind0;
  let recipients = recipientsOf(record);
  let external: number | null = null;
  if (operation === 'FileSensitivityLabelChanged') kind = labelKind(record);
  if (operation === 'AnonymousLinkCreated' || /anonymous/i.test(text(record, 'SharingType') ?? '')) external = 1;
  if (operation === 'CompanyLinkCreated') external = 0;
  if (kind0 === 'inboxRule') {
    const targets = forwardingTargets(record);
    if (targets.length > 0) {
      kind = 'mailForwardRule';
      recipients = targets;
    }
  }
  const attachments = attachmentsOf(record);
  // Field names differ by workload: SharePoint FileSizeBytes, endpoint FileSize, Exchange Item.SizeInBytes.
  const sizeValue =
    record.FileSize ?? record.FileSizeBytes ?? (isObject(record.Item) ? (record.Item.SizeInBytes ?? record.Item.Size) : undefined);
  const size =
    typeof sizeValue === 'number' && Number.isFinite(sizeValue)
      ? Math.round(sizeValue)
      : typeof sizeValue === 'string' && /^\d+$/.test(sizeValue)
        ? Number(sizeValue)
        : null;
  const subject = isObject(record.Item) ? text(record.Item, 'Subject') : null;
  const target = kind0 === 'emailSend' ? (attachments.names ?? subject) : objectId;
  const domain =
    text(record, 'TargetDomain')?.toLowerCase() ??
    hostOfUrl(text(record, 'TargetUrl') ?? (objectId && /^https?:/i.test(objectId) ? objectId : text(record, 'SiteUrl')));
  const detailEntries = Object.entries({
    workload: text(record, 'Workload'),
    recordType: text(record, 'RecordType'),
    clientIp: text(record, 'ClientIP', 'ClientIPAddress'),
    result: text(record, 'ResultStatus'),
    subject,
    sourceFileName: operation === 'FileRenamed' ? text(record, 'SourceFileName', 'SourceRelativeUrl') : null,
    destination: text(record, 'DestinationFileName', 'DestinationRelativeUrl', 'TargetFilePath'),
  }).filter(([, value]) => value !== null);
  staging.activity(
    staging.ref('email', address),
    time,
    kind,
    operation,
    text(record, 'DeviceName', 'ClientMachineName'),
    target,
    domain,
    recipients.length > 0 ? recipients.join(';') : null,
    external,
    size,
    attachments.count,
    detailEntries.length > 0 ? JSON.stringify(Object.fromEntries(detailEntries)) : null,
    fileId,
    line,
  );
}

function handleDlp(
  context: FileContext,
  record: Record<string, unknown>,
  operation: string,
  time: number,
  address: string | null,
  userId: string | null,
  line: number,
): RowOutcome {
  const { staging, fileId } = context;
  if (operation === 'DlpInfo') return IGNORED;
  const endpoint = isObject(record.EndpointMetaData) ? record.EndpointMetaData : null;
  const sharePoint = isObject(record.SharePointMetaData) ? record.SharePointMetaData : null;
  const exchange = isObject(record.ExchangeMetaData) ? record.ExchangeMetaData : null;
  const target =
    text(record, 'ObjectId') ??
    (sharePoint ? text(sharePoint, 'FilePathUrl', 'FileName') : null) ??
    (exchange ? text(exchange, 'MessageID', 'Subject') : null) ??
    (endpoint ? text(endpoint, 'FilePath', 'FileName') : null);
  const policies = Array.isArray(record.PolicyDetails) ? record.PolicyDetails.filter(isObject) : [];
  if (operation === 'DlpRuleUndo') {
    if (!target) throw new RowProblem('ObjectId', 'a DlpRuleUndo needs the ObjectId of the match it withdraws');
    if (policies.length === 0) staging.dlpUndo(time, target, null, fileId, line);
    for (const policy of policies) staging.dlpUndo(time, target, text(policy, 'PolicyId'), fileId, line);
    return;
  }
  if (policies.length === 0) throw new RowProblem('PolicyDetails', 'a DlpRuleMatch without PolicyDetails');
  const ref = address ? staging.ref('email', address) : null;
  for (const policy of policies) {
    const rules = Array.isArray(policy.Rules) ? policy.Rules.filter(isObject) : [];
    let severity: (typeof SEVERITY_ORDER)[number] = 'low';
    for (const rule of rules) {
      const ruleSeverity = severityOf(rule.Severity);
      if (ruleSeverity && SEVERITY_ORDER.indexOf(ruleSeverity) > SEVERITY_ORDER.indexOf(severity)) severity = ruleSeverity;
      if (rule.Severity !== undefined && rule.Severity !== null && rule.Severity !== '' && !ruleSeverity) {
        throw new RowProblem(
          'PolicyDetails.Rules.Severity',
          `unknown severity ${JSON.stringify(rule.Severity)} (expected Low, Medium or High)`,
        );
      }
    }
    const policyName = text(policy, 'PolicyName');
    staging.alert({
      ref,
      account: userId,
      time,
      source: 'dlp',
      serviceSource: text(record, 'Workload') ?? 'dataLossPrevention',
      externalId: text(record, 'Id'),
      title: `DLP policy match${policyName ? `: ${policyName}` : ''}`,
      category: 'DataLossPrevention',
      severity,
      status: null,
      device: endpoint ? text(endpoint, 'DeviceName') : null,
      target,
      policyId: text(policy, 'PolicyId'),
      policyName,
      ruleName:
        rules
          .map((rule) => text(rule, 'RuleName'))
          .filter(Boolean)
          .join('; ') || null,
      fileId,
      line,
    });
  }
}
