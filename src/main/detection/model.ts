/**
 * The scoring model: every number the detection uses, named, in one place. docs/scoring.md shows
 * them as one table; src/main/detection/model.test.ts checks that the document and this file agree.
 * Changing a number here changes scores: bump MODEL_VERSION and say why in docs/scoring.md.
 */
import type { AlertVolume, ImpactLevel, IndicatorId, Severity } from '../../shared/detection';

/** Version of the model; stored with every scoring run's alerts in their explanation. */
export const MODEL_VERSION = 1;

/** Milliseconds in a day; days are UTC days since the epoch. */
export const DAY_MS = 86_400_000;

/** Base points of an insight by the impact level its count (or severity) reached. */
export const LEVEL_POINTS: Record<ImpactLevel, number> = { low: 23, medium: 40, high: 70 };

/** Highest points one insight can carry after boosters. */
export const MAX_INSIGHT_POINTS = 100;

/** Severity bands of the 0–100 risk score (lowest score of each band). */
export const SEVERITY_BANDS: Record<Severity, number> = { Low: 1, Medium: 40, High: 70 };

/** Lowest day score that raises an alert, by alert volume. */
export const ALERT_MIN_SCORE: Record<AlertVolume, number> = { fewer: 50, default: 35, more: 20 };

/** Multiplier applied to every count threshold by alert volume (more alerts: lower thresholds). */
export const ALERT_VOLUME_THRESHOLD_FACTOR: Record<AlertVolume, number> = { fewer: 1.25, default: 1, more: 0.8 };

/** Baseline ("usual activity"): the days before the scored day that form the person's own baseline. */
export const BASELINE_DAYS = 30;
/** A baseline counts only when the person was active on at least this many of its days. */
export const BASELINE_MIN_ACTIVE_DAYS = 10;
/** Booster "above usual": the day's count is at least this many times the baseline daily mean. */
export const UNUSUAL_FACTOR = 3;
/** Booster "above usual" applies from this level up (a low count is not alarming for being new). */
export const UNUSUAL_MIN_LEVEL: ImpactLevel = 'medium';
/** Exfiltration trigger below its level: a first use of a channel, or a personal destination, with a DLP match of at least this severity the same day. */
export const DLP_EXFILTRATION_MIN_SEVERITY: ImpactLevel = 'medium';
/** Exfiltration indicators whose destination is outside the organisation's control by definition. */
export const PERSONAL_DESTINATION_INDICATORS: readonly IndicatorId[] = ['email_personal_webmail', 'cloud_upload'];
/** Booster "above usual" multiplies the insight's points by this. */
export const UNUSUAL_BOOST = 1.5;
/** Booster for a DLP match on a day the person mailed attachments to an external domain new to them (none in a mature baseline): a lone high match becomes a Medium insight (30 × 1.5). */
export const NEW_RECIPIENT_BOOST = 1.5;
/** Booster for returning to another person's device on another day: a return alone is a Medium insight (23 × 2). */
export const RETURN_VISIT_BOOST = 2;
/** Threshold mode "above usual": the count is this many times the baseline mean for low / medium / high. */
export const ABOVE_USUAL_LEVEL_FACTORS: Record<ImpactLevel, number> = { low: 2, medium: 4, high: 8 };
/** Threshold mode "above usual": the baseline mean is taken as at least this (events per day). */
export const ABOVE_USUAL_MIN_BASELINE = 1;

/** Booster: the insight's events touch the policy's priority content. */
export const PRIORITY_CONTENT_BOOST = 1.25;
/** Booster: a previous case of this person closed as a confirmed policy violation. */
export const PREVIOUS_VIOLATION_BOOST = 1.25;
/** Booster: member of a priority user group or potential high-impact person (applied once for both). */
export const PRIORITY_OR_HIGH_IMPACT_BOOST = 1.25;
/** Potential high impact: at least this many direct reports. */
export const HIGH_IMPACT_MIN_DIRECT_REPORTS = 5;
/** Potential high impact: at least this many people below in the management chain. */
export const HIGH_IMPACT_MIN_ALL_REPORTS = 20;
/** Potential high impact: titles naming senior or privileged roles (whole words, case-insensitive). */
export const HIGH_IMPACT_TITLE_WORDS = [
  'chief',
  'president',
  'vp',
  'vice president',
  'director',
  'head',
  'partner',
  'executive',
  'administrator',
  'admin',
  'sysadmin',
  'ceo',
  'cfo',
  'cto',
  'cio',
  'ciso',
  'coo',
] as const;

/** Logons: a local hour is "usual" for a person when they logged on in it on this many days of the baseline. */
export const USUAL_HOUR_MIN_DAYS = 3;
/** Logons: a device is "usual" for a person when they logged on to it on this many days of the baseline. */
export const USUAL_DEVICE_MIN_DAYS = 3;
/** Logons: a device is also usual for a person when it holds this share of all their logon days. */
export const USUAL_DEVICE_MIN_SHARE = 0.2;
/** Logons: a person who logged on to this many other people's devices in the baseline is a roaming user (desk-side support); their logons to others' devices are usual. */
export const ROAMING_MIN_DEVICES = 3;
/** Device owner: the person with the most logon days on it, with at least this many days … */
export const DEVICE_OWNER_MIN_DAYS = 5;
/** … and at least this many times the days of the next most frequent person … */
export const DEVICE_OWNER_LEAD_FACTOR = 2;
/** … and this share of all persons' logon days on it (a personal device, not a shared PC). */
export const DEVICE_OWNER_MIN_SHARE = 0.8;

/** Indicators of one channel: on a day only the strongest of each group counts. */
export const SAME_CHANNEL_INDICATORS = [
  ['usb_mount', 'usb_copy'],
  ['browse_cloud_storage', 'cloud_upload'],
] as const;

/** Sequences: steps on the same file name within this many days form one sequence. */
export const SEQUENCE_MAX_SPAN_DAYS = 7;
/** Sequences: files completing a sequence on one day for low / medium / high. */
export const SEQUENCE_FILE_THRESHOLDS: Record<ImpactLevel, number> = { low: 3, medium: 10, high: 30 };
/** Sequences of this many step kinds or more (e.g. collect → obfuscate → exfiltrate) are "long". */
export const SEQUENCE_LONG_STEPS = 3;
/** A file in a long sequence counts this many times towards the sequence thresholds. */
export const SEQUENCE_LONG_WEIGHT = 3;

/** Cumulative exfiltration: the window of the person's exfiltration volume. */
export const CUMULATIVE_DAYS = 30;
/** Cumulative exfiltration: the volume must be at least this many events … */
export const CUMULATIVE_MIN_EVENTS = 20;
/** … and this many times the peer group's 90th percentile (taken as at least CUMULATIVE_PEER_FLOOR). */
export const CUMULATIVE_PEER_FACTORS: Record<ImpactLevel, number> = { low: 3, medium: 5, high: 10 };
/** The peer group's 90th percentile is taken as at least this many events. */
export const CUMULATIVE_PEER_FLOOR = 5;
/** The percentile of the peer group's volumes that a person is compared with. */
export const CUMULATIVE_PEER_PERCENTILE = 0.9;
/** Peer groups smaller than this (without the person) fall back to business unit, then everyone. */
export const CUMULATIVE_MIN_PEERS = 5;

/** Severity of external alerts (security, DLP) as impact levels; informational alerts are not scored. */
export const EXTERNAL_SEVERITY_LEVEL: Record<'informational' | 'low' | 'medium' | 'high', ImpactLevel | null> = {
  informational: null,
  low: 'low',
  medium: 'medium',
  high: 'high',
};

/**
 * Base points of an alert from another tool (security_alert, dlp_match) by its severity: lower than
 * activity at the same level, since that tool has already alerted on it; IRM adds activity around it.
 * A medium one weighs as much as a low-level activity insight, so with one it makes a Medium.
 */
export const EXTERNAL_ALERT_POINTS: Record<ImpactLevel, number> = { low: 10, medium: 23, high: 30 };

/** Manual additions are scored from this many days before they were added. */
export const MANUAL_LOOKBACK_DAYS = 90;
/** Populations of the security sub-templates: the HR event may lie this many days before the alert. */
export const POPULATION_EVENT_LOOKBACK_DAYS = 180;

/** Policy health: the trigger fires for more than this share of the people in scope. */
export const HEALTH_TRIGGER_SHARE = 0.15;
/** Policy health: a data source whose newest import is older than this many days is stale. */
export const HEALTH_STALE_DAYS = 7;

/** Contributing events stored per insight (the explanation still states the full count). */
export const MAX_EVENTS_PER_INSIGHT = 500;

/** File extensions that make a written or copied file an archive (file_archive). */
export const ARCHIVE_EXTENSIONS = ['zip', '7z', 'rar', 'tar', 'gz', 'tgz', 'bz2', 'xz', 'cab'] as const;

/** The severity of a 0–100 score. */
export function severityOf(score: number): Severity {
  if (score >= SEVERITY_BANDS.High) return 'High';
  if (score >= SEVERITY_BANDS.Medium) return 'Medium';
  return 'Low';
}

/** Combines insight points into a day score: 100 × (1 − Π(1 − pᵢ/100)), rounded; never lower than the largest pᵢ. */
export function combinePoints(points: readonly number[]): number {
  let remaining = 1;
  for (const p of points) remaining *= 1 - Math.min(MAX_INSIGHT_POINTS, Math.max(0, p)) / 100;
  return Math.min(100, Math.round(100 * (1 - remaining)));
}

/** The level a count reaches against thresholds, or null below low. */
export function levelOf(count: number, thresholds: { low: number; medium: number; high: number }): ImpactLevel | null {
  if (count >= thresholds.high) return 'high';
  if (count >= thresholds.medium) return 'medium';
  if (count >= thresholds.low) return 'low';
  return null;
}

/** One level up (high stays high). */
export function raiseLevel(level: ImpactLevel): ImpactLevel {
  return level === 'low' ? 'medium' : 'high';
}
