/**
 * Golden explanation files: for three hand-built insiders (src/main/testing/testOrganisation.ts)
 * the alert's explanation (each insight with threshold crossed, boosters and points) and its
 * contributing events are compared exactly with src/main/detection/golden/*.json. After a deliberate
 * model change, regenerate with UPDATE_GOLDEN=1 and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateId } from '../../shared/detection';
import { openTestBackend, type TestBackend, type TestSession } from '../testing/backendFixture';
import { buildTestOrganisation, type TestOrganisation } from '../testing/testOrganisation';

let backend: TestBackend;
let admin: TestSession;
let organisation: TestOrganisation;

const iso = (time: number) => new Date(time).toISOString().slice(0, 10);

beforeAll(async () => {
  backend = openTestBackend();
  admin = await backend.admin();
  organisation = buildTestOrganisation(backend.backend.context.db);
  await admin.value('settings.setAnonymization', { enabled: false, reason: 'golden files name the hand-built persons' });
  await admin.value('groups.create', {
    name: 'Engineering leads',
    kind: 'priority',
    personIds: [organisation.snooper],
    viewerRoleGroups: ['InsiderRiskManagement'],
  });
  for (const template of ['data-theft-departing-users', 'data-leaks', 'security-policy-violations'] as const) {
    await admin.value('policies.create', { template, name: template });
  }
  await admin.score({ full: true });
});
afterAll(() => backend.close());

/** What a golden file holds for one person's alert under one template. */
async function explain(personId: number, template: TemplateId) {
  const { alerts } = await admin.value('alerts.list', { personId, limit: 50 });
  const alert = alerts.find((a) => a.policy.template === template);
  if (!alert) throw new Error(`no ${template} alert for person ${personId}`);
  const detail = await admin.value('alerts.get', { id: alert.id });
  const { activities } = await admin.value('alerts.activities', { id: alert.id, limit: 500 });
  return {
    person: detail.person.displayName,
    policy: template,
    status: detail.status,
    severity: detail.severity,
    score: detail.score,
    trigger: {
      kind: detail.triggeringEvent.kind,
      day: iso(detail.triggeringEvent.time),
      summary: detail.triggeringEvent.summary,
      facts: detail.triggeringEvent.facts,
      line: detail.triggeringEvent.source?.line ?? null,
    },
    riskFactors: detail.riskFactors,
    explanation: {
      ...detail.explanation,
      topDay: iso(detail.explanation.topDay),
      insights: detail.explanation.insights.map((i) => ({ ...i, day: iso(i.day) })),
    },
    events: activities.map((a) => ({
      line: a.source.line,
      day: iso(a.time),
      kind: a.kind,
      target: a.target,
      indicators: a.indicators,
      points: a.points,
    })),
  };
}

function compareWithGolden(name: string, actual: unknown): void {
  const file = join(__dirname, 'golden', `${name}.json`);
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('golden explanations', () => {
  it('departing thief: USB copies and cloud uploads above usual, cumulative exfiltration', async () => {
    compareWithGolden('departing-thief', await explain(organisation.thief, 'data-theft-departing-users'));
  });

  it('data leaker: external attachments and personal webmail after a DLP alert, with sequences', async () => {
    compareWithGolden('data-leaker', await explain(organisation.leaker, 'data-leaks'));
  });

  it('snooper: foreign-device and after-hours logons and a keylogger download after a security alert, priority user', async () => {
    compareWithGolden('snooper', await explain(organisation.snooper, 'security-policy-violations'));
  });

  it('raises no alert for the ordinary colleagues', async () => {
    for (const colleague of organisation.colleagues)
      expect((await admin.value('alerts.list', { personId: colleague })).total).toBe(0);
  });
});
