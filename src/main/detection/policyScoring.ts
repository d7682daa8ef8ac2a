/**
 * Phase B of scoring: for each scoring policy and person, the triggers and windows, the day scores
 * (dayScores.ts) from the derived daily tables, the Users page row (policy_persons) and the alert
 * (alertWriter.ts) with the contributing events of every insight.
 */
import type { Database } from '../store/database';
import { INDICATORS, TEMPLATES, type IndicatorId, type RiskFactor, type Thresholds } from '../../shared/detection';
import type { PolicyDefinition } from '../policies/policyRepository';
import { removeOpenAlert, writeAlert, type InsightEvents } from './alertWriter';
import {
  ANY_STEP_BITS,
  LOGON_BIT,
  MASK_INDICATORS,
  STEP_BITS,
  bitOf,
  createDomainClassifier,
  hasPriorityContent,
  installClassifier,
  personMaskedRowsSql,
  priorityContentCondition,
  type MaskIndicator,
  type SqlFragment,
} from './classify';
import { ScoringCancelled, SequenceDetector, SequenceTally, type Progress } from './dailyCounts';
import {
  scoreDays,
  type AppliedBooster,
  type CumulativeFacts,
  type DayScore,
  type Insight,
  type PersonScoringData,
  type ScoringParameters,
} from './dayScores';
import { EXFILTRATION_INDICATORS, volumeBetween, type PersonFacts, type ScoringEnvironment } from './environment';
import {
  ALERT_MIN_SCORE,
  ALERT_VOLUME_THRESHOLD_FACTOR,
  BASELINE_DAYS,
  CUMULATIVE_DAYS,
  CUMULATIVE_MIN_EVENTS,
  CUMULATIVE_MIN_PEERS,
  CUMULATIVE_PEER_PERCENTILE,
  DAY_MS,
  MAX_EVENTS_PER_INSIGHT,
  PREVIOUS_VIOLATION_BOOST,
  PRIORITY_OR_HIGH_IMPACT_BOOST,
  SEQUENCE_MAX_SPAN_DAYS,
} from './model';
import {
  inPopulation,
  inWindows,
  mergeWindows,
  scaledThresholds,
  triggersFor,
  type ManualAddition,
  type Trigger,
} from './policyScope';

/** Counts of one policy's run. */
export interface PolicyRunStats {
  policyId: number;
  inScope: number;
  alertsCreated: number;
  alertsUpdated: number;
  alertsRemoved: number;
}

/** The result of evaluating one person under one policy (also used by tests and the benches). */
export interface PersonEvaluation {
  personId: number;
  triggers: Trigger[];
  windows: [number, number][];
  days: DayScore[];
  score: number;
  topDay: number | null;
  nearest: { indicator: IndicatorId; count: number; threshold: number } | null;
}

/** A policy resolved for scoring: effective thresholds, alert threshold and priority content. */
export interface ResolvedPolicy {
  policy: PolicyDefinition;
  thresholds: Map<IndicatorId, Thresholds>;
  indicators: { id: IndicatorId; thresholds: Thresholds; aboveUsual: boolean }[];
  minScore: number;
  priority: SqlFragment | null;
}

/** Resolves a policy's effective thresholds (custom or default, scaled by its alert volume). */
export function resolvePolicy(policy: PolicyDefinition, env: ScoringEnvironment): ResolvedPolicy {
  const volume = policy.alertVolume ?? env.alertVolume;
  const factor = ALERT_VOLUME_THRESHOLD_FACTOR[volume];
  const thresholds = new Map<IndicatorId, Thresholds>();
  const indicators: ResolvedPolicy['indicators'] = [];
  for (const indicator of policy.indicators) {
    if (!env.enabled.has(indicator.id)) continue;
    const base =
      INDICATORS[indicator.id].measure === 'count'
        ? (indicator.thresholds ?? env.defaultThresholds.get(indicator.id)!)
        : { low: 1, medium: 2, high: 3 };
    const effective = INDICATORS[indicator.id].measure === 'count' ? scaledThresholds(base, factor) : base;
    thresholds.set(indicator.id, effective);
    indicators.push({ id: indicator.id, thresholds: effective, aboveUsual: indicator.aboveUsual });
  }
  const priority = hasPriorityContent(policy.priorityContent) ? priorityContentCondition(policy.priorityContent, 'a') : null;
  return { policy, thresholds, indicators, minScore: ALERT_MIN_SCORE[volume], priority };
}

/** Peer-group volumes per (group, day), cached for one run. */
class PeerVolumes {
  private readonly members = new Map<string, number[]>();
  private readonly sorted = new Map<string, number[]>();

  constructor(private readonly env: ScoringEnvironment) {
    const add = (key: string, id: number) => this.members.set(key, [...(this.members.get(key) ?? []), id]);
    for (const person of env.persons.values()) {
      if (person.department) add(`department:${person.department}`, person.id);
      if (person.businessUnit) add(`businessUnit:${person.businessUnit}`, person.id);
      add('organisation', person.id);
    }
  }

  /** The peer group of a person: department, else business unit, else the organisation. */
  groupOf(person: PersonFacts): string {
    for (const key of [
      person.department ? `department:${person.department}` : null,
      person.businessUnit ? `businessUnit:${person.businessUnit}` : null,
    ]) {
      if (key && (this.members.get(key)?.length ?? 0) - 1 >= CUMULATIVE_MIN_PEERS) return key;
    }
    return 'organisation';
  }

  /** The percentile of the group's 30-day volumes on a day, without the person themself. */
  percentile(group: string, day: number, own: number): number {
    const key = `${group}|${day}`;
    let values = this.sorted.get(key);
    if (!values) {
      values = (this.members.get(group) ?? [])
        .map((id) => volumeBetween(this.env.exfiltration.get(id), day - CUMULATIVE_DAYS + 1, day))
        .sort((x, y) => x - y);
      if (this.sorted.size > 50_000) this.sorted.clear();
      this.sorted.set(key, values);
    }
    // Remove one occurrence of the person's own volume.
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[mid]! < own) lo = mid + 1;
      else hi = mid;
    }
    const others = values[lo] === own ? [...values.slice(0, lo), ...values.slice(lo + 1)] : values;
    if (others.length === 0) return 0;
    return others[Math.floor(CUMULATIVE_PEER_PERCENTILE * (others.length - 1))]!;
  }
}

/** Scoring of all persons for one policy. */
export class PolicyScorer {
  private readonly statements;

  constructor(
    private readonly db: Database,
    private readonly env: ScoringEnvironment,
    private readonly peers: PeerVolumes,
  ) {
    this.statements = {
      counts: db.prepare('SELECT day, indicator, count FROM indicator_days WHERE person_id = @personId AND day BETWEEN @from AND @to'),
      active: db.prepare('SELECT day FROM person_days WHERE person_id = @personId AND day BETWEEN @from AND @to AND activities > 0'),
      sequences: db.prepare('SELECT day, files, long_files FROM sequence_days WHERE person_id = @personId AND day BETWEEN @from AND @to'),
      flagged: db.prepare(
        'SELECT activity_id FROM flagged_logons WHERE person_id = @personId AND day = @day AND indicator = @indicator ORDER BY activity_id LIMIT @limit',
      ),
    };
  }

  /** Loads a person's scoring data for the windows (and the baseline days before them). */
  personData(personId: number, windows: [number, number][], resolved: ResolvedPolicy): PersonScoringData {
    const from = windows[0]![0] - BASELINE_DAYS;
    const to = windows[windows.length - 1]![1];
    const counts = new Map<number, Map<IndicatorId, number>>();
    for (const [day, indicator, count] of this.statements.counts.raw().iterate({ personId, from, to }) as IterableIterator<
      [number, IndicatorId, number]
    >) {
      let perDay = counts.get(day);
      if (!perDay) counts.set(day, (perDay = new Map()));
      perDay.set(indicator, count);
    }
    const activeDays = new Set(this.statements.active.pluck().all({ personId, from, to }) as number[]);
    let sequences = new Map<number, { files: number; longFiles: number }>();
    for (const [day, files, longFiles] of this.statements.sequences.raw().iterate({ personId, from, to }) as IterableIterator<
      [number, number, number]
    >) {
      sequences.set(day, { files, longFiles });
    }
    let priorityCounts: Map<number, Map<IndicatorId, number>> | null = null;
    if (resolved.priority) {
      const scanned = this.priorityScan(personId, from, to, resolved.priority);
      priorityCounts = scanned.counts;
      if (resolved.policy.priorityContent.only) {
        // Only activity touching priority content is scored: its counts and sequences replace the others
        // (the logon indicators touch no content); the baseline still comes from all activity.
        for (const [day, perDay] of counts) {
          for (const indicator of [...perDay.keys()]) {
            if (!inWindows(windows, day)) continue;
            const only = scanned.counts.get(day)?.get(indicator) ?? 0;
            if (only > 0) perDay.set(indicator, only);
            else perDay.delete(indicator);
          }
        }
        sequences = scanned.sequences;
      }
    }
    const externalAlerts = (this.env.externalAlerts.get(personId) ?? []).map((alert) => ({
      id: alert.id,
      day: Math.floor(alert.time / DAY_MS),
      source: alert.source,
      severity: alert.severity,
      withdrawn: alert.withdrawn === 1,
      title: alert.title ?? alert.policyName,
    }));
    return {
      counts,
      priorityCounts,
      activeDays,
      sequences,
      externalAlerts,
      foreignReturns: this.env.foreignReturns.get(personId),
      // Scoring only priority content leaves ordinary mails out, and with them the new-recipient evidence.
      newRecipients: resolved.priority && resolved.policy.priorityContent.only ? undefined : this.env.newRecipientDomains(personId),
    };
  }

  /** Counts and sequences of the activity touching priority content. */
  private priorityScan(personId: number, fromDay: number, toDay: number, priority: SqlFragment) {
    const query = personMaskedRowsSql(this.env.classification, priority);
    const counts = new Map<number, Map<IndicatorId, number>>();
    const detector = new SequenceDetector();
    const tally = new SequenceTally();
    for (const [id, time, mask, target] of this.db
      .prepare(query.sql)
      .raw()
      .iterate({
        ...query.params,
        person: personId,
        from: (fromDay - SEQUENCE_MAX_SPAN_DAYS) * DAY_MS,
        to: (toDay + 1) * DAY_MS,
      }) as IterableIterator<[number, number, number, string | null]>) {
      const day = Math.floor(time / DAY_MS);
      if (day >= fromDay && (mask & ~LOGON_BIT) !== 0) {
        let perDay = counts.get(day);
        if (!perDay) counts.set(day, (perDay = new Map()));
        MASK_INDICATORS.forEach((indicator, bit) => {
          if (mask & (1 << bit)) perDay.set(indicator, (perDay.get(indicator) ?? 0) + 1);
        });
      }
      const completion = detector.add(id, time, mask, target);
      if (completion && completion.day >= fromDay) tally.add(completion);
    }
    return { counts, sequences: tally.result() };
  }

  /** The strongest cumulative exfiltration day of a person within the windows, if any. */
  cumulative(person: PersonFacts, windows: [number, number][]): CumulativeFacts | null {
    const series = this.env.exfiltration.get(person.id);
    if (!series || series.days.length === 0) return null;
    const group = this.peers.groupOf(person);
    let best: (CumulativeFacts & { ratio: number }) | null = null;
    // Evaluated on the days the person exfiltrated (the volume only grows on those days).
    const exfiltrationDays = new Set(series.days);
    const firstDataDay = series.days[0]!;
    const lastDataDay = series.days[series.days.length - 1]!;
    for (const [from, to] of windows) {
      for (let day = Math.max(from, firstDataDay); day <= Math.min(to, lastDataDay); day++) {
        if (!exfiltrationDays.has(day)) continue;
        // Only activity inside the scored window counts (nothing before past-activity detection).
        const volume = volumeBetween(series, Math.max(from, day - CUMULATIVE_DAYS + 1), day);
        if (volume < CUMULATIVE_MIN_EVENTS) continue;
        const peerPercentile = this.peers.percentile(group, day, volume);
        const ratio = volume / Math.max(peerPercentile, 1);
        if (!best || ratio > best.ratio)
          best = { day, volume, peerPercentile, peerGroup: group.replace(/^[a-zA-Z]+:/, ''), ratio };
      }
    }
    return best ? { day: best.day, volume: best.volume, peerPercentile: best.peerPercentile, peerGroup: best.peerGroup } : null;
  }

  /** Person-level boosters under a policy. */
  personBoosters(policy: PolicyDefinition, personId: number): AppliedBooster[] {
    const boosters: AppliedBooster[] = [];
    const priority = policy.boosters.priorityUser && (this.env.priorityGroupsOf.get(personId)?.size ?? 0) > 0;
    const highImpact = policy.boosters.highImpact && this.env.highImpact.has(personId);
    // A person who is both a priority user and high impact is boosted once.
    if (priority) boosters.push({ booster: 'priorityUser', factor: PRIORITY_OR_HIGH_IMPACT_BOOST });
    else if (highImpact) boosters.push({ booster: 'highImpact', factor: PRIORITY_OR_HIGH_IMPACT_BOOST });
    if (policy.boosters.previousViolation && this.env.previousViolation.has(personId))
      boosters.push({ booster: 'previousViolation', factor: PREVIOUS_VIOLATION_BOOST });
    return boosters;
  }

  /** Evaluates one person under one policy (null when not in scope). */
  evaluate(
    resolved: ResolvedPolicy,
    person: PersonFacts,
    manual: ManualAddition[],
    fromDay = -Infinity,
  ): PersonEvaluation | null {
    const policy = resolved.policy;
    const population = inPopulation(policy, person, this.env);
    if (!population && manual.length === 0) return null;
    // A person added by hand is scored even outside the policy's scope, from the addition only.
    const triggers = triggersFor(policy, person, this.env, resolved.thresholds, manual).filter(
      (t) => population || t.kind === 'manual',
    );
    if (triggers.length === 0) return null;
    const windows = mergeWindows(triggers);
    const data = this.personData(person.id, windows, resolved);
    const template = TEMPLATES[policy.template];
    const parameters: ScoringParameters = {
      indicators: resolved.indicators,
      sequences: policy.sequenceDetection && template.data,
      cumulative: policy.cumulativeExfiltration && template.data,
      unusualBooster: policy.boosters.unusualActivity,
      personBoosters: this.personBoosters(policy, person.id),
      priorityContentBoost: resolved.priority !== null && !policy.priorityContent.only,
    };
    const candidateDays = new Set<number>();
    for (const day of data.counts.keys()) candidateDays.add(day);
    for (const day of data.sequences.keys()) candidateDays.add(day);
    for (const alert of data.externalAlerts) candidateDays.add(alert.day);
    const cumulative = parameters.cumulative ? this.cumulative(person, windows) : null;
    if (cumulative) candidateDays.add(cumulative.day);
    const days = [...candidateDays].filter((day) => day >= fromDay && inWindows(windows, day)).sort((x, y) => x - y);
    const scored = scoreDays(days, data, parameters, cumulative);
    let score = 0;
    let topDay: number | null = null;
    for (const day of scored.days) {
      if (day.score > score) {
        score = day.score;
        topDay = day.day;
      }
    }
    return { personId: person.id, triggers, windows, days: scored.days, score, topDay, nearest: scored.nearest };
  }

  /** The contributing events of an insight (capped), for the explanation. */
  eventsOf(personId: number, insight: Insight, resolved: ResolvedPolicy): InsightEvents {
    const dayStart = insight.day * DAY_MS;
    const onlyPriority = resolved.policy.priorityContent.only ? resolved.priority : null;
    const masked = (from: number, to: number, bits: number, limit: number, newestFirst = false): number[] => {
      const query = personMaskedRowsSql(this.env.classification, onlyPriority);
      const ids: number[] = [];
      const rows = this.db
        .prepare(query.sql)
        .raw()
        .all({ ...query.params, person: personId, from, to }) as [number, number, number, string | null][];
      const ordered = newestFirst ? rows.reverse() : rows;
      for (const [id, , mask] of ordered) {
        if ((mask & bits) !== 0) ids.push(id);
        if (ids.length >= limit) break;
      }
      return newestFirst ? ids.reverse() : ids;
    };
    if (insight.kind === 'indicator' && insight.indicator) {
      if (insight.externalAlertIds.length > 0)
        return { activityIds: [], externalAlertIds: insight.externalAlertIds, total: insight.externalAlertIds.length };
      if (insight.indicator === 'after_hours_logon' || insight.indicator === 'foreign_device_logon') {
        const ids = this.statements.flagged
          .pluck()
          .all({ personId, day: insight.day, indicator: insight.indicator, limit: MAX_EVENTS_PER_INSIGHT }) as number[];
        return { activityIds: ids, externalAlertIds: [], total: insight.count };
      }
      const bit = bitOf(insight.indicator as MaskIndicator);
      return {
        activityIds: masked(dayStart, dayStart + DAY_MS, bit, MAX_EVENTS_PER_INSIGHT),
        externalAlertIds: [],
        total: insight.count,
      };
    }
    if (insight.kind === 'sequence') {
      const query = personMaskedRowsSql(this.env.classification, onlyPriority);
      const detector = new SequenceDetector();
      const ids = new Set<number>();
      for (const [id, time, mask, target] of this.db
        .prepare(query.sql)
        .raw()
        .iterate({
          ...query.params,
          person: personId,
          from: dayStart - SEQUENCE_MAX_SPAN_DAYS * DAY_MS,
          to: dayStart + DAY_MS,
        }) as IterableIterator<[number, number, number, string | null]>) {
        if ((mask & ANY_STEP_BITS) === 0) continue;
        const completion = detector.add(id, time, mask, target);
        if (completion && completion.day === insight.day) for (const step of completion.activityIds) ids.add(step);
      }
      const sorted = [...ids].sort((x, y) => x - y);
      return { activityIds: sorted.slice(0, MAX_EVENTS_PER_INSIGHT), externalAlertIds: [], total: sorted.length };
    }
    const exfiltrationBits = EXFILTRATION_INDICATORS.filter((id): id is MaskIndicator =>
      (MASK_INDICATORS as readonly string[]).includes(id),
    ).reduce((all, id) => all | bitOf(id), 0);
    return {
      activityIds: masked(
        dayStart - (CUMULATIVE_DAYS - 1) * DAY_MS,
        dayStart + DAY_MS,
        exfiltrationBits & STEP_BITS.exfiltration,
        MAX_EVENTS_PER_INSIGHT,
        true,
      ),
      externalAlertIds: [],
      total: insight.count,
    };
  }
}

function riskFactorsOf(days: DayScore[], env: ScoringEnvironment, personId: number, onlyPriority: boolean): Set<RiskFactor> {
  const factors = new Set<RiskFactor>();
  for (const day of days) {
    for (const insight of day.insights) {
      if (insight.kind === 'cumulativeExfiltration') factors.add('cumulativeExfiltration');
      if (insight.kind === 'sequence') factors.add('sequence');
      if (insight.priorityContent || onlyPriority) factors.add('priorityContent');
      if (insight.unallowedDomain) factors.add('unallowedDomain');
      if (insight.unusual) factors.add('unusualActivity');
    }
  }
  if ((env.priorityGroupsOf.get(personId)?.size ?? 0) > 0) factors.add('priorityUser');
  if (env.highImpact.has(personId)) factors.add('highImpact');
  return factors;
}

/** Which trigger an alert names when several windows hold its top day: the most telling kind first. */
const TRIGGER_RANK: Record<Trigger['kind'], number> = {
  departure: 0,
  hrStressor: 1,
  dlpAlert: 2,
  securityAlert: 3,
  manual: 4,
  securityActivity: 5,
  exfiltration: 6,
};

/** The trigger whose window holds a day (most telling kind, then earliest), else the first trigger. */
function triggerOfDay(triggers: Trigger[], day: number): Trigger {
  const holding = triggers.filter((t) => day >= t.fromDay && day <= t.toDay);
  holding.sort((x, y) => TRIGGER_RANK[x.kind] - TRIGGER_RANK[y.kind] || x.time - y.time);
  return holding[0] ?? triggers[0]!;
}

/**
 * Scores policies for every person (or only `personIds`), writing policy_persons and alerts. Each
 * policy is written in its own transaction.
 */
export function scorePolicies(
  db: Database,
  env: ScoringEnvironment,
  policies: PolicyDefinition[],
  personIds: ReadonlySet<number> | null,
  progress?: Progress,
): PolicyRunStats[] {
  installClassifier(db, createDomainClassifier(env.classification));
  const peers = new PeerVolumes(env);
  const scorer = new PolicyScorer(db, env, peers);
  const persons = [...env.persons.values()].filter((p) => !personIds || personIds.has(p.id));
  const stats: PolicyRunStats[] = [];
  policies.forEach((policy, policyIndex) => {
    progress?.report(policyIndex, policies.length, 'scoringPolicy', policy.name);
    const resolved = resolvePolicy(policy, env);
    const manualByPerson = new Map<number, ManualAddition[]>();
    for (const row of db
      .prepare(
        'SELECT person_id AS personId, added_at AS addedAt, until, days, reason FROM policy_manual_persons WHERE policy_id = @policyId AND removed_at IS NULL ORDER BY id',
      )
      .all({ policyId: policy.id }) as ManualAddition[]) {
      manualByPerson.set(row.personId, [...(manualByPerson.get(row.personId) ?? []), row]);
    }
    const openAlerts = new Map(
      (
        db.prepare("SELECT person_id, id FROM alerts WHERE policy_id = @policyId AND status = 'NeedsReview'").raw().all({ policyId: policy.id }) as [
          number,
          number,
        ][]
      ).map(([p, id]) => [p, id]),
    );
    const triagedUntil = new Map(
      db
        .prepare("SELECT person_id, max(last_day) FROM alerts WHERE policy_id = @policyId AND status != 'NeedsReview' GROUP BY person_id")
        .raw()
        .all({ policyId: policy.id }) as [number, number][],
    );
    const result: PolicyRunStats = { policyId: policy.id, inScope: 0, alertsCreated: 0, alertsUpdated: 0, alertsRemoved: 0 };
    const upsertPerson = db.prepare(
      `INSERT INTO policy_persons (policy_id, person_id, trigger_kind, trigger_time, trigger_summary, trigger_facts, triggers, window_start_day, window_end_day, score,
         alert_threshold, top_day, nearest_indicator, nearest_count, nearest_threshold, scored_at)
       VALUES (@policyId, @personId, @triggerKind, @triggerTime, @triggerSummary, @triggerFacts, @triggers, @windowStart, @windowEnd, @score, @alertThreshold, @topDay,
         @nearestIndicator, @nearestCount, @nearestThreshold, @now)
       ON CONFLICT (policy_id, person_id) DO UPDATE SET trigger_kind = excluded.trigger_kind, trigger_time = excluded.trigger_time,
         trigger_summary = excluded.trigger_summary, trigger_facts = excluded.trigger_facts, triggers = excluded.triggers, window_start_day = excluded.window_start_day,
         window_end_day = excluded.window_end_day, score = excluded.score, alert_threshold = excluded.alert_threshold, top_day = excluded.top_day,
         nearest_indicator = excluded.nearest_indicator, nearest_count = excluded.nearest_count, nearest_threshold = excluded.nearest_threshold,
         scored_at = CASE WHEN policy_persons.score = excluded.score AND policy_persons.top_day IS excluded.top_day THEN policy_persons.scored_at ELSE excluded.scored_at END`,
    );
    const removePerson = db.prepare('DELETE FROM policy_persons WHERE policy_id = @policyId AND person_id = @personId');
    db.transaction(() => {
      if (!personIds) {
        // Persons no longer known to the policy at all (e.g. a narrower scope) leave the Users page.
        const keep = new Set(persons.map((p) => p.id));
        for (const id of db
          .prepare('SELECT person_id FROM policy_persons WHERE policy_id = @policyId')
          .pluck()
          .all({ policyId: policy.id }) as number[])
          if (!keep.has(id)) removePerson.run({ policyId: policy.id, personId: id });
      }
      persons.forEach((person) => {
        const evaluation = scorer.evaluate(resolved, person, manualByPerson.get(person.id) ?? []);
        const openId = openAlerts.get(person.id) ?? null;
        if (!evaluation) {
          removePerson.run({ policyId: policy.id, personId: person.id });
          if (openId !== null) {
            if (removeOpenAlert(db, openId)) result.alertsRemoved++;
          }
          return;
        }
        result.inScope++;
        const latest = evaluation.triggers[evaluation.triggers.length - 1]!;
        upsertPerson.run({
          policyId: policy.id,
          personId: person.id,
          triggerKind: latest.kind,
          triggerTime: latest.time,
          triggerSummary: latest.summary,
          triggerFacts: JSON.stringify(latest.facts),
          triggers: evaluation.triggers.length,
          windowStart: evaluation.windows[0]![0],
          windowEnd: evaluation.windows[evaluation.windows.length - 1]![1],
          score: evaluation.score,
          alertThreshold: resolved.minScore,
          topDay: evaluation.topDay,
          nearestIndicator: evaluation.nearest?.indicator ?? null,
          nearestCount: evaluation.nearest?.count ?? null,
          nearestThreshold: evaluation.nearest?.threshold ?? null,
          now: env.now,
        });
        const cutoff = triagedUntil.get(person.id);
        const days = cutoff === undefined ? evaluation.days : evaluation.days.filter((d) => d.day > cutoff);
        const alertScore = days.reduce((max, d) => Math.max(max, d.score), 0);
        if (alertScore < resolved.minScore) {
          if (openId !== null) {
            if (removeOpenAlert(db, openId)) result.alertsRemoved++;
          }
          return;
        }
        const top = days.find((d) => d.score === alertScore)!;
        const { outcome } = writeAlert(
          db,
          {
            policyId: policy.id,
            personId: person.id,
            test: policy.state === 'test',
            days,
            score: alertScore,
            topDay: top.day,
            trigger: triggerOfDay(evaluation.triggers, top.day),
            riskFactors: riskFactorsOf(days, env, person.id, policy.priorityContent.only && resolved.priority !== null),
          },
          openId,
          env.now,
          (insight) => scorer.eventsOf(person.id, insight, resolved),
        );
        if (outcome === 'created') result.alertsCreated++;
        if (outcome === 'updated') result.alertsUpdated++;
      });
    })();
    stats.push(result);
    if (progress?.cancelled?.()) throw new ScoringCancelled();
  });
  return stats;
}
