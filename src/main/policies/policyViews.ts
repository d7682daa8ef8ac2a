/**
 * Policies as the Policies page shows them: the definition with names of groups and persons, the
 * effective thresholds, counts (visible persons only) and health (DOMAIN.md §5; Purview §12):
 * missing or stale data source, no indicators, nobody in scope, trigger firing for too many people.
 */
import type { Database } from '../store/database';
import { INDICATORS, TEMPLATES, type AlertVolume, type HealthDataSource, type TemplateId } from '../../shared/detection';
import type { PolicyView, TemplateView } from '../../shared/contract';
import { personVisibility } from '../access/visibility';
import type { Principal } from '../access/sessions';
import type { SettingsStore } from '../settings/settingsStore';
import { identityRedactor, presentPersonsById, type Presentation, type Redactor } from '../privacy/people';
import { DAY_MS, HEALTH_STALE_DAYS, HEALTH_TRIGGER_SHARE } from '../detection/model';
import { inPopulation } from '../detection/policyScope';
import type { LightEnvironment } from '../detection/environment';
import type { PolicyDefinition } from '../detection/policyDefinition';
import { readPolicy } from './policyRepository';

type HealthIssue = PolicyView['health']['issues'][number];

/** The structured part of an issue whose message has no data source, indicators or numbers. */
const NO_DETAILS = { source: null, indicators: [], params: {} } satisfies Pick<HealthIssue, 'source' | 'indicators' | 'params'>;

/** Facts about the data sources, read once per listing. */
export interface SourceFacts {
  departures: number;
  stressors: number;
  dlpAlerts: number;
  securityAlerts: number;
  /** Newest successful import time that brought each source, or null. */
  newestHr: number | null;
  newestDlp: number | null;
  newestSecurity: number | null;
  persons: number;
  /** Priority user groups with at least one member (a person that exists). */
  priorityGroupsWithMembers: number;
  lastFullRun: number | null;
  /** When the newest successful run started. */
  lastRun: number | null;
}

/** Reads the data-source facts policy health needs. */
export function readSourceFacts(db: Database): SourceFacts {
  const count = (sql: string) => (db.prepare(sql).pluck().get() as number | null) ?? 0;
  const newest = (table: string, where: string) =>
    db
      .prepare(
        `SELECT max(coalesce(i.finished_at, i.started_at)) FROM ${table} t JOIN import_files f ON f.id = t.file_id JOIN imports i ON i.id = f.import_id WHERE ${where}`,
      )
      .pluck()
      .get() as number | null;
  return {
    departures: count("SELECT count(*) FROM hr_events WHERE kind IN ('resignation', 'termination', 'departure')"),
    stressors: count(
      "SELECT count(*) FROM hr_events WHERE kind = 'improvementPlan' OR (kind = 'performanceReview' AND poor_rating = 1) OR (kind = 'jobLevelChange' AND demotion = 1)",
    ),
    dlpAlerts: count("SELECT count(*) FROM external_alerts WHERE source = 'dlp'"),
    securityAlerts: count("SELECT count(*) FROM external_alerts WHERE source = 'security'"),
    newestHr: newest('hr_events', '1'),
    newestDlp: newest('external_alerts', "t.source = 'dlp'"),
    newestSecurity: newest('external_alerts', "t.source = 'security'"),
    persons: count('SELECT count(*) FROM persons'),
    priorityGroupsWithMembers: count(
      `SELECT count(*) FROM person_groups g WHERE g.kind = 'priority' AND EXISTS (
         SELECT 1 FROM person_group_members gm JOIN persons p ON p.id = gm.person_id WHERE gm.group_id = g.id)`,
    ),
    lastFullRun: db
      .prepare("SELECT max(finished_at) FROM scoring_runs WHERE state = 'succeeded' AND kind = 'full'")
      .pluck()
      .get() as number | null,
    // A run that started after a change has read it (it may finish later than the next change).
    lastRun: db.prepare("SELECT max(started_at) FROM scoring_runs WHERE state = 'succeeded'").pluck().get() as number | null,
  };
}

/** Template prerequisites: whether the data its trigger and population need exists (each computed from the data). */
export function templatePrerequisites(template: TemplateId, facts: SourceFacts): TemplateView['prerequisites'] {
  const info = TEMPLATES[template];
  const result: TemplateView['prerequisites'] = [];
  if (info.triggers.includes('departure') || info.population === 'departing') {
    result.push({
      met: facts.departures > 0,
      what: 'hrDepartures',
      message: 'HR resignations, terminations or directory snapshots showing departures',
    });
  }
  if (info.triggers.includes('hrStressor') || info.population === 'risky') {
    result.push({
      met: facts.stressors > 0,
      what: 'hrStressors',
      message: 'HR performance reviews, improvement plans or job level changes',
    });
  }
  if (info.triggers.includes('dlpAlert'))
    result.push({ met: facts.dlpAlerts > 0, what: 'dlpAlerts', message: 'DLP alerts (or use the exfiltration-activity trigger)' });
  if (info.triggers.includes('securityAlert'))
    result.push({ met: facts.securityAlerts > 0, what: 'securityAlerts', message: 'Endpoint security alerts' });
  if (info.population === 'priority')
    result.push({ met: facts.priorityGroupsWithMembers > 0, what: 'priorityGroups', message: 'Priority user groups with members' });
  return result;
}

/** English names of the data sources in health messages (the UI words them itself). */
const SOURCE_LABELS: Record<HealthDataSource, string> = {
  hrDepartures: 'HR departure data (resignations, terminations, roster snapshots)',
  hrStressors: 'HR stressor data (poor reviews, improvement plans, demotions)',
  dlpAlerts: 'DLP alerts',
  securityAlerts: 'endpoint security alerts',
};

/** The health of one policy. */
export function policyHealth(
  db: Database,
  policy: PolicyDefinition,
  facts: SourceFacts,
  env: LightEnvironment,
  now: number,
): PolicyView['health'] {
  const issues: HealthIssue[] = [];
  const info = TEMPLATES[policy.template];
  const stale = (time: number | null) => time !== null && now - time > HEALTH_STALE_DAYS * DAY_MS;
  const needs = (has: boolean, newest: number | null, source: HealthDataSource, optional = false) => {
    if (!has) {
      issues.push({
        code: 'missingDataSource',
        level: optional ? 'recommendation' : 'warning',
        message: `No ${SOURCE_LABELS[source]} imported: ${optional ? 'this trigger cannot fire' : 'nobody can enter scope'}.`,
        source,
        indicators: [],
        params: { optional },
      });
    } else if (stale(newest)) {
      issues.push({
        code: 'staleDataSource',
        level: 'recommendation',
        message: `The newest ${SOURCE_LABELS[source]} import is more than ${HEALTH_STALE_DAYS} days old.`,
        source,
        indicators: [],
        params: { days: HEALTH_STALE_DAYS },
      });
    }
  };
  if (info.triggers.includes('departure') || info.population === 'departing')
    needs(facts.departures > 0, facts.newestHr, 'hrDepartures');
  if (info.triggers.includes('hrStressor') || info.population === 'risky')
    needs(facts.stressors > 0, facts.newestHr, 'hrStressors');
  if (info.triggers.includes('dlpAlert') && policy.triggers.dlp)
    needs(facts.dlpAlerts > 0, facts.newestDlp, 'dlpAlerts', policy.triggers.exfiltration);
  if (info.triggers.includes('securityAlert'))
    needs(facts.securityAlerts > 0, facts.newestSecurity, 'securityAlerts', policy.triggers.securityActivity);
  if (info.population === 'priority') {
    const groups =
      policy.scope.priorityGroupIds.length > 0
        ? policy.scope.priorityGroupIds
        : [...new Set([...env.priorityGroupsOf.values()].flatMap((s) => [...s]))];
    if (groups.every((id) => (env.groupMembers.get(id)?.size ?? 0) === 0)) {
      issues.push({
        code: 'noPriorityGroups',
        level: 'warning',
        message: 'No priority user group with members: this template scores only priority users.',
        ...NO_DETAILS,
      });
    }
  }
  if (policy.indicators.length === 0) {
    issues.push({ code: 'noIndicators', level: 'warning', message: 'No indicators are selected: nothing can be scored.', ...NO_DETAILS });
  } else {
    const disabled = policy.indicators.filter((i) => !env.enabled.has(i.id));
    if (disabled.length === policy.indicators.length) {
      issues.push({
        code: 'indicatorsDisabled',
        level: 'warning',
        message: 'Every selected indicator is turned off in Settings.',
        source: null,
        indicators: disabled.map((d) => d.id),
        params: { count: disabled.length, all: true },
      });
    } else if (disabled.length > 0) {
      issues.push({
        code: 'indicatorsDisabled',
        level: 'recommendation',
        message: `${disabled.length} selected indicator(s) are turned off in Settings: ${disabled.map((d) => d.id).join(', ')}.`,
        source: null,
        indicators: disabled.map((d) => d.id),
        params: { count: disabled.length, all: false },
      });
    }
  }
  if (policy.state === 'paused')
    issues.push({
      code: 'paused',
      level: 'recommendation',
      message: 'Paused: the policy scores nobody until it is resumed.',
      ...NO_DETAILS,
    });
  const scored = facts.lastRun !== null && facts.lastRun >= policy.updatedAt;
  const stateRow = db.prepare('SELECT needs_policies FROM scoring_state WHERE id = 1').pluck().get() as number;
  if (!scored || stateRow === 1) {
    issues.push({
      code: 'notScored',
      level: 'recommendation',
      message: 'Not scored since the last change: run scoring to see who is in scope.',
      ...NO_DETAILS,
    });
  } else if (policy.state !== 'paused') {
    const inScope = db.prepare('SELECT count(*) FROM policy_persons WHERE policy_id = @policyId').pluck().get({ policyId: policy.id }) as number;
    if (inScope === 0)
      issues.push({
        code: 'nobodyInScope',
        level: 'warning',
        message: 'Nobody is in scope: no triggering event matched the people in scope.',
        ...NO_DETAILS,
      });
    const population = [...env.persons.values()].filter((p) => inPopulation(policy, p, env)).length;
    const triggered = db
      .prepare("SELECT count(*) FROM policy_persons WHERE policy_id = @policyId AND trigger_kind != 'manual'")
      .pluck()
      .get({ policyId: policy.id }) as number;
    if (population > 0 && triggered / population > HEALTH_TRIGGER_SHARE) {
      const percent = Math.round((100 * triggered) / population);
      const limit = Math.round(HEALTH_TRIGGER_SHARE * 100);
      issues.push({
        code: 'triggerTooBroad',
        level: 'warning',
        message: `The trigger fires for ${percent}% of the people in scope (over ${limit}%): raise trigger thresholds or narrow the scope.`,
        source: null,
        indicators: [],
        params: { percent, limit },
      });
    }
  }
  const state = issues.some((i) => i.level === 'warning') ? 'warnings' : issues.length > 0 ? 'recommendations' : 'healthy';
  return { state, issues };
}

/** A policy as the Policies page shows it. */
export function viewPolicy(
  db: Database,
  principal: Principal,
  presentation: Presentation,
  settings: SettingsStore,
  policyId: number,
  facts: SourceFacts,
  env: LightEnvironment,
  now: number,
): PolicyView {
  const policy = readPolicy(db, policyId)!;
  const groupName = (id: number) =>
    db.prepare('SELECT id, name, kind FROM person_groups WHERE id = @id').get({ id }) as {
      id: number;
      name: string;
      kind: 'priority' | 'pilot';
    };
  const visibility = personVisibility(principal);
  const countVisible = (sql: string) =>
    (db
      .prepare(`SELECT count(*) FROM ${sql} AND ${visibility.sql}`)
      .pluck()
      .get({ ...visibility.params, policyId }) as number) ?? 0;
  const alerts = db
    .prepare(
      `SELECT al.status, count(*) AS n FROM alerts al JOIN persons p ON p.id = al.person_id
       WHERE al.policy_id = @policyId AND ${visibility.sql} GROUP BY al.status`,
    )
    .all({ ...visibility.params, policyId }) as { status: string; n: number }[];
  const byStatus = (status: string) => alerts.find((a) => a.status === status)?.n ?? 0;
  const confirmed = byStatus('Confirmed') + byStatus('Resolved');
  const dismissed = byStatus('Dismissed');
  const globalVolume: AlertVolume = settings.get('alerts.volume');
  const manualRows = db
    .prepare(
      `SELECT mp.id, mp.person_id AS personId, mp.added_at AS addedAt, mp.until, mp.days, mp.reason, a.name AS addedBy
       FROM policy_manual_persons mp LEFT JOIN accounts a ON a.id = mp.added_by
       WHERE mp.policy_id = @policyId AND mp.removed_at IS NULL ORDER BY mp.id DESC`,
    )
    .all({ policyId }) as { id: number; personId: number; addedAt: number; until: number; days: number; reason: string; addedBy: string | null }[];
  // Persons outside the caller's scopes are left out (presentPersonsById drops them).
  const manualPersons = new Map(
    presentPersonsById(db, principal, presentation, [...new Set(manualRows.map((row) => row.personId))]).map((person) => [person.id, person]),
  );
  let redact: Redactor | null = null;
  return {
    id: policy.id,
    template: policy.template,
    templateName: TEMPLATES[policy.template].name,
    name: policy.name,
    description: policy.description,
    state: policy.state,
    scope: {
      everyone: policy.scope.everyone,
      groups: policy.scope.groupIds.map(groupName),
      attributes: policy.scope.attributes,
      pilotGroup:
        policy.scope.pilotGroupId === null
          ? null
          : { id: policy.scope.pilotGroupId, name: groupName(policy.scope.pilotGroupId).name },
      persons: presentPersonsById(db, principal, presentation, policy.scope.personIds),
      exclude: {
        groups: policy.scope.exclude.groupIds.map(groupName),
        attributes: policy.scope.exclude.attributes,
        persons: presentPersonsById(db, principal, presentation, policy.scope.exclude.personIds),
      },
      priorityGroups: policy.scope.priorityGroupIds.map((id) => ({ id, name: groupName(id).name })),
    },
    manualAdditions: manualRows.flatMap(({ personId, ...row }) => {
      const person = manualPersons.get(personId);
      // The reason is free text: names in it are redacted like activity text.
      redact ??= identityRedactor(db, principal, presentation);
      return person ? [{ ...row, reason: redact(row.reason) ?? row.reason, person }] : [];
    }),
    priorityContent: {
      extensions: policy.priorityContent.extensions,
      keywords: policy.priorityContent.keywords,
      labels: policy.priorityContent.labels,
      scoreOnlyPriorityContent: policy.priorityContent.only,
    },
    indicators: policy.indicators.map((indicator) => {
      const info = INDICATORS[indicator.id];
      const defaults =
        info.measure === 'count'
          ? settings.get(`thresholds.${indicator.id as Exclude<typeof indicator.id, 'security_alert' | 'dlp_match'>}`)
          : null;
      return {
        id: indicator.id,
        name: info.name,
        category: info.category,
        thresholds: indicator.thresholds ?? defaults,
        custom: indicator.thresholds !== null,
        aboveUsual: indicator.aboveUsual,
        globallyEnabled: env.enabled.has(indicator.id),
      };
    }),
    triggers: { kinds: [...TEMPLATES[policy.template].triggers], ...policy.triggers },
    activationDays: policy.activationDays,
    pastDays: policy.pastDays,
    boosters: policy.boosters,
    sequenceDetection: policy.sequenceDetection,
    cumulativeExfiltration: policy.cumulativeExfiltration,
    alertVolume: policy.alertVolume,
    effectiveAlertVolume: policy.alertVolume ?? globalVolume,
    createdAt: policy.createdAt,
    updatedAt: policy.updatedAt,
    health: policyHealth(db, policy, facts, env, now),
    stats: {
      inScope: countVisible('policy_persons pp JOIN persons p ON p.id = pp.person_id WHERE pp.policy_id = @policyId'),
      triggered: countVisible(
        "policy_persons pp JOIN persons p ON p.id = pp.person_id WHERE pp.policy_id = @policyId AND pp.trigger_kind != 'manual'",
      ),
      manual: countVisible(
        'policy_manual_persons mp JOIN persons p ON p.id = mp.person_id WHERE mp.policy_id = @policyId AND mp.removed_at IS NULL',
      ),
      activeAlerts: byStatus('NeedsReview') + byStatus('Confirmed'),
      confirmedAlerts: confirmed,
      dismissedAlerts: dismissed,
      effectiveness: confirmed + dismissed > 0 ? Math.round((1000 * confirmed) / (confirmed + dismissed)) / 1000 : null,
    },
  };
}
