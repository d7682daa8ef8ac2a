import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render';
import { STANDARD_ACCOUNTS, TEST_PASSWORD, openWorkbench, type TestSession, type Workbench } from '../../testing/workbench';
import { ORGANISATION_NOW, buildOrganisationWorld, seedDepartingAlerts, type OrganisationWorld } from '../../testing/worlds';

// jsdom does no layout: give the scroll containers a viewport so the virtualizers render rows.
const SCROLLERS = new Set(['alert-queue', 'activity-list']);
const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!;
const clientWidth = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth')!;
beforeEach(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', {
    configurable: true,
    get(this: Element) {
      return SCROLLERS.has(this.getAttribute('data-testid') ?? '') ? 600 : 0;
    },
  });
  Object.defineProperty(Element.prototype, 'clientWidth', {
    configurable: true,
    get(this: Element) {
      return SCROLLERS.has(this.getAttribute('data-testid') ?? '') ? 1400 : 0;
    },
  });
});
afterEach(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', clientHeight);
  Object.defineProperty(Element.prototype, 'clientWidth', clientWidth);
});

function rows() {
  return screen.getAllByTestId('alert-row');
}

function ids() {
  return rows().map((row) => Number(row.dataset.alertId));
}

/** Takes "Needs review" out of the status filter, so the queue shows every status. */
async function showEveryStatus() {
  fireEvent.click(await screen.findByTestId('alert-filter-status'));
  fireEvent.click(await screen.findByRole('option', { name: 'Needs review' }));
}

function press(key: string) {
  fireEvent.keyDown(document.body, { key });
}

const DAY = 86_400_000;
const german = (value: number) => new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeZone: 'UTC' }).format(value);

async function signedIn(workbench: Workbench, name: string): Promise<TestSession> {
  const session = workbench.session();
  await session.value('auth.signIn', { name, password: TEST_PASSWORD });
  return session;
}

/** A fresh backend with `count` Medium alerts needing review (departing users); for tests that change alerts. */
async function smallQueue(count: number) {
  const workbench = await openWorkbench({ accounts: STANDARD_ACCOUNTS });
  const alertIds = await seedDepartingAlerts(workbench, count);
  return { workbench, alertIds, admin: await workbench.admin() };
}

/**
 * A world to read (never changed by the tests): the test organisation's three insiders' alerts, the
 * leaker's under two data-leaks policies, and one test-mode alert of a pilot policy; with `leavers`,
 * that many departing users in Sales with Medium alerts (from both departing-users policies).
 */
async function organisationQueue(leavers: number) {
  const workbench = await openWorkbench({ accounts: STANDARD_ACCOUNTS, now: ORGANISATION_NOW });
  const built = await buildOrganisationWorld(workbench);
  const admin = await workbench.admin();
  const everyone = { everyone: true, personIds: [], pilotGroupId: null };
  await admin.value('policies.create', { template: 'data-leaks', name: 'Pilot policy', state: 'test', scope: everyone });
  await admin.value('policies.create', { template: 'data-leaks', name: 'Data leaks EMEA', scope: everyone });
  if (leavers) await seedDepartingAlerts(workbench, leavers);
  await admin.value('scoring.run', { full: true });
  return { workbench, world: built, analyst: await signedIn(workbench, 'analyst') };
}

// The queue tests that only read share one queue long enough to page; the detail tests share the
// organisation alone (the leavers would change its peer groups and so the explanations).
let queue: Workbench;
let world: OrganisationWorld;
let analyst: TestSession;
beforeAll(async () => {
  ({ workbench: queue, world, analyst } = await organisationQueue(120));
}, 120_000);
afterAll(() => queue.close());

/** The queue as the backend answers the analyst (of the shared queue unless told). */
const needingReview = async (input: { severity?: ('Low' | 'Medium' | 'High')[]; text?: string; testMode?: boolean } = {}, session: TestSession = analyst) =>
  session.value('alerts.list', { status: ['NeedsReview'], testMode: false, limit: 500, ...input });

describe('AlertsPage queue', () => {
  it('lists alerts that need review, newest first, virtualized and paged from the backend', async () => {
    const expected = await needingReview();
    const total = expected.total;
    expect(total).toBeGreaterThan(200);
    const { transport } = await renderApp(queue, { as: 'analyst', path: '/alerts' });
    await waitFor(() => expect(rows().length).toBeGreaterThan(5));
    // Only the rows in view (and overscan) are in the DOM.
    expect(rows().length).toBeLessThan(40);
    expect(ids().slice(0, 3)).toEqual(expected.alerts.slice(0, 3).map((alert) => alert.id));
    const detected = expected.alerts.map((alert) => alert.detectedAt);
    expect(detected).toEqual([...detected].sort((a, b) => b - a));
    expect(screen.getByTestId('alert-count').textContent).toBe(`100 of ${total} alerts`);
    expect(transport.callsOf('alerts.list')[0]!.input).toMatchObject({ status: ['NeedsReview'], testMode: false, sort: { field: 'detectedAt', direction: 'desc' }, cursor: null, limit: 100 });
    expect(screen.getByTestId('widget-needs-review').textContent).toBe(String(total));
    const first = rows()[0]!;
    const firstAlert = expected.alerts[0]!;
    expect(first.dataset.severity).toBe(firstAlert.severity);
    expect(within(first).getByText(firstAlert.person.displayName)).toBeTruthy();
    expect(within(first).getByText(firstAlert.policy.name)).toBeTruthy();
    expect(first.querySelector(`[data-risk-factor="${firstAlert.riskFactors[0]}"]`)).not.toBeNull();

    const scroller = screen.getByTestId('alert-queue');
    scroller.scrollTop = 100 * 52 - 600;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(transport.callsOf('alerts.list').map((call) => (call.input as { cursor: string | null }).cursor)).toHaveLength(2));
    const [firstPage, secondPage] = transport.callsOf('alerts.list');
    expect((secondPage!.input as { cursor: string | null }).cursor).toEqual(expect.any(String));
    expect(firstPage!.outcome).toBe('ok');
    await waitFor(() => expect(screen.getByTestId('alert-count').textContent).toBe(`200 of ${total} alerts`));
  });

  it('filters by severity and text and reverses the sort', async () => {
    const { total } = await needingReview();
    const high = await needingReview({ severity: ['High'] });
    expect(high.total).toBeGreaterThan(1);
    const { transport } = await renderApp(queue, { as: 'analyst', path: '/alerts' });
    await waitFor(() => expect(screen.getByTestId('alert-count').textContent).toBe(`100 of ${total} alerts`));
    fireEvent.click(screen.getByTestId('alert-filter-severity'));
    fireEvent.click(await screen.findByRole('option', { name: 'High' }));
    await waitFor(() => expect(transport.callsOf('alerts.list').at(-1)!.input).toMatchObject({ severity: ['High'] }));
    await waitFor(() => expect(rows().every((row) => row.dataset.severity === 'High')).toBe(true));
    expect(rows()).toHaveLength(high.total);

    fireEvent.click(screen.getByTestId('alert-sort-direction'));
    await waitFor(() => expect(transport.callsOf('alerts.list').at(-1)!.input).toMatchObject({ sort: { field: 'detectedAt', direction: 'asc' } }));
    // Someone with one alert (the leaker has two).
    const sought = high.alerts.find((alert) => high.alerts.filter((other) => other.person.id === alert.person.id).length === 1)!;
    fireEvent.change(screen.getByTestId('alert-filter-text'), { target: { value: sought.person.displayName.slice(4) } });
    await waitFor(() => expect(ids()).toEqual([sought.id]));
    fireEvent.change(screen.getByTestId('alert-filter-text'), { target: { value: 'nobody' } });
    expect(await screen.findByTestId('alerts-none-match')).toBeTruthy();
    fireEvent.click(screen.getByTestId('alert-filters-clear'));
    await waitFor(() => expect(screen.getByTestId('alert-count').textContent).toBe(`100 of ${total} alerts`));
  });

  it('moves with j/k, selects with x, and bulk-dismisses with one confirmation showing the count', async () => {
    const { workbench, admin } = await smallQueue(12);
    try {
      const order = (await admin.value('alerts.list', { status: ['NeedsReview'], limit: 100 })).alerts.map((alert) => alert.id);
      // The second alert of the queue is confirmed into a case.
      await admin.value('alerts.confirm', { ids: [order[1]!], comment: 'Already with HR' });
      const queued = order.filter((id) => id !== order[1]);
      const { transport } = await renderApp(workbench, { as: 'analyst', path: '/alerts' });
      await waitFor(() => expect(rows().length).toBe(11));
      await waitFor(() => expect(rows()[0]!.dataset.active).toBe('true'));
      press('x');
      press('j');
      press('x');
      press('j');
      press('j');
      press('k');
      press('x');
      await waitFor(() => expect(screen.getByTestId('selection-count').textContent).toBe('3 alerts selected'));
      expect(rows().filter((row) => row.dataset.selected === 'true').map((row) => Number(row.dataset.alertId))).toEqual(queued.slice(0, 3));
      // The confirmed alert is not in the queue of alerts needing review.
      expect(ids()).toEqual(queued);
      expect(rows()[2]!.dataset.active).toBe('true');

      // One more with the mouse, then the shortcut.
      fireEvent.click(within(rows()[5]!).getByTestId('alert-select'));
      await waitFor(() => expect(screen.getByTestId('selection-count').textContent).toBe('4 alerts selected'));
      press('d');
      const modal = await screen.findByTestId('dismiss-modal');
      expect(screen.getByText('Dismiss 4 alerts', { selector: 'h2' })).toBeTruthy();
      expect((within(modal).getByTestId('dismiss-confirm') as HTMLButtonElement).disabled).toBe(true);
      fireEvent.click(within(modal).getByTestId('dismiss-reason'));
      fireEvent.click(await screen.findByRole('option', { name: 'Not impactful enough' }));
      fireEvent.change(within(modal).getByTestId('dismiss-note'), { target: { value: 'Quarter-end reporting' } });
      fireEvent.click(within(modal).getByTestId('dismiss-confirm'));
      await waitFor(() => expect(transport.callsOf('alerts.dismiss')).toHaveLength(1));
      const dismissed = [...queued.slice(0, 3), queued[5]!];
      const input = transport.callsOf('alerts.dismiss')[0]!.input as { ids: number[] };
      expect(input).toEqual({ ids: expect.any(Array), reason: 'notImpactful', note: 'Quarter-end reporting' });
      expect([...input.ids].sort((a, b) => a - b)).toEqual([...dismissed].sort((a, b) => a - b));
      await waitFor(() => expect(screen.queryByTestId('selection-bar')).toBeNull());
      // Dismissed alerts leave the queue of alerts needing review.
      await waitFor(() => expect(ids()).toEqual(queued.filter((id) => !dismissed.includes(id))));
      const stored = (await admin.value('alerts.list', { status: ['Dismissed'], limit: 100 })).alerts;
      expect(stored.map((alert) => alert.dismissReason)).toEqual(['notImpactful', 'notImpactful', 'notImpactful', 'notImpactful']);
    } finally {
      workbench.close();
    }
  });

  it('counts only alerts that need review when the selection mixes statuses', async () => {
    const { workbench, admin, alertIds } = await smallQueue(4);
    try {
      await admin.value('alerts.dismiss', { ids: [alertIds[0]!], reason: 'notImpactful' });
      await renderApp(workbench, { as: 'analyst', path: '/alerts' });
      await showEveryStatus();
      await waitFor(() => expect(rows()).toHaveLength(4));
      fireEvent.click(screen.getByTestId('alert-select-all'));
      fireEvent.click(await screen.findByTestId('bulk-dismiss'));
      const modal = await screen.findByTestId('dismiss-modal');
      expect(within(modal).getByText('1 selected alert does not need review and stays as it is.')).toBeTruthy();
      expect(within(modal).getByTestId('dismiss-confirm').textContent).toBe('Dismiss 3 alerts');
    } finally {
      workbench.close();
    }
  });

  it('assigns the selected alerts from the selection bar', async () => {
    const { workbench } = await smallQueue(3);
    try {
      const { transport } = await renderApp(workbench, { as: 'analyst', path: '/alerts' });
      await waitFor(() => expect(rows()).toHaveLength(3));
      const [first, , third] = ids();
      fireEvent.click(within(rows()[0]!).getByTestId('alert-select'));
      fireEvent.click(within(rows()[2]!).getByTestId('alert-select'));
      fireEvent.click(await screen.findByTestId('bulk-assign'));
      fireEvent.click(await screen.findByTestId('assign-investigator'));
      await waitFor(() => expect(transport.callsOf('alerts.assign')[0]!.input).toEqual({ ids: [first, third], accountId: 4 }));
      await waitFor(() => expect(within(rows()[0]!).getByText('investigator')).toBeTruthy());
    } finally {
      workbench.close();
    }
  });

  it('keeps test-mode alerts on their own tab', async () => {
    const expected = await needingReview();
    const test = await needingReview({ testMode: true });
    expect(test.alerts.map((alert) => [alert.policy.name, alert.person.id])).toEqual([['Pilot policy', world.organisation.leaker]]);
    const { transport } = await renderApp(queue, { as: 'analyst', path: '/alerts' });
    await waitFor(() => expect(ids().slice(0, 3)).toEqual(expected.alerts.slice(0, 3).map((alert) => alert.id)));
    expect(within(screen.getByTestId('alerts-tab-test')).getByText('1')).toBeTruthy();
    fireEvent.click(screen.getByTestId('alerts-tab-test'));
    await waitFor(() => expect(ids()).toEqual([test.alerts[0]!.id]));
    expect(screen.getByTestId('page-alerts').dataset.testMode).toBe('true');
    expect(transport.callsOf('alerts.list').at(-1)!.input).toMatchObject({ testMode: true });
  });

  it('says what to do when there are no alerts at all', async () => {
    const empty = await openWorkbench({ accounts: STANDARD_ACCOUNTS });
    try {
      await renderApp(empty, { as: 'analyst', path: '/alerts' });
      const state = await screen.findByTestId('alerts-empty');
      expect(within(state).getByTestId('empty-state-next-step').textContent).toContain('Imports page');
    } finally {
      empty.close();
    }
  });
});

describe('Alert detail', () => {
  let organisation: Workbench;
  let reader: TestSession;
  beforeAll(async () => {
    ({ workbench: organisation, world, analyst: reader } = await organisationQueue(0));
  }, 60_000);
  afterAll(() => organisation.close());

  /** The alert of one of the organisation's insiders under one policy, as the backend explains it. */
  const alertOf = async (person: number, policy: string) => {
    const listed = (await needingReview({}, reader)).alerts.find((alert) => alert.person.id === person && alert.policy.name === policy)!;
    return reader.value('alerts.get', { id: listed.id });
  };

  it('opens with Enter and explains the score insight by insight, then shows the events with their source line', async () => {
    // The leaker: mails attachments out on one day (four insights), cumulative exfiltration on another.
    const alert = await alertOf(world.organisation.leaker, 'Data leaks');
    const { explanation } = alert;
    expect(alert.userAlertHistory.map((entry) => entry.policyName)).toEqual(['Data leaks EMEA']);
    const { transport } = await renderApp(organisation, { as: 'analyst', path: '/alerts' });
    await waitFor(() => expect(ids()).toContain(alert.id));
    // Down the queue to the leaker's alert, then Enter.
    for (let step = 0; step < ids().length && rows().find((row) => row.dataset.active === 'true')?.dataset.alertId !== String(alert.id); step++) {
      const before = rows().findIndex((row) => row.dataset.active === 'true');
      press('j');
      await waitFor(() => expect(rows().findIndex((row) => row.dataset.active === 'true')).toBe(before + 1));
    }
    press('Enter');
    const drawer = await screen.findByTestId('alert-detail');
    await waitFor(() => expect(window.location.hash).toBe(`#/alerts?alert=${alert.id}`));
    expect((await within(drawer).findByTestId('alert-person-name')).textContent).toBe(alert.person.displayName);
    expect(within(drawer).getByTestId('alert-trigger-source').textContent).toBe(`${alert.triggeringEvent.source!.fileName}:${alert.triggeringEvent.source!.line}`);

    const card = within(drawer).getByTestId('score-explanation');
    const topInsights = explanation.insights.filter((insight) => insight.day === explanation.topDay);
    expect(within(card).getByText(new RegExp(`Risk score ${explanation.score} \\(High\\): the highest-scoring day, .* with ${topInsights.length} insights`))).toBeTruthy();
    expect(within(card).getByTestId('score-marker').dataset.score).toBe(String(explanation.score));
    const days = within(card).getAllByTestId('insight-day');
    expect(days.map((day) => day.dataset.top)).toEqual(['true', 'false']);
    const mail = within(days[0]!).getAllByTestId('insight')[0]!;
    expect(topInsights[0]).toMatchObject({ indicator: 'email_external_attachments', count: 11, level: 'medium', threshold: 10, basePoints: 40, boosterFactor: 1.5, points: 60, facts: { usualPerDay: 0.17 } });
    expect(within(mail).getByTestId('insight-title').textContent).toBe('Sending e-mail with attachments to recipients outside the organisation');
    expect(within(mail).getByTestId('insight-count').textContent).toBe('11 events');
    expect(within(mail).getByTestId('insight-threshold').textContent).toBe('Medium threshold 10');
    expect(within(mail).getByTestId('insight-base').textContent).toBe('40 base points');
    expect(within(mail).getByTestId('insight-booster').textContent).toBe('1.5 · above usual');
    expect(within(mail).getByTestId('insight-result').textContent).toBe('60 points');
    expect(within(mail).getByTestId('insight-points').textContent).toBe('60 points');
    expect(within(mail).getByTestId('insight-detail').textContent).toBe('11 events ≥ Medium threshold 10; usually 0.17 a day');
    expect(within(days[0]!).getAllByTestId('insight').map((insight) => insight.dataset.kind)).toContain('sequence');

    fireEvent.click(within(mail).getByTestId('insight-show-events'));
    const explorer = await within(drawer).findByTestId('activity-explorer');
    await waitFor(() =>
      expect(transport.callsOf('alerts.activities').at(-1)!.input).toMatchObject({ id: alert.id, scope: 'alert', indicator: 'email_external_attachments', from: explanation.topDay, to: explanation.topDay + DAY }),
    );
    await waitFor(() => expect(within(explorer).getAllByTestId('activity-row').length).toBeGreaterThan(5));
    expect(within(explorer).getAllByTestId('activity-source')[0]!.textContent).toMatch(new RegExp(`^${alert.triggeringEvent.source!.fileName.replace(/\./g, '\\.')}:\\d+$`));
    expect(within(explorer).getByTestId('explorer-day')).toBeTruthy();

    fireEvent.click(within(drawer).getByTestId('alert-tab-chart'));
    await waitFor(() => expect(transport.callsOf('alerts.activityChart')[0]!.input).toEqual({ id: alert.id, months: 3 }));
    fireEvent.click(within(await within(drawer).findByTestId('activity-chart-months')).getByText('6 months'));
    await waitFor(() => expect(transport.callsOf('alerts.activityChart').at(-1)!.input).toEqual({ id: alert.id, months: 6 }));
    const chart = await reader.value('alerts.activityChart', { id: alert.id, months: 6 });
    expect(chart).toBeTruthy();
    expect((await within(drawer).findByTestId('activity-chart-summary')).textContent).toMatch(/^\d+ events in the period, \d+ scored day\(s\), [1-9]\d* sequence\(s\)\.$/);

    fireEvent.click(within(drawer).getByTestId('alert-tab-history'));
    expect(within(await within(drawer).findByTestId('alert-history')).getByText('Data leaks EMEA')).toBeTruthy();
  });

  it('words every insight in German from its numbers and facts, not the English detail', async () => {
    const alert = await alertOf(world.organisation.leaker, 'Data leaks');
    await renderApp(organisation, { as: 'analyst', path: `/alerts?alert=${alert.id}`, language: 'de' });
    const drawer = await screen.findByTestId('alert-detail');
    const card = await within(drawer).findByTestId('score-explanation');
    const details = within(card).getAllByTestId('insight-detail').map((element) => element.textContent);
    expect(details).toHaveLength(alert.explanation.insights.length);
    expect(details).toEqual([
      '11 Ereignisse ≥ Schwelle Mittel (10); sonst 0,17 pro Tag',
      '5 Ereignisse ≥ Schwelle Mittel (3); sonst 0,00 pro Tag',
      '1 Warnung, höchster Schweregrad Hoch; Warnungen: Financial data to external recipients; an diesem Tag Anhänge an eine für die Person neue Domäne gesendet: gmail.com, rival.example',
      '5 Dateien gesammelt oder verschleiert und dann exfiltriert, oder exfiltriert und dann gelöscht, innerhalb weniger Tage; gewichtet 5 ≥ Schwelle Niedrig (3)',
      '22 Exfiltrationsereignisse in 30 Tagen, mindestens das 3-Fache des 90. Perzentils 6 der gesamten Organisation → Niedrig (Schwelle 20)',
    ]);
    for (const insight of alert.explanation.insights) expect(details).not.toContain(insight.detail);
    expect(within(card).queryByText(/event\(s\)|threshold/)).toBeNull();
    // Booster factors are numbers in the UI's language.
    expect(within(card).getByText('1,5 · neuer Empfänger')).toBeTruthy();
  });

  it('labels a row scored exactly when it carries points, sequence and cumulative rows included, and only inside the window', async () => {
    // The leaker: cumulative exfiltration and a sequence, whose events have no indicator of their own.
    const alert = await alertOf(world.organisation.leaker, 'Data leaks');
    const all = (await reader.value('alerts.activities', { id: alert.id, scope: 'all', limit: 500 })).activities;
    expect(all.some((row) => row.scored && row.indicators.length === 0)).toBe(true);
    await renderApp(organisation, { as: 'analyst', path: `/alerts?alert=${alert.id}` });
    const drawer = await screen.findByTestId('alert-detail');
    fireEvent.click(await within(drawer).findByTestId('alert-tab-activities'));
    const explorer = await within(drawer).findByTestId('activity-explorer');
    const check = (row: HTMLElement) => {
      const label = within(row).getByTestId('activity-scored-as').textContent;
      const points = within(row).getByTestId('activity-points').textContent;
      if (row.dataset.scored === 'true') {
        expect(label).not.toBe('not scored');
        expect(points).toMatch(/^\d+$/);
      } else {
        expect(label).toBe('not scored');
        expect(points).toBe('—');
      }
    };
    // "Scored in this alert": every row counted, with its points, its day inside the alert's window.
    await waitFor(() => expect(within(explorer).getAllByTestId('activity-row').length).toBeGreaterThan(0));
    const scoredRows = within(explorer).getAllByTestId('activity-row');
    expect(scoredRows.every((row) => row.dataset.scored === 'true')).toBe(true);
    scoredRows.forEach(check);
    const window = { from: alert.firstActivityDay, to: alert.lastActivityDay + 86_400_000 };
    const inAlert = (await reader.value('alerts.activities', { id: alert.id, scope: 'alert', limit: 500 })).activities;
    expect(inAlert.every((row) => row.scored && row.time >= window.from && row.time < window.to)).toBe(true);
    // Every activity of the person: the rows that did not count say so and carry no points.
    fireEvent.click(within(explorer).getByText('All activity of this person'));
    await waitFor(() => expect(within(explorer).getAllByTestId('activity-row').some((row) => row.dataset.scored === 'false')).toBe(true));
    within(explorer).getAllByTestId('activity-row').forEach(check);
  });

  it('words the triggering event in German from its facts, not the English summary', async () => {
    const alert = await alertOf(world.organisation.thief, 'Departing users');
    const facts = alert.triggeringEvent.facts;
    expect(facts).toMatchObject({ kind: 'departure', hrKind: 'resignation' });
    await renderApp(organisation, { as: 'analyst', path: `/alerts?alert=${alert.id}`, language: 'de' });
    const card = await within(await screen.findByTestId('alert-detail')).findByTestId('alert-trigger');
    const sentence = within(card).getByTestId('alert-trigger-sentence').textContent;
    expect(facts).toHaveProperty('lastWorkingDay');
    expect(sentence).toBe(`Kündigung durch die Person am ${german(facts!.day)}, letzter Arbeitstag ${german((facts as { lastWorkingDay: number }).lastWorkingDay)}`);
    expect(within(card).queryByText(/Resignation on/)).toBeNull();
  });

  it('confirms an alert into a case and dismisses another from the detail', async () => {
    const { workbench, admin } = await smallQueue(2);
    try {
      const [first, second] = (await admin.value('alerts.list', { status: ['NeedsReview'], limit: 10 })).alerts.map((alert) => alert.id);
      const { transport } = await renderApp(workbench, { as: 'investigator', path: `/alerts?alert=${first}` });
      const drawer = await screen.findByTestId('alert-detail');
      fireEvent.click(await within(drawer).findByTestId('alert-confirm'));
      fireEvent.change(await screen.findByTestId('confirm-comment'), { target: { value: 'USB copies before leaving' } });
      fireEvent.click(screen.getByTestId('confirm-submit'));
      await waitFor(() => expect(transport.callsOf('alerts.confirm')[0]!.input).toEqual({ ids: [first], comment: 'USB copies before leaving' }));
      const { caseId } = await admin.value('alerts.get', { id: first! });
      expect(caseId).toEqual(expect.any(Number));
      expect(await screen.findByText(`Case ${caseId} was created.`)).toBeTruthy();
      await waitFor(() => expect(within(drawer).getByTestId('alert-case').textContent).toBe(`Part of case ${caseId}.`));
      expect((within(drawer).getByTestId('alert-dismiss') as HTMLButtonElement).disabled).toBe(true);

      // j moves to the next alert with the detail open.
      act(() => press('j'));
      await waitFor(() => expect(window.location.hash).toBe(`#/alerts?alert=${second}`));
    } finally {
      workbench.close();
    }
  });
});
