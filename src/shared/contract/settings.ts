/**
 * Contract: Policies → Settings (indicators, thresholds, domain lists, organisation domains,
 * business hours, exclusions, alert volume, anonymization). The value schemas live here so the
 * backend registry, the CLI and the UI validate the same way.
 */
import { z } from 'zod';
import { ALERT_VOLUMES } from '../detection';
import { method, noInput } from './spec';

/** A domain as typed (`Example.com`, `*.example.com`, `https://example.com/path`) normalised to `example.com`. */
export const domainName = z
  .string()
  .trim()
  .max(253)
  .transform((text) =>
    text
      .toLowerCase()
      .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
      .replace(/[/?#].*$/, '')
      .replace(/:\d+$/, '')
      .replace(/^\*\./, '')
      .replace(/\.$/, ''),
  )
  .pipe(z.string().regex(/^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a domain such as example.com'));

/** A list of domains (each matches itself and its subdomains), de-duplicated and sorted. */
export const domainList = z
  .array(domainName)
  .max(5000)
  .transform((list) => [...new Set(list)].sort());

/** Low / medium / high daily counts, each at least 1 and not decreasing. */
export const thresholdsSchema = z
  .object({
    low: z.number().int().min(1).max(100_000),
    medium: z.number().int().min(1).max(100_000),
    high: z.number().int().min(1).max(100_000),
  })
  .strict()
  .refine((t) => t.low <= t.medium && t.medium <= t.high, 'low ≤ medium ≤ high');

/** True when the runtime knows this IANA time zone. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM (24-hour)');

/** Business hours for one region (`*` is the default for regions not listed). */
export const businessHoursEntry = z
  .object({
    region: z.string().trim().min(1).max(100),
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin'),
    start: clockTime,
    end: clockTime,
    /** Working days, 0 = Sunday … 6 = Saturday. */
    workdays: z.array(z.number().int().min(0).max(6)).max(7),
  })
  .strict()
  .refine((entry) => entry.start < entry.end, 'start before end');
export type BusinessHoursEntry = z.infer<typeof businessHoursEntry>;

/** Business hours per region; exactly one `*` entry is the default. */
export const businessHoursSchema = z
  .array(businessHoursEntry)
  .min(1)
  .max(200)
  .refine((list) => list.filter((entry) => entry.region === '*').length === 1, 'exactly one default entry with region "*"')
  .refine((list) => new Set(list.map((entry) => entry.region.toLowerCase())).size === list.length, 'one entry per region');

/** File extensions without the dot, lower-cased. */
export const fileTypeList = z
  .array(
    z
      .string()
      .trim()
      .transform((text) => text.toLowerCase().replace(/^\*?\./, ''))
      .pipe(z.string().regex(/^[a-z0-9_-]{1,16}$/, 'an extension such as mp3')),
  )
  .max(500)
  .transform((list) => [...new Set(list)].sort());

/** Path patterns (`*` matches any run of characters, case-insensitive, `/` and `\` alike). */
export const pathPatternList = z.array(z.string().trim().min(2).max(400)).max(500);

/** Keywords matched case-insensitively in file names, paths and e-mail subjects. */
export const keywordList = z.array(z.string().trim().min(2).max(200)).max(500);

/** Alert volume: fewer, default or more. */
export const alertVolumeSchema = z.enum(ALERT_VOLUMES);

/** The groups the Settings page shows. */
export const SETTING_GROUPS = [
  'indicators',
  'thresholds',
  'domains',
  'organisation',
  'businessHours',
  'exclusions',
  'alerts',
  'privacy',
  'session',
  'other',
] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

/** One setting as the Settings page shows it. */
export const settingView = z.object({
  key: z.string(),
  group: z.enum(SETTING_GROUPS),
  summary: z.string(),
  value: z.unknown(),
  defaultValue: z.unknown(),
  isDefault: z.boolean(),
  updatedAt: z.number().int().nullable(),
});
export type SettingView = z.infer<typeof settingView>;

const settingKey = z.string().trim().min(1).max(200);
const reason = z.string().trim().min(3, 'at least 3 characters').max(1000);

/** Contract entries of Policies → Settings. */
export const settingsMethods = {
  'settings.list': method({
    summary: 'Every setting with its current value, default and summary.',
    input: noInput,
    output: z.object({ settings: z.array(settingView) }),
    permission: 'configure',
    audit: 'settings',
  }),
  'settings.get': method({
    summary: 'One setting by key.',
    input: z.object({ key: settingKey }).strict(),
    output: settingView,
    permission: 'configure',
    audit: 'settings',
  }),
  'settings.set': method({
    summary:
      'Change one setting (not anonymization, which has its own method); detection settings mark scoring for a full re-score.',
    input: z.object({ key: settingKey, value: z.unknown(), reason: reason.optional() }).strict(),
    output: settingView,
    permission: 'configure',
    audit: 'settings',
  }),
  'settings.reset': method({
    summary: 'Put one setting back to its shipped default.',
    input: z.object({ key: settingKey, reason: reason.optional() }).strict(),
    output: settingView,
    permission: 'configure',
    audit: 'settings',
  }),
  'settings.setAnonymization': method({
    summary: 'Turn anonymization on or off; turning it off needs a reason and a fresh password.',
    input: z.object({ enabled: z.boolean(), reason: reason.optional() }).strict(),
    output: z.object({ enabled: z.boolean() }),
    permission: 'configure',
    audit: 'privacy',
    reauth: true,
  }),
  'settings.organisationDomains': method({
    summary: "The organisation's e-mail domains: configured, detected from imports, and the ones in effect.",
    input: noInput,
    output: z.object({
      configured: z.array(z.string()),
      detected: z.array(z.object({ domain: z.string(), persons: z.number().int(), share: z.number() })),
      effective: z.array(z.string()),
    }),
    permission: 'configure',
    audit: 'settings',
  }),
};
