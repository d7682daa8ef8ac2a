/**
 * Writes scoring results into alerts (DOMAIN.md §6): one Needs review alert per person and policy,
 * created when a day reaches the alert threshold and updated (score, severity, insights, events)
 * while it is still Needs review. Insights of days already covered by a triaged alert never raise a
 * new one. Unchanged results write nothing, so re-scoring the same input leaves alerts as they were.
 * Below the threshold an untouched alert is withdrawn; an assigned one is kept (removeOpenAlert).
 */
import type { Database } from '../store/database';
import type { RiskFactor, TriggerKind } from '../../shared/detection';
import type { TriggerFacts } from '../../shared/contract';
import type { DayScore, Insight } from './dayScores';
import { MAX_EVENTS_PER_INSIGHT, severityOf } from './model';

/** What scoring decided for one person and policy. */
export interface AlertCandidate {
  policyId: number;
  personId: number;
  test: boolean;
  /** Scored days after the last triaged alert, in day order. */
  days: DayScore[];
  score: number;
  topDay: number;
  trigger: {
    kind: TriggerKind;
    time: number;
    summary: string;
    facts: TriggerFacts;
    hrEventId: number | null;
    externalAlertId: number | null;
  };
  riskFactors: Set<RiskFactor>;
}

/** The contributing events of an insight. */
export interface InsightEvents {
  activityIds: number[];
  externalAlertIds: number[];
  total: number;
}

/** Outcome of writing one candidate. */
export type WriteOutcome = 'created' | 'updated' | 'unchanged';

const RISK_COLUMNS: Record<RiskFactor, string> = {
  cumulativeExfiltration: 'rf_cumulative_exfiltration',
  priorityContent: 'rf_priority_content',
  sequence: 'rf_sequence',
  unallowedDomain: 'rf_unallowed_domain',
  priorityUser: 'rf_priority_user',
  highImpact: 'rf_high_impact',
  unusualActivity: 'rf_unusual_activity',
};

/** The alert column of a risk factor. */
export function riskFactorColumn(factor: RiskFactor): string {
  return RISK_COLUMNS[factor];
}

const SEVERITY_RANK = { Low: 1, Medium: 2, High: 3 } as const;

function signature(candidate: AlertCandidate): string {
  return JSON.stringify([
    candidate.score,
    candidate.topDay,
    candidate.test,
    candidate.trigger.kind,
    candidate.trigger.time,
    [...candidate.riskFactors].sort(),
    candidate.days.flatMap((day) =>
      day.insights.map((i) => [i.day, i.kind, i.indicator, i.count, i.level, i.threshold, i.points, day.score]),
    ),
  ]);
}

function storedSignature(db: Database, alertId: number): string {
  const alert = db.prepare('SELECT * FROM alerts WHERE id = @alertId').get({ alertId }) as Record<string, number | string>;
  const factors = (Object.keys(RISK_COLUMNS) as RiskFactor[]).filter((f) => alert[RISK_COLUMNS[f]] === 1).sort();
  const insights = db
    .prepare(
      'SELECT day, kind, indicator, count, level, threshold, points, day_score FROM alert_insights WHERE alert_id = @alertId ORDER BY ordinal',
    )
    .raw()
    .all({ alertId }) as unknown[][];
  return JSON.stringify([
    alert.score,
    alert.top_day,
    alert.test === 1,
    alert.trigger_kind,
    alert.trigger_time,
    factors,
    insights,
  ]);
}

/** Writes (creates, updates or leaves) the Needs review alert of a candidate. Run inside a transaction. */
export function writeAlert(
  db: Database,
  candidate: AlertCandidate,
  existingOpenId: number | null,
  now: number,
  eventsOf: (insight: Insight) => InsightEvents,
): { outcome: WriteOutcome; alertId: number } {
  const insights = candidate.days.flatMap((day) => day.insights.map((insight) => ({ insight, dayScore: day.score })));
  const firstDay = Math.min(...candidate.days.map((d) => d.day));
  const lastDay = Math.max(...candidate.days.map((d) => d.day));
  const severity = severityOf(candidate.score);
  if (existingOpenId !== null && storedSignature(db, existingOpenId) === signature(candidate))
    return { outcome: 'unchanged', alertId: existingOpenId };

  const values: Record<string, unknown> = {
    policyId: candidate.policyId,
    personId: candidate.personId,
    severity,
    severityRank: SEVERITY_RANK[severity],
    score: candidate.score,
    test: candidate.test ? 1 : 0,
    now,
    firstDay,
    lastDay,
    topDay: candidate.topDay,
    triggerKind: candidate.trigger.kind,
    triggerTime: candidate.trigger.time,
    triggerSummary: candidate.trigger.summary,
    triggerFacts: JSON.stringify(candidate.trigger.facts),
    triggerHrEventId: candidate.trigger.hrEventId,
    triggerExternalAlertId: candidate.trigger.externalAlertId,
  };
  for (const factor of Object.keys(RISK_COLUMNS) as RiskFactor[]) values[factor] = candidate.riskFactors.has(factor) ? 1 : 0;
  const factorColumns = (Object.keys(RISK_COLUMNS) as RiskFactor[]).map((f) => RISK_COLUMNS[f]);
  let alertId: number;
  let outcome: WriteOutcome;
  if (existingOpenId === null) {
    alertId = Number(
      db
        .prepare(
          `INSERT INTO alerts (policy_id, person_id, status, severity, severity_rank, score, test, detected_at, updated_at, first_day, last_day, top_day,
             trigger_kind, trigger_time, trigger_summary, trigger_facts, trigger_hr_event_id, trigger_external_alert_id, ${factorColumns.join(', ')})
           VALUES (@policyId, @personId, 'NeedsReview', @severity, @severityRank, @score, @test, @now, @now, @firstDay, @lastDay, @topDay,
             @triggerKind, @triggerTime, @triggerSummary, @triggerFacts, @triggerHrEventId, @triggerExternalAlertId,
             ${(Object.keys(RISK_COLUMNS) as RiskFactor[]).map((f) => `@${f}`).join(', ')})`,
        )
        .run(values).lastInsertRowid,
    );
    outcome = 'created';
  } else {
    alertId = existingOpenId;
    db.prepare(
      `UPDATE alerts SET severity = @severity, severity_rank = @severityRank, score = @score, test = @test, updated_at = @now,
         first_day = @firstDay, last_day = @lastDay, top_day = @topDay, trigger_kind = @triggerKind, trigger_time = @triggerTime,
         trigger_summary = @triggerSummary, trigger_facts = @triggerFacts, trigger_hr_event_id = @triggerHrEventId, trigger_external_alert_id = @triggerExternalAlertId,
         ${(Object.keys(RISK_COLUMNS) as RiskFactor[]).map((f) => `${RISK_COLUMNS[f]} = @${f}`).join(', ')}
       WHERE id = @alertId AND status = 'NeedsReview'`,
    ).run({ ...values, alertId });
    deleteExplanation(db, alertId);
    outcome = 'updated';
  }
  const insertInsight = db.prepare(
    `INSERT INTO alert_insights (alert_id, ordinal, day, kind, indicator, count, level, threshold, base_points, boosters, booster_factor, points,
       day_score, unusual, priority_content, unallowed_domain, detail, facts, events_total)
     VALUES (@alertId, @ordinal, @day, @kind, @indicator, @count, @level, @threshold, @basePoints, @boosters, @boosterFactor, @points,
       @dayScore, @unusual, @priorityContent, @unallowedDomain, @detail, @facts, @eventsTotal)`,
  );
  const insertEvent = db.prepare(
    'INSERT INTO alert_events (alert_id, insight_id, activity_id, external_alert_id) VALUES (@alertId, @insightId, @activityId, @externalAlertId)',
  );
  insights.forEach(({ insight, dayScore }, ordinal) => {
    const events = eventsOf(insight);
    const insightId = Number(
      insertInsight.run({
        alertId,
        ordinal,
        day: insight.day,
        kind: insight.kind,
        indicator: insight.indicator,
        count: insight.count,
        level: insight.level,
        threshold: insight.threshold,
        basePoints: insight.basePoints,
        boosters: insight.boosters.map((b) => `${b.booster}×${b.factor}`).join(','),
        boosterFactor: insight.boosterFactor,
        points: insight.points,
        dayScore,
        unusual: insight.unusual ? 1 : 0,
        priorityContent: insight.priorityContent ? 1 : 0,
        unallowedDomain: insight.unallowedDomain ? 1 : 0,
        detail: insight.detail,
        facts: JSON.stringify(insight.facts),
        eventsTotal: events.total,
      }).lastInsertRowid,
    );
    for (const id of events.activityIds.slice(0, MAX_EVENTS_PER_INSIGHT)) insertEvent.run({ alertId, insightId, activityId: id, externalAlertId: null });
    for (const id of events.externalAlertIds.slice(0, MAX_EVENTS_PER_INSIGHT)) insertEvent.run({ alertId, insightId, activityId: null, externalAlertId: id });
  });
  return { outcome, alertId };
}

/** Removes the stored explanation (insights and events) of an alert. */
export function deleteExplanation(db: Database, alertId: number): void {
  db.prepare('DELETE FROM alert_events WHERE alert_id = @alertId').run({ alertId });
  db.prepare('DELETE FROM alert_insights WHERE alert_id = @alertId').run({ alertId });
}

/** True when someone has worked on a Needs review alert: it is assigned, or has any triage record or case link. */
export function hasTriageHistory(db: Database, alertId: number): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM alerts al WHERE al.id = @alertId AND (al.assignee_id IS NOT NULL OR al.triaged_by IS NOT NULL OR al.triaged_at IS NOT NULL
           OR EXISTS (SELECT 1 FROM case_alerts ca WHERE ca.alert_id = al.id))`,
      )
      .get({ alertId }) !== undefined
  );
}

/**
 * Withdraws a Needs review alert whose insights no longer reach the threshold, unless someone has
 * worked on it (assigned, or any triage history): such an alert is not silently taken away from
 * its assignee; it stays Needs review with its last score and explanation until triaged.
 * Returns whether the alert was withdrawn.
 */
export function removeOpenAlert(db: Database, alertId: number): boolean {
  if (hasTriageHistory(db, alertId)) return false;
  deleteExplanation(db, alertId);
  return db.prepare("DELETE FROM alerts WHERE id = @alertId AND status = 'NeedsReview'").run({ alertId }).changes > 0;
}
