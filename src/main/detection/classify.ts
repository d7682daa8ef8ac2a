/**
 * Classification of activity rows into indicators, at scoring time, with the settings in force:
 * domain categories (subdomains match), unallowed/allowed/third-party lists, the organisation's
 * domains and the file-type, path and keyword exclusions. One SQL expression computes a bitmask of
 * indicators per row (hand-written CASE on kind; two memoised SQL functions classify domains and
 * recipient lists), so the same classification serves the full scan, the incremental scan, the
 * sequence steps and the explanation's event lookup. Rows whose indicators depend on the lists call
 * one memoised JavaScript function each (irm_web_mask, irm_mail_mask, …); the rest is plain SQL.
 */
import type { Database } from '../store/database';
import { INDICATOR_IDS, type IndicatorId } from '../../shared/detection';
import type { BusinessHoursEntry } from '../../shared/contract/settings';
import { createSettingsStore, type SettingsStore } from '../settings/settingsStore';
import { ARCHIVE_EXTENSIONS } from './model';

/** Indicators the SQL mask does not carry: the logon ones are judged from logon rows, the severity ones come from external alerts. */
const NOT_MASKED = ['after_hours_logon', 'foreign_device_logon', 'security_alert', 'dlp_match'] as const;
export type MaskIndicator = Exclude<IndicatorId, (typeof NOT_MASKED)[number]>;
/** Indicators computed by the SQL mask, in catalogue order: bit i = 1 << i. */
export const MASK_INDICATORS: readonly MaskIndicator[] = INDICATOR_IDS.filter(
  (id): id is MaskIndicator => !(NOT_MASKED as readonly string[]).includes(id),
);

/** The bit of a mask indicator. */
export function bitOf(indicator: MaskIndicator): number {
  return 1 << MASK_INDICATORS.indexOf(indicator);
}
/** Marks logon rows in the mask (they feed after_hours_logon and foreign_device_logon). */
export const LOGON_BIT = 1 << MASK_INDICATORS.length;

const bits = (...indicators: MaskIndicator[]): number => indicators.reduce((mask, id) => mask | bitOf(id), 0);

/** Sequence step categories by mask bits. */
export const STEP_BITS = {
  collection: bits('sharepoint_download', 'file_archive'),
  exfiltration: bits(
    'usb_copy',
    'cloud_upload',
    'print',
    'network_share_copy',
    'remote_desktop_copy',
    'external_share',
    'email_external_attachments',
    'email_personal_webmail',
  ),
  obfuscation: bits('label_downgrade', 'file_rename_extension'),
  cleanup: bits('mass_delete'),
} as const;
/** Any sequence step. */
export const ANY_STEP_BITS = STEP_BITS.collection | STEP_BITS.exfiltration | STEP_BITS.obfuscation | STEP_BITS.cleanup;

/** Domain flags. */
export const DOMAIN_FLAG = {
  organisation: 1,
  allowed: 2,
  thirdParty: 4,
  unallowed: 8,
  jobSearch: 16,
  personalCloud: 32,
  personalWebmail: 64,
  leakSites: 128,
  hackingTools: 256,
} as const;

/** Recipient-list flags. */
export const RECIPIENT_FLAG = { known: 1, external: 2, webmail: 4, unallowed: 8 } as const;

/** What classification needs from the settings, resolved once per scoring run. */
export interface ClassificationSettings {
  organisationDomains: string[];
  lists: Record<
    'jobSearch' | 'personalCloud' | 'personalWebmail' | 'leakSites' | 'hackingTools' | 'unallowed' | 'allowed' | 'thirdParty',
    string[]
  >;
  fileTypeExclusions: string[];
  pathExclusions: string[];
  keywordExclusions: string[];
  businessHours: BusinessHoursEntry[];
}

/** The organisation's domains detected from the roster: every e-mail domain held by at least 5% of persons (most common first). */
export function detectOrganisationDomains(db: Database): { domain: string; persons: number; share: number }[] {
  const rows = db
    .prepare(
      `SELECT lower(substr(email, instr(email, '@') + 1)) AS domain, count(*) AS persons
       FROM persons WHERE email LIKE '%_@_%' GROUP BY domain ORDER BY persons DESC, domain LIMIT 50`,
    )
    .all() as { domain: string; persons: number }[];
  const total = rows.reduce((sum, row) => sum + row.persons, 0);
  return rows
    .filter((row, index) => index === 0 || row.persons / total >= 0.05)
    .map((row) => ({ domain: row.domain, persons: row.persons, share: Math.round((row.persons / total) * 1000) / 1000 }));
}

/** Reads the classification settings (organisation domains: configured, else detected). */
export function readClassificationSettings(
  db: Database,
  settings: SettingsStore = createSettingsStore(db, Date.now),
): ClassificationSettings {
  const configured = settings.get('organisation.domains');
  return {
    organisationDomains: configured.length > 0 ? configured : detectOrganisationDomains(db).map((d) => d.domain),
    lists: {
      jobSearch: settings.get('domains.jobSearch'),
      personalCloud: settings.get('domains.personalCloud'),
      personalWebmail: settings.get('domains.personalWebmail'),
      leakSites: settings.get('domains.leakSites'),
      hackingTools: settings.get('domains.hackingTools'),
      unallowed: settings.get('domains.unallowed'),
      allowed: settings.get('domains.allowed'),
      thirdParty: settings.get('domains.thirdParty'),
    },
    fileTypeExclusions: settings.get('exclusions.fileTypes'),
    pathExclusions: settings.get('exclusions.paths'),
    keywordExclusions: settings.get('exclusions.keywords'),
    businessHours: settings.get('detection.businessHours'),
  };
}

/** Classifies domains (with subdomain matching) and recipient lists; memoised. */
export interface DomainClassifier {
  /** The settings it was built from (exclusions are read from them too). */
  settings: ClassificationSettings;
  domainFlags(domain: string | null): number;
  recipientFlags(recipients: string | null): number;
  /** The distinct recipient domains of a list outside the organisation's and allowed domains. */
  externalDomains(recipients: string | null): string[];
}

/** The domain part of a URL, e-mail address or host. */
export function domainOfText(text: string): string | null {
  let value = text.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at >= 0) value = value.slice(at + 1);
  value = value
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#>].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(value) ? value : null;
}

/** Builds the classifier for these settings. */
export function createDomainClassifier(settings: ClassificationSettings): DomainClassifier {
  const flagsBySuffix = new Map<string, number>();
  const add = (domains: string[], flag: number) => {
    for (const domain of domains) flagsBySuffix.set(domain, (flagsBySuffix.get(domain) ?? 0) | flag);
  };
  add(settings.organisationDomains, DOMAIN_FLAG.organisation);
  add(settings.lists.allowed, DOMAIN_FLAG.allowed);
  add(settings.lists.thirdParty, DOMAIN_FLAG.thirdParty);
  add(settings.lists.unallowed, DOMAIN_FLAG.unallowed);
  add(settings.lists.jobSearch, DOMAIN_FLAG.jobSearch);
  add(settings.lists.personalCloud, DOMAIN_FLAG.personalCloud);
  add(settings.lists.personalWebmail, DOMAIN_FLAG.personalWebmail);
  add(settings.lists.leakSites, DOMAIN_FLAG.leakSites);
  add(settings.lists.hackingTools, DOMAIN_FLAG.hackingTools);

  const domainMemo = new Map<string, number>();
  const flagsOfDomain = (domain: string): number => {
    let flags = 0;
    let suffix = domain;
    for (;;) {
      flags |= flagsBySuffix.get(suffix) ?? 0;
      const dot = suffix.indexOf('.');
      if (dot < 0) break;
      suffix = suffix.slice(dot + 1);
    }
    // An allowed (or the organisation's own) domain is never risky, whatever list it is also on.
    if (flags & (DOMAIN_FLAG.allowed | DOMAIN_FLAG.organisation)) flags &= DOMAIN_FLAG.allowed | DOMAIN_FLAG.organisation;
    return flags;
  };
  const domainFlags = (text: string | null): number => {
    if (!text) return 0;
    let flags = domainMemo.get(text);
    if (flags === undefined) {
      const domain = domainOfText(text);
      flags = domain ? flagsOfDomain(domain) : 0;
      if (domainMemo.size > 200_000) domainMemo.clear();
      domainMemo.set(text, flags);
    }
    return flags;
  };
  const recipientMemo = new Map<string, number>();
  const recipientFlags = (text: string | null): number => {
    if (!text) return 0;
    let flags = recipientMemo.get(text);
    if (flags === undefined) {
      flags = 0;
      for (const part of text.split(/[;,\s]+/)) {
        if (!part.includes('@')) continue;
        const domain = domainOfText(part);
        if (!domain) continue;
        flags |= RECIPIENT_FLAG.known;
        const domainFlag = flagsOfDomain(domain);
        if (!(domainFlag & (DOMAIN_FLAG.organisation | DOMAIN_FLAG.allowed))) flags |= RECIPIENT_FLAG.external;
        if (domainFlag & DOMAIN_FLAG.personalWebmail) flags |= RECIPIENT_FLAG.webmail;
        if (domainFlag & DOMAIN_FLAG.unallowed) flags |= RECIPIENT_FLAG.unallowed;
      }
      if (recipientMemo.size > 200_000) recipientMemo.clear();
      recipientMemo.set(text, flags);
    }
    return flags;
  };
  const externalDomains = (text: string | null): string[] => {
    if (!text) return [];
    const domains = new Set<string>();
    for (const part of text.split(/[;,\s]+/)) {
      if (!part.includes('@')) continue;
      const domain = domainOfText(part);
      if (domain && !(flagsOfDomain(domain) & (DOMAIN_FLAG.organisation | DOMAIN_FLAG.allowed))) domains.add(domain);
    }
    return [...domains];
  };
  return { settings, domainFlags, recipientFlags, externalDomains };
}

/** The lower-cased extension of a file name or path (without the dot), or '' when it has none. */
export function extensionOf(path: string | null): string {
  if (!path) return '';
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The file name of a path (after the last / or \), lower-cased: what sequence steps are linked by. */
export function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return (cut >= 0 ? path.slice(cut + 1) : path).trim().toLowerCase();
}

const active = new WeakMap<Database, RowClassifier>();

/** Web row kinds as the SQL passes them to irm_web_mask. */
const WEB_KIND = { visit: 0, download: 1, upload: 2 } as const;

/**
 * The per-row decisions that need the domain lists, in JavaScript and memoised: one call per row
 * (the SQL CASE on kind picks the function), so a 10-million-row scan stays a single pass.
 */
export interface RowClassifier {
  excluded(target: string | null, detail: string | null): boolean;
  webMask(kind: number, domain: string | null, target: string | null): number;
  mailMask(recipients: string | null, external: number | null, attachments: number | null): number;
  shareMask(recipients: string | null, domain: string | null, external: number | null): number;
  forwardMask(isForwardRule: boolean, recipients: string | null, domain: string | null, external: number | null): number;
  cloudMask(domain: string | null): number;
}

/** Builds the row classifier over a domain classifier and the exclusions. */
export function createRowClassifier(
  classifier: DomainClassifier,
  excluded: ((target: string | null, detail: string | null) => boolean) | null = null,
): RowClassifier {
  const F = DOMAIN_FLAG;
  const R = RECIPIENT_FLAG;
  const categoryMask = (flags: number): number =>
    (flags & F.jobSearch ? bitOf('browse_job_search') : 0) |
    (flags & F.leakSites ? bitOf('browse_leak_site') : 0) |
    (flags & F.hackingTools ? bitOf('hacking_tool_download') : 0) |
    (flags & F.unallowed ? bitOf('unallowed_domain') : 0);
  const safe = (flags: number) => (flags & (F.organisation | F.allowed)) !== 0;
  /** External: the recipient list decides when it names addresses; otherwise the importer's flag. */
  const isExternal = (recipientFlags: number, external: number | null) =>
    (recipientFlags & R.external) !== 0 || ((recipientFlags & R.known) === 0 && external === 1);
  const unallowed = (recipientFlags: number, domain: string | null) =>
    (recipientFlags & R.unallowed) !== 0 || (classifier.domainFlags(domain) & F.unallowed) !== 0 ? bitOf('unallowed_domain') : 0;
  return {
    excluded: (target, detail) => (excluded ? excluded(target, detail) : false),
    webMask(kind, domain, target) {
      if (!domain) return kind === WEB_KIND.upload ? bitOf('cloud_upload') : 0;
      const flags = classifier.domainFlags(domain);
      let mask = categoryMask(flags);
      if (kind === WEB_KIND.visit && flags & F.personalCloud) {
        mask |= bitOf('browse_cloud_storage');
        if (target && target.toLowerCase().includes('upload')) mask |= bitOf('cloud_upload');
      } else if (kind === WEB_KIND.upload && !safe(flags)) {
        mask |= bitOf('cloud_upload');
      }
      return mask;
    },
    mailMask(recipients, external, attachments) {
      const flags = classifier.recipientFlags(recipients);
      return (
        (isExternal(flags, external) && (attachments ?? 0) > 0 ? bitOf('email_external_attachments') : 0) |
        (flags & R.webmail ? bitOf('email_personal_webmail') : 0) |
        (flags & R.unallowed ? bitOf('unallowed_domain') : 0)
      );
    },
    shareMask(recipients, domain, external) {
      const flags = classifier.recipientFlags(recipients);
      return (isExternal(flags, external) ? bitOf('external_share') : 0) | unallowed(flags, domain);
    },
    forwardMask(isForwardRule, recipients, domain, external) {
      const flags = classifier.recipientFlags(recipients);
      // A forwarding rule with no readable recipient counts unless the importer saw it stay inside;
      // an inbox rule (the importer found no external forward) counts only on an external recipient.
      const forwards = (flags & R.external) !== 0 || (isForwardRule && (flags & R.known) === 0 && (external ?? 1) === 1);
      return (forwards ? bitOf('mail_forward_rule') : 0) | unallowed(flags, domain);
    },
    cloudMask(domain) {
      if (!domain) return bitOf('cloud_upload');
      const flags = classifier.domainFlags(domain);
      return (safe(flags) ? 0 : bitOf('cloud_upload')) | (flags & F.unallowed ? bitOf('unallowed_domain') : 0);
    },
  };
}

/** Makes these settings' classifier the one the connection's SQL functions use (registers them on first use). */
export function installClassifier(db: Database, classifier: DomainClassifier): void {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const integer = (value: unknown) => (typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : null);
  if (!active.has(db)) {
    const current = () => active.get(db)!;
    db.function('irm_web_mask', { deterministic: true }, (kind: unknown, domain: unknown, target: unknown) =>
      current().webMask(Number(kind), text(domain), text(target)),
    );
    db.function('irm_mail_mask', { deterministic: true }, (recipients: unknown, external: unknown, attachments: unknown) =>
      current().mailMask(text(recipients), integer(external), integer(attachments)),
    );
    db.function('irm_share_mask', { deterministic: true }, (recipients: unknown, domain: unknown, external: unknown) =>
      current().shareMask(text(recipients), text(domain), integer(external)),
    );
    db.function(
      'irm_forward_mask',
      { deterministic: true },
      (isRule: unknown, recipients: unknown, domain: unknown, external: unknown) =>
        current().forwardMask(isRule === 1, text(recipients), text(domain), integer(external)),
    );
    db.function('irm_cloud_mask', { deterministic: true }, (domain: unknown) => current().cloudMask(text(domain)));
    db.function('irm_excluded', { deterministic: true }, (target: unknown, detail: unknown) =>
      current().excluded(text(target), text(detail)) ? 1 : 0,
    );
    db.function('irm_extension_changed', { deterministic: true }, (target: unknown, previous: unknown) =>
      typeof target === 'string' && typeof previous === 'string' && extensionOf(target) !== extensionOf(previous) ? 1 : 0,
    );
  }
  active.set(db, createRowClassifier(classifier, exclusionMatcher(classifier.settings)));
}

/** A SQL fragment with its named parameters. */
export interface SqlFragment {
  sql: string;
  params: Record<string, string | number>;
}

function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

const quoted = (values: readonly string[]): string => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');

/** `lower(column) LIKE '%.ext' OR …` for a list of extensions (constants, so inlined). */
function extensionTest(column: string, extensions: readonly string[]): string {
  return `(${extensions.map((ext) => `lower(${column}) LIKE '%.${ext}'`).join(' OR ')})`;
}

/** A matcher for the exclusions (file types, paths with `*`, keywords), case-insensitive, `/` and `\` alike. */
export function exclusionMatcher(
  settings: ClassificationSettings,
): ((target: string | null, detail: string | null) => boolean) | null {
  const types = new Set(settings.fileTypeExclusions);
  const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const paths = settings.pathExclusions.map((pattern) =>
    pattern.toLowerCase().replace(/\//g, '\\').split('*').map(escape).join('.*'),
  );
  const pathTest = paths.length ? new RegExp(paths.join('|')) : null;
  const keywords = settings.keywordExclusions.map((k) => k.toLowerCase());
  if (types.size === 0 && !pathTest && keywords.length === 0) return null;
  return (target, detail) => {
    if (!target) return false;
    if (types.size && types.has(extensionOf(target))) return true;
    const lower = target.toLowerCase();
    if (pathTest && pathTest.test(lower.replace(/\//g, '\\'))) return true;
    if (keywords.length) {
      const text = detail ? `${lower} ${detail.toLowerCase()}` : lower;
      if (keywords.some((keyword) => text.includes(keyword))) return true;
    }
    return false;
  };
}

/**
 * The indicator bitmask of an activity row (alias `a`), 0 for excluded rows and rows that feed no
 * indicator; logon rows carry LOGON_BIT. Needs installClassifier on the connection.
 */
export function indicatorMaskSql(settings: ClassificationSettings, alias = 'a'): SqlFragment {
  const a = alias;
  const b = (...indicators: MaskIndicator[]) => String(bits(...indicators));
  const archive = `(CASE WHEN ${extensionTest(`${a}.target`, ARCHIVE_EXTENSIONS)} THEN ${b('file_archive')} ELSE 0 END)`;
  // The importer re-kinds e-mails, shares and inbox rules by the organisation's domains at import
  // time; scoring classifies their recipients again with the domains in force now.
  const mail = `irm_mail_mask(${a}.recipients, ${a}.external, ${a}.attachments)`;
  const share = `irm_share_mask(${a}.recipients, ${a}.domain, ${a}.external)`;
  // Frequent kinds first: CASE compares in order.
  const mask = `CASE ${a}.kind
    WHEN 'webVisit' THEN (CASE WHEN ${a}.domain IS NULL THEN 0 ELSE irm_web_mask(${WEB_KIND.visit}, ${a}.domain, ${a}.target) END)
    WHEN 'logon' THEN ${LOGON_BIT}
    WHEN 'emailSend' THEN ${mail}
    WHEN 'emailSendInternal' THEN ${mail}
    WHEN 'webDownload' THEN irm_web_mask(${WEB_KIND.download}, ${a}.domain, ${a}.target)
    WHEN 'webUpload' THEN irm_web_mask(${WEB_KIND.upload}, ${a}.domain, ${a}.target)
    WHEN 'usbCopy' THEN ${b('usb_copy')} | ${archive}
    WHEN 'fileWrite' THEN ${archive}
    WHEN 'fileCopy' THEN ${archive}
    WHEN 'sharepointDownload' THEN ${b('sharepoint_download')}
    WHEN 'fileDelete' THEN ${b('mass_delete')}
    WHEN 'usbConnect' THEN ${b('usb_mount')}
    WHEN 'fileArchive' THEN ${b('file_archive')}
    WHEN 'cloudUpload' THEN irm_cloud_mask(${a}.domain)
    WHEN 'print' THEN ${b('print')}
    WHEN 'networkShareCopy' THEN ${b('network_share_copy')} | ${archive}
    WHEN 'remoteDesktopCopy' THEN ${b('remote_desktop_copy')} | ${archive}
    WHEN 'externalShare' THEN ${share}
    WHEN 'internalShare' THEN ${share}
    WHEN 'mailForwardRule' THEN irm_forward_mask(1, ${a}.recipients, ${a}.domain, ${a}.external)
    WHEN 'inboxRule' THEN irm_forward_mask(0, ${a}.recipients, ${a}.domain, ${a}.external)
    WHEN 'labelDowngrade' THEN ${b('label_downgrade')}
    WHEN 'fileRename' THEN (CASE WHEN irm_extension_changed(${a}.target, ${a}.detail) = 1 THEN ${b('file_rename_extension')} ELSE 0 END)
    ELSE 0 END`;
  if (!exclusionMatcher(settings)) return { sql: `(${mask})`, params: {} };
  // Exclusions are about files (type, path, name) and e-mail subjects: web rows skip the test.
  return {
    sql: `(CASE WHEN ${a}.kind IN (${quoted(EXCLUDABLE_KINDS)}) AND ${a}.target IS NOT NULL AND irm_excluded(${a}.target, ${a}.detail) = 1 THEN 0 ELSE (${mask}) END)`,
    params: {},
  };
}

/** Kinds whose target is a file or an e-mail (the kinds exclusions apply to). */
export const EXCLUDABLE_KINDS = [
  'usbCopy',
  'fileWrite',
  'fileCopy',
  'sharepointDownload',
  'fileDelete',
  'fileArchive',
  'print',
  'networkShareCopy',
  'remoteDesktopCopy',
  'externalShare',
  'internalShare',
  'labelDowngrade',
  'fileRename',
  'cloudUpload',
  'emailSend',
  'emailSendInternal',
] as const;

/** The mask indicators present in a mask. */
export function indicatorsOfMask(mask: number): MaskIndicator[] {
  return MASK_INDICATORS.filter((_, index) => (mask & (1 << index)) !== 0);
}

/** Quotes values for an inline SQL IN list (constants only). */
export function sqlList(values: readonly string[]): string {
  return quoted(values);
}

/** Priority content of a policy: file extensions, keywords (file name, path, subject) and sensitivity labels. */
export interface PriorityContent {
  extensions: string[];
  keywords: string[];
  labels: string[];
}

/** True when a policy defines any priority content. */
export function hasPriorityContent(content: PriorityContent): boolean {
  return content.extensions.length + content.keywords.length + content.labels.length > 0;
}

/** The condition that an activity touches priority content ('0' when none is defined). */
export function priorityContentCondition(content: PriorityContent, alias = 'a'): SqlFragment {
  const params: Record<string, string> = {};
  const tests: string[] = [];
  content.extensions.forEach((ext, index) => {
    params[`priorityExtension${index}`] = `%.${escapeLike(ext.toLowerCase())}`;
    tests.push(`lower(${alias}.target) LIKE @priorityExtension${index} ESCAPE '!'`);
  });
  content.keywords.forEach((keyword, index) => {
    params[`priorityKeyword${index}`] = keyword.toLowerCase();
    tests.push(
      `instr(lower(coalesce(${alias}.target, '') || ' ' || coalesce(${alias}.detail, '')), @priorityKeyword${index}) > 0`,
    );
  });
  content.labels.forEach((label, index) => {
    params[`priorityLabel${index}`] = label.toLowerCase();
    tests.push(`instr(lower(coalesce(${alias}.detail, '')), @priorityLabel${index}) > 0`);
  });
  return { sql: tests.length ? `(${tests.join(' OR ')})` : '0', params };
}

/** Rows of one person in a time range with their indicator mask (mask ≠ 0), in time order; optional extra condition. */
export function personMaskedRowsSql(settings: ClassificationSettings, extra: SqlFragment | null): SqlFragment {
  const mask = indicatorMaskSql(settings, 'a');
  return {
    sql: `SELECT id, time, mask, target, device FROM (
            SELECT a.id, a.time, a.target, a.device, ${mask.sql} AS mask FROM activities a
            WHERE a.person_id = @person AND a.time >= @from AND a.time < @to${extra ? ` AND ${extra.sql}` : ''}
            LIMIT -1 OFFSET 0)
          WHERE mask != 0 ORDER BY time, id`,
    params: { ...mask.params, ...(extra?.params ?? {}) },
  };
}
