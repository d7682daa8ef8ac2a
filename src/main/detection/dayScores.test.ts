/** The scoring model on one person: thresholds at their edges, boosters, sequences, cumulative exfiltration, monotonicity. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndicatorId } from '../../shared/detection';
import {
  cumulativeInsight,
  indicatorInsight,
  scoreDays,
  sequenceInsight,
  severityInsight,
  type PersonScoringData,
  type ScoringParameters,
} from './dayScores';
import {
  BASELINE_DAYS,
  BASELINE_MIN_ACTIVE_DAYS,
  CUMULATIVE_PEER_FACTORS,
  LEVEL_POINTS,
  PREVIOUS_VIOLATION_BOOST,
  PRIORITY_OR_HIGH_IMPACT_BOOST,
  SEQUENCE_FILE_THRESHOLDS,
  SEQUENCE_LONG_WEIGHT,
  UNUSUAL_BOOST,
  combinePoints,
  severityOf,
} from './model';

const USB = { id: 'usb_copy' as IndicatorId, thresholds: { low: 5, medium: 20, high: 50 }, aboveUsual: false };
const CLOUD = { id: 'cloud_upload' as IndicatorId, thresholds: { low: 3, medium: 10, high: 30 }, aboveUsual: false };
const DAY = 100;

function data(counts: Record<number, Partial<Record<IndicatorId, number>>>, activeDays: number[] = []): PersonScoringData {
  return {
    counts: new Map(
      Object.entries(counts).map(([day, perDay]) => [Number(day), new Map(Object.entries(perDay) as [IndicatorId, number][])]),
    ),
    priorityCounts: null,
    activeDays: new Set(activeDays),
    sequences: new Map(),
    externalAlerts: [],
  };
}

function parameters(overrides: Partial<ScoringParameters> = {}): ScoringParameters {
  return {
    indicators: [USB, CLOUD],
    sequences: true,
    cumulative: true,
    unusualBooster: true,
    personBoosters: [],
    priorityContentBoost: false,
    ...overrides,
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('thresholds', () => {
  it('an event count exactly at a threshold reaches that level; one below does not', () => {
    const at = (count: number) => indicatorInsight(data({ [DAY]: { usb_copy: count } }), parameters(), USB, DAY);
    expect(at(4).insight).toBeNull();
    expect(at(4).nearest).toEqual({ indicator: 'usb_copy', count: 4, threshold: 5 });
    expect(at(5).insight).toMatchObject({ level: 'low', threshold: 5, basePoints: LEVEL_POINTS.low });
    expect(at(19).insight).toMatchObject({ level: 'low' });
    expect(at(20).insight).toMatchObject({ level: 'medium', threshold: 20, basePoints: LEVEL_POINTS.medium });
    expect(at(49).insight).toMatchObject({ level: 'medium' });
    expect(at(50).insight).toMatchObject({ level: 'high', threshold: 50, basePoints: LEVEL_POINTS.high });
  });

  it('maps scores to severity bands at their edges', () => {
    expect(severityOf(39)).toBe('Low');
    expect(severityOf(40)).toBe('Medium');
    expect(severityOf(69)).toBe('Medium');
    expect(severityOf(70)).toBe('High');
  });

  it('takes the severity of external alerts directly, ignoring informational and withdrawn ones', () => {
    const base = data({});
    base.externalAlerts = [
      { id: 1, day: DAY, source: 'security', severity: 'informational', withdrawn: false, title: 'noise' },
      { id: 2, day: DAY, source: 'security', severity: 'medium', withdrawn: false, title: 'Defense evasion' },
      { id: 3, day: DAY, source: 'dlp', severity: 'high', withdrawn: true, title: 'undone' },
    ];
    expect(severityInsight(base, parameters(), 'security_alert', DAY)).toMatchObject({
      level: 'medium',
      count: 1,
      externalAlertIds: [2],
    });
    expect(severityInsight(base, parameters(), 'dlp_match', DAY)).toBeNull();
  });
});

describe('boosters', () => {
  it("boosts activity far above the person's own baseline, once the baseline is mature and the count reaches medium", () => {
    const history: Record<number, Partial<Record<IndicatorId, number>>> = {};
    for (const day of range(DAY - BASELINE_DAYS, DAY)) history[day] = { usb_copy: 1 };
    const active = range(DAY - BASELINE_DAYS, DAY);
    const unusual = indicatorInsight(data({ ...history, [DAY]: { usb_copy: 20 } }, active), parameters(), USB, DAY).insight!;
    expect(unusual.points).toBe(Math.round(LEVEL_POINTS.medium * UNUSUAL_BOOST));
    expect(unusual.unusual).toBe(true);
    // The usual daily count is a fact of its own, for the UI to word (detail says it in English).
    expect(unusual.facts).toEqual({ usualPerDay: 1 });
    expect(unusual.detail).toMatch(/usual 1\.00 a day/);
    // A low count is not made alarming by being new.
    const low = indicatorInsight(data({ ...history, [DAY]: { usb_copy: 19 } }, active), parameters(), USB, DAY).insight!;
    expect(low).toMatchObject({ level: 'low', unusual: false, points: LEVEL_POINTS.low });
    // Usually 10 a day: 25 is not three times that.
    for (const day of range(DAY - BASELINE_DAYS, DAY)) history[day] = { usb_copy: 10 };
    const habitual = indicatorInsight(data({ ...history, [DAY]: { usb_copy: 25 } }, active), parameters(), USB, DAY).insight!;
    expect(habitual).toMatchObject({ level: 'medium', unusual: false, points: LEVEL_POINTS.medium });
    // Too little history: no baseline, no booster.
    const young = indicatorInsight(data({ [DAY]: { usb_copy: 20 } }, range(DAY - BASELINE_MIN_ACTIVE_DAYS + 1, DAY)), parameters(), USB, DAY).insight!;
    expect(young.unusual).toBe(false);
    // The booster can be switched off per policy.
    expect(indicatorInsight(data({ [DAY]: { usb_copy: 20 } }, active), parameters({ unusualBooster: false }), USB, DAY).insight!.points).toBe(
      LEVEL_POINTS.medium,
    );
  });

  it('counts one channel once a day: connecting a USB drive and copying to it', () => {
    const usbMount = { id: 'usb_mount' as IndicatorId, thresholds: { low: 1, medium: 5, high: 10 }, aboveUsual: false };
    const scored = scoreDays([DAY], data({ [DAY]: { usb_mount: 1, usb_copy: 5 } }), parameters({ indicators: [usbMount, USB] }), null).days[0]!;
    expect(scored.insights.map((i) => [i.indicator, i.points])).toEqual([
      ['usb_mount', 0],
      ['usb_copy', LEVEL_POINTS.low],
    ]);
    expect(scored.score).toBe(LEVEL_POINTS.low);
    expect(scored.insights[0]!.detail).toMatch(/same channel/);
    expect(scored.insights[0]!.facts).toEqual({ countedWith: 'usb_copy' });
    expect(scored.insights[1]!.facts).toEqual({});
  });

  it('applies person boosters (priority or high impact once, previous violation) to every insight', () => {
    const personBoosters = [
      { booster: 'priorityUser' as const, factor: PRIORITY_OR_HIGH_IMPACT_BOOST },
      { booster: 'previousViolation' as const, factor: PREVIOUS_VIOLATION_BOOST },
    ];
    const insight = indicatorInsight(data({ [DAY]: { usb_copy: 20 } }), parameters({ personBoosters }), USB, DAY).insight!;
    expect(insight.boosterFactor).toBe(Math.round(PRIORITY_OR_HIGH_IMPACT_BOOST * PREVIOUS_VIOLATION_BOOST * 10_000) / 10_000);
    expect(insight.points).toBe(Math.round(LEVEL_POINTS.medium * insight.boosterFactor));
    expect(insight.boosters.map((b) => b.booster)).toEqual(['priorityUser', 'previousViolation']);
  });

  it('judges "above usual" thresholds against the baseline mean', () => {
    const aboveUsual = { ...USB, aboveUsual: true };
    const history: Record<number, Partial<Record<IndicatorId, number>>> = {};
    for (const day of range(DAY - BASELINE_DAYS, DAY)) history[day] = { usb_copy: 3 };
    const active = range(DAY - BASELINE_DAYS, DAY);
    expect(
      indicatorInsight(data({ ...history, [DAY]: { usb_copy: 5 } }, active), parameters(), aboveUsual, DAY).insight,
    ).toBeNull();
    expect(
      indicatorInsight(data({ ...history, [DAY]: { usb_copy: 6 } }, active), parameters(), aboveUsual, DAY).insight,
    ).toMatchObject({ level: 'low', threshold: 6 });
    expect(
      indicatorInsight(data({ ...history, [DAY]: { usb_copy: 24 } }, active), parameters(), aboveUsual, DAY).insight,
    ).toMatchObject({ level: 'high', threshold: 24, facts: { aboveUsualPerDay: 3, aboveUsualFactor: expect.any(Number) } });
  });
});

describe('sequences and cumulative exfiltration', () => {
  it('weighs long sequences and reaches levels at the file thresholds', () => {
    const withSequences = (files: number, longFiles: number) => {
      const base = data({});
      base.sequences.set(DAY, { files, longFiles });
      return sequenceInsight(base, parameters(), DAY);
    };
    expect(withSequences(SEQUENCE_FILE_THRESHOLDS.low - 1, 0)).toBeNull();
    expect(withSequences(SEQUENCE_FILE_THRESHOLDS.low, 0)).toMatchObject({ level: 'low', kind: 'sequence' });
    expect(withSequences(1, 1)).toMatchObject({
      count: SEQUENCE_LONG_WEIGHT,
      facts: { sequenceFiles: 1, sequenceLongFiles: 1, sequenceLongWeight: SEQUENCE_LONG_WEIGHT },
    });
    expect(withSequences(SEQUENCE_FILE_THRESHOLDS.medium, 0)).toMatchObject({ level: 'medium' });
  });

  it('compares the 30-day volume with the peer group', () => {
    const at = (volume: number, peerPercentile: number) => cumulativeInsight({ day: DAY, volume, peerPercentile, peerGroup: 'Sales' }, parameters());
    expect(at(19, 0)).toBeNull();
    expect(at(10 * CUMULATIVE_PEER_FACTORS.medium, 10)).toMatchObject({
      level: 'medium',
      threshold: 10 * CUMULATIVE_PEER_FACTORS.medium,
      facts: { cumulativeDays: 30, peerGroup: 'Sales', peerPercentile: 10, peerFactor: CUMULATIVE_PEER_FACTORS.medium },
    });
    expect(at(10 * CUMULATIVE_PEER_FACTORS.medium - 1, 10)).toMatchObject({ level: 'low', threshold: 10 * CUMULATIVE_PEER_FACTORS.low });
    expect(at(10 * CUMULATIVE_PEER_FACTORS.low - 1, 10)).toBeNull();
    // The peer percentile is taken as at least the floor: 20 events stand out when peers send nothing.
    expect(at(20, 0)).toMatchObject({ level: 'low' });
  });
});

describe('combination', () => {
  it('is bounded by 100, never below the largest insight, and rises with every insight', () => {
    expect(combinePoints([])).toBe(0);
    expect(combinePoints([40])).toBe(40);
    expect(combinePoints([40, 20])).toBe(52);
    expect(combinePoints([100, 70])).toBe(100);
  });
});

/** Days of counts for two indicators, a window of days to score, and extra events to add. */
const scenario = fc.record({
  history: fc.array(fc.record({ day: fc.integer({ min: 0, max: 59 }), usb: fc.nat(60), cloud: fc.nat(40) }), { maxLength: 40 }),
  extraDay: fc.integer({ min: 30, max: 59 }),
  extraUsb: fc.nat(80),
  extraCloud: fc.nat(40),
  longFiles: fc.nat(3),
});

function build(history: { day: number; usb: number; cloud: number }[]): PersonScoringData {
  const counts: Record<number, Partial<Record<IndicatorId, number>>> = {};
  for (const entry of history) {
    const day = counts[entry.day] ?? (counts[entry.day] = {});
    day.usb_copy = (day.usb_copy ?? 0) + entry.usb;
    day.cloud_upload = (day.cloud_upload ?? 0) + entry.cloud;
  }
  for (const perDay of Object.values(counts))
    for (const key of Object.keys(perDay) as IndicatorId[]) if (perDay[key] === 0) delete perDay[key];
  return data(counts, range(0, 60));
}

describe('monotonicity (fast-check)', () => {
  it("more risky events on a day never lower that day's score", () => {
    fc.assert(
      fc.property(scenario, ({ history, extraDay, extraUsb, extraCloud }) => {
        const days = range(30, 60);
        const before = scoreDays(days, build(history), parameters(), null).days.find((d) => d.day === extraDay)?.score ?? 0;
        const after =
          scoreDays(days, build([...history, { day: extraDay, usb: extraUsb, cloud: extraCloud }]), parameters(), null).days.find(
            (d) => d.day === extraDay,
          )?.score ?? 0;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('more risky events anywhere never lower the alert score when scored on counts alone', () => {
    fc.assert(
      fc.property(scenario, ({ history, extraDay, extraUsb, extraCloud, longFiles }) => {
        const days = range(0, 60);
        const parametersWithoutBaseline = parameters({ unusualBooster: false });
        const best = (input: PersonScoringData) =>
          Math.max(0, ...scoreDays(days, input, parametersWithoutBaseline, null).days.map((d) => d.score));
        const before = build(history);
        const after = build([...history, { day: extraDay, usb: extraUsb, cloud: extraCloud }]);
        after.sequences.set(extraDay, { files: longFiles, longFiles });
        expect(best(after)).toBeGreaterThanOrEqual(best(before));
      }),
      { numRuns: 300 },
    );
  });
});
