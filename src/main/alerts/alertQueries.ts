/**
 * Reading alerts as an account may see them: the queue (filters, sort, keyset paging over indexed
 * columns), the queue summary, alert detail with its explanation, the activity explorer and the
 * activity chart. Every query joins the persons visibility clause; a hidden alert answers exactly
 * like a missing one.
 */
import type { Database } from '../store/database';
import { z } from 'zod';
import {
  INDICATORS,
  RISK_FACTORS,
  SEVERITIES,
  type AlertStatus,
  type Booster,
  type DismissReason,
  type IndicatorId,
  type RiskFactor,
  type Severity,
  type TemplateId,
  type TriggerKind,
} from '../../shared/detection';
import { ACTIVITY_CATEGORIES, type ActivityCategory } from '../../shared/signals';
import { insightFacts, triggerFacts, type TriggerFacts, type ActivityRow, type AlertDetail, type AlertSummary, type ExplanationView, type alertMethods } from '../../shared/contract';
import { ApiFailure } from '../../shared/errors';
import { personVisibility } from '../access/visibility';
import type { Principal } from '../access/sessions';
import { ALERT_MIN_SCORE, CUMULATIVE_DAYS, DAY_MS, MODEL_VERSION, SEVERITY_BANDS } from '../detection/model';
import { EXFILTRATION_INDICATORS } from '../detection/environment';
import { riskFactorColumn } from '../detection/alertWriter';
import {
  PERSON_RECORD_COLUMNS,
  identityRedactor,
  personIdsMatching,
  presentColumns,
  type PersonColumns,
  type Presentation,
  type Redactor,
} from '../privacy/people';

type ListInput = z.output<(typeof alertMethods)['alerts.list']['input']>;

interface AlertRow extends PersonColumns {
  id: number;
  policy_id: number;
  policyName: string;
  policyTemplate: TemplateId;
  policyDeleted: number;
  policyContentOnly: number;
  status: AlertStatus;
  severity: Severity;
  severity_rank: number;
  score: number;
  test: number;
  detected_at: number;
  updated_at: number;
  first_day: number;
  last_day: number;
  top_day: number;
  trigger_kind: TriggerKind;
  trigger_time: number;
  trigger_summary: string;
  trigger_facts: string | null;
  trigger_hr_event_id: number | null;
  trigger_external_alert_id: number | null;
  assignee_id: number | null;
  assigneeName: string | null;
  caseId: number | null;
  dismiss_reason: DismissReason | null;
  dismiss_note: string | null;
  [riskColumn: `rf_${string}`]: number;
}

const SELECT_ALERT = `
  SELECT al.*, ${PERSON_RECORD_COLUMNS}, pol.name AS policyName, pol.template AS policyTemplate,
         pol.deleted_at IS NOT NULL AS policyDeleted, pol.priority_content_only AS policyContentOnly,
         acc.name AS assigneeName, ca.case_id AS caseId
  FROM alerts al
  JOIN persons p ON p.id = al.person_id
  LEFT JOIN persons m ON m.id = p.manager_id
  JOIN policies pol ON pol.id = al.policy_id
  LEFT JOIN accounts acc ON acc.id = al.assignee_id
  LEFT JOIN case_alerts ca ON ca.alert_id = al.id`;

const SORT_KEYS: Record<ListInput['sort']['field'], string[]> = {
  detectedAt: ['al.detected_at', 'al.id'],
  severity: ['al.severity_rank', 'al.detected_at', 'al.id'],
  score: ['al.score', 'al.id'],
  updatedAt: ['al.updated_at', 'al.id'],
};

/** The stored facts of a trigger (null for rows scored before they were recorded). */
export function parseTriggerFacts(text: string | null): TriggerFacts | null {
  return text === null ? null : triggerFacts.parse(JSON.parse(text));
}

/** Trigger facts with the person identifiers in their free text redacted like the summary. */
function redactTriggerFacts(facts: TriggerFacts | null, redact: Redactor): TriggerFacts | null {
  if (facts === null) return null;
  const redacted = { ...facts };
  for (const key of ['title', 'category', 'returnedTo', 'reason'] as const) {
    const value = facts[key];
    if (value !== undefined) redacted[key] = redact(value) ?? value;
  }
  return redacted;
}

/** A stored trigger as views show it: identities in its free text redacted for the caller. */
export function triggerView(
  row: { trigger_kind: TriggerKind; trigger_time: number; trigger_summary: string; trigger_facts: string | null },
  redact: Redactor,
): AlertSummary['trigger'] {
  return {
    kind: row.trigger_kind,
    time: row.trigger_time,
    summary: redact(row.trigger_summary) ?? row.trigger_summary,
    facts: redactTriggerFacts(parseTriggerFacts(row.trigger_facts), redact),
  };
}

function summarize(row: AlertRow, presentation: Presentation, redact: Redactor): AlertSummary {
  return {
    id: row.id,
    person: presentColumns(row, presentation),
    policy: { id: row.policy_id, name: row.policyName, template: row.policyTemplate, deleted: row.policyDeleted === 1 },
    status: row.status,
    severity: row.severity,
    score: row.score,
    test: row.test === 1,
    detectedAt: row.detected_at,
    updatedAt: row.updated_at,
    firstActivityDay: row.first_day * DAY_MS,
    lastActivityDay: row.last_day * DAY_MS,
    topDay: row.top_day * DAY_MS,
    trigger: triggerView(row, redact),
    riskFactors: RISK_FACTORS.filter((factor) => row[riskFactorColumn(factor) as `rf_${string}`] === 1),
    assignee: row.assignee_id !== null ? { id: row.assignee_id, name: row.assigneeName ?? '' } : null,
    caseId: row.caseId,
    dismissReason: row.dismiss_reason,
    dismissNote: row.dismiss_note,
  };
}

function encodeCursor(values: number[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(cursor: string, length: number): number[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === length && values.every((v) => Number.isSafeInteger(v)))
      return values as number[];
  } catch {
    // fall through
  }
  throw new ApiFailure('INVALID_INPUT', 'The paging cursor is not valid for this sort; start again without it.');
}

/** The WHERE clause of the queue filters. */
function filterClause(
  db: Database,
  principal: Principal,
  presentation: Presentation,
  filter: Omit<ListInput, 'sort' | 'cursor' | 'limit'>,
): { where: string[]; params: Record<string, unknown> } {
  const visibility = personVisibility(principal);
  // Visible persons as a set (materialised once), so counts run on the covering alerts_person index.
  const where = [`al.person_id IN (SELECT p.id FROM persons p WHERE ${visibility.sql})`, 'al.test = @test'];
  const params: Record<string, unknown> = { ...visibility.params, test: filter.testMode ? 1 : 0 };
  /** `column IN (@name0, @name1, …)`: bound values keep the queue indexes usable (a json_each list does not). */
  const inList = (column: string, name: string, values: readonly (string | number)[]) => {
    values.forEach((value, index) => (params[`${name}${index}`] = value));
    where.push(`${column} IN (${values.map((_, index) => `@${name}${index}`).join(', ')})`);
  };
  if (filter.status?.length) inList('al.status', 'status', [...new Set(filter.status)]);
  if (filter.severity?.length)
    inList('al.severity_rank', 'severity', [...new Set(filter.severity.map((s) => SEVERITIES.indexOf(s) + 1))]);
  if (filter.policyIds?.length) inList('al.policy_id', 'policy', [...new Set(filter.policyIds)]);
  if (filter.detectedFrom !== undefined) {
    where.push('al.detected_at >= @detectedFrom');
    params.detectedFrom = filter.detectedFrom;
  }
  if (filter.detectedTo !== undefined) {
    where.push('al.detected_at < @detectedTo');
    params.detectedTo = filter.detectedTo;
  }
  for (const factor of filter.riskFactors ?? []) where.push(`al.${riskFactorColumn(factor)} = 1`);
  if (filter.assignee !== undefined) {
    if (filter.assignee === 'unassigned') where.push('al.assignee_id IS NULL');
    else {
      where.push('al.assignee_id = @assignee');
      params.assignee = filter.assignee === 'me' ? principal.accountId : filter.assignee;
    }
  }
  if (filter.personId !== undefined) {
    where.push('al.person_id = @personId');
    params.personId = filter.personId;
  }
  if (filter.text) {
    // Resolve the text to persons, policies and assignees first, so the queue query needs no joins.
    const text = filter.text.trim();
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const policies = db.prepare("SELECT id FROM policies WHERE name LIKE @like ESCAPE '\\'").pluck().all({ like }) as number[];
    const accounts = db.prepare("SELECT id FROM accounts WHERE name LIKE @like ESCAPE '\\'").pluck().all({ like }) as number[];
    params.textPersons = JSON.stringify(personIdsMatching(db, principal, presentation, text));
    params.textPolicies = JSON.stringify(policies);
    params.textAccounts = JSON.stringify(accounts);
    const alternatives = [
      'al.person_id IN (SELECT value FROM json_each(@textPersons))',
      'al.policy_id IN (SELECT value FROM json_each(@textPolicies))',
      'al.assignee_id IN (SELECT value FROM json_each(@textAccounts))',
    ];
    const id = /^#?(\d{1,12})$/.exec(text);
    if (id) {
      alternatives.push('al.id = @textId');
      params.textId = Number(id[1]);
    }
    where.push(`(${alternatives.join(' OR ')})`);
  }
  return { where, params };
}

/** The queue: filtered, sorted and paged with a keyset cursor. */
export function listAlerts(
  db: Database,
  principal: Principal,
  presentation: Presentation,
  input: ListInput,
): { alerts: AlertSummary[]; total: number; nextCursor: string | null } {
  const { where, params } = filterClause(db, principal, presentation, input);
  const total = (db.prepare(`SELECT count(*) AS n FROM alerts al WHERE ${where.join(' AND ')}`).get(params) as { n: number }).n;
  const keys = SORT_KEYS[input.sort.field];
  const direction = input.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const page = [...where];
  const pageParams: Record<string, unknown> = { ...params, limit: input.limit + 1 };
  if (input.cursor) {
    const values = decodeCursor(input.cursor, keys.length);
    page.push(`(${keys.join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${keys.map((_, i) => `@cursor${i}`).join(', ')})`);
    values.forEach((value, i) => (pageParams[`cursor${i}`] = value));
  }
  const rows = db
    .prepare(
      `${SELECT_ALERT} WHERE ${page.join(' AND ')} ORDER BY ${keys.map((k) => `${k} ${direction}`).join(', ')} LIMIT @limit`,
    )
    .all(pageParams) as AlertRow[];
  const more = rows.length > input.limit;
  const shown = rows.slice(0, input.limit);
  const last = shown[shown.length - 1];
  const cursorOf = (row: AlertRow) =>
    encodeCursor(
      keys.map((key) => {
        const column = key.slice(3) as keyof AlertRow;
        return row[column] as number;
      }),
    );
  const redact = identityRedactor(db, principal, presentation);
  return { alerts: shown.map((row) => summarize(row, presentation, redact)), total, nextCursor: more && last ? cursorOf(last) : null };
}

/** One visible alert row, or NOT_FOUND (the same answer for a hidden and a missing alert). */
export function requireAlertRow(db: Database, principal: Principal, id: number): AlertRow {
  const visibility = personVisibility(principal);
  const row = db.prepare(`${SELECT_ALERT} WHERE al.id = @id AND ${visibility.sql}`).get({ ...visibility.params, id }) as
    AlertRow | undefined;
  if (!row) throw new ApiFailure('NOT_FOUND', `No alert with id ${id}.`);
  return row;
}

/** Queue widgets and filter choices. */
export function alertQueueSummary(db: Database, principal: Principal, testMode: boolean) {
  const visibility = personVisibility(principal);
  // One pass over the covering alerts_person index (a GROUP BY would pick a slower plan).
  const counts = db
    .prepare(
      `SELECT coalesce(sum(al.status = 'NeedsReview' AND al.severity_rank = 1), 0) AS low, coalesce(sum(al.status = 'NeedsReview' AND al.severity_rank = 2), 0) AS medium,
              coalesce(sum(al.status = 'NeedsReview' AND al.severity_rank = 3), 0) AS high, coalesce(sum(al.status = 'Confirmed'), 0) AS confirmed,
              coalesce(sum(al.status = 'Dismissed'), 0) AS dismissed, coalesce(sum(al.status = 'Resolved'), 0) AS resolved
       FROM alerts al WHERE al.test = @test AND al.person_id IN (SELECT p.id FROM persons p WHERE ${visibility.sql})`,
    )
    .get({ ...visibility.params, test: testMode ? 1 : 0 }) as {
    low: number;
    medium: number;
    high: number;
    confirmed: number;
    dismissed: number;
    resolved: number;
  };
  const needsReview = { Low: counts.low, Medium: counts.medium, High: counts.high };
  const byStatus = {
    NeedsReview: counts.low + counts.medium + counts.high,
    Confirmed: counts.confirmed,
    Dismissed: counts.dismissed,
    Resolved: counts.resolved,
  };
  const policies = (
    db
      .prepare(
        'SELECT id, name, deleted_at IS NOT NULL AS deleted FROM policies WHERE id IN (SELECT DISTINCT policy_id FROM alerts) OR deleted_at IS NULL ORDER BY name, id',
      )
      .all() as {
      id: number;
      name: string;
      deleted: number;
    }[]
  ).map((p) => ({ id: p.id, name: p.name, deleted: p.deleted === 1 }));
  return { needsReview, byStatus, policies, assignees: assignableAccounts(db) };
}

/** Accounts that may triage alerts (and so can be assigned them), not locked. */
export function assignableAccounts(db: Database): { id: number; name: string }[] {
  return db
    .prepare(
      `SELECT DISTINCT a.id, a.name FROM accounts a JOIN account_role_groups r ON r.account_id = a.id
       WHERE a.locked = 0 AND r.role_group IN ('InsiderRiskManagement', 'Analysts', 'Investigators') ORDER BY a.name`,
    )
    .all() as { id: number; name: string }[];
}

interface InsightRow {
  ordinal: number;
  day: number;
  kind: 'indicator' | 'sequence' | 'cumulativeExfiltration';
  indicator: IndicatorId | null;
  count: number;
  level: 'low' | 'medium' | 'high';
  threshold: number;
  base_points: number;
  boosters: string;
  booster_factor: number;
  points: number;
  day_score: number;
  detail: string;
  facts: string | null;
  events_total: number;
  stored: number;
}

/**
 * An alert's stored events that lie within its activity window (first to last activity day). The
 * events of a sequence or cumulative-exfiltration insight reach back up to 30 days before its day,
 * into days the alert did not score: those are context, not what the alert scored.
 */
const EVENT_IN_WINDOW = `(e.activity_id IS NULL OR EXISTS (SELECT 1 FROM activities x JOIN alerts w ON w.id = e.alert_id
   WHERE x.id = e.activity_id AND x.time >= w.first_day * 86400000 AND x.time < (w.last_day + 1) * 86400000))`;

/** The explanation of an alert, from its stored insights (stored events: those within its window, as the explorer lists them). */
export function explanationOf(
  db: Database,
  alert: { id: number; score: number; severity: Severity; top_day: number; policyVolume: number },
): ExplanationView {
  const rows = db
    .prepare(
      `SELECT i.*, (SELECT count(*) FROM alert_events e WHERE e.insight_id = i.id AND ${EVENT_IN_WINDOW}) AS stored
       FROM alert_insights i WHERE i.alert_id = @alertId ORDER BY i.ordinal`,
    )
    .all({ alertId: alert.id }) as InsightRow[];
  const insights = rows.map((row) => ({
    ordinal: row.ordinal,
    day: row.day * DAY_MS,
    kind: row.kind,
    indicator: row.indicator,
    title:
      row.kind === 'sequence'
        ? 'Sequence activities'
        : row.kind === 'cumulativeExfiltration'
          ? 'Cumulative exfiltration activities'
          : INDICATORS[row.indicator!].name,
    category: (row.kind === 'indicator' ? INDICATORS[row.indicator!].category : 'Exfiltration') as ActivityCategory,
    count: row.count,
    level: row.level,
    threshold: row.threshold,
    basePoints: row.base_points,
    boosters: row.boosters
      ? row.boosters.split(',').map((text) => {
          const [booster, factor] = text.split('×') as [string, string];
          return { booster: booster as Booster | 'priorityContent', factor: Number(factor) };
        })
      : [],
    boosterFactor: row.booster_factor,
    points: row.points,
    dayScore: row.day_score,
    detail: row.detail,
    facts: row.facts === null ? null : insightFacts.parse(JSON.parse(row.facts)),
    events: row.events_total,
    storedEvents: row.stored,
  }));
  const top = insights.filter((i) => i.day === alert.top_day * DAY_MS);
  const topDate = new Date(alert.top_day * DAY_MS).toISOString().slice(0, 10);
  return {
    modelVersion: MODEL_VERSION,
    score: alert.score,
    severity: alert.severity,
    alertThreshold: alert.policyVolume,
    severityBands: { Low: SEVERITY_BANDS.Low, Medium: SEVERITY_BANDS.Medium, High: SEVERITY_BANDS.High },
    topDay: alert.top_day * DAY_MS,
    summary:
      `Risk score ${alert.score} (${alert.severity}) from ${top.length} insight(s) on ${topDate}: ` +
      top.map((i) => `${i.title} ${i.count} (${i.level}, ${i.points} points)`).join('; ') +
      (insights.length > top.length ? `; ${insights.length - top.length} more insight(s) on other days.` : '.'),
    insights,
  };
}

/** The alert threshold a policy applies (its alert volume or the global one). */
function alertThresholdOf(db: Database, policyId: number, globalVolume: 'fewer' | 'default' | 'more'): number {
  const volume =
    (db.prepare('SELECT alert_volume FROM policies WHERE id = @policyId').pluck().get({ policyId }) as 'fewer' | 'default' | 'more' | null) ??
    globalVolume;
  return ALERT_MIN_SCORE[volume];
}

/** Alert detail. */
export function alertDetail(
  db: Database,
  principal: Principal,
  presentation: Presentation,
  id: number,
  globalVolume: 'fewer' | 'default' | 'more',
): AlertDetail {
  const row = requireAlertRow(db, principal, id);
  const redact = identityRedactor(db, principal, presentation);
  let source: AlertDetail['triggeringEvent']['source'] = null;
  const table =
    row.trigger_hr_event_id !== null ? 'hr_events' : row.trigger_external_alert_id !== null ? 'external_alerts' : null;
  if (table) {
    const found = db
      .prepare(
        `SELECT f.name AS fileName, f.sha256, t.line FROM ${table} t JOIN import_files f ON f.id = t.file_id WHERE t.id = @id`,
      )
      .get({ id: row.trigger_hr_event_id ?? row.trigger_external_alert_id }) as
      { fileName: string; sha256: string; line: number } | undefined;
    source = found ?? null;
  }
  const visibility = personVisibility(principal);
  const history = db
    .prepare(
      `SELECT al.id, pol.name AS policyName, al.status, al.severity, al.detected_at AS detectedAt FROM alerts al
       JOIN policies pol ON pol.id = al.policy_id JOIN persons p ON p.id = al.person_id
       WHERE al.person_id = @personId AND al.id != @id AND al.test = @test AND ${visibility.sql}
       ORDER BY al.detected_at DESC, al.id DESC LIMIT 50`,
    )
    .all({ ...visibility.params, personId: row.personId, id, test: row.test }) as AlertDetail['userAlertHistory'];
  return {
    ...summarize(row, presentation, redact),
    triggeringEvent: { ...triggerView(row, redact), source },
    explanation: explanationOf(db, {
      id,
      score: row.score,
      severity: row.severity,
      top_day: row.top_day,
      policyVolume: alertThresholdOf(db, row.policy_id, globalVolume),
    }),
    userAlertHistory: history,
    onlyPriorityContentScored:
      row.policyContentOnly === 1 &&
      !!db.prepare('SELECT 1 FROM policy_priority_content WHERE policy_id = @policyId LIMIT 1').get({ policyId: row.policy_id }),
  };
}

type ActivitiesInput = z.output<(typeof alertMethods)['alerts.activities']['input']>;

interface ActivityQueryRow {
  id: number;
  time: number;
  kind: string;
  category: ActivityCategory;
  device: string | null;
  target: string | null;
  domain: string | null;
  recipients: string | null;
  external: number | null;
  size: number | null;
  attachments: number | null;
  detail: string | null;
  importId: number;
  fileName: string;
  sha256: string;
  line: number;
}

const RISK_FACTOR_INSIGHT: Partial<Record<RiskFactor, string>> = {
  sequence: "i.kind = 'sequence'",
  cumulativeExfiltration: "i.kind = 'cumulativeExfiltration'",
  unusualActivity: 'i.unusual = 1',
  priorityContent: 'i.priority_content = 1',
  unallowedDomain: 'i.unallowed_domain = 1',
};

/**
 * Activity explorer: activities of the alert (or all scored / all of the person) with provenance, keyset-paged by time.
 * A row's points, indicators and `scored` come from this alert's insights only, and only within its window.
 */
export function alertActivities(
  db: Database,
  principal: Principal,
  presentation: Presentation,
  input: ActivitiesInput,
): { activities: ActivityRow[]; nextCursor: string | null } {
  const alert = requireAlertRow(db, principal, input.id);
  const visibility = personVisibility(principal);
  const params: Record<string, unknown> = {
    ...visibility.params,
    alertId: alert.id,
    personId: alert.personId,
    limit: input.limit + 1,
  };
  const insightScope =
    input.scope === 'alert'
      ? 'e.alert_id = @alertId'
      : `e.alert_id IN (SELECT al.id FROM alerts al WHERE al.person_id = @personId AND al.test = ${alert.test})`;
  const insightFilters: string[] = [];
  if (input.indicator) {
    insightFilters.push('i.indicator = @indicator');
    params.indicator = input.indicator;
  }
  if (input.riskFactor) {
    const condition = RISK_FACTOR_INSIGHT[input.riskFactor];
    if (condition) insightFilters.push(condition);
    else if (input.riskFactor === 'priorityUser' || input.riskFactor === 'highImpact') {
      if (alert[riskFactorColumn(input.riskFactor) as `rf_${string}`] !== 1) insightFilters.push('0');
    }
  }
  const where = ['a.person_id = @personId'];
  if (input.scope !== 'all' || insightFilters.length > 0) {
    where.push(`a.id IN (SELECT e.activity_id FROM alert_events e JOIN alert_insights i ON i.id = e.insight_id
                         WHERE ${[insightScope, 'e.activity_id IS NOT NULL', EVENT_IN_WINDOW, ...insightFilters].join(' AND ')})`);
  }
  if (input.category) {
    where.push('a.category = @category');
    params.category = input.category;
  }
  if (input.from !== undefined) {
    where.push('a.time >= @from');
    params.from = input.from;
  }
  if (input.to !== undefined) {
    where.push('a.time < @to');
    params.to = input.to;
  }
  if (input.cursor) {
    const [time, id] = decodeCursor(input.cursor, 2) as [number, number];
    where.push('(a.time, a.id) > (@cursorTime, @cursorId)');
    params.cursorTime = time;
    params.cursorId = id;
  }
  const rows = db
    .prepare(
      `SELECT a.id, a.time, a.kind, a.category, a.device, a.target, a.domain, a.recipients, a.external, a.size, a.attachments, a.detail,
              f.import_id AS importId, f.name AS fileName, f.sha256, a.line
       FROM activities a JOIN import_files f ON f.id = a.file_id
       WHERE ${where.join(' AND ')} ORDER BY a.time, a.id LIMIT @limit`,
    )
    .all(params) as ActivityQueryRow[];
  const more = rows.length > input.limit;
  const shown = rows.slice(0, input.limit);
  const contributions = db.prepare(
    `SELECT i.indicator, i.ordinal, i.kind, i.points, i.unusual, i.priority_content AS priorityContent, i.unallowed_domain AS unallowedDomain
     FROM alert_events e JOIN alert_insights i ON i.id = e.insight_id
     WHERE e.alert_id = @alertId AND e.activity_id = @activityId AND ${EVENT_IN_WINDOW} ORDER BY i.ordinal`,
  );
  const redact = identityRedactor(db, principal, presentation);
  const activities = shown.map((row): ActivityRow => {
    const parts = contributions.all({ alertId: alert.id, activityId: row.id }) as {
      indicator: IndicatorId | null;
      ordinal: number;
      kind: string;
      points: number;
      unusual: number;
      priorityContent: number;
      unallowedDomain: number;
    }[];
    const factors = new Set<RiskFactor>();
    for (const part of parts) {
      if (part.kind === 'sequence') factors.add('sequence');
      if (part.kind === 'cumulativeExfiltration') factors.add('cumulativeExfiltration');
      if (part.unusual) factors.add('unusualActivity');
      if (part.priorityContent) factors.add('priorityContent');
      if (part.unallowedDomain) factors.add('unallowedDomain');
    }
    return {
      id: row.id,
      time: row.time,
      kind: row.kind,
      category: row.category,
      device: row.device,
      target: redact(row.target),
      domain: row.domain,
      recipients: redact(row.recipients),
      external: row.external === null ? null : row.external === 1,
      size: row.size,
      attachments: row.attachments,
      detail: redact(row.detail),
      indicators: [...new Set(parts.map((p) => p.indicator).filter((i): i is IndicatorId => i !== null))],
      insightOrdinals: parts.map((p) => p.ordinal),
      points: parts.reduce((max, p) => Math.max(max, p.points), 0),
      scored: parts.length > 0,
      riskFactors: RISK_FACTORS.filter((f) => factors.has(f)),
      source: { importId: row.importId, fileName: row.fileName, sha256: row.sha256, line: row.line },
    };
  });
  const last = shown[shown.length - 1];
  return { activities, nextCursor: more && last ? encodeCursor([last.time, last.id]) : null };
}

/** The user activity chart of an alert's person: daily counts per category, scored days, sequences, cumulative volume. */
export function alertActivityChart(db: Database, principal: Principal, id: number, months: 1 | 3 | 6) {
  const alert = requireAlertRow(db, principal, id);
  const toDay = alert.last_day;
  const fromDay = toDay - months * 30 + 1;
  const counts = new Map<number, Record<ActivityCategory, number>>();
  const empty = () => Object.fromEntries(ACTIVITY_CATEGORIES.map((c) => [c, 0])) as Record<ActivityCategory, number>;
  for (const row of db
    .prepare(
      `SELECT time / 86400000 AS day, category, count(*) AS n FROM activities
       WHERE person_id = @personId AND time >= @from AND time < @to GROUP BY day, category`,
    )
    .all({ personId: alert.personId, from: fromDay * DAY_MS, to: (toDay + 1) * DAY_MS }) as {
    day: number;
    category: ActivityCategory;
    n: number;
  }[]) {
    const entry = counts.get(row.day) ?? empty();
    entry[row.category] += row.n;
    counts.set(row.day, entry);
  }
  for (const row of db
    .prepare(
      `SELECT time / 86400000 AS day, count(*) AS n FROM external_alerts
       WHERE person_id = @personId AND time >= @from AND time < @to GROUP BY day`,
    )
    .all({ personId: alert.personId, from: fromDay * DAY_MS, to: (toDay + 1) * DAY_MS }) as { day: number; n: number }[]) {
    const entry = counts.get(row.day) ?? empty();
    entry.Security += row.n;
    counts.set(row.day, entry);
  }
  const insights = db
    .prepare('SELECT day, kind, indicator, count, points, day_score FROM alert_insights WHERE alert_id = @alertId ORDER BY day, ordinal')
    .all({ alertId: alert.id }) as {
    day: number;
    kind: string;
    indicator: IndicatorId | null;
    count: number;
    points: number;
    day_score: number;
  }[];
  const scored = new Map<number, { score: number; insights: number; categories: Set<ActivityCategory> }>();
  for (const insight of insights) {
    const entry = scored.get(insight.day) ?? { score: insight.day_score, insights: 0, categories: new Set<ActivityCategory>() };
    entry.insights++;
    entry.categories.add(insight.indicator ? INDICATORS[insight.indicator].category : 'Exfiltration');
    scored.set(insight.day, entry);
  }
  const exfiltration = new Map<number, number>();
  for (const row of db
    .prepare(
      `SELECT day, sum(count) AS n FROM indicator_days WHERE person_id = @personId AND day BETWEEN @from AND @to
       AND indicator IN (SELECT value FROM json_each(@indicators)) GROUP BY day`,
    )
    .all({
      personId: alert.personId,
      from: fromDay - CUMULATIVE_DAYS + 1,
      to: toDay,
      indicators: JSON.stringify(EXFILTRATION_INDICATORS),
    }) as {
    day: number;
    n: number;
  }[]) {
    exfiltration.set(row.day, row.n);
  }
  const cumulative: { day: number; volume: number }[] = [];
  let running = 0;
  for (let day = fromDay - CUMULATIVE_DAYS + 1; day <= toDay; day++) {
    running += exfiltration.get(day) ?? 0;
    running -= exfiltration.get(day - CUMULATIVE_DAYS) ?? 0;
    if (day >= fromDay && running > 0) cumulative.push({ day: day * DAY_MS, volume: running });
  }
  return {
    from: fromDay * DAY_MS,
    to: (toDay + 1) * DAY_MS,
    days: [...counts].sort((x, y) => x[0] - y[0]).map(([day, perCategory]) => ({ day: day * DAY_MS, counts: perCategory })),
    scoredDays: [...scored]
      .sort((x, y) => x[0] - y[0])
      .map(([day, entry]) => ({
        day: day * DAY_MS,
        score: entry.score,
        insights: entry.insights,
        categories: ACTIVITY_CATEGORIES.filter((c) => entry.categories.has(c)),
      })),
    sequences: insights
      .filter((i) => i.kind === 'sequence')
      .map((i) => ({ day: i.day * DAY_MS, files: i.count, points: i.points })),
    cumulativeExfiltration: cumulative,
  };
}
