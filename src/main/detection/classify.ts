/**
 * Classification of activity rows into indicators, at scoring time, with the settings in force:
 * domain categories (subdomains match), unallowed/allowed/third-party lists, the organisation's
 * domains and the file-type, path and keyword exclusions. One SQL expression computes a bitmask of
 * indicators per row (hand-written CASE on kind; two memoised SQL functions classify domains and
 * recipient lists), so the same classification serves the full scan, the incremental scan, the
 * sequence steps and the explanation's event lookup.
 */
import type { Database } from '../store/database';
import type { IndicatorId } from '../../shared/detection';
import type { BusinessHoursEntry } from '../../shared/contract/settings';
import { createSettingsStore, type SettingsStore } from '../settings/settingsStore';
import { ARCHIVE_EXTENSIONS, EXECUTABLE_EXTENSIONS } from './model';

/** Indicators computed by the SQL mask, bit i = 1 << i (the two logon indicators are computed from logon rows). */
export const MASK_INDICATORS = [
  'sharepoint_download',
  'file_archive',
  'usb_mount',
  'usb_copy',
  'cloud_upload',
  'print',
  'network_share_copy',
  'remote_desktop_copy',
  'external_share',
  'email_external_attachments',
  'email_personal_webmail',
  'mail_forward_rule',
  'label_downgrade',
  'file_rename_extension',
  'mass_delete',
  'browse_job_search',
  'browse_leak_site',
  'browse_cloud_storage',
  'hacking_tool_download',
  'unallowed_domain',
] as const satisfies readonly IndicatorId[];
export type MaskIndicator = (typeof MASK_INDICATORS)[number];

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
  lists: Record<'jobSearch' | 'personalCloud' | 'personalWebmail' | 'leakSites' | 'hackingTools' | 'unallowed' | 'allowed' | 'thirdParty', string[]>;
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
export function readClassificationSettings(db: Database, settings: SettingsStore = createSettingsStore(db, Date.now)): ClassificationSettings {
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
  domainFlags(domain: string | null): number;
  recipientFlags(recipients: string | null): number;
}

/** The domain part of a URL, e-mail address or host. */
export function domainOfText(text: string): string | null {
  let value = text.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at >= 0) value = value.slice(at + 1);
  value = value.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#>].*$/, '').replace(/:\d+$/, '').replace(/^www\./, '').replace(/\.$/, '');
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
  return { domainFlags, recipientFlags };
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

const active = new WeakMap<Database, DomainClassifier>();

/** Makes this classifier the one the connection's SQL functions use (registers them on first use). */
export function installClassifier(db: Database, classifier: DomainClassifier): void {
  if (!active.has(db)) {
    db.function('irm_domain_flags', { deterministic: true }, (domain: unknown) =>
      active.get(db)!.domainFlags(typeof domain === 'string' ? domain : null),
    );
    db.function('irm_recipient_flags', { deterministic: true }, (recipients: unknown) =>
      active.get(db)!.recipientFlags(typeof recipients === 'string' ? recipients : null),
    );
    db.function('irm_extension_changed', { deterministic: true }, (target: unknown, previous: unknown) =>
      typeof target === 'string' && typeof previous === 'string' && extensionOf(target) !== extensionOf(previous) ? 1 : 0,
    );
  }
  active.set(db, classifier);
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

/** The condition that excludes an activity from scoring (file types, paths, keywords). */
export function exclusionCondition(settings: ClassificationSettings, alias = 'a'): SqlFragment {
  const params: Record<string, string> = {};
  const tests: string[] = [];
  settings.fileTypeExclusions.forEach((ext, index) => {
    params[`excludeType${index}`] = `%.${escapeLike(ext)}`;
    tests.push(`lower(${alias}.target) LIKE @excludeType${index} ESCAPE '!'`);
  });
  settings.pathExclusions.forEach((pattern, index) => {
    const normalised = pattern.toLowerCase().replace(/\//g, '\\');
    params[`excludePath${index}`] = `%${escapeLike(normalised).replace(/\*/g, '%')}%`;
    tests.push(`replace(lower(${alias}.target), '/', '\\') LIKE @excludePath${index} ESCAPE '!'`);
  });
  settings.keywordExclusions.forEach((keyword, index) => {
    params[`excludeKeyword${index}`] = keyword.toLowerCase();
    tests.push(`instr(lower(${alias}.target || ' ' || coalesce(${alias}.detail, '')), @excludeKeyword${index}) > 0`);
  });
  if (tests.length === 0) return { sql: '0', params };
  return { sql: `(${alias}.target IS NOT NULL AND (${tests.join(' OR ')}))`, params };
}

/**
 * The indicator bitmask of an activity row (alias `a`), 0 for excluded rows and rows that feed no
 * indicator; logon rows carry LOGON_BIT. Needs installClassifier on the connection.
 */
export function indicatorMaskSql(settings: ClassificationSettings, alias = 'a'): SqlFragment {
  const a = alias;
  const b = (...indicators: MaskIndicator[]) => String(bits(...indicators));
  const df = `irm_domain_flags(${a}.domain)`;
  const rf = `irm_recipient_flags(${a}.recipients)`;
  const F = DOMAIN_FLAG;
  const R = RECIPIENT_FLAG;
  const safeDomain = `((${df} & ${F.organisation | F.allowed}) = 0)`;
  const when = (condition: string, value: string) => `(CASE WHEN ${condition} THEN ${value} ELSE 0 END)`;
  // The importer re-kinds e-mails, shares and inbox rules by the organisation's domains at import
  // time; scoring classifies their recipients again with the domains in force now.
  const branch = (kinds: string[], value: string) => kinds.map((kind) => `WHEN '${kind}' THEN ${value}`).join('\n    ');
  const archive = when(extensionTest(`${a}.target`, ARCHIVE_EXTENSIONS), b('file_archive'));
  const webCategories = [
    when(`(${df} & ${F.jobSearch}) != 0`, b('browse_job_search')),
    when(`(${df} & ${F.leakSites}) != 0`, b('browse_leak_site')),
    when(`(${df} & ${F.hackingTools}) != 0`, b('hacking_tool_download')),
    when(`(${df} & ${F.unallowed}) != 0`, b('unallowed_domain')),
  ].join(' | ');
  // External: the recipient list decides when it names addresses; otherwise the importer's flag.
  const external = `((${rf} & ${R.external}) != 0 OR ((${rf} & ${R.known}) = 0 AND ${a}.external = 1))`;
  const unallowedRecipients = when(`(${rf} & ${R.unallowed}) != 0 OR (${df} & ${F.unallowed}) != 0`, b('unallowed_domain'));
  const mask = `CASE ${a}.kind
    WHEN 'webVisit' THEN ${webCategories}
      | ${when(`(${df} & ${F.personalCloud}) != 0`, b('browse_cloud_storage'))}
      | ${when(`(${df} & ${F.personalCloud}) != 0 AND lower(${a}.target) LIKE '%upload%'`, b('cloud_upload'))}
    WHEN 'logon' THEN ${LOGON_BIT}
    ${branch(['emailSend', 'emailSendInternal'], `${when(`${external} AND coalesce(${a}.attachments, 0) > 0`, b('email_external_attachments'))}
      | ${when(`(${rf} & ${R.webmail}) != 0`, b('email_personal_webmail'))} | ${unallowedRecipients}`)}
    WHEN 'webDownload' THEN ${webCategories}
      | ${when(`${safeDomain} AND ${extensionTest(`${a}.target`, EXECUTABLE_EXTENSIONS)}`, b('hacking_tool_download'))}
    WHEN 'webUpload' THEN ${webCategories} | ${when(safeDomain, b('cloud_upload'))}
    WHEN 'usbCopy' THEN ${b('usb_copy')} | ${archive}
    ${branch(['fileWrite', 'fileCopy'], archive)}
    WHEN 'sharepointDownload' THEN ${b('sharepoint_download')}
    WHEN 'fileDelete' THEN ${b('mass_delete')}
    WHEN 'usbConnect' THEN ${b('usb_mount')}
    WHEN 'fileArchive' THEN ${b('file_archive')}
    WHEN 'cloudUpload' THEN ${when(`${a}.domain IS NULL OR ${safeDomain}`, b('cloud_upload'))} | ${when(`(${df} & ${F.unallowed}) != 0`, b('unallowed_domain'))}
    WHEN 'print' THEN ${b('print')}
    WHEN 'networkShareCopy' THEN ${b('network_share_copy')} | ${archive}
    WHEN 'remoteDesktopCopy' THEN ${b('remote_desktop_copy')} | ${archive}
    ${branch(['externalShare', 'internalShare'], `${when(external, b('external_share'))} | ${unallowedRecipients}`)}
    WHEN 'mailForwardRule' THEN ${when(`(${rf} & ${R.external}) != 0 OR ((${rf} & ${R.known}) = 0 AND coalesce(${a}.external, 1) = 1)`, b('mail_forward_rule'))}
      | ${unallowedRecipients}
    WHEN 'inboxRule' THEN ${when(`(${rf} & ${R.external}) != 0`, b('mail_forward_rule'))} | ${unallowedRecipients}
    WHEN 'labelDowngrade' THEN ${b('label_downgrade')}
    WHEN 'fileRename' THEN ${when(`irm_extension_changed(${a}.target, ${a}.detail) = 1`, b('file_rename_extension'))}
    ELSE 0 END`;
  const exclusion = exclusionCondition(settings, alias);
  if (exclusion.sql === '0') return { sql: `(${mask})`, params: exclusion.params };
  return {
    sql: `(CASE WHEN ${a}.kind != 'logon' AND ${exclusion.sql} THEN 0 ELSE (${mask}) END)`,
    params: exclusion.params,
  };
}

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
    tests.push(`instr(lower(coalesce(${alias}.target, '') || ' ' || coalesce(${alias}.detail, '')), @priorityKeyword${index}) > 0`);
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
            WHERE a.person_id = @person AND a.time >= @from AND a.time < @to${extra ? ` AND ${extra.sql}` : ''})
          WHERE mask != 0 ORDER BY time, id`,
    params: { ...mask.params, ...(extra?.params ?? {}) },
  };
}
