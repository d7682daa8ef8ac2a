/**
 * The detection settings (Policies → Settings): one entry per key with its zod schema, shipped
 * default (resources/detection/*.json) and summary. Spread into SETTINGS in settingsStore.ts so
 * there is one registry, one CLI (`irm settings`) and one audit trail for every setting.
 */
import { z } from 'zod';
import thresholdFile from '../../../resources/detection/thresholds.json';
import domainFile from '../../../resources/detection/domains.json';
import {
  INDICATOR_IDS,
  INDICATORS,
  type DomainCategory,
  type DomainList,
  type IndicatorId,
  type Thresholds,
} from '../../shared/detection';
import {
  alertVolumeSchema,
  businessHoursSchema,
  domainList,
  fileTypeList,
  keywordList,
  pathPatternList,
  thresholdsSchema,
  type BusinessHoursEntry,
} from '../../shared/contract/settings';

/** One registry entry. */
export interface SettingSpec<S extends z.ZodType> {
  schema: S;
  default: z.infer<S>;
  summary: string;
}

/** Indicators whose impact is a daily event count (the others take the source's severity). */
export type CountIndicator = Exclude<IndicatorId, 'security_alert' | 'dlp_match'>;
/** The count-measured indicator ids (the ones with thresholds). */
export const COUNT_INDICATORS = INDICATOR_IDS.filter((id): id is CountIndicator => INDICATORS[id].measure === 'count');

/** The shipped default thresholds of an indicator. */
export function shippedThresholds(id: IndicatorId): Thresholds {
  const triple = (thresholdFile as unknown as Record<string, [number, number, number]>)[id];
  if (!triple) throw new Error(`resources/detection/thresholds.json has no entry for ${id}`);
  return { low: triple[0], medium: triple[1], high: triple[2] };
}

/** The shipped default domain list of a category. */
export function shippedDomains(category: DomainCategory): string[] {
  const list = (domainFile as unknown as Record<string, string[]>)[category];
  if (!list) throw new Error(`resources/detection/domains.json has no list ${category}`);
  return domainList.parse(list);
}

/** Default business hours: 08:00–18:00 UTC on weekdays for every region. */
export const DEFAULT_BUSINESS_HOURS: BusinessHoursEntry[] = [
  { region: '*', timeZone: 'UTC', start: '08:00', end: '18:00', workdays: [1, 2, 3, 4, 5] },
];

/** Purview's default path exclusions (temporary and application-data folders). */
export const DEFAULT_PATH_EXCLUSIONS = [
  '\\Users\\*\\AppData',
  '\\Users\\*\\AppData\\Local',
  '\\Users\\*\\AppData\\Roaming',
  '\\Users\\*\\AppData\\Local\\Temp',
];

type IndicatorSwitches = { [K in IndicatorId as `indicators.${K}`]: SettingSpec<z.ZodBoolean> };
type IndicatorThresholds = { [K in CountIndicator as `thresholds.${K}`]: SettingSpec<typeof thresholdsSchema> };

function indicatorSwitches(): IndicatorSwitches {
  return Object.fromEntries(
    INDICATOR_IDS.map((id) => [
      `indicators.${id}`,
      { schema: z.boolean(), default: true, summary: `Indicator on/off: ${INDICATORS[id].name}.` },
    ]),
  ) as IndicatorSwitches;
}

function indicatorThresholds(): IndicatorThresholds {
  return Object.fromEntries(
    COUNT_INDICATORS.map((id) => [
      `thresholds.${id}`,
      {
        schema: thresholdsSchema,
        default: shippedThresholds(id),
        summary: `Default daily low / medium / high counts: ${INDICATORS[id].name}.`,
      },
    ]),
  ) as IndicatorThresholds;
}

const domains = (category: DomainCategory, summary: string): SettingSpec<typeof domainList> => ({
  schema: domainList,
  default: shippedDomains(category),
  summary,
});
const plainList = (summary: string): SettingSpec<typeof domainList> => ({ schema: domainList, default: [], summary });

/** Every detection setting. */
export const DETECTION_SETTINGS = {
  ...indicatorSwitches(),
  ...indicatorThresholds(),
  'domains.jobSearch': domains('jobSearch', 'Job-search sites (a domain matches its subdomains).'),
  'domains.personalCloud': domains('personalCloud', 'Personal cloud storage and file-transfer services.'),
  'domains.personalWebmail': domains('personalWebmail', 'Personal webmail providers (e-mail recipients and web visits).'),
  'domains.leakSites': domains('leakSites', 'Leak, paste and whistle-blowing sites.'),
  'domains.hackingTools': domains('hackingTools', 'Hacking, keylogger, spyware, remote-access and password-cracking tool sites.'),
  'domains.unallowed': plainList('Unallowed domains: any activity with them is scored.'),
  'domains.allowed': plainList('Allowed domains: activity with them is never scored.'),
  'domains.thirdParty': plainList('Third-party (business partner) domains: not the organisation, not personal.'),
  'organisation.domains': plainList("The organisation's own e-mail domains; empty means detected from rosters and imports."),
  'detection.businessHours': {
    schema: businessHoursSchema,
    default: DEFAULT_BUSINESS_HOURS,
    summary: 'Business hours and time zone per region (region "*" is the default).',
  } satisfies SettingSpec<typeof businessHoursSchema>,
  'exclusions.fileTypes': {
    schema: fileTypeList,
    default: [],
    summary: 'File types never scored (extensions, e.g. mp3).',
  } satisfies SettingSpec<typeof fileTypeList>,
  'exclusions.paths': {
    schema: pathPatternList,
    default: DEFAULT_PATH_EXCLUSIONS,
    summary: 'File paths never scored (`*` matches anything).',
  } satisfies SettingSpec<typeof pathPatternList>,
  'exclusions.keywords': {
    schema: keywordList,
    default: [],
    summary: 'Keywords in file names, paths or subjects that exclude an activity.',
  } satisfies SettingSpec<typeof keywordList>,
  'alerts.volume': {
    schema: alertVolumeSchema,
    default: 'default',
    summary: 'Alert volume: fewer (all High, fewer Medium, no Low), default, or more (most Low).',
  } satisfies SettingSpec<typeof alertVolumeSchema>,
};

/** The setting key of a domain category or list. */
export function domainSettingKey(list: DomainCategory | DomainList): `domains.${DomainCategory | DomainList}` {
  return `domains.${list}`;
}

/** Short names the CLI accepts for settings (`irm settings set anonymization off`). */
export const SETTING_ALIASES: Record<string, string> = {
  anonymization: 'privacy.anonymization',
  'alert-volume': 'alerts.volume',
  'alert.volume': 'alerts.volume',
  'organisation-domains': 'organisation.domains',
  'business-hours': 'detection.businessHours',
};
