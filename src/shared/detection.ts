/**
 * Detection vocabulary shared by the backend, the CLI and the UI: indicator ids (reference/indicators.md),
 * policy templates (DOMAIN.md §5), alert statuses, severities, dismiss reasons, risk factors and boosters
 * (DOMAIN.md §6). Pure data: the scoring numbers live in src/main/detection/model.ts.
 */
import type { ActivityCategory } from './signals';

/** Every indicator id of the catalogue, in catalogue order. */
export const INDICATOR_IDS = [
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
  'after_hours_logon',
  'foreign_device_logon',
  'browse_job_search',
  'browse_leak_site',
  'browse_cloud_storage',
  'hacking_tool_download',
  'unallowed_domain',
  'security_alert',
  'dlp_match',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/** How an indicator's impact is measured: daily event counts against thresholds, or the source's severity. */
export type IndicatorMeasure = 'count' | 'severity';

/** One catalogue entry. */
export interface IndicatorInfo {
  id: IndicatorId;
  name: string;
  category: ActivityCategory;
  measure: IndicatorMeasure;
  /** Counts towards cumulative exfiltration (30-day volume against peers). */
  exfiltration: boolean;
}

const I = (id: IndicatorId, name: string, category: ActivityCategory, measure: IndicatorMeasure = 'count'): IndicatorInfo => ({
  id,
  name,
  category,
  measure,
  exfiltration:
    category === 'Exfiltration' &&
    measure === 'count' &&
    !['usb_mount', 'browse_leak_site', 'unallowed_domain', 'mail_forward_rule'].includes(id),
});

/** The indicator catalogue (reference/indicators.md). */
export const INDICATORS: Record<IndicatorId, IndicatorInfo> = {
  sharepoint_download: I('sharepoint_download', 'Downloading content from SharePoint or OneDrive', 'Collection'),
  file_archive: I('file_archive', 'Creating archives of files', 'Collection'),
  usb_mount: I('usb_mount', 'Connecting removable media', 'Exfiltration'),
  usb_copy: I('usb_copy', 'Copying files to removable media', 'Exfiltration'),
  cloud_upload: I('cloud_upload', 'Uploading to personal cloud storage or other third-party web storage', 'Exfiltration'),
  print: I('print', 'Printing files', 'Exfiltration'),
  network_share_copy: I('network_share_copy', 'Copying files to a network share', 'Exfiltration'),
  remote_desktop_copy: I('remote_desktop_copy', 'Copying files into a remote desktop session', 'Exfiltration'),
  external_share: I('external_share', 'Sharing files, folders or sites with people outside the organisation', 'Exfiltration'),
  email_external_attachments: I(
    'email_external_attachments',
    'Sending e-mail with attachments to recipients outside the organisation',
    'Exfiltration',
  ),
  email_personal_webmail: I('email_personal_webmail', 'Sending e-mail to a personal webmail address', 'Exfiltration'),
  mail_forward_rule: I('mail_forward_rule', 'Forwarding mail outside the organisation by rule', 'Exfiltration'),
  label_downgrade: I('label_downgrade', 'Downgrading or removing a sensitivity label', 'Obfuscation'),
  file_rename_extension: I('file_rename_extension', 'Renaming files to another extension', 'Obfuscation'),
  mass_delete: I('mass_delete', 'Deleting many files', 'Deletion'),
  after_hours_logon: I('after_hours_logon', "Logging on outside the person's usual hours", 'Access'),
  foreign_device_logon: I('foreign_device_logon', "Logging on to another person's device", 'Access'),
  browse_job_search: I('browse_job_search', 'Visiting job-search sites', 'Access'),
  browse_leak_site: I('browse_leak_site', 'Visiting leak or whistle-blowing sites', 'Exfiltration'),
  browse_cloud_storage: I('browse_cloud_storage', 'Visiting personal cloud storage', 'Access'),
  hacking_tool_download: I(
    'hacking_tool_download',
    'Visiting or downloading from hacking, keylogger or spyware tool sites',
    'Infiltration',
  ),
  unallowed_domain: I('unallowed_domain', 'Activity with an unallowed domain', 'Exfiltration'),
  security_alert: I('security_alert', 'Endpoint security alert', 'Security', 'severity'),
  dlp_match: I('dlp_match', 'DLP policy match', 'Exfiltration', 'severity'),
};

/** True for a known indicator id. */
export function isIndicatorId(value: string): value is IndicatorId {
  return (INDICATOR_IDS as readonly string[]).includes(value);
}

/** Impact levels of a threshold crossing (and severities of alerts). */
export const IMPACT_LEVELS = ['low', 'medium', 'high'] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

/** Daily event counts marking low / medium / high impact. */
export interface Thresholds {
  low: number;
  medium: number;
  high: number;
}

/** Domain categories with shipped default lists, and the three plain domain lists. */
export const DOMAIN_CATEGORIES = ['jobSearch', 'personalCloud', 'personalWebmail', 'leakSites', 'hackingTools'] as const;
export type DomainCategory = (typeof DOMAIN_CATEGORIES)[number];
/** Plain domain lists: unallowed (scored), allowed (never scored), third party. */
export const DOMAIN_LISTS = ['unallowed', 'allowed', 'thirdParty'] as const;
export type DomainList = (typeof DOMAIN_LISTS)[number];

/** Alert volume (Purview's Intelligent detections). */
export const ALERT_VOLUMES = ['fewer', 'default', 'more'] as const;
export type AlertVolume = (typeof ALERT_VOLUMES)[number];

/** Alert statuses (DOMAIN.md §6) as stored and returned. */
export const ALERT_STATUSES = ['NeedsReview', 'Confirmed', 'Dismissed', 'Resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
/** Labels the UI shows for statuses. */
export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = {
  NeedsReview: 'Needs review',
  Confirmed: 'Confirmed',
  Dismissed: 'Dismissed',
  Resolved: 'Resolved',
};

/** Alert severities. */
export const SEVERITIES = ['Low', 'Medium', 'High'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Dismiss reasons (DOMAIN.md §6). */
export const DISMISS_REASONS = ['expectedForUser', 'notImpactful', 'tooMuchActivity'] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];
/** Labels the UI shows for dismiss reasons. */
export const DISMISS_REASON_LABELS: Record<DismissReason, string> = {
  expectedForUser: 'Activity is expected for this user',
  notImpactful: 'Not impactful enough',
  tooMuchActivity: 'Alerts for this user contain too much activity',
};

/** Risk factors the alert queue filters on (DOMAIN.md §6). */
export const RISK_FACTORS = [
  'cumulativeExfiltration',
  'priorityContent',
  'sequence',
  'unallowedDomain',
  'priorityUser',
  'highImpact',
  'unusualActivity',
] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];
/** Labels the UI shows for risk factors. */
export const RISK_FACTOR_LABELS: Record<RiskFactor, string> = {
  cumulativeExfiltration: 'Cumulative exfiltration activities',
  priorityContent: 'Activities include priority content',
  sequence: 'Sequence activities',
  unallowedDomain: 'Activities include unallowed domains',
  priorityUser: 'Member of a priority user group',
  highImpact: 'Potential high impact user',
  unusualActivity: "Activity above the user's usual activity",
};

/** Risk score boosters (DOMAIN.md §5). */
export const BOOSTERS = ['unusualActivity', 'previousViolation', 'priorityUser', 'highImpact'] as const;
export type Booster = (typeof BOOSTERS)[number];
/** Labels the UI shows for boosters. */
export const BOOSTER_LABELS: Record<Booster, string> = {
  unusualActivity: "Activity is above the user's usual activity for that day",
  previousViolation: 'User had a previous case resolved as a policy violation',
  priorityUser: 'User is a member of a priority user group',
  highImpact: 'User is detected as a potential high impact user',
};

/** Policy states: scoring and alerting, paused, or raising test alerts kept out of the main queue. */
export const POLICY_STATES = ['active', 'paused', 'test'] as const;
export type PolicyState = (typeof POLICY_STATES)[number];

/** What puts a person in scope of a policy. */
export const TRIGGER_KINDS = ['departure', 'dlpAlert', 'exfiltration', 'hrStressor', 'securityAlert', 'securityActivity', 'manual'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** Which population a template scores. */
export type TemplatePopulation = 'everyone' | 'departing' | 'priority' | 'risky';

/** One policy template (DOMAIN.md §5). */
export interface TemplateInfo {
  id: TemplateId;
  name: string;
  description: string;
  /** The triggers this template may use. */
  triggers: readonly TriggerKind[];
  population: TemplatePopulation;
  /** Data templates support sequences and cumulative exfiltration. */
  data: boolean;
  /** Indicators switched on by default in a new policy. */
  defaultIndicators: readonly IndicatorId[];
  /** Default past-activity detection window (days before the trigger). */
  defaultPastDays: number;
  /** Default activation window (days after the trigger). */
  defaultActivationDays: number;
}

/** Template ids: kebab-case of the template names. */
export const TEMPLATE_IDS = [
  'data-theft-departing-users',
  'data-leaks',
  'data-leaks-priority-users',
  'data-leaks-risky-users',
  'security-policy-violations',
  'security-policy-violations-departing-users',
  'security-policy-violations-priority-users',
  'security-policy-violations-risky-users',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

const DATA_INDICATORS: readonly IndicatorId[] = [
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
  'browse_leak_site',
  'browse_cloud_storage',
  'unallowed_domain',
  'dlp_match',
];
const SECURITY_INDICATORS: readonly IndicatorId[] = [
  'security_alert',
  'hacking_tool_download',
  'foreign_device_logon',
  'after_hours_logon',
  'usb_mount',
  'label_downgrade',
  'file_rename_extension',
  'mass_delete',
  'unallowed_domain',
];

const template = (info: TemplateInfo): TemplateInfo => info;

/** The templates of DOMAIN.md §5. */
export const TEMPLATES: Record<TemplateId, TemplateInfo> = {
  'data-theft-departing-users': template({
    id: 'data-theft-departing-users',
    name: 'Data theft by departing users',
    description:
      'Scores data collection and exfiltration around an HR resignation or termination date, or a departure seen in directory snapshots.',
    triggers: ['departure'],
    population: 'everyone',
    data: true,
    defaultIndicators: DATA_INDICATORS,
    defaultPastDays: 90,
    defaultActivationDays: 30,
  }),
  'data-leaks': template({
    id: 'data-leaks',
    name: 'Data leaks',
    description:
      'Scores data leaks after a DLP alert of the chosen severity or unusual exfiltration activity (above its trigger threshold, or a new channel or personal destination with a DLP match).',
    triggers: ['dlpAlert', 'exfiltration'],
    population: 'everyone',
    data: true,
    defaultIndicators: DATA_INDICATORS,
    defaultPastDays: 30,
    defaultActivationDays: 30,
  }),
  'data-leaks-priority-users': template({
    id: 'data-leaks-priority-users',
    name: 'Data leaks by priority users',
    description: 'As Data leaks, for members of priority user groups only.',
    triggers: ['dlpAlert', 'exfiltration'],
    population: 'priority',
    data: true,
    defaultIndicators: DATA_INDICATORS,
    defaultPastDays: 30,
    defaultActivationDays: 30,
  }),
  'data-leaks-risky-users': template({
    id: 'data-leaks-risky-users',
    name: 'Data leaks by risky users',
    description: 'Scores data leaks after an HR stressor: a poor performance review, an improvement plan or a demotion.',
    triggers: ['hrStressor'],
    population: 'everyone',
    data: true,
    // A disgruntled person job-hunting is a flight risk: job search counts here (not for leavers, who job-hunt anyway).
    defaultIndicators: [...DATA_INDICATORS, 'browse_job_search'],
    defaultPastDays: 30,
    defaultActivationDays: 30,
  }),
  'security-policy-violations': template({
    id: 'security-policy-violations',
    name: 'Security policy violations',
    description: 'Scores security-policy violations after an endpoint security alert, or a logon to another person\'s device or a hacking-tool download above its trigger level.',
    triggers: ['securityAlert', 'securityActivity'],
    population: 'everyone',
    data: false,
    defaultIndicators: SECURITY_INDICATORS,
    defaultPastDays: 30,
    defaultActivationDays: 30,
  }),
  'security-policy-violations-departing-users': template({
    id: 'security-policy-violations-departing-users',
    name: 'Security policy violations by departing users',
    description:
      'Scores security-policy violations after an endpoint security alert, for persons with a resignation, termination or directory departure.',
    triggers: ['securityAlert', 'securityActivity'],
    population: 'departing',
    data: false,
    defaultIndicators: SECURITY_INDICATORS,
    defaultPastDays: 30,
    defaultActivationDays: 30,
  }),
  'security-policy-violations-priority-users': template({
    id: 'security-policy-violations-priority-users',
    name: 'Security policy violations by priority users',
    description: 'Scores security-policy violations by members of priority user groups after an endpoint security alert.',
    triggers: ['securityAlert', 'securityActivity'],
    population: 'priority',
    data: false,
    defaultIndicators: SECURITY_INDICATORS,
    defaultPastDays: 30,
    defaultActivationDays: 30,
  }),
  'security-policy-violations-risky-users': template({
    id: 'security-policy-violations-risky-users',
    name: 'Security policy violations by risky users',
    description:
      'Scores security-policy violations after an endpoint security alert, for persons with an HR stressor: a poor review, an improvement plan or a demotion.',
    triggers: ['securityAlert', 'securityActivity'],
    population: 'risky',
    data: false,
    defaultIndicators: SECURITY_INDICATORS,
    defaultPastDays: 30,
    defaultActivationDays: 30,
  }),
};

/** True for a known template id. */
export function isTemplateId(value: string): value is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(value);
}

/** Policy health states (Purview's). */
export const POLICY_HEALTH_STATES = ['healthy', 'recommendations', 'warnings'] as const;
export type PolicyHealthState = (typeof POLICY_HEALTH_STATES)[number];

/** Data sources a policy's health and a template's prerequisites name (the UI words them). */
export const HEALTH_DATA_SOURCES = ['hrDepartures', 'hrStressors', 'dlpAlerts', 'securityAlerts'] as const;
export type HealthDataSource = (typeof HEALTH_DATA_SOURCES)[number];

/** What a template needs before its policies can work (the UI words them). */
export const TEMPLATE_PREREQUISITES = [...HEALTH_DATA_SOURCES, 'priorityGroups'] as const;
export type TemplatePrerequisite = (typeof TEMPLATE_PREREQUISITES)[number];

/**
 * Phases a scoring job reports in `job.progress` (the UI translates them; the CLI prints
 * SCORING_PHASE_TEXT). `scoringPolicy` carries the policy's name as the event's message.
 */
export const SCORING_PHASES = ['loading', 'counting', 'classifying', 'judgingLogons', 'classifyingNew', 'scoringPolicy'] as const;
export type ScoringPhase = (typeof SCORING_PHASES)[number];

/** True for a scoring phase code. */
export function isScoringPhase(value: string): value is ScoringPhase {
  return (SCORING_PHASES as readonly string[]).includes(value);
}

/** English words for each scoring phase (CLI progress line). */
export const SCORING_PHASE_TEXT: Record<ScoringPhase, string> = {
  loading: 'loading scoring data',
  counting: 'counting activity per person and day',
  classifying: 'classifying activities',
  judgingLogons: 'judging logons',
  classifyingNew: 'classifying new activities',
  scoringPolicy: 'scoring policy',
};
