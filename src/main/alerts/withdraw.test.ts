/**
 * Re-scoring below the threshold (docs/scoring.md step 4): an untouched Needs review alert is
 * withdrawn, but one somebody is working on (assigned) is kept as it was, Needs review with its last
 * score and explanation, until it is triaged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend, type TestSession } from '../testing/backendFixture';
import { buildTestOrganisation } from '../testing/testOrganisation';
import { hasTriageHistory, removeOpenAlert } from '../detection/alertWriter';

let backend: TestBackend;
let admin: TestSession;

beforeAll(async () => {
  backend = openTestBackend();
  admin = await backend.admin();
  buildTestOrganisation(backend.backend.context.db);
});
afterAll(() => backend.close());

describe('an alert below the threshold after re-scoring', () => {
  it('is withdrawn when nobody worked on it, and kept Needs review with its last score when assigned', async () => {
    const policies = [];
    for (const template of ['data-theft-departing-users', 'data-leaks', 'security-policy-violations'] as const)
      policies.push(await admin.value('policies.create', { template, name: template }));
    await admin.score({ full: true });
    const { alerts } = await admin.value('alerts.list', { status: ['NeedsReview'] });
    expect(alerts.length).toBeGreaterThanOrEqual(2);
    const [assigned, untouched] = alerts as [(typeof alerts)[0], (typeof alerts)[0]];
    const me = (await admin.value('alerts.assignees')).find((account) => account.name === 'admin')!;
    await admin.value('alerts.assign', { ids: [assigned.id], accountId: me.id });
    const before = await admin.value('alerts.get', { id: assigned.id });

    // No indicators, sequences or cumulative exfiltration: nothing reaches the threshold any more.
    for (const policy of policies)
      await admin.value('policies.update', { id: policy.id, indicators: [], sequenceDetection: false, cumulativeExfiltration: false });
    await admin.score({ full: true });

    const kept = await admin.value('alerts.get', { id: assigned.id });
    expect(kept).toMatchObject({ status: 'NeedsReview', score: before.score, severity: before.severity, assignee: { id: me.id } });
    expect(kept.explanation.insights).toEqual(before.explanation.insights);
    const gone = await admin.call('alerts.get', { id: untouched.id });
    expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND');
    const left = await admin.value('alerts.list', { status: ['NeedsReview'] });
    expect(left.alerts.map((alert) => alert.id)).toEqual([assigned.id]);

    // Re-scoring again changes nothing; once unassigned, the next re-score withdraws it.
    await admin.score({ full: true });
    expect((await admin.value('alerts.get', { id: assigned.id })).status).toBe('NeedsReview');
    await admin.value('alerts.assign', { ids: [assigned.id], accountId: null });
    await admin.score({ full: true });
    const withdrawn = await admin.call('alerts.get', { id: assigned.id });
    expect(withdrawn.ok ? null : withdrawn.error.code).toBe('NOT_FOUND');
  });

  it('says whether it withdrew the alert', () => {
    const { db } = backend.backend.context;
    const insert = db.prepare(
      `INSERT INTO alerts (policy_id, person_id, status, severity, severity_rank, score, test, detected_at, updated_at, first_day, last_day, top_day, trigger_kind, trigger_time, trigger_summary, assignee_id)
       VALUES (1, (SELECT min(id) FROM persons WHERE id NOT IN (SELECT person_id FROM alerts WHERE policy_id = 1 AND status = 'NeedsReview')), 'NeedsReview', 'Low', 1, 25, 0, 1, 1, 1, 1, 1, 'manual', 0, 'writer test', ?)`,
    );
    const adminId = db.prepare("SELECT id FROM accounts WHERE name = 'admin'").pluck().get() as number;
    const assigned = Number(insert.run(adminId).lastInsertRowid);
    expect(hasTriageHistory(db, assigned)).toBe(true);
    expect(removeOpenAlert(db, assigned)).toBe(false);
    db.prepare('UPDATE alerts SET assignee_id = NULL WHERE id = ?').run(assigned);
    expect(hasTriageHistory(db, assigned)).toBe(false);
    expect(removeOpenAlert(db, assigned)).toBe(true);
    expect(db.prepare('SELECT count(*) FROM alerts WHERE id = ?').pluck().get(assigned)).toBe(0);
  });
});
