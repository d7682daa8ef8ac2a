/**
 * What policy scoring reads once per run: global settings (indicator switches, default thresholds,
 * alert volume, classification), person facts (peer groups, priority groups, potential high
 * impact, previous violations), HR events, external alerts and the exfiltration volumes.
 */
import type { Database } from '../store/database';
import { INDICATOR_IDS, INDICATORS, type AlertVolume, type IndicatorId, type Thresholds } from '../../shared/detection';
import { createSettingsStore, type SettingsStore } from '../settings/settingsStore';
import { COUNT_INDICATORS } from '../settings/detectionSettings';
import { createDomainClassifier, readClassificationSettings, type ClassificationSettings } from './classify';
import { BASELINE_DAYS, BASELINE_MIN_ACTIVE_DAYS, DAY_MS, HIGH_IMPACT_MIN_ALL_REPORTS, HIGH_IMPACT_MIN_DIRECT_REPORTS, HIGH_IMPACT_TITLE_WORDS } from './model';

/** A person as scoring sees them. */
export interface PersonFacts {
  id: number;
  department: string | null;
  businessUnit: string | null;
  region: string | null;
  country: string | null;
  title: string | null;
  managerId: number | null;
}

/** An HR event row. */
export interface HrEventRow {
  id: number;
  personId: number;
  kind: 'resignation' | 'termination' | 'departure' | 'jobLevelChange' | 'performanceReview' | 'improvementPlan';
  time: number;
  lastWorkingTime: number | null;
  demotion: number | null;
  poorRating: number | null;
  rating: string | null;
  oldLevel: string | null;
  newLevel: string | null;
  derivedFromRoster: number;
}

/** An external alert row (DLP match or endpoint security alert). */
export interface ExternalAlertRow {
  id: number;
  personId: number;
  time: number;
  source: 'dlp' | 'security';
  severity: 'informational' | 'low' | 'medium' | 'high';
  withdrawn: number;
  title: string | null;
  category: string | null;
  policyName: string | null;
}

/** Exfiltration volume per person: days (sorted) with daily totals, and per-indicator counts for triggers. */
export interface ExfiltrationSeries {
  days: number[];
  totals: number[];
  /** prefix[i] = totals[0] + … + totals[i − 1] */
  prefix: number[];
  /** (day, indicator, count) rows, by day. */
  rows: { day: number; indicator: IndicatorId; count: number }[];
}

/** Everything a scoring run reads once. */
export interface ScoringEnvironment {
  now: number;
  enabled: Set<IndicatorId>;
  defaultThresholds: Map<IndicatorId, Thresholds>;
  alertVolume: AlertVolume;
  classification: ClassificationSettings;
  persons: Map<number, PersonFacts>;
  /** group id → member person ids (priority and pilot groups). */
  groupMembers: Map<number, Set<number>>;
  /** person id → priority group ids. */
  priorityGroupsOf: Map<number, Set<number>>;
  highImpact: Set<number>;
  previousViolation: Set<number>;
  hrEvents: Map<number, HrEventRow[]>;
  externalAlerts: Map<number, ExternalAlertRow[]>;
  exfiltration: Map<number, ExfiltrationSeries>;
  /** Days on which a person had any activity (read on first use, cached). */
  activeDays(personId: number): Set<number>;
  /** Daily counts of the security-activity trigger indicators per person, by day. */
  securityActivity: Map<number, { day: number; indicator: IndicatorId; count: number }[]>;
  /** person id → day → the return to a colleague's device that day (the security-activity trigger). */
  foreignReturns: Map<number, Map<number, ForeignReturn>>;
  /** day → external domains the person first mailed attachments to that day, on their DLP-match days (read on first use, cached). */
  newRecipientDomains(personId: number): Map<number, string[]>;
}

/** A colleague's device the person logged on to on a day and on an earlier day within BASELINE_DAYS (the latest). */
export interface ForeignReturn {
  device: string;
  previousDay: number;
}

/** Indicators whose activity can trigger the security templates (besides endpoint security alerts). */
export const SECURITY_ACTIVITY_INDICATORS: readonly IndicatorId[] = ['foreign_device_logon'];

/** Indicators counted as exfiltration volume (cumulative exfiltration and the Data leaks trigger). */
export const EXFILTRATION_INDICATORS = INDICATOR_IDS.filter((id) => INDICATORS[id].exfiltration);

function groupBy<T extends { personId: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    let list = map.get(row.personId);
    if (!list) map.set(row.personId, (list = []));
    list.push(row);
  }
  return map;
}

/** Persons who are potential high-impact users: senior or privileged titles, or many reports. */
export function findHighImpact(persons: Map<number, PersonFacts>): Set<number> {
  const direct = new Map<number, number[]>();
  for (const person of persons.values()) {
    if (person.managerId !== null) direct.set(person.managerId, [...(direct.get(person.managerId) ?? []), person.id]);
  }
  const allReports = (id: number, seen = new Set<number>()): number => {
    let total = 0;
    for (const report of direct.get(id) ?? []) {
      if (seen.has(report)) continue;
      seen.add(report);
      total += 1 + allReports(report, seen);
    }
    return total;
  };
  const titleWords = new RegExp(`\\b(${HIGH_IMPACT_TITLE_WORDS.map((w) => w.replace(/ /g, '\\s+')).join('|')})\\b`, 'i');
  const result = new Set<number>();
  for (const person of persons.values()) {
    if (
      (person.title && titleWords.test(person.title)) ||
      (direct.get(person.id)?.length ?? 0) >= HIGH_IMPACT_MIN_DIRECT_REPORTS ||
      allReports(person.id) >= HIGH_IMPACT_MIN_ALL_REPORTS
    ) {
      result.add(person.id);
    }
  }
  return result;
}

/** Loads the exfiltration series of every person from indicator_days. */
export function loadExfiltration(db: Database): Map<number, ExfiltrationSeries> {
  const series = new Map<number, ExfiltrationSeries>();
  const statement = db.prepare(
    `SELECT person_id, day, indicator, count FROM indicator_days
     WHERE indicator IN (SELECT value FROM json_each(@indicators)) ORDER BY person_id, day, indicator`,
  );
  for (const [person, day, indicator, count] of statement
    .raw()
    .iterate({ indicators: JSON.stringify(EXFILTRATION_INDICATORS) }) as IterableIterator<
    [number, number, IndicatorId, number]
  >) {
    let entry = series.get(person);
    if (!entry) series.set(person, (entry = { days: [], totals: [], prefix: [0], rows: [] }));
    if (entry.days[entry.days.length - 1] !== day) {
      entry.days.push(day);
      entry.totals.push(0);
    }
    entry.totals[entry.totals.length - 1]! += count;
    entry.rows.push({ day, indicator, count });
  }
  for (const entry of series.values()) {
    for (let i = 0; i < entry.totals.length; i++) entry.prefix.push(entry.prefix[i]! + entry.totals[i]!);
  }
  return series;
}

/** Exfiltration volume of a series over the days [fromDay, toDay]. */
export function volumeBetween(series: ExfiltrationSeries | undefined, fromDay: number, toDay: number): number {
  if (!series) return 0;
  const lower = (day: number) => {
    let lo = 0;
    let hi = series.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (series.days[mid]! < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return series.prefix[lower(toDay + 1)]! - series.prefix[lower(fromDay)]!;
}

/** The part of the environment that policy views and health need (cheap: no signal tables). */
export type LightEnvironment = Pick<ScoringEnvironment, 'enabled' | 'persons' | 'groupMembers' | 'priorityGroupsOf'>;

/** Loads indicator switches, persons and group memberships. */
export function loadLightEnvironment(db: Database, settings: SettingsStore): LightEnvironment {
  const enabled = new Set(INDICATOR_IDS.filter((id) => settings.get(`indicators.${id}`)));
  const persons = new Map<number, PersonFacts>(
    (
      db
        .prepare(
          'SELECT id, department, business_unit AS businessUnit, region, country, title, manager_id AS managerId FROM persons ORDER BY id',
        )
        .all() as PersonFacts[]
    ).map((p) => [p.id, p]),
  );
  const groupMembers = new Map<number, Set<number>>();
  const priorityGroupsOf = new Map<number, Set<number>>();
  for (const row of db
    .prepare(
      'SELECT m.group_id AS groupId, m.person_id AS personId, g.kind FROM person_group_members m JOIN person_groups g ON g.id = m.group_id',
    )
    .all() as { groupId: number; personId: number; kind: string }[]) {
    let members = groupMembers.get(row.groupId);
    if (!members) groupMembers.set(row.groupId, (members = new Set()));
    members.add(row.personId);
    if (row.kind === 'priority') {
      let groups = priorityGroupsOf.get(row.personId);
      if (!groups) priorityGroupsOf.set(row.personId, (groups = new Set()));
      groups.add(row.groupId);
    }
  }
  return { enabled, persons, groupMembers, priorityGroupsOf };
}

/** Loads the scoring environment. */
export function loadEnvironment(
  db: Database,
  now: number,
  settings: SettingsStore = createSettingsStore(db, () => now),
): ScoringEnvironment {
  const light = loadLightEnvironment(db, settings);
  const defaultThresholds = new Map<IndicatorId, Thresholds>(
    COUNT_INDICATORS.map((id) => [id, settings.get(`thresholds.${id}`)]),
  );
  const previousViolation = new Set(
    db
      .prepare(
        "SELECT DISTINCT person_id FROM cases WHERE status = 'Closed' AND resolution = 'ConfirmedViolation' AND closed_at <= @now",
      )
      .pluck()
      .all({ now }) as number[],
  );
  const hrEvents = groupBy(
    db
      .prepare(
        `SELECT id, person_id AS personId, kind, time, last_working_time AS lastWorkingTime, demotion, poor_rating AS poorRating, rating,
                old_level AS oldLevel, new_level AS newLevel, derived_from_roster AS derivedFromRoster
         FROM hr_events ORDER BY person_id, time, id`,
      )
      .all() as HrEventRow[],
  );
  const classification = readClassificationSettings(db, settings);
  const activeDays = activeDaysReader(db);
  const externalAlerts = groupBy(
    db
      .prepare(
        `SELECT id, person_id AS personId, time, source, severity, withdrawn, title, category, policy_name AS policyName
         FROM external_alerts WHERE person_id IS NOT NULL ORDER BY person_id, time, id`,
      )
      .all() as ExternalAlertRow[],
  );
  return {
    ...light,
    now,
    defaultThresholds,
    alertVolume: settings.get('alerts.volume'),
    classification,
    highImpact: findHighImpact(light.persons),
    previousViolation,
    hrEvents,
    externalAlerts,
    exfiltration: loadExfiltration(db),
    activeDays,
    securityActivity: loadSecurityActivity(db),
    foreignReturns: loadForeignReturns(db),
    newRecipientDomains: newRecipientReader(db, classification, externalAlerts, activeDays),
  };
}

/** Daily counts of the security-activity indicators, per person (few rows: these are rare events). */
function loadSecurityActivity(db: Database): Map<number, { day: number; indicator: IndicatorId; count: number }[]> {
  const byPerson = new Map<number, { day: number; indicator: IndicatorId; count: number }[]>();
  for (const [person, day, indicator, count] of db
    .prepare(
      'SELECT person_id, day, indicator, count FROM indicator_days WHERE indicator IN (SELECT value FROM json_each(@indicators)) ORDER BY person_id, day, indicator',
    )
    .raw()
    .all({ indicators: JSON.stringify(SECURITY_ACTIVITY_INDICATORS) }) as [number, number, IndicatorId, number][]) {
    let list = byPerson.get(person);
    if (!list) byPerson.set(person, (list = []));
    list.push({ day, indicator, count });
  }
  return byPerson;
}

/**
 * Returns to other people's devices: logging on to the same colleague's device on another day is
 * what separates snooping from the one-off desk visit (few rows: these are rare events).
 */
export function loadForeignReturns(db: Database): Map<number, Map<number, ForeignReturn>> {
  const byPerson = new Map<number, Map<number, ForeignReturn>>();
  let person = -1;
  let lastSeen = new Map<string, number>();
  for (const [personId, day, device] of db
    .prepare(
      `SELECT f.person_id, f.day, a.device FROM flagged_logons f JOIN activities a ON a.id = f.activity_id
       WHERE f.indicator = 'foreign_device_logon' AND a.device IS NOT NULL ORDER BY f.person_id, f.day, f.activity_id`,
    )
    .raw()
    .all() as [number, number, string][]) {
    if (personId !== person) {
      person = personId;
      lastSeen = new Map();
    }
    const earlier = lastSeen.get(device);
    if (earlier !== undefined && earlier < day && day - earlier <= BASELINE_DAYS) {
      let days = byPerson.get(personId);
      if (!days) byPerson.set(personId, (days = new Map()));
      if (!days.has(day)) days.set(day, { device, previousDay: earlier });
    }
    if (earlier === undefined || earlier < day) lastSeen.set(device, day);
  }
  return byPerson;
}

/** Reads a person's active days from person_days, cached per person. */
function activeDaysReader(db: Database): (personId: number) => Set<number> {
  const statement = db.prepare('SELECT day FROM person_days WHERE person_id = @personId AND activities > 0');
  const cache = new Map<number, Set<number>>();
  return (personId) => {
    let days = cache.get(personId);
    if (!days) cache.set(personId, (days = new Set(statement.pluck().all({ personId }) as number[])));
    return days;
  };
}

/**
 * On the days a person has a DLP match, the external domains they mailed attachments to that day
 * and not at all (with or without attachments) in the BASELINE_DAYS before, once that baseline is
 * mature: sensitive content going to someone the person never wrote to. Read through the
 * (person_id, time) index for those days only, so it costs nothing for people without DLP matches.
 */
function newRecipientReader(
  db: Database,
  classification: ClassificationSettings,
  externalAlerts: Map<number, ExternalAlertRow[]>,
  activeDays: (personId: number) => Set<number>,
): (personId: number) => Map<number, string[]> {
  const classifier = createDomainClassifier(classification);
  const mails = db.prepare(
    `SELECT time, recipients, attachments FROM activities
     WHERE person_id = @personId AND time >= @from AND time < @to AND kind IN ('emailSend', 'emailSendInternal') AND recipients IS NOT NULL
     ORDER BY time`,
  );
  const cache = new Map<number, Map<number, string[]>>();
  return (personId) => {
    let result = cache.get(personId);
    if (result) return result;
    result = new Map();
    cache.set(personId, result);
    const dlpDays = new Set(
      (externalAlerts.get(personId) ?? []).filter((alert) => alert.source === 'dlp' && alert.withdrawn === 0).map((alert) => Math.floor(alert.time / DAY_MS)),
    );
    const active = activeDays(personId);
    const judged = new Set(
      [...dlpDays].filter((day) => {
        let baselineActive = 0;
        for (let d = day - BASELINE_DAYS; d < day; d++) if (active.has(d)) baselineActive++;
        return baselineActive >= BASELINE_MIN_ACTIVE_DAYS;
      }),
    );
    if (judged.size === 0) return result;
    // One pass over the person's mails from the first baseline to the last DLP day, in time order:
    // a domain is new on a DLP day when it was last written to more than BASELINE_DAYS before.
    const from = Math.min(...judged) - BASELINE_DAYS;
    const to = Math.max(...judged);
    const lastSeen = new Map<string, number>();
    let day = Number.NaN;
    let sent: string[] = [];
    const closeDay = () => {
      if (!judged.has(day)) return;
      const fresh = [...new Set(sent)].filter((domain) => {
        const seen = lastSeen.get(domain);
        return seen === undefined || seen < day - BASELINE_DAYS;
      });
      if (fresh.length > 0) result!.set(day, fresh.sort());
    };
    const pending: [string, number][] = [];
    for (const [time, recipients, attachments] of mails.raw().iterate({ personId, from: from * DAY_MS, to: (to + 1) * DAY_MS }) as IterableIterator<
      [number, string, number | null]
    >) {
      const mailDay = Math.floor(time / DAY_MS);
      if (mailDay !== day) {
        closeDay();
        for (const [domain, seenDay] of pending) lastSeen.set(domain, seenDay);
        pending.length = 0;
        day = mailDay;
        sent = [];
      }
      for (const domain of classifier.externalDomains(recipients)) {
        if ((attachments ?? 0) > 0) sent.push(domain);
        pending.push([domain, mailDay]); // known from the next day on
      }
    }
    closeDay();
    return result;
  };
}
