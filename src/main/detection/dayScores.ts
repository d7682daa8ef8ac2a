/**
 * The scoring model applied to one person, one policy, one day (pure: no database). Indicator
 * counts against thresholds give base points; boosters multiply them; sequences and cumulative
 * exfiltration add insights of their own; a day's insights combine into its 0–100 score. Every
 * number comes from model.ts; every insight says which threshold it crossed and why it has its points.
 */
import { INDICATORS, type Booster, type ImpactLevel, type IndicatorId, type Thresholds } from '../../shared/detection';
import type { InsightFacts } from '../../shared/contract';
import {
  ABOVE_USUAL_LEVEL_FACTORS,
  ABOVE_USUAL_MIN_BASELINE,
  BASELINE_DAYS,
  BASELINE_MIN_ACTIVE_DAYS,
  CUMULATIVE_DAYS,
  CUMULATIVE_MIN_EVENTS,
  CUMULATIVE_PEER_FACTORS,
  CUMULATIVE_PEER_FLOOR,
  DAY_MS,
  EXTERNAL_ALERT_POINTS,
  EXTERNAL_SEVERITY_LEVEL,
  LEVEL_POINTS,
  MAX_INSIGHT_POINTS,
  NEW_RECIPIENT_BOOST,
  PRIORITY_CONTENT_BOOST,
  RETURN_VISIT_BOOST,
  SAME_CHANNEL_INDICATORS,
  SEQUENCE_FILE_THRESHOLDS,
  SEQUENCE_LONG_WEIGHT,
  UNUSUAL_BOOST,
  UNUSUAL_FACTOR,
  UNUSUAL_MIN_LEVEL,
  combinePoints,
  levelOf,
} from './model';

/** A booster as applied to one insight. */
export interface AppliedBooster {
  booster: Booster | 'priorityContent' | 'returnVisit' | 'newRecipient';
  factor: number;
}

/** One contribution to a day's score. */
export interface Insight {
  day: number;
  kind: 'indicator' | 'sequence' | 'cumulativeExfiltration';
  indicator: IndicatorId | null;
  count: number;
  level: ImpactLevel;
  threshold: number;
  basePoints: number;
  boosters: AppliedBooster[];
  boosterFactor: number;
  points: number;
  unusual: boolean;
  priorityContent: boolean;
  unallowedDomain: boolean;
  detail: string;
  /** What `detail` says beyond the numbers above, for the UI to word in its language. */
  facts: InsightFacts;
  /** External alert ids (severity indicators). */
  externalAlertIds: number[];
}

/** A scored day. */
export interface DayScore {
  day: number;
  score: number;
  insights: Insight[];
}

/** The indicator closest to its low threshold on a day without a crossing. */
export interface NearestIndicator {
  indicator: IndicatorId;
  count: number;
  threshold: number;
}

/** A policy's scoring parameters, resolved (effective thresholds already scaled by alert volume). */
export interface ScoringParameters {
  indicators: { id: IndicatorId; thresholds: Thresholds; aboveUsual: boolean }[];
  sequences: boolean;
  cumulative: boolean;
  unusualBooster: boolean;
  /** Person-level boosters that apply to this person under this policy. */
  personBoosters: AppliedBooster[];
  /** Priority content defined (and not "only priority content"): insights touching it are boosted. */
  priorityContentBoost: boolean;
}

/** One person's inputs for the days scored (and the baseline days before them). */
export interface PersonScoringData {
  /** day → indicator → count (all activity, or only priority content in "only" mode). */
  counts: Map<number, Map<IndicatorId, number>>;
  /** day → indicator → count of events touching priority content (null: no priority content defined). */
  priorityCounts: Map<number, Map<IndicatorId, number>> | null;
  /** Days with any activity. */
  activeDays: Set<number>;
  sequences: Map<number, { files: number; longFiles: number }>;
  externalAlerts: {
    id: number;
    day: number;
    source: 'dlp' | 'security';
    severity: 'informational' | 'low' | 'medium' | 'high';
    withdrawn: boolean;
    title: string | null;
  }[];
  /** day → a colleague's device the person logged on to that day and on an earlier day too (absent: none). */
  foreignReturns?: Map<number, { device: string; previousDay: number }>;
  /** day → external domains first mailed attachments to that day, on DLP-match days (absent: none). */
  newRecipients?: Map<number, string[]>;
}

/** Cumulative exfiltration of the person on a day, with the peer group's percentile. */
export interface CumulativeFacts {
  day: number;
  volume: number;
  peerPercentile: number;
  peerGroup: string;
}

const LEVEL_ORDER: Record<ImpactLevel, number> = { low: 1, medium: 2, high: 3 };

/** Product of booster factors, rounded to 4 decimals so explanations are stable. */
function productOf(boosters: AppliedBooster[]): number {
  return Math.round(boosters.reduce((product, b) => product * b.factor, 1) * 10_000) / 10_000;
}

/** A mean as `detail` shows it (two decimals), as a number. */
function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function pointsOf(base: number, factor: number): number {
  return Math.min(MAX_INSIGHT_POINTS, Math.round(base * factor));
}

/** Mean daily count of an indicator over the BASELINE_DAYS before a day, and whether the baseline is mature. */
export function baselineOf(data: PersonScoringData, indicator: IndicatorId, day: number): { mean: number; mature: boolean } {
  let sum = 0;
  let active = 0;
  for (let d = day - BASELINE_DAYS; d < day; d++) {
    sum += data.counts.get(d)?.get(indicator) ?? 0;
    if (data.activeDays.has(d)) active++;
  }
  return { mean: sum / BASELINE_DAYS, mature: active >= BASELINE_MIN_ACTIVE_DAYS };
}

function describeCount(
  indicator: IndicatorId,
  count: number,
  level: ImpactLevel,
  threshold: number,
  aboveUsual: { mean: number } | null,
): string {
  const name = INDICATORS[indicator].name;
  if (aboveUsual) {
    return `${name}: ${count} event(s), at least ${ABOVE_USUAL_LEVEL_FACTORS[level]}× the usual ${aboveUsual.mean.toFixed(2)} a day (${level} from ${threshold})`;
  }
  return `${name}: ${count} event(s) ≥ ${level} threshold ${threshold}`;
}

/** Scores one indicator on one day; returns the insight, or the distance to the low threshold. */
export function indicatorInsight(
  data: PersonScoringData,
  parameters: ScoringParameters,
  indicator: { id: IndicatorId; thresholds: Thresholds; aboveUsual: boolean },
  day: number,
): { insight: Insight | null; nearest: NearestIndicator | null } {
  const count = data.counts.get(day)?.get(indicator.id) ?? 0;
  if (count === 0) return { insight: null, nearest: null };
  const baseline = baselineOf(data, indicator.id, day);
  let level: ImpactLevel | null;
  let threshold: number;
  let aboveUsual: { mean: number } | null = null;
  if (indicator.aboveUsual && baseline.mature) {
    const usual = Math.max(baseline.mean, ABOVE_USUAL_MIN_BASELINE);
    const usualThresholds = {
      low: Math.ceil(usual * ABOVE_USUAL_LEVEL_FACTORS.low),
      medium: Math.ceil(usual * ABOVE_USUAL_LEVEL_FACTORS.medium),
      high: Math.ceil(usual * ABOVE_USUAL_LEVEL_FACTORS.high),
    };
    level = levelOf(count, usualThresholds);
    threshold = level ? usualThresholds[level] : usualThresholds.low;
    aboveUsual = { mean: baseline.mean };
  } else {
    level = levelOf(count, indicator.thresholds);
    threshold = level ? indicator.thresholds[level] : indicator.thresholds.low;
  }
  if (!level) return { insight: null, nearest: { indicator: indicator.id, count, threshold } };

  const boosters: AppliedBooster[] = [];
  // A low count is not made alarming by being new: unusual needs the medium level too. Returning to
  // another person's device on a second day is unusual at any count (a desk visit happens once).
  const returned = indicator.id === 'foreign_device_logon' ? (data.foreignReturns?.get(day) ?? null) : null;
  const unusual =
    returned !== null ||
    (baseline.mature && count >= UNUSUAL_FACTOR * baseline.mean && LEVEL_ORDER[level] >= LEVEL_ORDER[UNUSUAL_MIN_LEVEL]);
  if (parameters.unusualBooster && returned) boosters.push({ booster: 'returnVisit', factor: RETURN_VISIT_BOOST });
  else if (parameters.unusualBooster && unusual) boosters.push({ booster: 'unusualActivity', factor: UNUSUAL_BOOST });
  const priorityContent = (data.priorityCounts?.get(day)?.get(indicator.id) ?? 0) > 0;
  if (parameters.priorityContentBoost && priorityContent)
    boosters.push({ booster: 'priorityContent', factor: PRIORITY_CONTENT_BOOST });
  boosters.push(...parameters.personBoosters);
  const basePoints = LEVEL_POINTS[level];
  const boosterFactor = productOf(boosters);
  return {
    insight: {
      day,
      kind: 'indicator',
      indicator: indicator.id,
      count,
      level,
      threshold,
      basePoints,
      boosters,
      boosterFactor,
      points: pointsOf(basePoints, boosterFactor),
      unusual,
      priorityContent,
      unallowedDomain: indicator.id === 'unallowed_domain',
      detail:
        describeCount(indicator.id, count, level, threshold, aboveUsual) +
        (returned
          ? `; returned to ${returned.device}, also used on ${new Date(returned.previousDay * DAY_MS).toISOString().slice(0, 10)}`
          : unusual
            ? `; usual ${baseline.mean.toFixed(2)} a day`
            : ''),
      facts: {
        ...(aboveUsual ? { aboveUsualPerDay: round2(aboveUsual.mean), aboveUsualFactor: ABOVE_USUAL_LEVEL_FACTORS[level] } : {}),
        ...(returned
          ? { returnedTo: returned.device, returnedPreviousDay: returned.previousDay * DAY_MS }
          : unusual
            ? { usualPerDay: round2(baseline.mean) }
            : {}),
      },
      externalAlertIds: [],
    },
    nearest: null,
  };
}

/** Scores a severity-measured indicator (security_alert, dlp_match) on one day. */
export function severityInsight(
  data: PersonScoringData,
  parameters: ScoringParameters,
  indicator: 'security_alert' | 'dlp_match',
  day: number,
): Insight | null {
  const source = indicator === 'security_alert' ? 'security' : 'dlp';
  const alerts = data.externalAlerts.filter(
    (a) => a.day === day && a.source === source && !a.withdrawn && EXTERNAL_SEVERITY_LEVEL[a.severity] !== null,
  );
  if (alerts.length === 0) return null;
  let level: ImpactLevel = 'low';
  for (const alert of alerts) {
    const alertLevel = EXTERNAL_SEVERITY_LEVEL[alert.severity]!;
    if (LEVEL_ORDER[alertLevel] > LEVEL_ORDER[level]) level = alertLevel;
  }
  // A DLP match on a day the person mailed attachments to a domain they never wrote to before:
  // the sensitive content most likely went to that new recipient.
  const newDomains = indicator === 'dlp_match' ? (data.newRecipients?.get(day) ?? null) : null;
  const boosters: AppliedBooster[] = [];
  if (parameters.unusualBooster && newDomains) boosters.push({ booster: 'newRecipient', factor: NEW_RECIPIENT_BOOST });
  boosters.push(...parameters.personBoosters);
  const basePoints = EXTERNAL_ALERT_POINTS[level];
  const boosterFactor = productOf(boosters);
  const titles = [...new Set(alerts.map((a) => a.title).filter((t): t is string => !!t))].slice(0, 3);
  const shownDomains = newDomains?.slice(0, 3) ?? [];
  return {
    day,
    kind: 'indicator',
    indicator,
    count: alerts.length,
    level,
    threshold: 1,
    basePoints,
    boosters,
    boosterFactor,
    points: pointsOf(basePoints, boosterFactor),
    unusual: newDomains !== null,
    priorityContent: false,
    unallowedDomain: false,
    detail:
      `${INDICATORS[indicator].name}: ${alerts.length} alert(s), highest severity ${level}${titles.length ? ` (${titles.join('; ')})` : ''}` +
      (newDomains ? `; attachments mailed that day to a domain new to the person: ${shownDomains.join(', ')}` : ''),
    facts: { ...(titles.length ? { alertTitles: titles } : {}), ...(newDomains ? { newRecipientDomains: shownDomains } : {}) },
    externalAlertIds: alerts.map((a) => a.id),
  };
}

/** Scores the sequences completed on one day. */
export function sequenceInsight(data: PersonScoringData, parameters: ScoringParameters, day: number): Insight | null {
  const sequences = data.sequences.get(day);
  if (!sequences) return null;
  const weighted = sequences.files + (SEQUENCE_LONG_WEIGHT - 1) * sequences.longFiles;
  const level = levelOf(weighted, SEQUENCE_FILE_THRESHOLDS);
  if (!level) return null;
  const boosters = [...parameters.personBoosters];
  const basePoints = LEVEL_POINTS[level];
  const boosterFactor = productOf(boosters);
  return {
    day,
    kind: 'sequence',
    indicator: null,
    count: weighted,
    level,
    threshold: SEQUENCE_FILE_THRESHOLDS[level],
    basePoints,
    boosters,
    boosterFactor,
    points: pointsOf(basePoints, boosterFactor),
    unusual: false,
    priorityContent: false,
    unallowedDomain: false,
    detail:
      `Sequences: ${sequences.files} file(s) collected or obfuscated then exfiltrated, or exfiltrated then deleted, within days` +
      (sequences.longFiles ? `; ${sequences.longFiles} with three or more steps (each counts ${SEQUENCE_LONG_WEIGHT}×)` : '') +
      ` → weighted ${weighted} ≥ ${level} threshold ${SEQUENCE_FILE_THRESHOLDS[level]}`,
    facts: { sequenceFiles: sequences.files, sequenceLongFiles: sequences.longFiles, sequenceLongWeight: SEQUENCE_LONG_WEIGHT },
    externalAlertIds: [],
  };
}

/** Scores cumulative exfiltration on its strongest day. */
export function cumulativeInsight(facts: CumulativeFacts, parameters: ScoringParameters): Insight | null {
  if (facts.volume < CUMULATIVE_MIN_EVENTS) return null;
  const reference = Math.max(facts.peerPercentile, CUMULATIVE_PEER_FLOOR);
  const thresholds = {
    low: Math.max(CUMULATIVE_MIN_EVENTS, Math.ceil(reference * CUMULATIVE_PEER_FACTORS.low)),
    medium: Math.max(CUMULATIVE_MIN_EVENTS, Math.ceil(reference * CUMULATIVE_PEER_FACTORS.medium)),
    high: Math.max(CUMULATIVE_MIN_EVENTS, Math.ceil(reference * CUMULATIVE_PEER_FACTORS.high)),
  };
  const level = levelOf(facts.volume, thresholds);
  if (!level) return null;
  const boosters = [...parameters.personBoosters];
  const basePoints = LEVEL_POINTS[level];
  const boosterFactor = productOf(boosters);
  return {
    day: facts.day,
    kind: 'cumulativeExfiltration',
    indicator: null,
    count: facts.volume,
    level,
    threshold: thresholds[level],
    basePoints,
    boosters,
    boosterFactor,
    points: pointsOf(basePoints, boosterFactor),
    unusual: false,
    priorityContent: false,
    unallowedDomain: false,
    detail: `Cumulative exfiltration: ${facts.volume} exfiltration events in ${CUMULATIVE_DAYS} days, ${CUMULATIVE_PEER_FACTORS[level]}× or more the ${facts.peerGroup} peer group's 90th percentile ${facts.peerPercentile} → ${level} (threshold ${thresholds[level]})`,
    facts: {
      cumulativeDays: CUMULATIVE_DAYS,
      peerGroup: facts.peerGroup,
      peerPercentile: facts.peerPercentile,
      peerFactor: CUMULATIVE_PEER_FACTORS[level],
    },
    externalAlertIds: [],
  };
}

/**
 * Indicators of one channel (connecting a USB drive and copying to it; visiting personal cloud
 * storage and uploading to it) describe one behaviour: on a day only the strongest of them counts;
 * the others stay in the explanation with 0 points.
 */
function countChannelsOnce(insights: Insight[]): void {
  for (const channel of SAME_CHANNEL_INDICATORS) {
    const members = insights.filter((i) => i.indicator !== null && (channel as readonly string[]).includes(i.indicator));
    if (members.length < 2) continue;
    // The strongest; on a tie the more specific indicator (later in the group, e.g. the copy, not the mount).
    const rank = (i: Insight) => (channel as readonly string[]).indexOf(i.indicator!);
    const strongest = members.reduce((best, i) => (i.points > best.points || (i.points === best.points && rank(i) > rank(best)) ? i : best));
    for (const insight of members) {
      if (insight === strongest || insight.points === 0) continue;
      insight.detail += ` — counted once with ${strongest.indicator} (same channel): 0 points`;
      insight.facts = { ...insight.facts, countedWith: strongest.indicator! };
      insight.points = 0;
    }
  }
}

/** Scores the days of a window: every insight of each day, and the day's combined score. */
export function scoreDays(
  days: readonly number[],
  data: PersonScoringData,
  parameters: ScoringParameters,
  cumulative: CumulativeFacts | null,
): { days: DayScore[]; nearest: NearestIndicator | null } {
  const results: DayScore[] = [];
  let nearest: NearestIndicator | null = null;
  const cumulativeEntry = cumulative && parameters.cumulative ? cumulativeInsight(cumulative, parameters) : null;
  for (const day of days) {
    const insights: Insight[] = [];
    for (const indicator of parameters.indicators) {
      if (INDICATORS[indicator.id].measure === 'severity') {
        const insight = severityInsight(data, parameters, indicator.id as 'security_alert' | 'dlp_match', day);
        if (insight) insights.push(insight);
        continue;
      }
      const result = indicatorInsight(data, parameters, indicator, day);
      if (result.insight) insights.push(result.insight);
      if (result.nearest && (!nearest || result.nearest.count / result.nearest.threshold > nearest.count / nearest.threshold))
        nearest = result.nearest;
    }
    if (parameters.sequences) {
      const insight = sequenceInsight(data, parameters, day);
      if (insight) insights.push(insight);
    }
    if (cumulativeEntry && cumulativeEntry.day === day) insights.push(cumulativeEntry);
    countChannelsOnce(insights);
    if (insights.length > 0) results.push({ day, score: combinePoints(insights.map((i) => i.points)), insights });
  }
  return { days: results, nearest };
}
