/**
 * AuditData objects of the Microsoft 365 unified audit log, in the shapes the service writes:
 * SharePoint/OneDrive file and sharing operations, sensitivity label changes, Exchange Send and
 * inbox rules, endpoint (Purview endpoint DLP) device activity, and DLP rule matches and undos.
 */
import { isoDateTime } from './calendar';
import { ONEDRIVE_HOST, ORGANISATION_DOMAIN, SHAREPOINT_HOST } from './catalog';
import type { Person } from './organisation';
import { hashText, randomUuid, type Random } from './random';

/** A document as the simulator tracks it: name, size and where it lives in SharePoint. */
export interface Document {
  subject: string;
  name: string;
  extension: string;
  size: number;
  site: string;
  folder: string;
}

/** Sensitivity labels of the tenant, lowest first (ids are fixed per tenant). */
export const LABELS = [
  { name: 'Public', id: '87ba5c36-b7cf-4793-bbc2-bd5b3a9f95ca' },
  { name: 'General', id: 'f42aa342-8706-4288-bd11-ebb85995028c' },
  { name: 'Confidential', id: '074e257c-5848-4582-9a6f-34a182080e71' },
  { name: 'Highly Confidential', id: 'd9f23ae3-a239-45ea-bf23-f515f824c57b' },
];

/** DLP policies of the tenant and the sensitive information each detects. */
export const DLP_POLICIES = [
  { id: '8d2a6bf1-3e5d-4b0a-9c41-0f2f6a7b9e10', name: 'U.S. Financial Data', info: 'Credit Card Number', infoId: '50842eb7-edc8-4019-85dd-5a5c1f2bb085' },
  { id: 'c0a7f5d4-2b19-4e7a-8d55-61b3f0a4c2e8', name: 'GDPR Enhanced', info: 'EU National Identification Number', infoId: 'a5a8d3c1-6f2e-4b7d-9e0a-3c1b2d4e5f60' },
  { id: '4f6e2d1c-9b8a-4c7d-a6e5-0d1c2b3a4f5e', name: 'Customer List Protection', info: 'Customer account numbers (custom)', infoId: '7b3c9d2e-1f4a-4e5b-8c6d-2a9e0f1b3c4d' },
  { id: '1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6', name: 'Source Code Protection', info: 'Source code', infoId: 'c6f2a1b0-4d3e-4f5a-9b8c-7d6e5f4a3b2c' },
] as const;

/** A UUID that is always the same for the same text (sites, lists and items keep their ids). */
export function stableUuid(text: string): string {
  const hexText = hashText(text).map((word) => word.toString(16).padStart(8, '0')).join('');
  return `${hexText.slice(0, 8)}-${hexText.slice(8, 12)}-4${hexText.slice(13, 16)}-a${hexText.slice(17, 20)}-${hexText.slice(20, 32)}`;
}

/** Hex string of this length from the stream. */
export function hex(random: Random, length: number): string {
  return random.characters(length, '0123456789abcdef');
}

/** The SharePoint URL of a document. */
export function sharePointUrl(document: Document): string {
  return `https://${SHAREPOINT_HOST}/sites/${document.site}/Shared Documents/${document.folder}/${document.name}`;
}

/** The OneDrive URL of a person's document. */
export function oneDriveUrl(person: Person, document: Document): string {
  return `https://${ONEDRIVE_HOST}/personal/${person.email.replace(/[@.]/g, '_')}/Documents/${document.name}`;
}

/** The device name endpoint DLP reports for a computer. */
export function endpointDeviceName(computer: string): string {
  return `${computer}.corp.${ORGANISATION_DOMAIN}`;
}

const BROWSER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36 Edg/121.0.0.0';
const SYNC_AGENT = 'Microsoft SkyDriveSync 24.010.0114.0003 ship; Windows NT 10.0 (19045)';

function common(random: Random, tenantId: string, time: number, operation: string, recordType: number, workload: string, userKey: string, userType: number, clientIp: string, objectId: string, userId: string): Record<string, unknown> {
  return {
    CreationTime: isoDateTime(time),
    Id: randomUuid(random),
    Operation: operation,
    OrganizationId: tenantId,
    RecordType: recordType,
    UserKey: userKey,
    UserType: userType,
    Version: 1,
    Workload: workload,
    ClientIP: clientIp,
    ObjectId: objectId,
    UserId: userId,
  };
}

/** A SharePoint/OneDrive file operation (RecordType 6): FileAccessed, FileDownloaded, FileUploaded, FileDeleted, FileRenamed... */
export function sharePointFileRecord(random: Random, tenantId: string, person: Person, time: number, operation: string, document: Document, clientIp: string, options: { oneDrive?: boolean; sync?: boolean; renamedTo?: string } = {}): Record<string, unknown> {
  const url = options.oneDrive ? oneDriveUrl(person, document) : sharePointUrl(document);
  const siteUrl = options.oneDrive ? `https://${ONEDRIVE_HOST}/personal/${person.email.replace(/[@.]/g, '_')}/` : `https://${SHAREPOINT_HOST}/sites/${document.site}/`;
  const record = common(random, tenantId, time, operation, 6, options.oneDrive ? 'OneDrive' : 'SharePoint', `i:0h.f|membership|${person.puid.toLowerCase()}@live.com`, 0, clientIp, url, person.email);
  Object.assign(record, {
    CorrelationId: randomUuid(random),
    EventSource: 'SharePoint',
    ItemType: 'File',
    ListId: stableUuid(`list|${siteUrl}`),
    ListItemUniqueId: stableUuid(`item|${url}`),
    Site: stableUuid(`site|${siteUrl}`),
    UserAgent: options.sync ? SYNC_AGENT : BROWSER_AGENT,
    WebId: stableUuid(`web|${siteUrl}`),
    SourceFileExtension: document.extension,
    SiteUrl: siteUrl,
    SourceFileName: document.name,
    SourceRelativeUrl: options.oneDrive ? 'Documents' : `Shared Documents/${document.folder}`,
  });
  if (options.renamedTo) {
    record.DestinationFileName = options.renamedTo;
    record.DestinationFileExtension = options.renamedTo.includes('.') ? options.renamedTo.slice(options.renamedTo.lastIndexOf('.') + 1) : '';
    record.DestinationRelativeUrl = `Shared Documents/${document.folder}`;
  }
  if (operation === 'FileDownloaded' || operation === 'FileSyncDownloadedFull') record.FileSizeBytes = document.size;
  return record;
}

/** A sharing operation (RecordType 14): SharingSet, SharingInvitationCreated, AnonymousLinkCreated, CompanyLinkCreated. */
export function sharingRecord(random: Random, tenantId: string, person: Person, time: number, operation: string, document: Document, clientIp: string, target: { address: string; type: 'Member' | 'Guest' } | null): Record<string, unknown> {
  const record = sharePointFileRecord(random, tenantId, person, time, operation, document, clientIp);
  record.RecordType = 14;
  if (target) {
    record.TargetUserOrGroupName = target.address;
    record.TargetUserOrGroupType = target.type;
    record.EventData = `<Type>${random.chance(0.6) ? 'Edit' : 'View'}</Type><MembersCanShare>Disabled</MembersCanShare>`;
  } else {
    record.EventData = `<Type>${operation === 'AnonymousLinkCreated' ? 'View' : 'Edit'}</Type><LinkScope>${operation === 'AnonymousLinkCreated' ? 'Anyone' : 'Organization'}</LinkScope>`;
  }
  return record;
}

/** FileSensitivityLabelChanged on a SharePoint file, with the label event data. */
export function labelChangeRecord(random: Random, tenantId: string, person: Person, time: number, document: Document, clientIp: string, from: number, to: number): Record<string, unknown> {
  const record = sharePointFileRecord(random, tenantId, person, time, 'FileSensitivityLabelChanged', document, clientIp);
  record.SensitivityLabelEventData = {
    SensitivityLabelId: LABELS[to]!.id,
    OldSensitivityLabelId: LABELS[from]!.id,
    LabelEventType: to > from ? 1 : 2,
    ActionSource: 2,
    JustificationText: to < from ? random.pick(['Previous label no longer applies', 'Previous label was incorrect', 'Content is no longer sensitive']) : undefined,
  };
  return record;
}

/** Exchange Send (RecordType 2), as Outlook on the web or a phone writes it. */
export function sendRecord(random: Random, tenantId: string, person: Person, time: number, subject: string, size: number, attachments: { name: string; size: number }[], clientIp: string, client: 'OWA' | 'Mobile'): Record<string, unknown> {
  const record = common(random, tenantId, time, 'Send', 2, 'Exchange', person.puid, 0, clientIp, '', person.email);
  delete record.ObjectId;
  Object.assign(record, {
    AppId: '00000002-0000-0ff1-ce00-000000000000',
    ClientAppId: '',
    ClientIPAddress: clientIp,
    ClientInfoString: client === 'OWA' ? 'Client=OWA;Action=ViaProxy' : `Client=REST;Client=RESTSystem;UserAgent=Outlook-iOS/2.0;Device=${person.mobileDevice};`,
    ExternalAccess: false,
    InternalLogonType: 0,
    LogonType: 0,
    LogonUserSid: person.sid,
    MailboxGuid: randomUuid(random),
    MailboxOwnerSid: person.sid,
    MailboxOwnerUPN: person.email,
    OrganizationName: 'northwindtraders.onmicrosoft.com',
    OriginatingServer: `AM${random.integer(0, 9)}PR${random.integer(10, 99)}MB${random.integer(1000, 9999)} (15.20.7339.000)`,
    SessionId: randomUuid(random),
    Item: {
      Id: `RgAAAAD${hex(random, 40).toUpperCase()}AAAJ`,
      InternetMessageId: `<${hex(random, 32).toUpperCase()}@${random.pick(['AM6PR04MB', 'DB9PR10MB', 'SN6PR11MB', 'SG2PR06MB'])}${random.integer(1000, 9999)}.namprd.prod.outlook.com>`,
      ParentFolder: { Id: `LgAAAAD${hex(random, 30).toUpperCase()}AQ`, Path: '\\Sent Items' },
      SizeInBytes: size,
      Subject: subject,
      ...(attachments.length > 0 ? { Attachments: attachments.map((attachment) => `${attachment.name} (${attachment.size}b)`).join('; ') } : {}),
    },
  });
  return record;
}

/** New-InboxRule (RecordType 1, ExchangeAdmin), optionally forwarding outside. */
export function inboxRuleRecord(random: Random, tenantId: string, person: Person, time: number, ruleName: string, clientIp: string, parameters: [string, string][]): Record<string, unknown> {
  const record = common(random, tenantId, time, 'New-InboxRule', 1, 'Exchange', person.puid, 2, clientIp, `${person.email}\\${ruleName}`, person.email);
  record.ResultStatus = 'True';
  Object.assign(record, {
    AppId: '00000002-0000-0ff1-ce00-000000000000',
    ClientAppId: '',
    ExternalAccess: false,
    OrganizationName: 'northwindtraders.onmicrosoft.com',
    OriginatingServer: `AM${random.integer(0, 9)}PR${random.integer(10, 99)}MB${random.integer(1000, 9999)} (15.20.7339.000)`,
    Parameters: [{ Name: 'Name', Value: ruleName }, ...parameters.map(([name, value]) => ({ Name: name, Value: value }))],
    SessionId: randomUuid(random),
  });
  return record;
}

/** Removable media as endpoint DLP describes it. */
export interface RemovableMedia {
  Manufacturer: string;
  Model: string;
  SerialNumber: string;
  Capacity: number;
  BusType: 'USB';
  InstanceId: string;
}

/** A USB stick with stable attributes drawn from the stream. */
export function removableMedia(random: Random): RemovableMedia {
  const [manufacturer, model] = random.pick([['SanDisk', 'Cruzer Blade'], ['SanDisk', 'Ultra Fit'], ['Kingston', 'DataTraveler Exodia'], ['Samsung', 'BAR Plus'], ['Lexar', 'JumpDrive S47'], ['Western Digital', 'My Passport 25E2'], ['Seagate', 'Expansion HDD']] as const);
  const serial = random.characters(16, '0123456789ABCDEF');
  return {
    Manufacturer: manufacturer,
    Model: model,
    SerialNumber: serial,
    Capacity: random.pick([16, 32, 64, 128, 256, 1000, 2000]) * 1_000_000_000,
    BusType: 'USB',
    InstanceId: `USBSTOR\\DISK&VEN_${manufacturer.toUpperCase().replace(/ /g, '_')}&PROD_${model.toUpperCase().replace(/ /g, '_')}\\${serial}&0`,
  };
}

/** An endpoint DLP device activity (RecordType 63): FileCopiedToRemovableMedia, FileUploadedToCloud, FilePrinted... */
export function endpointRecord(random: Random, tenantId: string, person: Person, time: number, operation: string, computer: string, objectPath: string, clientIp: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const record = common(random, tenantId, time, operation, 63, 'Endpoint', person.entraId, 0, clientIp, objectPath, person.email);
  const dot = objectPath.lastIndexOf('.');
  Object.assign(record, {
    DeviceName: endpointDeviceName(computer),
    Platform: 1,
    Application: operation === 'FileUploadedToCloud' ? 'msedge.exe' : operation === 'FilePrinted' ? 'WINWORD.EXE' : 'explorer.exe',
    FileExtension: dot > 0 ? objectPath.slice(dot + 1) : '',
    Sha1: hex(random, 40),
    Sha256: hex(random, 64),
    SourceLocationType: 1,
    ...extra,
  });
  return record;
}

/** Where a DLP match happened, with the metadata block that workload writes. */
export type DlpLocation =
  | { workload: 'Exchange'; subject: string; from: string; to: string[]; cc: string[]; size: number; messageId: string }
  | { workload: 'SharePoint'; document: Document; owner: string }
  | { workload: 'Endpoint'; computer: string; path: string; destination: 'RemovableMedia' | 'Cloud' | 'Printer' };

/** A DlpRuleMatch or DlpRuleUndo (RecordType 13 Exchange, 11 SharePoint, 63 Endpoint). */
export function dlpRecord(random: Random, tenantId: string, person: Person, time: number, operation: 'DlpRuleMatch' | 'DlpRuleUndo', policyIndex: number, severity: 'Low' | 'Medium' | 'High', location: DlpLocation, incidentId: string, count: number): Record<string, unknown> {
  const policy = DLP_POLICIES[policyIndex]!;
  const recordType = location.workload === 'Exchange' ? 13 : location.workload === 'SharePoint' ? 11 : 63;
  const objectId = location.workload === 'Exchange' ? location.subject : location.workload === 'SharePoint' ? sharePointUrl(location.document) : location.path;
  const record = common(random, tenantId, time, operation, recordType, location.workload, 'DlpAgent', 4, '', objectId, person.email);
  delete record.ClientIP;
  const volume = severity === 'Low' ? 'Low' : 'High';
  record.IncidentId = incidentId;
  record.SensitiveInfoDetectionIsIncluded = true;
  record.PolicyDetails = [
    {
      PolicyId: policy.id,
      PolicyName: policy.name,
      Rules: [
        {
          RuleId: `${policy.id.slice(0, 24)}${volume === 'Low' ? '00000000000a' : '00000000000b'}`,
          RuleName: `${volume} volume of content detected ${policy.name}`,
          Severity: severity,
          Actions: severity === 'High' ? ['NotifyUser', 'GenerateIncidentReport', 'GenerateAlert'] : ['NotifyUser'],
          RuleMode: 'Enable',
          ConditionsMatched: {
            SensitiveInformation: [{ Confidence: random.pick([75, 85, 85, 95]), Count: count, SensitiveInformationTypeName: policy.info, SensitiveType: policy.infoId, UniqueCount: Math.max(1, Math.round(count * 0.8)) }],
          },
        },
      ],
    },
  ];
  if (operation === 'DlpRuleUndo') record.ExceptionInfo = { Reason: 'FalsePositive', Justification: random.pick(['Reported as false positive by the user', 'Business justification: customer requested the data', 'Override: approved by manager']) };
  if (location.workload === 'Exchange') {
    record.ExchangeMetaData = { BCC: [], CC: location.cc, FileSize: location.size, From: location.from, MessageID: location.messageId, RecipientCount: location.to.length + location.cc.length, Sent: isoDateTime(time), Subject: location.subject, To: location.to, UniqueID: randomUuid(random) };
  } else if (location.workload === 'SharePoint') {
    record.SharePointMetaData = { FileID: randomUuid(random), FileName: location.document.name, FileOwner: location.owner, FilePathUrl: sharePointUrl(location.document), From: person.email, ItemCreationTime: isoDateTime(time - 86_400_000 * random.integer(3, 300)), SiteCollectionGuid: randomUuid(random), SiteCollectionUrl: `https://${SHAREPOINT_HOST}/sites/${location.document.site}`, UniqueID: randomUuid(random) };
  } else {
    const dot = location.path.lastIndexOf('.');
    record.EndpointMetaData = { DeviceName: endpointDeviceName(location.computer), FileExtension: dot > 0 ? location.path.slice(dot + 1) : '', EnforcementMode: severity === 'High' ? 2 : 1, SourceLocationType: 1, DestinationLocationType: location.destination === 'RemovableMedia' ? 2 : location.destination === 'Cloud' ? 4 : 5, Platform: 1 };
  }
  return record;
}
