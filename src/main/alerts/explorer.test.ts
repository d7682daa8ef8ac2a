/**
 * The activity explorer of an alert agrees with itself: a row is labelled scored exactly when it
 * carries points, a scored row lies within the alert's activity window (first to last activity
 * day), and "Scored in this alert" lists only such rows. On the hand-built organisation
 * (testing/testOrganisation.ts), whose departing thief has a cumulative-exfiltration insight summing
 * mail sent weeks before the alert's first day, and whose leaker has sequences.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodOutput } from '../../shared/contract';
import { openTestBackend, type TestBackend, type TestSession } from '../testing/backendFixture';
import { DAY } from '../testing/testSignals';
import { buildTestOrganisation, type TestOrganisation } from '../testing/testOrganisation';

let backend: TestBackend;
let admin: TestSession;
let organisation: TestOrganisation;

beforeAll(async () => {
  backend = openTestBackend();
  admin = await backend.admin();
  organisation = buildTestOrganisation(backend.backend.context.db);
  for (const template of ['data-theft-departing-users', 'data-leaks'] as const) await admin.value('policies.create', { template, name: template });
  await admin.score({ full: true });
});
afterAll(() => backend.close());

type Row = MethodOutput<'alerts.activities'>['activities'][number];

async function rows(input: MethodInput<'alerts.activities'>): Promise<Row[]> {
  const all: Row[] = [];
  let cursor: string | null = null;
  do {
    const page: MethodOutput<'alerts.activities'> = await admin.value('alerts.activities', { ...input, cursor, limit: 500 });
    all.push(...page.activities);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

async function alertOf(personId: number, template: string) {
  const { alerts } = await admin.value('alerts.list', { personId, limit: 50 });
  const alert = alerts.find((a) => a.policy.template === template);
  if (!alert) throw new Error(`no ${template} alert for person ${personId}`);
  return admin.value('alerts.get', { id: alert.id });
}

describe('the activity explorer of an alert', () => {
  for (const [who, template] of [
    ['thief', 'data-theft-departing-users'],
    ['leaker', 'data-leaks'],
  ] as const) {
    it(`labels, points and the window agree (${who}, ${template})`, async () => {
      const alert = await alertOf(organisation[who], template);
      const from = alert.firstActivityDay;
      const to = alert.lastActivityDay + DAY;
      const inWindow = (row: Row) => row.time >= from && row.time < to;
      const check = (list: Row[]) => {
        for (const row of list) {
          const seen = { id: row.id, day: new Date(row.time).toISOString().slice(0, 10), scored: row.scored, points: row.points };
          expect(seen, 'scored ⇔ points > 0').toEqual({ ...seen, scored: row.points > 0 });
          if (row.scored) expect(inWindow(row), `scored row ${row.id} within the alert's window`).toBe(true);
          if (!row.scored) expect(row.indicators).toEqual([]);
        }
      };

      const scored = await rows({ id: alert.id, scope: 'alert' });
      expect(scored.length).toBeGreaterThan(0);
      check(scored);
      // "Scored in this alert": only rows within the window that contributed.
      expect(scored.every((row) => row.scored && inWindow(row))).toBe(true);
      // Contributions without an indicator (sequences, cumulative exfiltration) are scored too.
      const kinds = alert.explanation.insights.map((i) => i.kind);
      expect(kinds.some((kind) => kind !== 'indicator')).toBe(true);

      for (const scope of ['scored', 'all'] as const) check(await rows({ id: alert.id, scope }));
      // "Show events" of each insight: the explorer on its day, with its indicator or risk factor.
      for (const insight of alert.explanation.insights) {
        const events = await rows({
          id: alert.id,
          scope: 'alert',
          from: insight.day,
          to: insight.day + DAY,
          ...(insight.indicator ? { indicator: insight.indicator } : {}),
          ...(insight.kind === 'sequence' || insight.kind === 'cumulativeExfiltration' ? { riskFactor: insight.kind } : {}),
        });
        check(events);
        expect(events.every((row) => row.insightOrdinals.includes(insight.ordinal))).toBe(true);
      }
    });
  }

  it("counts the stored events of an insight that the explorer can show (within the alert's window)", async () => {
    const alert = await alertOf(organisation.thief, 'data-theft-departing-users');
    const scored = await rows({ id: alert.id, scope: 'alert' });
    for (const insight of alert.explanation.insights) {
      if (insight.indicator === 'dlp_match' || insight.indicator === 'security_alert') continue;
      expect(insight.storedEvents).toBe(scored.filter((row) => row.insightOrdinals.includes(insight.ordinal)).length);
    }
  });
});
