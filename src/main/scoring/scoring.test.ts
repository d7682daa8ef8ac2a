/**
 * Scoring end to end on a real store: window boundaries (events exactly at the edges), thresholds,
 * determinism, incremental scoring equal to a full one, test mode, sequences, boosters, manual
 * additions and paused policies.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../store/migrations';
import { insertTestPersons } from '../testing/testPersons';
import { createTestClock, openTestBackend, type TestBackend } from '../testing/backendFixture';
import { createPolicy } from '../policies/policyRepository';
import { policyCreateInput, type PolicyCreateInput } from '../../shared/contract/policies';
import { closeCase } from '../cases/caseRepository';
import type { Principal } from '../access/sessions';
import { DAY, HOUR, ordinaryDay, signalWriter, type TestActivity } from '../testing/testSignals';
import { BASELINE_DAYS } from '../detection/model';
import { loadDeviceFacts } from '../detection/dailyCounts';
import { buildTestOrganisation, FIRST_DAY, DAYS } from '../testing/testOrganisation';
import { rescorePolicies, runFullScoring, scoreAfterImport } from './scoring';

const NOW = Date.UTC(2026, 1, 1);
const SYSTEM: Principal = { accountId: 1, name: 'test', roleGroups: ['InsiderRiskManagement'], scopes: [], sessionId: null };
const databases: BetterSqlite3.Database[] = [];

function store(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.prepare("INSERT INTO accounts (id, name, password_hash, password_salt, created_at) VALUES (1, 'test', 'x', 'y', 0)").run();
  databases.push(db);
  return db;
}
afterEach(() => {
  while (databases.length) databases.pop()!.close();
});

function policy(db: BetterSqlite3.Database, input: PolicyCreateInput): number {
  return createPolicy(db, SYSTEM, policyCreateInput.parse(input), 0);
}

/** Everything scoring wrote, without row ids, for comparisons. */
function dump(db: BetterSqlite3.Database) {
  return {
    indicatorDays: db.prepare('SELECT * FROM indicator_days ORDER BY person_id, day, indicator').all(),
    personDays: db.prepare('SELECT * FROM person_days ORDER BY person_id, day').all(),
    deviceDays: db.prepare('SELECT * FROM device_days ORDER BY device, person_id, day').all(),
    sequenceDays: db.prepare('SELECT * FROM sequence_days ORDER BY person_id, day').all(),
    sequenceSteps: db.prepare('SELECT * FROM sequence_steps ORDER BY person_id, day, activity_id').all(),
    flagged: db.prepare('SELECT * FROM flagged_logons ORDER BY person_id, day, indicator, activity_id').all(),
    policyPersons: db.prepare('SELECT * FROM policy_persons ORDER BY policy_id, person_id').all(),
    alerts: db
      .prepare(
        `SELECT policy_id, person_id, status, severity, score, test, first_day, last_day, top_day, trigger_kind, trigger_time, trigger_summary,
                rf_cumulative_exfiltration, rf_sequence, rf_unusual_activity, rf_priority_user
         FROM alerts ORDER BY policy_id, person_id`,
      )
      .all(),
    insights: db
      .prepare(
        `SELECT al.policy_id, al.person_id, i.ordinal, i.day, i.kind, i.indicator, i.count, i.level, i.threshold, i.points, i.day_score, i.detail, i.events_total,
                (SELECT group_concat(e.activity_id) FROM alert_events e WHERE e.insight_id = i.id) AS events
         FROM alert_insights i JOIN alerts al ON al.id = i.alert_id ORDER BY al.policy_id, al.person_id, i.ordinal`,
      )
      .all(),
  };
}

describe('windows and thresholds', () => {
  /** One person per case, each resigning on day R, with 20 USB copies (the medium threshold) on one day. */
  function departing(offsets: number[], copies = 20, alertVolume: 'default' | 'more' = 'default') {
    const db = store();
    const R = FIRST_DAY + 120;
    const ids = insertTestPersons(
      db,
      offsets.map((offset, i) => ({ key: `p${i}@corp.example`, displayName: `P${i}`, department: 'D' })),
    );
    const writer = signalWriter(db);
    offsets.forEach((offset, i) => {
      const person = ids[i]!;
      writer.activities(
        Array.from({ length: copies }, (_, n) => ({
          person,
          time: (R + offset) * DAY + 10 * HOUR + n * 60_000,
          kind: 'usbCopy' as const,
          target: `E:\\f${n}.docx`,
        })),
      );
      writer.hrEvent({ person, kind: 'resignation', time: R * DAY + 9 * HOUR });
    });
    policy(db, {
      template: 'data-theft-departing-users',
      name: 'Departing',
      pastDays: 90,
      activationDays: 30,
      cumulativeExfiltration: false,
      alertVolume,
    });
    runFullScoring(db, { now: NOW });
    return { db, ids };
  }

  it('scores an event exactly on the first and last day of the window, and not one day outside', () => {
    const { db, ids } = departing([-91, -90, 0, 30, 31]);
    const alerted = new Set(db.prepare('SELECT person_id FROM alerts').pluck().all() as number[]);
    expect(ids.map((id) => alerted.has(id))).toEqual([false, true, true, true, false]);
    // Out-of-window persons are still in scope (the Users page says why there is no alert).
    expect(db.prepare('SELECT count(*) FROM policy_persons').pluck().get()).toBe(5);
  });

  it('raises an alert at the medium threshold; below it a plain Low insight raises none at the default volume', () => {
    expect(departing([0], 20).db.prepare('SELECT severity, score FROM alerts').get()).toEqual({ severity: 'Medium', score: 40 });
    const below = departing([0], 19).db;
    expect(below.prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(0);
    expect(below.prepare('SELECT score, alert_threshold FROM policy_persons').get()).toEqual({ score: 23, alert_threshold: 35 });
    const none = departing([0], 4).db;
    expect(none.prepare('SELECT score, nearest_indicator, nearest_count, nearest_threshold FROM policy_persons').get()).toEqual({
      score: 0,
      nearest_indicator: 'usb_copy',
      nearest_count: 4,
      nearest_threshold: 5,
    });
  });

  it('with the "more" alert volume, alerts at the (lowered) low threshold and not one event below', () => {
    // Thresholds × 0.8: usb_copy low 5 → 4; alerts from 20 points.
    expect((departing([0], 4, 'more').db.prepare('SELECT severity FROM alerts').get() as { severity: string }).severity).toBe(
      'Low',
    );
    expect(departing([0], 3, 'more').db.prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(0);
  });

  it("extends a departing person's window to the last working day", () => {
    const db = store();
    const R = FIRST_DAY + 60;
    const [person] = insertTestPersons(db, [{ key: 'a@corp.example', displayName: 'A' }]) as [number];
    const writer = signalWriter(db);
    writer.activities(
      Array.from({ length: 20 }, (_, n) => ({
        person,
        time: (R + 45) * DAY + n * 60_000,
        kind: 'usbCopy' as const,
        target: `E:\\x${n}`,
      })),
    );
    writer.hrEvent({ person, kind: 'resignation', time: R * DAY, lastWorkingTime: (R + 45) * DAY });
    policy(db, { template: 'data-theft-departing-users', name: 'Departing', activationDays: 30 });
    runFullScoring(db, { now: NOW });
    expect(db.prepare('SELECT window_end_day FROM policy_persons').pluck().get()).toBe(R + 45);
    expect(db.prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(1);
  });
});

describe('determinism and incremental scoring', () => {
  function organisation(untilDay?: number) {
    const db = store();
    const persons = buildTestOrganisation(db, { untilDay });
    for (const template of ['data-theft-departing-users', 'data-leaks', 'security-policy-violations'] as const)
      policy(db, { template, name: template });
    return { db, persons };
  }

  it('gives the same alerts, in the same order, from the same input; a re-run changes nothing', () => {
    const first = organisation().db;
    const second = organisation().db;
    runFullScoring(first, { now: NOW });
    runFullScoring(second, { now: NOW });
    expect(dump(second)).toEqual(dump(first));
    expect(first.prepare('SELECT id, person_id FROM alerts ORDER BY id').all()).toEqual(
      second.prepare('SELECT id, person_id FROM alerts ORDER BY id').all(),
    );
    const before = first.prepare('SELECT id, updated_at FROM alerts ORDER BY id').all();
    const again = runFullScoring(first, { now: NOW + DAY });
    expect(again.alertsCreated + again.alertsUpdated + again.alertsRemoved).toBe(0);
    expect(first.prepare('SELECT id, updated_at FROM alerts ORDER BY id').all()).toEqual(before);
    expect(rescorePolicies(first, { now: NOW + 2 * DAY }).alertsUpdated).toBe(0);
  });

  it('scores the persons and days an import touched exactly as a full re-score would', () => {
    const lastDay = FIRST_DAY + DAYS - 1;
    const cut = FIRST_DAY + 69;
    // Incremental: score up to the cut, then import the rest and score only what changed.
    const { db: incremental, persons } = organisation(cut);
    runFullScoring(incremental, { now: NOW });
    buildTestOrganisation(incremental, { fromDay: cut + 1, untilDay: lastDay, persons });
    const touched = incremental
      .prepare('SELECT DISTINCT person_id FROM activities WHERE time >= ?')
      .pluck()
      .all((cut + 1) * DAY) as number[];
    const run = scoreAfterImport(
      incremental,
      { personIds: touched, fromTime: (cut + 1) * DAY, toTime: (lastDay + 1) * DAY - 1 },
      { now: NOW },
    );
    expect(run.kind).toBe('incremental');
    // Full: everything at once.
    const full = organisation().db;
    runFullScoring(full, { now: NOW });
    expect(dump(incremental)).toEqual(dump(full));
  });

  it('scores a back-dated import in the middle of the data exactly as a full re-score would', () => {
    const lastDay = FIRST_DAY + DAYS - 1;
    const [gapFrom, gapTo] = [FIRST_DAY + 60, FIRST_DAY + 66];
    const db = store();
    const persons = buildTestOrganisation(db, { untilDay: gapFrom - 1 });
    buildTestOrganisation(db, { fromDay: gapTo + 1, untilDay: lastDay, persons });
    for (const template of ['data-theft-departing-users', 'data-leaks', 'security-policy-violations'] as const)
      policy(db, { template, name: template });
    runFullScoring(db, { now: NOW });
    buildTestOrganisation(db, { fromDay: gapFrom, untilDay: gapTo, persons });
    const touched = db
      .prepare('SELECT DISTINCT person_id FROM activities WHERE time >= ? AND time < ?')
      .pluck()
      .all(gapFrom * DAY, (gapTo + 1) * DAY) as number[];
    scoreAfterImport(db, { personIds: touched, fromTime: gapFrom * DAY, toTime: (gapTo + 1) * DAY - 1 }, { now: NOW });
    const incremental = dump(db);
    runFullScoring(db, { now: NOW });
    expect(incremental).toEqual(dump(db));
  });
});

describe('policies', () => {
  /** A person with a DLP alert and a burst of external e-mail with attachments. */
  function leaker(input: Partial<PolicyCreateInput> = {}) {
    const db = store();
    const [person, other] = insertTestPersons(db, [
      { key: 'lea@corp.example', displayName: 'Lea', department: 'Finance' },
      { key: 'bob@corp.example', displayName: 'Bob', department: 'Finance' },
    ]) as [number, number];
    const writer = signalWriter(db);
    const day = FIRST_DAY + 40;
    for (let d = FIRST_DAY; d < day; d++)
      writer.activities([...ordinaryDay(person, d, 'PC-1'), ...ordinaryDay(other, d, 'PC-2')]);
    writer.activities(
      Array.from({ length: 12 }, (_, n) => ({
        person,
        time: day * DAY + 10 * HOUR + n * 60_000,
        kind: 'emailSend' as const,
        recipients: 'x@rival.example',
        attachments: 1,
        target: `a${n}.xlsx`,
      })),
    );
    writer.externalAlert({ person, time: day * DAY + 11 * HOUR, source: 'dlp', severity: 'high', title: 'Finance data' });
    const id = policy(db, { template: 'data-leaks', name: 'Leaks', ...input });
    return { db, person, other, id, day, writer };
  }

  it('keeps test-mode alerts flagged as test; switching to active turns them into normal alerts', () => {
    const { db, id } = leaker({ state: 'test' });
    runFullScoring(db, { now: NOW });
    expect(db.prepare('SELECT test FROM alerts').pluck().all()).toEqual([1]);
    db.prepare("UPDATE policies SET state = 'active' WHERE id = ?").run(id);
    expect(rescorePolicies(db, { now: NOW }).alertsUpdated).toBe(1);
    expect(db.prepare('SELECT test FROM alerts').pluck().all()).toEqual([0]);
  });

  it('does not score paused policies and leaves their alerts as they are', () => {
    const { db, id } = leaker();
    runFullScoring(db, { now: NOW });
    db.prepare("UPDATE policies SET state = 'paused' WHERE id = ?").run(id);
    db.prepare("UPDATE indicator_days SET count = 1 WHERE indicator = 'email_external_attachments'").run();
    expect(rescorePolicies(db, { now: NOW }).policies).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(1);
  });

  it('never raises a new alert for days a triaged alert already covered, but does for later days', () => {
    const { db, person, day, writer } = leaker();
    runFullScoring(db, { now: NOW });
    db.prepare("UPDATE alerts SET status = 'Dismissed', dismiss_reason = 'notImpactful'").run();
    expect(runFullScoring(db, { now: NOW + DAY }).alertsCreated).toBe(0);
    writer.activities(
      Array.from({ length: 12 }, (_, n) => ({
        person,
        time: (day + 3) * DAY + n * 60_000,
        kind: 'emailSend' as const,
        recipients: 'x@rival.example',
        attachments: 1,
        target: `b${n}`,
      })),
    );
    expect(runFullScoring(db, { now: NOW + 2 * DAY }).alertsCreated).toBe(1);
    expect(db.prepare("SELECT first_day FROM alerts WHERE status = 'NeedsReview'").pluck().get()).toBe(day + 3);
  });

  it('boosts a person with a previous case closed as a policy violation', () => {
    const { db, person } = leaker();
    runFullScoring(db, { now: NOW });
    const before = db.prepare('SELECT score FROM alerts').pluck().get() as number;
    const caseId = Number(
      db.prepare("INSERT INTO cases (person_id, name, status, created_at) VALUES (?, 'old', 'Active', 0)").run(person)
        .lastInsertRowid,
    );
    closeCase(db, caseId, 'ConfirmedViolation', 'warned', null, NOW - DAY);
    runFullScoring(db, { now: NOW });
    const boosted = db
      .prepare(
        'SELECT score, (SELECT boosters FROM alert_insights WHERE alert_id = alerts.id AND ordinal = 0) AS boosters FROM alerts',
      )
      .get() as { score: number; boosters: string };
    expect(boosted.score).toBeGreaterThan(before);
    expect(boosted.boosters).toContain('previousViolation');
  });

  it('scores only activity touching priority content when asked to', () => {
    const only = leaker({ priorityContent: { extensions: ['docx'], scoreOnlyPriorityContent: true } });
    runFullScoring(only.db, { now: NOW });
    // The e-mails carry .xlsx files, not .docx: only the DLP match remains, and a DLP match alone
    // (30 points: the other tool has alerted already) stays below the alert threshold.
    expect(only.db.prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(0);
    expect(only.db.prepare('SELECT score, alert_threshold FROM policy_persons').get()).toEqual({
      score: 30,
      alert_threshold: 35,
    });
    const boosted = leaker({ priorityContent: { extensions: ['xlsx'] } });
    runFullScoring(boosted.db, { now: NOW });
    expect(
      boosted.db
        .prepare("SELECT priority_content FROM alert_insights WHERE indicator = 'email_external_attachments'")
        .pluck()
        .get(),
    ).toBe(1);
    expect(boosted.db.prepare('SELECT rf_priority_content FROM alerts').pluck().get()).toBe(1);
  });

  it('scores a person added by hand without a trigger, for the days given', () => {
    const db = store();
    const [person] = insertTestPersons(db, [{ key: 'x@corp.example', displayName: 'X' }]) as [number];
    signalWriter(db).activities(
      Array.from({ length: 20 }, (_, n) => ({
        person,
        time: (FIRST_DAY + 10) * DAY + n * 1000,
        kind: 'usbCopy' as const,
        target: `E:\\${n}`,
      })),
    );
    const id = policy(db, { template: 'data-theft-departing-users', name: 'Departing' });
    runFullScoring(db, { now: NOW });
    expect(db.prepare('SELECT count(*) FROM policy_persons').pluck().get()).toBe(0);
    db.prepare(
      'INSERT INTO policy_manual_persons (policy_id, person_id, added_at, days, until, reason) VALUES (?, ?, ?, 7, ?, ?)',
    ).run(id, person, (FIRST_DAY + 20) * DAY, (FIRST_DAY + 27) * DAY, 'manager tip-off');
    runFullScoring(db, { now: NOW });
    expect(db.prepare('SELECT trigger_kind, window_start_day, window_end_day FROM policy_persons').get()).toEqual({
      trigger_kind: 'manual',
      window_start_day: FIRST_DAY + 20 - 90,
      window_end_day: FIRST_DAY + 50,
    });
    expect(db.prepare('SELECT trigger_kind FROM alerts').pluck().get()).toBe('manual');
  });
});

describe('security activity trigger', () => {
  function snooping() {
    const db = store();
    const [snooper, owner] = insertTestPersons(db, [
      { key: 'sam@corp.example', displayName: 'Sam', department: 'IT' },
      { key: 'olga@corp.example', displayName: 'Olga', department: 'Finance' },
    ]) as [number, number];
    const writer = signalWriter(db);
    for (let d = 0; d < 80; d++)
      writer.activities([...ordinaryDay(snooper, FIRST_DAY + d, 'PC-SAM'), ...ordinaryDay(owner, FIRST_DAY + d, 'PC-OLGA')]);
    const visit = (day: number, hours: number[]) =>
      writer.activities(
        hours.map((hour) => ({ person: snooper, time: day * DAY + hour * HOUR, kind: 'logon' as const, device: 'PC-OLGA' })),
      );
    return { db, snooper, visit };
  }

  it("ignores a one-off visit to a colleague's device, even with two logons that day", () => {
    const { db, visit } = snooping();
    visit(FIRST_DAY + 30, [12, 13]);
    policy(db, { template: 'security-policy-violations', name: 'Security' });
    runFullScoring(db, { now: NOW });
    expect(db.prepare('SELECT count(*) FROM policy_persons').pluck().get()).toBe(0);
  });

  it("puts a person who returns to a colleague's device on another day in scope, without any endpoint alert, and boosts the return", () => {
    const { db, snooper, visit } = snooping();
    visit(FIRST_DAY + 30, [12]);
    visit(FIRST_DAY + 30 + BASELINE_DAYS + 1, [12]); // too late to count as a return to the first visit
    const id = policy(db, { template: 'security-policy-violations', name: 'Security' });
    runFullScoring(db, { now: NOW });
    expect(db.prepare('SELECT count(*) FROM policy_persons').pluck().get()).toBe(0);
    const day = FIRST_DAY + 30 + BASELINE_DAYS + 5;
    visit(day, [12]);
    runFullScoring(db, { now: NOW });
    const scope = db.prepare('SELECT person_id, trigger_kind, trigger_summary FROM policy_persons').get() as Record<
      string,
      unknown
    >;
    expect(scope).toMatchObject({ person_id: snooper, trigger_kind: 'securityActivity' });
    expect(scope.trigger_summary).toContain('returned to PC-OLGA');
    expect(db.prepare('SELECT trigger_kind FROM alerts').pluck().get()).toBe('securityActivity');
    // The trigger's facts say the same for the UI to word, on the Users page row and on the alert.
    const triggerFacts = JSON.parse(db.prepare('SELECT trigger_facts FROM policy_persons').pluck().get() as string) as Record<
      string,
      unknown
    >;
    expect(triggerFacts).toMatchObject({
      kind: 'securityActivity',
      day: day * DAY,
      indicator: 'foreign_device_logon',
      count: 1,
      returnedTo: 'PC-OLGA',
    });
    expect(scope.trigger_summary).toContain(
      `also used on ${new Date(triggerFacts.previousDay as number).toISOString().slice(0, 10)}`,
    );
    expect(JSON.parse(db.prepare('SELECT trigger_facts FROM alerts').pluck().get() as string)).toEqual(triggerFacts);
    const insight = db
      .prepare(
        "SELECT count, level, base_points, points, detail, facts FROM alert_insights WHERE indicator = 'foreign_device_logon' AND day = ?",
      )
      .get(day) as Record<string, unknown>;
    expect(insight).toMatchObject({ count: 1, level: 'low', base_points: 23, points: 46 });
    expect(insight.detail).toContain('returned to PC-OLGA');
    // The same as a fact the UI words in its own language: the device and the earlier day (UTC ms).
    const facts = JSON.parse(insight.facts as string) as { returnedTo: string; returnedPreviousDay: number };
    expect(facts.returnedTo).toBe('PC-OLGA');
    expect(insight.detail).toContain(`also used on ${new Date(facts.returnedPreviousDay).toISOString().slice(0, 10)}`);
    // The trigger is a policy option: switched off, the person is out of scope.
    db.prepare('UPDATE policies SET trigger_security_activity = 0 WHERE id = ?').run(id);
    runFullScoring(db, { now: NOW });
    expect(db.prepare('SELECT count(*) FROM policy_persons').pluck().get()).toBe(0);
  });
});

describe('device ownership', () => {
  it("judges a device's owner without the days of the person being judged, so a snooper's visits do not make it shared", () => {
    const db = store();
    const [owner, snooper, a, b, c, d, e] = insertTestPersons(
      db,
      ['owner', 'snooper', 'a', 'b', 'c', 'd', 'e'].map((name) => ({ key: `${name}@corp.example`, displayName: name })),
    ) as number[];
    const use = (device: string, person: number, days: number) => {
      for (let day = 0; day < days; day++)
        db.prepare('INSERT INTO device_days (device, person_id, day) VALUES (?, ?, ?)').run(device, person, FIRST_DAY + day);
    };
    // PC-1: the owner 56 days, a snooper 9, four colleagues 7 together: 56 / 72 is under the 0.8 share.
    use('PC-1', owner!, 56);
    use('PC-1', snooper!, 9);
    use('PC-1', a!, 2);
    use('PC-1', b!, 2);
    use('PC-1', c!, 2);
    use('PC-1', d!, 1);
    // PC-2: really shared by two people.
    use('PC-2', a!, 30);
    use('PC-2', b!, 25);
    const facts = loadDeviceFacts(db as unknown as Parameters<typeof loadDeviceFacts>[0]);
    expect(facts.ownerFor('PC-1', snooper!)).toBe(owner);
    expect(facts.ownerFor('PC-1', e!)).toBeUndefined(); // judged with everyone's days: 56 / 72
    expect(facts.ownerFor('PC-1', owner!)).toBe(owner);
    expect(facts.ownerFor('PC-2', e!)).toBeUndefined();
    expect(facts.ownerFor('PC-2', a!)).toBe(a);
    expect(facts.ownerFor('PC-3', e!)).toBeUndefined();
  });
});

describe('exfiltration trigger', () => {
  /** A person with 40 ordinary days; a USB habit (3 files every 4th day) when `habit` is set. */
  function copier(habit: boolean) {
    const db = store();
    const [person] = insertTestPersons(db, [{ key: 'u@corp.example', displayName: 'U' }]) as [number];
    const writer = signalWriter(db);
    const usb = (day: number, files: number, hour = 11) =>
      Array.from({ length: files }, (_, n) => ({
        person,
        time: day * DAY + hour * HOUR + n * 1000,
        kind: 'usbCopy' as const,
        device: 'PC-U',
        target: `E:\\${day}-${n}.docx`,
      }));
    for (let d = 0; d < 40; d++)
      writer.activities([...ordinaryDay(person, FIRST_DAY + d, 'PC-U'), ...(habit && d % 4 === 0 ? usb(FIRST_DAY + d, 3) : [])]);
    policy(db, { template: 'data-leaks', name: 'Leaks' });
    return { db, person, writer, usb, day: FIRST_DAY + 40 };
  }
  const scope = (db: BetterSqlite3.Database) =>
    db.prepare('SELECT trigger_kind, trigger_summary FROM policy_persons').get() as
      { trigger_kind: string; trigger_summary: string } | undefined;
  const facts = (db: BetterSqlite3.Database) =>
    JSON.parse(db.prepare('SELECT trigger_facts FROM policy_persons').pluck().get() as string) as Record<string, unknown>;

  it('fires on a high-level day in a channel the person never used in the baseline', () => {
    const { db, writer, usb, day } = copier(false);
    writer.activities(usb(day, 60));
    runFullScoring(db, { now: NOW });
    expect(scope(db)).toMatchObject({ trigger_kind: 'exfiltration' });
    expect(scope(db)!.trigger_summary).toContain('new channel');
    // No baseline yet (the person had no activity before): no usual count, no corroboration.
    expect(facts(db)).toMatchObject({ kind: 'exfiltration', day: day * DAY, indicator: 'usb_copy', count: 60 });
    expect(scope(db)!.trigger_summary.includes('no baseline yet')).toBe(facts(db).usualPerDay === undefined);
  });

  it('does not fire on one big day in a channel the person uses anyway, unless a second channel or a DLP match backs it up', () => {
    const { db, person, writer, usb, day } = copier(true);
    writer.activities(usb(day, 60));
    runFullScoring(db, { now: NOW });
    expect(scope(db)).toBeUndefined();
    writer.externalAlert({ person, time: day * DAY + 12 * HOUR, source: 'dlp', severity: 'low', title: 'USB policy' });
    runFullScoring(db, { now: NOW });
    expect(scope(db)!.trigger_summary).toContain('DLP match the same day');
    expect(facts(db)).toMatchObject({ corroboration: 'dlp' });
    expect(scope(db)!.trigger_summary).toContain(`usually ${(facts(db).usualPerDay as number).toFixed(2)} a day`);
  });

  it('counts a second exfiltration channel the same day as corroboration, but not the same channel seen twice', () => {
    const { db, person, writer, usb, day } = copier(true);
    writer.activities([...usb(day, 60), { person, time: day * DAY + 15 * HOUR, kind: 'usbConnect', device: 'PC-U' }]);
    runFullScoring(db, { now: NOW });
    expect(scope(db)).toBeUndefined();
    writer.activities(
      Array.from({ length: 4 }, (_, n) => ({
        person,
        time: day * DAY + 16 * HOUR + n * 1000,
        kind: 'cloudUpload' as const,
        device: 'PC-U',
        target: `plan-${n}.docx`,
        domain: 'dropbox.com',
      })),
    );
    runFullScoring(db, { now: NOW });
    expect(scope(db)!.trigger_summary).toContain('with cloud_upload the same day');
    expect(facts(db)).toMatchObject({ corroboration: 'otherChannel', otherIndicator: 'cloud_upload' });
  });

  it('below the trigger level, fires on the first use of a channel only with a DLP match of medium or above that day', () => {
    const { db, person, writer, usb, day } = copier(false);
    writer.activities(usb(day, 8)); // usb_copy at its low level (5), far below the high trigger level
    runFullScoring(db, { now: NOW });
    expect(scope(db)).toBeUndefined();
    writer.externalAlert({ person, time: day * DAY + 12 * HOUR, source: 'dlp', severity: 'low', title: 'USB policy' });
    runFullScoring(db, { now: NOW });
    expect(scope(db)).toBeUndefined(); // a low DLP match is not enough
    writer.externalAlert({ person, time: (day + 1) * DAY + 12 * HOUR, source: 'dlp', severity: 'medium', title: 'USB policy' });
    runFullScoring(db, { now: NOW });
    expect(scope(db)).toBeUndefined(); // a medium one the next day is not the same day
    writer.externalAlert({ person, time: day * DAY + 13 * HOUR, source: 'dlp', severity: 'medium', title: 'USB policy' });
    runFullScoring(db, { now: NOW });
    expect(scope(db)!.trigger_summary).toContain('first use of the channel, with a medium DLP match the same day');
    expect(facts(db)).toMatchObject({
      indicator: 'usb_copy',
      count: 8,
      level: 'low',
      threshold: 5,
      usualPerDay: 0,
      corroboration: 'newChannelDlp',
      severity: 'medium',
    });
    // usb_copy low (23) with the medium DLP match (23) the same day: a Medium alert.
    expect(db.prepare('SELECT severity FROM alerts').pluck().get()).toBe('Medium');
  });

  it('below the trigger level, fires on a personal destination the person uses anyway, with a DLP match of medium or above that day', () => {
    const db = store();
    const [person] = insertTestPersons(db, [{ key: 'p@corp.example', displayName: 'P' }]) as [number];
    const writer = signalWriter(db);
    const toSelf = (day: number) => ({
      person,
      time: day * DAY + 18 * HOUR,
      kind: 'emailSend' as const,
      recipients: 'me.private@gmail.com',
      attachments: 1,
    });
    // Mails their own personal address every 10th day: a habit, not a new channel.
    for (let d = 0; d < 40; d++)
      writer.activities([...ordinaryDay(person, FIRST_DAY + d, 'PC-P'), ...(d % 10 === 5 ? [toSelf(FIRST_DAY + d)] : [])]);
    policy(db, { template: 'data-leaks', name: 'Leaks' });
    const day = FIRST_DAY + 40;
    writer.activities([toSelf(day)]);
    writer.externalAlert({ person, time: day * DAY + 18 * HOUR + 5000, source: 'dlp', severity: 'low', title: 'Customer data' });
    runFullScoring(db, { now: NOW });
    expect(scope(db)).toBeUndefined();
    writer.externalAlert({
      person,
      time: day * DAY + 18 * HOUR + 6000,
      source: 'dlp',
      severity: 'medium',
      title: 'Customer data',
    });
    runFullScoring(db, { now: NOW });
    expect(scope(db)!.trigger_summary).toContain('to a personal destination, with a medium DLP match the same day');
    expect(facts(db)).toMatchObject({
      indicator: 'email_personal_webmail',
      count: 1,
      level: 'low',
      corroboration: 'personalDlp',
      usualPerDay: 0.1,
    });
    // email_personal_webmail low (23) with the medium DLP match (23): a Medium alert.
    expect(db.prepare('SELECT severity FROM alerts').pluck().get()).toBe('Medium');
  });

  it('below the trigger level, does not fire in a channel the person already uses, even with a high DLP match', () => {
    const { db, person, writer, usb, day } = copier(true);
    writer.activities(usb(day, 8));
    writer.externalAlert({ person, time: day * DAY + 12 * HOUR, source: 'dlp', severity: 'medium', title: 'USB policy' });
    runFullScoring(db, { now: NOW });
    expect(scope(db)).toBeUndefined();
  });

  it("counts a logon to another person's device the same day as corroboration", () => {
    const { db, person, writer, usb, day } = copier(true);
    const [owner] = insertTestPersons(db, [{ key: 'o@corp.example', displayName: 'O' }]) as [number];
    for (let d = 0; d < 41; d++) writer.activities(ordinaryDay(owner, FIRST_DAY + d, 'PC-O'));
    writer.activities([...usb(day, 60), { person, time: day * DAY + 9 * HOUR, kind: 'logon', device: 'PC-O' }]);
    runFullScoring(db, { now: NOW });
    expect(scope(db)!.trigger_summary).toContain("with a logon to another person's device the same day");
  });
});

describe('DLP match with a new recipient', () => {
  /** A person with 40 ordinary days who also mails partner.example every other day; a data-leaks policy. */
  function mailer() {
    const db = store();
    const [person] = insertTestPersons(db, [{ key: 'm@corp.example', displayName: 'M' }]) as [number];
    const writer = signalWriter(db);
    const mail = (day: number, to: string, attachments: number, hour = 10) => ({
      person,
      time: day * DAY + hour * HOUR,
      kind: 'emailSend' as const,
      recipients: to,
      attachments,
    });
    for (let d = 0; d < 40; d++)
      writer.activities([
        ...ordinaryDay(person, FIRST_DAY + d, 'PC-M'),
        ...(d % 2 === 0 ? [mail(FIRST_DAY + d, 'buyer@partner.example', 1)] : []),
      ]);
    policy(db, { template: 'data-leaks', name: 'Leaks' });
    const day = FIRST_DAY + 40;
    writer.externalAlert({ person, time: day * DAY + 11 * HOUR, source: 'dlp', severity: 'high', title: 'Customer data' });
    return { db, writer, mail, day };
  }
  const dlpInsight = (db: BetterSqlite3.Database) =>
    db.prepare("SELECT points, boosters, facts FROM alert_insights WHERE indicator = 'dlp_match'").get() as
      { points: number; boosters: string; facts: string } | undefined;

  it('boosts a DLP match on a day with attachments mailed to a domain the person never wrote to, into a Medium alert', () => {
    const { db, writer, mail, day } = mailer();
    writer.activities([mail(day, 'Someone <someone@rival.example>; buyer@partner.example', 2)]);
    runFullScoring(db, { now: NOW });
    expect(db.prepare('SELECT severity FROM alerts').pluck().get()).toBe('Medium');
    const insight = dlpInsight(db)!;
    expect(insight.points).toBe(45);
    expect(insight.boosters).toBe('newRecipient×1.5');
    expect(JSON.parse(insight.facts)).toMatchObject({ newRecipientDomains: ['rival.example'] });
  });

  it('does not boost it for a known partner, a mail without attachments, or a new domain on another day', () => {
    for (const extra of [
      (m: ReturnType<typeof mailer>) => [m.mail(m.day, 'buyer@partner.example', 3)],
      (m: ReturnType<typeof mailer>) => [m.mail(m.day, 'someone@rival.example', 0)],
      (m: ReturnType<typeof mailer>) => [m.mail(m.day + 1, 'someone@rival.example', 1)],
    ]) {
      const m = mailer();
      m.writer.activities(extra(m));
      runFullScoring(m.db, { now: NOW });
      // A lone high DLP match (30 points) stays below the alert threshold.
      expect(m.db.prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(0);
    }
  });

  it('does not call a domain new before the baseline is mature', () => {
    const db = store();
    const [person] = insertTestPersons(db, [{ key: 'n@corp.example', displayName: 'N' }]) as [number];
    const writer = signalWriter(db);
    for (let d = 0; d < 5; d++) writer.activities(ordinaryDay(person, FIRST_DAY + d, 'PC-N'));
    policy(db, { template: 'data-leaks', name: 'Leaks' });
    const day = FIRST_DAY + 5;
    writer.externalAlert({ person, time: day * DAY + 11 * HOUR, source: 'dlp', severity: 'high', title: 'Customer data' });
    writer.activities([
      { person, time: day * DAY + 10 * HOUR, kind: 'emailSend', recipients: 'someone@rival.example', attachments: 1 },
    ]);
    runFullScoring(db, { now: NOW });
    expect(db.prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(0);
  });
});

describe('sequences', () => {
  function sequenceOf(steps: { kind: TestActivity['kind']; day: number; target: string; detail?: string }[]) {
    const db = store();
    const [person] = insertTestPersons(db, [{ key: 's@corp.example', displayName: 'S' }]) as [number];
    const writer = signalWriter(db);
    writer.activities(
      steps.map((step, n) => ({
        person,
        time: (FIRST_DAY + step.day) * DAY + 9 * HOUR + n * 1000,
        kind: step.kind,
        target: step.target,
        detail: step.detail ?? null,
      })),
    );
    runFullScoring(db, { now: NOW });
    return db.prepare('SELECT day - ? AS day, files, long_files AS longFiles FROM sequence_days').all(FIRST_DAY);
  }
  const files = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-${i}.docx`);

  it('links collection then exfiltration of the same file name within the span', () => {
    const names = files(3, 'plan');
    expect(
      sequenceOf([
        ...names.map((name) => ({
          kind: 'sharepointDownload' as const,
          day: 0,
          target: `https://corp.sharepoint.com/sites/x/${name}`,
        })),
        ...names.map((name) => ({ kind: 'usbCopy' as const, day: 7, target: `E:\\backup\\${name}` })),
      ]),
    ).toEqual([{ day: 7, files: 3, longFiles: 0 }]);
  });

  it('does not link steps further apart than the span, nor different files', () => {
    expect(
      sequenceOf([
        { kind: 'sharepointDownload', day: 0, target: 'https://corp.sharepoint.com/a.docx' },
        { kind: 'usbCopy', day: 8, target: 'E:\\a.docx' },
        { kind: 'sharepointDownload', day: 10, target: 'https://corp.sharepoint.com/b.docx' },
        { kind: 'usbCopy', day: 10, target: 'E:\\c.docx' },
      ]),
    ).toEqual([]);
  });

  it('counts collect → exfiltrate → delete as a long sequence', () => {
    expect(
      sequenceOf([
        { kind: 'sharepointDownload', day: 0, target: 'https://corp.sharepoint.com/a.docx' },
        { kind: 'usbCopy', day: 1, target: 'E:\\a.docx' },
        { kind: 'fileDelete', day: 2, target: 'C:\\Users\\s\\Downloads\\a.docx' },
      ]),
    ).toEqual([
      { day: 1, files: 1, longFiles: 0 },
      { day: 2, files: 1, longFiles: 1 },
    ]);
  });
});

describe('in the backend', () => {
  let backend: TestBackend;
  afterEach(() => backend?.close());

  it('keeps test-mode alerts out of the main queue and lists them on request', async () => {
    backend = openTestBackend();
    const admin = await backend.admin();
    buildTestOrganisation(backend.backend.context.db);
    await admin.value('policies.create', { template: 'data-leaks', name: 'Leaks (test)', state: 'test' });
    await admin.score({ full: true });
    expect((await admin.value('alerts.list', {})).total).toBe(0);
    const tests = await admin.value('alerts.list', { testMode: true });
    expect(tests.total).toBeGreaterThan(0);
    expect(tests.alerts.every((a) => a.test)).toBe(true);
    expect((await admin.value('alerts.summary', {})).byStatus.NeedsReview).toBe(0);
    const refused = await admin.call('alerts.confirm', { ids: [tests.alerts[0]!.id] });
    expect(refused.ok ? null : refused.error.code).toBe('INVALID_STATE');
  });

  it('records when a run started and when it finished, from two readings of the backend clock', async () => {
    // A clock that moves one second on every reading: a run's start and end are distinct readings.
    const clock = createTestClock();
    const ticking = { ...clock, now: () => (clock.advance(1000), clock.now()) };
    backend = openTestBackend({ clock: ticking });
    const admin = await backend.admin();
    buildTestOrganisation(backend.backend.context.db);
    await admin.value('policies.create', { template: 'data-leaks', name: 'Leaks' });
    const queuedBefore = clock.now();
    const run = await admin.score({ full: true });
    const after = clock.now();
    expect(run.state).toBe('succeeded');
    expect(run.startedAt).toBeGreaterThan(queuedBefore);
    expect(run.finishedAt).not.toBeNull();
    expect(run.startedAt).toBeLessThan(run.finishedAt!);
    expect(run.finishedAt!).toBeLessThan(after);
  });
});
