/**
 * Who a policy scores and when: the people in scope (everyone / groups / attribute filters / pilot
 * group / listed persons, minus exclusions, and the template's population), the triggering events
 * that put them in scope (DOMAIN.md §5) and the scored windows around them.
 */
import { TEMPLATES, type ImpactLevel, type IndicatorId, type Thresholds, type TriggerKind } from '../../shared/detection';
import type { TriggerFacts } from '../../shared/contract';
import type { PolicyDefinition, PolicyScope } from './policyDefinition';
import type { ExternalAlertRow, HrEventRow, PersonFacts, ScoringEnvironment } from './environment';
import {
  BASELINE_DAYS,
  BASELINE_MIN_ACTIVE_DAYS,
  DAY_MS,
  DLP_EXFILTRATION_MIN_SEVERITY,
  MANUAL_LOOKBACK_DAYS,
  PERSONAL_DESTINATION_INDICATORS,
  POPULATION_EVENT_LOOKBACK_DAYS,
  SAME_CHANNEL_INDICATORS,
  UNUSUAL_FACTOR,
  levelOf,
} from './model';

/** One triggering event. */
export interface Trigger {
  kind: TriggerKind;
  time: number;
  /** In English (CLI, exports). */
  summary: string;
  /** What `summary` says, for the UI to word in its language. */
  facts: TriggerFacts;
  /** Scored days around it (inclusive). */
  fromDay: number;
  toDay: number;
  hrEventId: number | null;
  externalAlertId: number | null;
}

/** A manual addition of a person to a policy. */
export interface ManualAddition {
  personId: number;
  addedAt: number;
  until: number;
  days: number;
  reason: string;
}

const SEVERITY_RANK = { informational: 0, low: 1, medium: 2, high: 3 } as const;
const LEVEL_RANK: Record<ImpactLevel, number> = { low: 1, medium: 2, high: 3 };

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

const PERSON_COLUMN = {
  region: 'region',
  country: 'country',
  businessUnit: 'businessUnit',
  department: 'department',
  title: 'title',
} as const;

function matchesAttributes(person: PersonFacts, filters: PolicyScope['attributes']): boolean {
  if (filters.length === 0) return false;
  return filters.every((filter) => {
    const value = person[PERSON_COLUMN[filter.attribute]];
    return value !== null && filter.values.some((v) => v.toLowerCase() === value.toLowerCase());
  });
}

/** True when the person is in the policy's configured scope and the template's population of priority users. */
export function inPopulation(
  policy: PolicyDefinition,
  person: PersonFacts,
  env: Pick<ScoringEnvironment, 'groupMembers' | 'priorityGroupsOf'>,
): boolean {
  const scope = policy.scope;
  const inGroup = (groupId: number) => env.groupMembers.get(groupId)?.has(person.id) ?? false;
  const included =
    scope.everyone ||
    scope.groupIds.some(inGroup) ||
    (scope.pilotGroupId !== null && inGroup(scope.pilotGroupId)) ||
    matchesAttributes(person, scope.attributes) ||
    scope.personIds.includes(person.id);
  if (!included) return false;
  if (
    scope.exclude.groupIds.some(inGroup) ||
    scope.exclude.personIds.includes(person.id) ||
    matchesAttributes(person, scope.exclude.attributes)
  )
    return false;
  if (TEMPLATES[policy.template].population === 'priority') {
    const groups = env.priorityGroupsOf.get(person.id);
    if (!groups || groups.size === 0) return false;
    if (scope.priorityGroupIds.length > 0 && !scope.priorityGroupIds.some((id) => groups.has(id))) return false;
  }
  return true;
}

function isDeparture(event: HrEventRow): boolean {
  return event.kind === 'resignation' || event.kind === 'termination' || event.kind === 'departure';
}

function isStressor(event: HrEventRow): boolean {
  return (
    event.kind === 'improvementPlan' ||
    (event.kind === 'performanceReview' && event.poorRating === 1) ||
    (event.kind === 'jobLevelChange' && event.demotion === 1)
  );
}

function describeHrEvent(event: HrEventRow): string {
  switch (event.kind) {
    case 'resignation':
      return `Resignation on ${isoDay(event.time)}${event.lastWorkingTime ? `, last working day ${isoDay(event.lastWorkingTime)}` : ''}`;
    case 'termination':
      return `Termination on ${isoDay(event.time)}${event.lastWorkingTime ? `, last working day ${isoDay(event.lastWorkingTime)}` : ''}`;
    case 'departure':
      return `Departure seen in directory snapshots (${isoDay(event.time)})`;
    case 'performanceReview':
      return `Poor performance review on ${isoDay(event.time)}${event.rating ? ` (rating ${event.rating})` : ''}`;
    case 'improvementPlan':
      return `Performance improvement plan on ${isoDay(event.time)}`;
    case 'jobLevelChange':
      return `Demotion on ${isoDay(event.time)}${event.oldLevel && event.newLevel ? ` (${event.oldLevel} → ${event.newLevel})` : ''}`;
  }
}

/** UTC ms of the midnight starting a time's day. */
function dayStart(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

function hrFacts(kind: TriggerKind, event: HrEventRow): TriggerFacts {
  return {
    kind,
    day: dayStart(event.time),
    hrKind: event.kind,
    ...((event.kind === 'resignation' || event.kind === 'termination') && event.lastWorkingTime
      ? { lastWorkingDay: dayStart(event.lastWorkingTime) }
      : {}),
    ...(event.kind === 'performanceReview' && event.rating ? { rating: event.rating } : {}),
    ...(event.kind === 'jobLevelChange' && event.oldLevel && event.newLevel ? { oldLevel: event.oldLevel, newLevel: event.newLevel } : {}),
  };
}

function externalFacts(kind: TriggerKind, alert: ExternalAlertRow): TriggerFacts {
  const name = alert.source === 'dlp' ? (alert.policyName ?? alert.title) : alert.title;
  return {
    kind,
    day: dayStart(alert.time),
    source: alert.source,
    ...(name ? { title: name } : {}),
    severity: alert.severity,
    ...(alert.category ? { category: alert.category } : {}),
  };
}

function describeExternal(alert: ExternalAlertRow): string {
  const what = alert.source === 'dlp' ? 'DLP policy match' : 'Endpoint security alert';
  const name = alert.source === 'dlp' ? (alert.policyName ?? alert.title) : alert.title;
  return `${what}${name ? `: ${name}` : ''} (${alert.severity}${alert.category ? `, ${alert.category}` : ''}) on ${isoDay(alert.time)}`;
}

/** The effective thresholds of a count indicator in a policy, scaled by the alert volume factor. */
export function scaledThresholds(thresholds: Thresholds, factor: number): Thresholds {
  const scale = (value: number) => Math.max(1, Math.ceil(value * factor - 1e-9));
  const low = scale(thresholds.low);
  const medium = Math.max(low, scale(thresholds.medium));
  return { low, medium, high: Math.max(medium, scale(thresholds.high)) };
}

/**
 * The triggers that put a person in scope of a policy, each with its scored window. `thresholds`
 * gives the effective thresholds of the policy's count indicators (the exfiltration trigger uses them).
 */
export function triggersFor(
  policy: PolicyDefinition,
  person: PersonFacts,
  env: ScoringEnvironment,
  thresholds: Map<IndicatorId, Thresholds>,
  manual: ManualAddition[],
): Trigger[] {
  const template = TEMPLATES[policy.template];
  const hr = env.hrEvents.get(person.id) ?? [];
  const external = env.externalAlerts.get(person.id) ?? [];
  const window = (time: number, extendTo: number | null = null) => {
    const day = Math.floor(time / DAY_MS);
    const toDay = day + policy.activationDays;
    return { fromDay: day - policy.pastDays, toDay: extendTo === null ? toDay : Math.max(toDay, Math.floor(extendTo / DAY_MS)) };
  };
  const triggers: Trigger[] = [];
  for (const kind of template.triggers) {
    if (kind === 'departure') {
      for (const event of hr.filter(isDeparture)) {
        triggers.push({
          kind,
          time: event.time,
          summary: describeHrEvent(event),
          facts: hrFacts(kind, event),
          ...window(event.time, event.lastWorkingTime),
          hrEventId: event.id,
          externalAlertId: null,
        });
      }
    } else if (kind === 'hrStressor') {
      for (const event of hr.filter(isStressor)) {
        triggers.push({
          kind,
          time: event.time,
          summary: describeHrEvent(event),
          facts: hrFacts(kind, event),
          ...window(event.time),
          hrEventId: event.id,
          externalAlertId: null,
        });
      }
    } else if (kind === 'dlpAlert') {
      if (!policy.triggers.dlp) continue;
      for (const alert of external) {
        if (
          alert.source !== 'dlp' ||
          alert.withdrawn === 1 ||
          SEVERITY_RANK[alert.severity] < LEVEL_RANK[policy.triggers.dlpMinSeverity]
        )
          continue;
        triggers.push({
          kind,
          time: alert.time,
          summary: describeExternal(alert),
          facts: externalFacts(kind, alert),
          ...window(alert.time),
          hrEventId: null,
          externalAlertId: alert.id,
        });
      }
    } else if (kind === 'securityAlert') {
      for (const alert of external) {
        if (
          alert.source !== 'security' ||
          alert.withdrawn === 1 ||
          SEVERITY_RANK[alert.severity] < LEVEL_RANK[policy.triggers.securityMinSeverity]
        )
          continue;
        if (!populationEventNear(template.population, hr, alert.time, policy.activationDays)) continue;
        triggers.push({
          kind,
          time: alert.time,
          summary: describeExternal(alert),
          facts: externalFacts(kind, alert),
          ...window(alert.time),
          hrEventId: null,
          externalAlertId: alert.id,
        });
      }
    } else if (kind === 'securityActivity') {
      if (!policy.triggers.securityActivity) continue;
      const chosen = new Set(policy.indicators.map((i) => i.id));
      const rows = env.securityActivity.get(person.id) ?? [];
      for (const row of rows) {
        if (!chosen.has(row.indicator) || !env.enabled.has(row.indicator)) continue;
        const limits = thresholds.get(row.indicator);
        const level = limits ? levelOf(row.count, limits) : null;
        if (!limits || !level || LEVEL_RANK[level] < LEVEL_RANK[policy.triggers.securityActivityLevel]) continue;
        // A one-off visit to a colleague's desk is routine (and after hours, or a hacking-tool site,
        // alone put 5% of the simulated staff in scope); returning to the same colleague's device
        // on another day is what snooping looks like.
        const returned = env.foreignReturns.get(person.id)?.get(row.day);
        if (!returned) continue;
        const time = row.day * DAY_MS;
        if (!populationEventNear(template.population, hr, time, policy.activationDays)) continue;
        triggers.push({
          kind,
          time,
          summary: `Security activity: ${row.indicator} ${row.count} event(s) on ${isoDay(time)} ≥ ${policy.triggers.securityActivityLevel} threshold ${limits[policy.triggers.securityActivityLevel]}, returned to ${returned.device} (also used on ${isoDay(returned.previousDay * DAY_MS)})`,
          facts: {
            kind,
            day: time,
            indicator: row.indicator,
            count: row.count,
            level: policy.triggers.securityActivityLevel,
            threshold: limits[policy.triggers.securityActivityLevel],
            returnedTo: returned.device,
            previousDay: returned.previousDay * DAY_MS,
          },
          ...window(time),
          hrEventId: null,
          externalAlertId: null,
        });
      }
    } else if (kind === 'exfiltration') {
      if (!policy.triggers.exfiltration) continue;
      const chosen = new Set(policy.indicators.map((i) => i.id));
      const rows = env.exfiltration.get(person.id)?.rows ?? [];
      for (const row of rows) {
        if (!chosen.has(row.indicator) || !env.enabled.has(row.indicator)) continue;
        const limits = thresholds.get(row.indicator);
        if (!limits) continue;
        const level = levelOf(row.count, limits);
        if (!level) continue;
        /** The trigger at a level, with the person's usual count and what backs it up (null: no baseline yet). */
        const exfiltrationTrigger = (
          at: ImpactLevel,
          usual: { mean: number; mature: boolean },
          corroboration: Corroboration | null,
          externalAlertId: number | null,
        ): Trigger => {
          const time = row.day * DAY_MS;
          return {
            kind,
            time,
            summary:
              `Exfiltration activity: ${row.indicator} ${row.count} event(s) on ${isoDay(time)} ≥ ${at} threshold ${limits[at]}, ` +
              (usual.mature ? `usually ${usual.mean.toFixed(2)} a day` : 'no baseline yet') +
              (corroboration ? `, ${corroboration.text}` : ''),
            facts: {
              kind,
              day: time,
              indicator: row.indicator,
              count: row.count,
              level: at,
              threshold: limits[at],
              ...(usual.mature ? { usualPerDay: Math.round(usual.mean * 100) / 100 } : {}),
              ...(corroboration
                ? {
                    corroboration: corroboration.kind,
                    ...(corroboration.otherIndicator ? { otherIndicator: corroboration.otherIndicator } : {}),
                    ...(corroboration.severity ? { severity: corroboration.severity } : {}),
                  }
                : {}),
            },
            ...window(time),
            hrEventId: null,
            externalAlertId,
          };
        };
        if (LEVEL_RANK[level] < LEVEL_RANK[policy.triggers.exfiltrationLevel]) {
          // Below the trigger level, a DLP match of at least DLP_EXFILTRATION_MIN_SEVERITY the same day
          // still triggers on the first use of a channel in a mature baseline, or on a personal
          // destination (personal webmail, cloud storage): sensitive content leaving by a way the
          // person never used, or to a place the organisation does not control, is the leak itself.
          // The DLP match is looked for first: it is rare, the baseline is not.
          const dlp = sameDayDlp(external, row.day, DLP_EXFILTRATION_MIN_SEVERITY);
          if (!dlp) continue;
          const usual = usualExfiltration(rows, row.indicator, row.day, env.activeDays(person.id));
          const newChannel = usual.mature && usual.mean === 0;
          if (!newChannel && !PERSONAL_DESTINATION_INDICATORS.includes(row.indicator)) continue;
          const where = newChannel ? 'first use of the channel' : 'to a personal destination';
          triggers.push(
            exfiltrationTrigger(
              level,
              usual,
              {
                kind: newChannel ? 'newChannelDlp' : 'personalDlp',
                severity: dlp.severity,
                text: `${where}, with a ${dlp.severity} DLP match the same day`,
              },
              dlp.id,
            ),
          );
          continue;
        }
        // The trigger marks a departure from the person's own pattern, not their routine: the day
        // must be above their usual activity (or, before a baseline exists, reach the high level),
        // and either open a channel the person did not use in the baseline, or come with a second
        // exfiltration channel or a DLP match that day. A regular USB user's one big copy day alone
        // is a spike in a habit, not a new behaviour (it alone put 3% of simulated staff in scope).
        const usual = usualExfiltration(rows, row.indicator, row.day, env.activeDays(person.id));
        if (usual.mature ? row.count < UNUSUAL_FACTOR * usual.mean : level !== 'high') continue;
        const corroboration =
          usual.mature && usual.mean > 0
            ? corroborationOf(row, rows, thresholds, external, env.securityActivity.get(person.id) ?? [])
            : NEW_CHANNEL;
        if (!corroboration) continue;
        triggers.push(exfiltrationTrigger(policy.triggers.exfiltrationLevel, usual, usual.mature ? corroboration : null, null));
      }
    }
  }
  for (const addition of manual) {
    const addedDay = Math.floor(addition.addedAt / DAY_MS);
    triggers.push({
      kind: 'manual',
      time: addition.addedAt,
      summary: `Added by hand on ${isoDay(addition.addedAt)} for ${addition.days} days: ${addition.reason}`,
      facts: { kind: 'manual', day: dayStart(addition.addedAt), days: addition.days, reason: addition.reason },
      fromDay: addedDay - Math.max(MANUAL_LOOKBACK_DAYS, policy.pastDays),
      toDay: Math.max(Math.floor(addition.until / DAY_MS), addedDay + policy.activationDays),
      hrEventId: null,
      externalAlertId: null,
    });
  }
  return triggers.sort(
    (x, y) =>
      x.time - y.time ||
      x.kind.localeCompare(y.kind) ||
      (x.hrEventId ?? x.externalAlertId ?? 0) - (y.hrEventId ?? y.externalAlertId ?? 0),
  );
}

/** The person's mean daily count of an indicator over the baseline days before a day, and whether the baseline is mature. */
function usualExfiltration(
  rows: { day: number; indicator: IndicatorId; count: number }[],
  indicator: IndicatorId,
  day: number,
  activeDays: Set<number>,
): { mean: number; mature: boolean } {
  let sum = 0;
  for (const row of rows) if (row.indicator === indicator && row.day >= day - BASELINE_DAYS && row.day < day) sum += row.count;
  let active = 0;
  for (let d = day - BASELINE_DAYS; d < day; d++) if (activeDays.has(d)) active++;
  return { mean: sum / BASELINE_DAYS, mature: active >= BASELINE_MIN_ACTIVE_DAYS };
}

/** What backs up an exfiltration spike: its kind for the UI, the other indicator, and the English words. */
interface Corroboration {
  kind: NonNullable<TriggerFacts['corroboration']>;
  otherIndicator?: IndicatorId;
  /** newChannelDlp / personalDlp: the DLP match's severity. */
  severity?: NonNullable<TriggerFacts['severity']>;
  text: string;
}

const NEW_CHANNEL: Corroboration = { kind: 'newChannel', text: 'new channel' };

/**
 * What backs up an exfiltration spike in a channel the person already uses: another exfiltration
 * channel at its low level or above the same day, a DLP match that day, or a logon to another
 * person's device that day (null: nothing).
 */
function corroborationOf(
  spike: { day: number; indicator: IndicatorId },
  rows: { day: number; indicator: IndicatorId; count: number }[],
  thresholds: Map<IndicatorId, Thresholds>,
  external: ExternalAlertRow[],
  securityActivity: { day: number; indicator: IndicatorId; count: number }[],
): Corroboration | null {
  const channel = SAME_CHANNEL_INDICATORS.find((group) => (group as readonly IndicatorId[]).includes(spike.indicator)) as
    | readonly IndicatorId[]
    | undefined;
  for (const other of rows) {
    if (other.day !== spike.day || other.indicator === spike.indicator || channel?.includes(other.indicator)) continue;
    const limits = thresholds.get(other.indicator);
    if (limits && levelOf(other.count, limits)) return { kind: 'otherChannel', otherIndicator: other.indicator, text: `with ${other.indicator} the same day` };
  }
  const dlp = sameDayDlp(external, spike.day, 'low');
  if (dlp) return { kind: 'dlp', text: 'with a DLP match the same day' };
  const foreign = securityActivity.some((other) => other.day === spike.day && other.indicator === 'foreign_device_logon');
  return foreign ? { kind: 'foreignLogon', text: "with a logon to another person's device the same day" } : null;
}

/** The person's first DLP match on a day at or above a severity (withdrawn matches do not count). */
function sameDayDlp(external: ExternalAlertRow[], day: number, minSeverity: ImpactLevel): ExternalAlertRow | undefined {
  return external.find(
    (alert) =>
      alert.source === 'dlp' &&
      alert.withdrawn === 0 &&
      Math.floor(alert.time / DAY_MS) === day &&
      SEVERITY_RANK[alert.severity] >= LEVEL_RANK[minSeverity],
  );
}

/** Security sub-templates: a departure or an HR stressor near the security alert. */
function populationEventNear(population: string, hr: HrEventRow[], time: number, activationDays: number): boolean {
  if (population !== 'departing' && population !== 'risky') return true;
  const from = time - POPULATION_EVENT_LOOKBACK_DAYS * DAY_MS;
  const to = time + activationDays * DAY_MS;
  return hr.some(
    (event) => event.time >= from && event.time <= to && (population === 'departing' ? isDeparture(event) : isStressor(event)),
  );
}

/** The union of the triggers' windows as sorted, merged [fromDay, toDay] intervals. */
export function mergeWindows(triggers: Trigger[]): [number, number][] {
  const sorted = triggers.map((t) => [t.fromDay, t.toDay] as [number, number]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** True when a day lies in one of the merged windows. */
export function inWindows(windows: [number, number][], day: number): boolean {
  return windows.some(([from, to]) => day >= from && day <= to);
}
