import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../test/fakeApi';
import type { ActivityRow } from '../../../../shared/contract';
import { sampleActivities, sampleAlert } from '../../test/fakeWorld';
import { renderApp, signedInAs } from '../../test/render';

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

function manyAlerts(count: number) {
  return Array.from({ length: count }, (_, index) => sampleAlert(index + 1));
}

/** Takes "Needs review" out of the status filter, so the queue shows every status. */
async function showEveryStatus() {
  fireEvent.click(await screen.findByTestId('alert-filter-status'));
  fireEvent.click(await screen.findByRole('option', { name: 'Needs review' }));
}

function press(key: string) {
  fireEvent.keyDown(document.body, { key });
}

describe('AlertsPage queue', () => {
  it('lists alerts that need review, newest first, virtualized and paged from the backend', async () => {
    const backend = createFakeBackend(signedInAs('analyst', { world: { alerts: manyAlerts(300) } }));
    renderApp({ backend, path: '/alerts' });
    await waitFor(() => expect(rows().length).toBeGreaterThan(5));
    // Only the rows in view (and overscan) are in the DOM.
    expect(rows().length).toBeLessThan(40);
    expect(ids().slice(0, 3)).toEqual([1, 2, 3]);
    expect(screen.getByTestId('alert-count').textContent).toBe('100 of 300 alerts');
    expect(backend.callsOf('alerts.list')[0]!.input).toMatchObject({ status: ['NeedsReview'], testMode: false, sort: { field: 'detectedAt', direction: 'desc' }, cursor: null, limit: 100 });
    expect(screen.getByTestId('widget-needs-review').textContent).toBe('300');
    const first = rows()[0]!;
    expect(first.dataset.severity).toBe('Medium');
    expect(within(first).getByText('Anon001-101')).toBeTruthy();
    expect(within(first).getByText('Data leaks')).toBeTruthy();
    expect(first.querySelector('[data-risk-factor="cumulativeExfiltration"]')).not.toBeNull();

    const queue = screen.getByTestId('alert-queue');
    queue.scrollTop = 100 * 52 - 600;
    fireEvent.scroll(queue);
    await waitFor(() => expect(backend.callsOf('alerts.list').map((call) => (call.input as { cursor: string | null }).cursor)).toEqual([null, '100']));
    await waitFor(() => expect(screen.getByTestId('alert-count').textContent).toBe('200 of 300 alerts'));
  });

  it('filters by severity and text and reverses the sort', async () => {
    const backend = createFakeBackend(signedInAs('analyst', { world: { alerts: manyAlerts(30) } }));
    renderApp({ backend, path: '/alerts' });
    await waitFor(() => expect(screen.getByTestId('alert-count').textContent).toBe('30 of 30 alerts'));
    fireEvent.click(screen.getByTestId('alert-filter-severity'));
    fireEvent.click(await screen.findByRole('option', { name: 'High' }));
    await waitFor(() => expect(backend.callsOf('alerts.list').at(-1)!.input).toMatchObject({ severity: ['High'] }));
    await waitFor(() => expect(rows().every((row) => row.dataset.severity === 'High')).toBe(true));
    expect(rows()).toHaveLength(10);

    fireEvent.click(screen.getByTestId('alert-sort-direction'));
    await waitFor(() => expect(backend.callsOf('alerts.list').at(-1)!.input).toMatchObject({ sort: { field: 'detectedAt', direction: 'asc' } }));
    fireEvent.change(screen.getByTestId('alert-filter-text'), { target: { value: 'Anon029' } });
    await waitFor(() => expect(ids()).toEqual([29]));
    fireEvent.change(screen.getByTestId('alert-filter-text'), { target: { value: 'nobody' } });
    expect(await screen.findByTestId('alerts-none-match')).toBeTruthy();
    fireEvent.click(screen.getByTestId('alert-filters-clear'));
    await waitFor(() => expect(screen.getByTestId('alert-count').textContent).toBe('30 of 30 alerts'));
  });

  it('moves with j/k, selects with x, and bulk-dismisses with one confirmation showing the count', async () => {
    const alerts = manyAlerts(12);
    alerts[1]!.status = 'Confirmed';
    const backend = createFakeBackend(signedInAs('analyst', { world: { alerts } }));
    renderApp({ backend, path: '/alerts' });
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
    expect(rows().filter((row) => row.dataset.selected === 'true').map((row) => Number(row.dataset.alertId))).toEqual([1, 3, 4]);
    // Alert 2 is confirmed, so the queue of alerts needing review skips it.
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
    await waitFor(() => expect(backend.callsOf('alerts.dismiss')).toHaveLength(1));
    expect(backend.callsOf('alerts.dismiss')[0]!.input).toEqual({ ids: [1, 3, 4, 7], reason: 'notImpactful', note: 'Quarter-end reporting' });
    await waitFor(() => expect(screen.queryByTestId('selection-bar')).toBeNull());
    // Dismissed alerts leave the queue of alerts needing review.
    await waitFor(() => expect(ids()).toEqual([5, 6, 8, 9, 10, 11, 12]));
    expect(backend.world.alerts.filter((alert) => alert.status === 'Dismissed').map((alert) => alert.dismissReason)).toEqual(['notImpactful', 'notImpactful', 'notImpactful', 'notImpactful']);
  });

  it('counts only alerts that need review when the selection mixes statuses', async () => {
    const alerts = manyAlerts(4);
    alerts[0]!.status = 'Dismissed';
    const backend = createFakeBackend(signedInAs('analyst', { world: { alerts } }));
    renderApp({ backend, path: '/alerts' });
    await showEveryStatus();
    await waitFor(() => expect(rows()).toHaveLength(4));
    fireEvent.click(screen.getByTestId('alert-select-all'));
    fireEvent.click(await screen.findByTestId('bulk-dismiss'));
    const modal = await screen.findByTestId('dismiss-modal');
    expect(within(modal).getByText('1 selected alert does not need review and stays as it is.')).toBeTruthy();
    expect(within(modal).getByTestId('dismiss-confirm').textContent).toBe('Dismiss 3 alerts');
  });

  it('assigns the selected alerts from the selection bar', async () => {
    const backend = createFakeBackend(signedInAs('analyst', { world: { alerts: manyAlerts(3) } }));
    renderApp({ backend, path: '/alerts' });
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.click(within(rows()[0]!).getByTestId('alert-select'));
    fireEvent.click(within(rows()[2]!).getByTestId('alert-select'));
    fireEvent.click(await screen.findByTestId('bulk-assign'));
    fireEvent.click(await screen.findByTestId('assign-investigator'));
    await waitFor(() => expect(backend.callsOf('alerts.assign')[0]!.input).toEqual({ ids: [1, 3], accountId: 4 }));
    await waitFor(() => expect(within(rows()[0]!).getByText('investigator')).toBeTruthy());
  });

  it('keeps test-mode alerts on their own tab', async () => {
    const alerts = [...manyAlerts(3), sampleAlert(50, { test: true, policy: { id: 9, name: 'Pilot policy', template: 'data-leaks', deleted: false } })];
    const backend = createFakeBackend(signedInAs('analyst', { world: { alerts } }));
    renderApp({ backend, path: '/alerts' });
    await waitFor(() => expect(ids()).toEqual([1, 2, 3]));
    expect(within(screen.getByTestId('alerts-tab-test')).getByText('1')).toBeTruthy();
    fireEvent.click(screen.getByTestId('alerts-tab-test'));
    await waitFor(() => expect(ids()).toEqual([50]));
    expect(screen.getByTestId('page-alerts').dataset.testMode).toBe('true');
    expect(backend.callsOf('alerts.list').at(-1)!.input).toMatchObject({ testMode: true });
  });

  it('says what to do when there are no alerts at all', async () => {
    renderApp({ fake: signedInAs('analyst'), path: '/alerts' });
    const empty = await screen.findByTestId('alerts-empty');
    expect(within(empty).getByTestId('empty-state-next-step').textContent).toContain('Imports page');
  });
});

describe('Alert detail', () => {
  it('opens with Enter and explains the score insight by insight, then shows the events with their source line', async () => {
    const alert = sampleAlert(2, {
      userAlertHistory: [{ id: 9, policyName: 'Data leaks', status: 'Dismissed', severity: 'Low', detectedAt: Date.UTC(2025, 11, 1) }],
    });
    const backend = createFakeBackend(signedInAs('analyst', { world: { alerts: [alert], activities: { 2: sampleActivities(alert, 30) } } }));
    renderApp({ backend, path: '/alerts' });
    await waitFor(() => expect(ids()).toEqual([2]));
    press('Enter');
    const drawer = await screen.findByTestId('alert-detail');
    await waitFor(() => expect(window.location.hash).toBe('#/alerts?alert=2'));
    expect((await within(drawer).findByTestId('alert-person-name')).textContent).toBe(alert.person.displayName);
    expect(within(drawer).getByTestId('alert-trigger-source').textContent).toBe('hr/resignations.csv:7');

    const explanation = within(drawer).getByTestId('score-explanation');
    expect(within(explanation).getByText(/Risk score 72 \(High\): the highest-scoring day, .* with 2 insights/)).toBeTruthy();
    expect(within(explanation).getByTestId('score-marker').dataset.score).toBe('72');
    const days = within(explanation).getAllByTestId('insight-day');
    expect(days.map((day) => day.dataset.top)).toEqual(['true', 'false']);
    const usb = within(days[0]!).getAllByTestId('insight')[0]!;
    expect(within(usb).getByTestId('insight-title').textContent).toBe('Copying files to removable media');
    expect(within(usb).getByTestId('insight-count').textContent).toBe('11 events');
    expect(within(usb).getByTestId('insight-threshold').textContent).toBe('Low threshold 5');
    expect(within(usb).getByTestId('insight-base').textContent).toBe('20 base points');
    expect(within(usb).getByTestId('insight-booster').textContent).toBe('1.5 · above usual');
    expect(within(usb).getByTestId('insight-result').textContent).toBe('30 points');
    expect(within(usb).getByTestId('insight-points').textContent).toBe('30 points');
    expect(within(usb).getByTestId('insight-detail').textContent).toBe('11 events ≥ Low threshold 5; usually 0.37 a day');
    expect(within(days[0]!).getAllByTestId('insight')[1]!.dataset.kind).toBe('sequence');

    fireEvent.click(within(usb).getByTestId('insight-show-events'));
    const explorer = await within(drawer).findByTestId('activity-explorer');
    await waitFor(() => expect(backend.callsOf('alerts.activities').at(-1)!.input).toMatchObject({ id: 2, scope: 'alert', indicator: 'usb_copy', from: alert.topDay, to: alert.topDay + 86_400_000 }));
    await waitFor(() => expect(within(explorer).getAllByTestId('activity-row').length).toBeGreaterThan(5));
    expect(within(explorer).getAllByTestId('activity-source')[0]!.textContent).toBe('cert/file.csv:100');
    expect(within(explorer).getByTestId('explorer-day')).toBeTruthy();

    fireEvent.click(within(drawer).getByTestId('alert-tab-chart'));
    await waitFor(() => expect(backend.callsOf('alerts.activityChart')[0]!.input).toEqual({ id: 2, months: 3 }));
    fireEvent.click(within(await within(drawer).findByTestId('activity-chart-months')).getByText('6 months'));
    await waitFor(() => expect(backend.callsOf('alerts.activityChart').at(-1)!.input).toEqual({ id: 2, months: 6 }));
    expect((await within(drawer).findByTestId('activity-chart-summary')).textContent).toBe('39 events in the period, 1 scored day(s), 1 sequence(s).');

    fireEvent.click(within(drawer).getByTestId('alert-tab-history'));
    expect(within(await within(drawer).findByTestId('alert-history')).getByText('Data leaks')).toBeTruthy();
  });

  it('labels a row scored exactly when it carries points, a sequence-only row included', async () => {
    const alert = sampleAlert(2);
    const [usb, sequence, idle] = sampleActivities(alert, 3) as [ActivityRow, ActivityRow, ActivityRow];
    const rowsOf = [
      usb,
      // Counted only for the sequence insight: no indicator, but scored with its points.
      { ...sequence, indicators: [], insightOrdinals: [1], points: 70, scored: true, riskFactors: ['sequence' as const] },
      { ...idle, indicators: [], insightOrdinals: [], points: 0, scored: false, riskFactors: [] },
    ];
    const backend = createFakeBackend(signedInAs('analyst', { world: { alerts: [alert], activities: { 2: rowsOf } } }));
    renderApp({ backend, path: '/alerts?alert=2' });
    const drawer = await screen.findByTestId('alert-detail');
    fireEvent.click(await within(drawer).findByTestId('alert-tab-activities'));
    const explorer = await within(drawer).findByTestId('activity-explorer');
    // "Scored in this alert" lists the sequence-only row too; every activity adds the row that did not count.
    await waitFor(() => expect(within(explorer).getAllByTestId('activity-row')).toHaveLength(2));
    fireEvent.click(within(explorer).getByText('All activity of this person'));
    await waitFor(() => expect(within(explorer).getAllByTestId('activity-row')).toHaveLength(3));
    const shown = within(explorer)
      .getAllByTestId('activity-row')
      .map((row) => ({ scored: row.dataset.scored, label: within(row).getByTestId('activity-scored-as').textContent, points: within(row).getByTestId('activity-points').textContent }));
    expect(shown).toEqual([
      { scored: 'true', label: 'Copying files to removable media, Sequence activities', points: '30' },
      { scored: 'true', label: 'Sequence activities', points: '70' },
      { scored: 'false', label: 'not scored', points: '—' },
    ]);
  });

  it('words every insight in German from its numbers and facts, not the English detail', async () => {
    const base = sampleAlert(4);
    const day = base.topDay;
    const template = base.explanation.insights[0]!;
    const insight = (fields: Partial<typeof template>) => ({ ...template, boosters: [], boosterFactor: 1, detail: 'English detail for the CLI', facts: {}, ...fields });
    const alert = sampleAlert(4, {
      explanation: {
        ...base.explanation,
        insights: [
          insight({ ordinal: 0, day, indicator: 'foreign_device_logon', count: 1, level: 'low', threshold: 1, points: 46, facts: { returnedTo: 'PC-OLGA', returnedPreviousDay: Date.UTC(2025, 11, 20) } }),
          insight({ ordinal: 1, day, indicator: 'usb_copy', count: 24, level: 'high', threshold: 24, points: 70, facts: { aboveUsualPerDay: 2.5, aboveUsualFactor: 8 } }),
          insight({ ordinal: 2, day, indicator: 'usb_mount', count: 3, level: 'low', threshold: 1, points: 0, facts: { countedWith: 'usb_copy' } }),
          insight({ ordinal: 3, day, indicator: 'security_alert', count: 2, level: 'medium', threshold: 1, points: 25, facts: { alertTitles: ['Keylogger installed'] } }),
          insight({ ordinal: 4, day, kind: 'sequence', indicator: null, count: 7, level: 'low', threshold: 5, points: 23, facts: { sequenceFiles: 5, sequenceLongFiles: 1, sequenceLongWeight: 3 } }),
          insight({ ordinal: 5, day, kind: 'cumulativeExfiltration', indicator: null, count: 60, level: 'medium', threshold: 60, points: 40, facts: { cumulativeDays: 30, peerGroup: 'Engineering', peerPercentile: 6, peerFactor: 10 } }),
          insight({ ordinal: 6, day, indicator: 'print', count: 12, level: 'medium', threshold: 10, points: 40, facts: null }),
          insight({
            ordinal: 7,
            day,
            indicator: 'dlp_match',
            count: 1,
            level: 'high',
            threshold: 1,
            points: 45,
            boosters: [{ booster: 'newRecipient', factor: 1.5 }],
            boosterFactor: 1.5,
            facts: { alertTitles: ['Customer data'], newRecipientDomains: ['rival.example'] },
          }),
        ],
      },
    });
    renderApp({ fake: signedInAs('analyst', { world: { alerts: [alert] } }), path: '/alerts?alert=4', language: 'de' });
    const drawer = await screen.findByTestId('alert-detail');
    const explanation = await within(drawer).findByTestId('score-explanation');
    const details = within(explanation).getAllByTestId('insight-detail').map((element) => element.textContent);
    expect(details).toEqual([
      `1 Ereignis ≥ Schwelle Niedrig (1); erneut an PC-OLGA, das auch am ${new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2025, 11, 20))} benutzt wurde`,
      '24 Ereignisse, mindestens das 8-Fache der üblichen 2,50 pro Tag (Hoch ab 24)',
      '3 Ereignisse ≥ Schwelle Niedrig (1); nur einmal gezählt, mit Kopieren von Dateien auf Wechseldatenträger (gleicher Kanal): 0 Punkte',
      '2 Warnungen, höchster Schweregrad Mittel; Warnungen: Keylogger installed',
      '5 Dateien gesammelt oder verschleiert und dann exfiltriert, oder exfiltriert und dann gelöscht, innerhalb weniger Tage; davon 1 mit drei oder mehr Schritten (jede zählt 3-fach); gewichtet 7 ≥ Schwelle Niedrig (5)',
      '60 Exfiltrationsereignisse in 30 Tagen, mindestens das 10-Fache des 90. Perzentils 6 der Vergleichsgruppe Engineering → Mittel (Schwelle 60)',
      // Stored before facts were recorded: what the numbers say, never the English detail.
      '12 Ereignisse ≥ Schwelle Mittel (10)',
      '1 Warnung, höchster Schweregrad Hoch; Warnungen: Customer data; an diesem Tag Anhänge an eine für die Person neue Domäne gesendet: rival.example',
    ]);
    expect(within(explanation).queryByText(/English detail/)).toBeNull();
    // Booster factors are numbers in the UI's language.
    expect(within(explanation).getByText('1,5 · neuer Empfänger')).toBeTruthy();
  });

  it('words the triggering event in German from its facts, not the English summary', async () => {
    const day = Date.UTC(2025, 11, 20);
    const german = (value: number) => new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeZone: 'UTC' }).format(value);
    const base = sampleAlert(5);
    const triggeringEvent = {
      ...base.triggeringEvent,
      kind: 'exfiltration' as const,
      time: day,
      summary: 'Exfiltration activity: usb_copy 24 event(s) on 2025-12-20 ≥ medium threshold 20, usually 0.50 a day, with cloud_upload the same day',
      facts: {
        kind: 'exfiltration' as const,
        day,
        indicator: 'usb_copy' as const,
        count: 24,
        level: 'medium' as const,
        threshold: 20,
        usualPerDay: 0.5,
        corroboration: 'otherChannel' as const,
        otherIndicator: 'cloud_upload' as const,
      },
      source: null,
    };
    const alerts = [
      sampleAlert(5, { triggeringEvent, trigger: triggeringEvent }),
      // Scored before facts were recorded: German users see what the kind says, never the English summary.
      sampleAlert(6, { triggeringEvent: { ...triggeringEvent, facts: null }, trigger: { ...triggeringEvent, facts: null } }),
    ];
    const { unmount } = renderApp({ fake: signedInAs('analyst', { world: { alerts } }), path: '/alerts?alert=5', language: 'de' });
    const card = await within(await screen.findByTestId('alert-detail')).findByTestId('alert-trigger');
    expect(within(card).getByTestId('alert-trigger-sentence').textContent).toBe(
      `Exfiltrationsaktivität: Kopieren von Dateien auf Wechseldatenträger, 24 Ereignisse am ${german(day)} ≥ Schwelle Mittel (20), ` +
        'üblich 0,50 pro Tag, mit Hochladen in privaten Cloudspeicher oder anderen Webspeicher Dritter am selben Tag',
    );
    expect(within(card).queryByText(/Exfiltration activity/)).toBeNull();
    unmount();

    renderApp({ fake: signedInAs('analyst', { world: { alerts } }), path: '/alerts?alert=6', language: 'de' });
    const oldCard = await within(await screen.findByTestId('alert-detail')).findByTestId('alert-trigger');
    expect(within(oldCard).queryByTestId('alert-trigger-sentence')).toBeNull();
    expect(within(oldCard).getByText('Ungewöhnliche Exfiltrationsaktivität')).toBeTruthy();
    expect(within(oldCard).queryByText(/Exfiltration activity/)).toBeNull();
  });

  it('confirms an alert into a case and dismisses another from the detail', async () => {
    const backend = createFakeBackend(signedInAs('investigator', { world: { alerts: manyAlerts(2) } }));
    renderApp({ backend, path: '/alerts?alert=1' });
    const drawer = await screen.findByTestId('alert-detail');
    fireEvent.click(await within(drawer).findByTestId('alert-confirm'));
    fireEvent.change(await screen.findByTestId('confirm-comment'), { target: { value: 'USB copies before leaving' } });
    fireEvent.click(screen.getByTestId('confirm-submit'));
    await waitFor(() => expect(backend.callsOf('alerts.confirm')[0]!.input).toEqual({ ids: [1], comment: 'USB copies before leaving' }));
    expect(await screen.findByText('Case 71 was created.')).toBeTruthy();
    await waitFor(() => expect(within(drawer).getByTestId('alert-case').textContent).toBe('Part of case 71.'));
    expect((within(drawer).getByTestId('alert-dismiss') as HTMLButtonElement).disabled).toBe(true);

    // j moves to the next alert with the detail open.
    act(() => press('j'));
    await waitFor(() => expect(window.location.hash).toBe('#/alerts?alert=2'));
  });
});
