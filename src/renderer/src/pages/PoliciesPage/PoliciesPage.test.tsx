import { join } from 'node:path';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render';
import type { TestTransport } from '../../testing/transport';
import { INGEST_FIXTURES, STANDARD_ACCOUNTS, TEST_PASSWORD, openWorkbench, type TestSession, type Workbench } from '../../testing/workbench';
import { ORGANISATION_NOW, seedDepartingAlerts } from '../../testing/worlds';
import type { EventPayload, PolicyView } from '../../../../shared/contract';

function card(name: string): HTMLElement {
  const found = screen.getAllByTestId('policy-card').find((candidate) => within(candidate).getByTestId('policy-name').textContent === name);
  if (!found) throw new Error(`no policy card ${name}`);
  return found;
}

/** Types into a tags input and presses Enter, as a user adds a tag. */
function addTag(input: HTMLElement, value: string) {
  // Combobox inputs ignore changes to an input that is not focused (autofill guard).
  act(() => input.focus());
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

async function openMenuItem(policyName: string, item: string) {
  fireEvent.click(within(card(policyName)).getByTestId('policy-menu'));
  fireEvent.click(await screen.findByTestId(item));
}

const DAY = 86_400_000;
/** Longer than a sign-in counts as a recent password entry (5 minutes), shorter than the idle lock. */
const PAST_REAUTH_WINDOW = 6 * 60_000;
const EVERYONE = { everyone: true, personIds: [], pilotGroupId: null };

type Progress = EventPayload<'job.progress'>;

/** Records what the scoring status shows while it changes: running or not (from now on), and the phase line. */
function watchScoringStatus(status: HTMLElement) {
  const running: string[] = [status.dataset.running!];
  const phases: string[] = [];
  const observer = new MutationObserver(() => {
    if (running.at(-1) !== status.dataset.running) running.push(status.dataset.running!);
    const phase = status.querySelector('[data-testid="scoring-phase"]')?.textContent;
    if (phase && phases.at(-1) !== phase) phases.push(phase);
  });
  observer.observe(status, { subtree: true, childList: true, characterData: true, attributes: true });
  return { running, phases, stop: () => observer.disconnect() };
}

/** The scoring job's progress as the app received it. */
const scoringProgress = (transport: TestTransport) => (transport.eventsOf('job.progress') as Progress[]).filter((event) => event.kind === 'scoring');

let workbench: Workbench;
afterEach(() => workbench?.close());

/** A fresh backend with the administrator (and, with `all`, the other standard accounts). */
async function fresh(options: { all?: boolean; now?: number } = {}): Promise<TestSession> {
  workbench = await openWorkbench({ accounts: options.all ? STANDARD_ACCOUNTS : [STANDARD_ACCOUNTS[0]!], now: options.now });
  return workbench.admin();
}

describe('PoliciesPage', () => {
  it('lists policies with state, template, people in scope, alert counts and health warnings', async () => {
    // Six leavers with an alert each under a departing-users policy, two more people added to it by
    // hand; a data-leaks pilot in test mode with no DLP alerts ever imported; scored, then three
    // alerts confirmed and one dismissed.
    const admin = await fresh();
    const alerts = await seedDepartingAlerts(workbench, 6);
    const departingId = (await admin.value('policies.list')).find((policy) => policy.name === 'Scope leak departing users')!.id;
    const byHand = workbench.insertPersons([
      { key: 'kim.hand@corp.example', displayName: 'Kim Hand', department: 'Sales' },
      { key: 'lou.hand@corp.example', displayName: 'Lou Hand', department: 'Sales' },
    ]);
    await admin.value('policies.addPersons', { policyId: departingId, personIds: byHand, days: 14, reason: 'HR tip' });
    await admin.value('policies.create', { template: 'data-leaks', name: 'Leaks pilot', state: 'test', scope: EVERYONE });
    await admin.score();
    for (const id of alerts.slice(0, 3)) await admin.value('alerts.confirm', { ids: [id] });
    await admin.value('alerts.dismiss', { ids: [alerts[3]!], reason: 'notImpactful' });
    const views = await admin.value('policies.list');
    const departingView = views.find((policy) => policy.id === departingId)!;
    const pilotView = views.find((policy) => policy.name === 'Leaks pilot')!;
    expect(departingView.stats).toEqual({ inScope: 8, triggered: 6, manual: 2, activeAlerts: 5, confirmedAlerts: 3, dismissedAlerts: 1, effectiveness: 0.75 });

    await renderApp(workbench, { as: 'admin', path: '/policies' });
    await waitFor(() => expect(screen.getAllByTestId('policy-card')).toHaveLength(2));
    const departing = card('Scope leak departing users');
    expect(departing.dataset.state).toBe('active');
    expect(within(departing).getByText('Data theft by departing users')).toBeTruthy();
    expect(within(departing).getByTestId('policy-in-scope').textContent).toBe('8');
    expect(within(departing).getByText('6 by trigger, 2 by hand')).toBeTruthy();
    expect(within(departing).getByTestId('policy-active-alerts').textContent).toBe('5');
    expect(within(departing).getByTestId('policy-alerts-link').getAttribute('href')).toBe(`#/alerts?policy=${departingId}`);
    expect(within(departing).getByTestId('policy-effectiveness').textContent).toBe('75 %');
    const pilot = card('Leaks pilot');
    expect(pilot.dataset.state).toBe('test');
    expect(pilot.dataset.health).toBe(pilotView.health.state);
    // No DLP alert was ever imported: the DLP trigger cannot fire (a recommendation, as the
    // exfiltration trigger still can).
    const missing = pilotView.health.issues.find((issue) => issue.code === 'missingDataSource')!;
    expect(missing).toMatchObject({ source: 'dlpAlerts', level: 'recommendation', params: { optional: true } });
    const issue = within(pilot)
      .getAllByTestId('policy-issue')
      .find((element) => element.dataset.code === 'missingDataSource')!;
    expect(issue.dataset.level).toBe('recommendation');
    expect(issue.dataset.source).toBe('dlpAlerts');
    expect(issue.textContent).toBe('Data source missing: No DLP alerts imported: this trigger cannot fire.');
    // The state filter narrows the list.
    fireEvent.click(screen.getByText('Test mode (1)'));
    await waitFor(() => expect(screen.getAllByTestId('policy-card')).toHaveLength(1));
  });

  it('words health issues, template prerequisites and scoring phases in German', async () => {
    // No HR data; endpoint security alerts imported more than a week ago; two of the departing-users
    // template's indicators turned off in Settings.
    const admin = await fresh();
    workbench.insertPersons(Array.from({ length: 6 }, (_, index) => ({ key: `person${index}@contoso.com`, displayName: `Person ${index}` })));
    expect((await workbench.importFiles([join(INGEST_FIXTURES, 'alerts', 'alerts.csv')])).state).toBe('succeeded');
    workbench.clock.advance(8 * DAY);
    // A week without activity locked the administrator's session.
    await admin.value('auth.signIn', { name: 'admin', password: TEST_PASSWORD });
    await admin.value('policies.create', { template: 'data-theft-departing-users', name: 'Abgänge', scope: EVERYONE });
    await admin.value('policies.create', { template: 'security-policy-violations', name: 'Sicherheit', scope: EVERYONE });
    await admin.value('settings.set', { key: 'indicators.usb_copy', value: false });
    await admin.value('settings.set', { key: 'indicators.print', value: false });
    await admin.score();
    const views = await admin.value('policies.list');
    const issues = views.flatMap((policy) => policy.health.issues);
    const param = (code: PolicyView['health']['issues'][number]['code'], name: string) => issues.find((issue) => issue.code === code)!.params[name];
    expect(issues.map((issue) => [issue.code, issue.source])).toEqual([
      ['missingDataSource', 'hrDepartures'],
      ['indicatorsDisabled', null],
      ['nobodyInScope', null],
      ['staleDataSource', 'securityAlerts'],
      ['triggerTooBroad', null],
    ]);

    const { transport } = await renderApp(workbench, { as: 'admin', path: '/policies', language: 'de' });
    await waitFor(() => expect(screen.getAllByTestId('policy-issue')).toHaveLength(issues.length));
    const texts = screen.getAllByTestId('policy-issue-text').map((element) => element.textContent);
    expect(texts).toEqual([
      'Keine HR-Austrittsdaten (Kündigungen, Entlassungen, Stände der Mitarbeiterliste) importiert: Niemand kann einbezogen werden.',
      '2 ausgewählte Indikatoren sind in den Einstellungen ausgeschaltet: Kopieren von Dateien auf Wechseldatenträger, Drucken von Dateien.',
      'Niemand ist einbezogen: Kein auslösendes Ereignis passte zu den Personen im Geltungsbereich.',
      `Der neueste Import von Sicherheitswarnungen von Endgeräten ist älter als ${param('staleDataSource', 'days')} Tage.`,
      `Der Auslöser greift bei ${param('triggerTooBroad', 'percent')} % der Personen im Geltungsbereich (mehr als ${param('triggerTooBroad', 'limit')} %): Auslöserschwellen erhöhen oder den Geltungsbereich einschränken.`,
    ]);
    expect(screen.getAllByTestId('policy-issue')[0]!.textContent).toMatch(/^Datenquelle fehlt: Keine HR-Austrittsdaten/);
    // The backend's English messages (for the CLI) are not shown.
    for (const issue of issues) expect(document.body.textContent).not.toContain(issue.message);

    // Scoring again: its phases are codes the UI words; the policy's name comes as the message.
    const { needsFull } = await admin.value('scoring.status');
    const status = screen.getByTestId('scoring-status');
    const watch = watchScoringStatus(status);
    fireEvent.click(within(status).getByTestId('scoring-run'));
    await waitFor(() => expect(scoringProgress(transport).at(-1)?.state).toBe('succeeded'));
    await waitFor(() => expect(status.dataset.running).toBe('false'));
    watch.stop();
    expect(transport.callsOf('scoring.run')[0]!.input).toEqual({ full: needsFull });
    for (const name of ['Abgänge', 'Sicherheit']) {
      const scoring = scoringProgress(transport).find((event) => event.phase === 'scoringPolicy' && event.message === name)!;
      expect(watch.phases).toContain(`Richtlinie ${name} wird bewertet · ${scoring.done} / ${scoring.total}`);
    }

    // The wizard's template step says which data is missing, in German.
    fireEvent.click(screen.getByTestId('policy-create'));
    const departing = await screen.findByTestId('template-data-theft-departing-users');
    expect(within(departing).getByText('Noch nicht importiert: HR-Kündigungen, -Entlassungen oder Verzeichnisstände, die Austritte zeigen')).toBeTruthy();
  });

  it('says what to do when there is no policy yet', async () => {
    await fresh();
    await renderApp(workbench, { as: 'admin', path: '/policies' });
    const empty = await screen.findByTestId('policies-empty');
    expect(within(empty).getByTestId('empty-state-next-step').textContent).toContain('Import HR data');
  });

  it('creates a policy through the wizard, step by step, with validation', async () => {
    // The test organisation: a leaker with a DLP alert among eleven colleagues, no policy yet.
    const admin = await fresh({ now: ORGANISATION_NOW });
    const { leaker } = workbench.buildOrganisation();
    const usbDefaults = (await admin.value('settings.get', { key: 'thresholds.usb_copy' })).value as { low: number; medium: number; high: number };
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/policies' });
    fireEvent.click(await screen.findByTestId('policy-create'));
    const wizard = await screen.findByTestId('policy-wizard-steps');
    expect(wizard.dataset.step).toBe('template');
    // Next without a template says what is missing.
    fireEvent.click(screen.getByTestId('wizard-next'));
    expect(await screen.findByText('Choose a template.')).toBeTruthy();
    fireEvent.click(within(await screen.findByTestId('template-data-leaks')).getByText('Data leaks'));
    fireEvent.click(screen.getByTestId('wizard-next'));
    await waitFor(() => expect(wizard.dataset.step).toBe('name'));
    fireEvent.click(screen.getByTestId('wizard-next'));
    expect(await screen.findByText('Give the policy a name.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('wizard-policy-name'), { target: { value: 'Leaks by sales' } });
    fireEvent.click(screen.getByTestId('wizard-next'));

    // People: the preview is the backend's, for the scope the wizard sent.
    await waitFor(() => expect(wizard.dataset.step).toBe('scope'));
    const previewOf = async () => admin.value('policies.previewScope', transport.callsOf('policies.previewScope').at(-1)!.input as never);
    const counts = await screen.findByTestId('scope-preview-counts');
    const everyone = await previewOf();
    expect(everyone).toMatchObject({ inScope: 12, unknownPersonKeys: [] });
    expect(everyone.triggered).toBeGreaterThan(0);
    await waitFor(() => expect(counts.textContent).toBe(`12 people in scope now, ${everyone.triggered} with a triggering event.`));
    fireEvent.click(screen.getByTestId('scope-specific'));
    fireEvent.click(screen.getByTestId('wizard-next'));
    expect(await screen.findByText(/Choose at least one group, filter/)).toBeTruthy();
    // A listed person (by key) is checked against the backend before saving.
    addTag(screen.getByTestId('scope-person-keys'), 'lea.leaker@corp.example');
    await waitFor(() => expect(screen.getByTestId('scope-preview-counts').textContent).toBe('1 person in scope now, 1 with a triggering event.'));
    expect(await previewOf()).toEqual({ inScope: 1, triggered: 1, unknownPersonKeys: [] });
    fireEvent.click(screen.getByTestId('wizard-next'));

    await waitFor(() => expect(wizard.dataset.step).toBe('content'));
    fireEvent.click(screen.getByTestId('content-yes'));
    fireEvent.click(screen.getByTestId('wizard-next'));
    expect(await screen.findByText(/Add at least one file extension/)).toBeTruthy();
    addTag(screen.getByTestId('content-extensions'), 'xlsx');
    fireEvent.click(screen.getByTestId('wizard-next'));

    await waitFor(() => expect(wizard.dataset.step).toBe('indicators'));
    fireEvent.click(screen.getByText('None'));
    fireEvent.click(screen.getByTestId('wizard-next'));
    expect(await screen.findByText(/Choose at least one indicator/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('indicator-usb_copy'));
    fireEvent.click(screen.getByTestId('indicator-cloud_upload'));
    fireEvent.click(screen.getByTestId('wizard-next'));

    await waitFor(() => expect(wizard.dataset.step).toBe('thresholds'));
    fireEvent.click(screen.getByTestId('thresholds-custom'));
    fireEvent.change(await screen.findByTestId('threshold-usb_copy-low'), { target: { value: String(usbDefaults.medium + 30) } });
    fireEvent.click(screen.getByTestId('wizard-next'));
    expect(within(screen.getByTestId('threshold-row-usb_copy')).getByText(/Low must not exceed medium/)).toBeTruthy();
    fireEvent.change(screen.getByTestId('threshold-usb_copy-low'), { target: { value: '4' } });
    fireEvent.click(screen.getByTestId('wizard-next'));

    await waitFor(() => expect(wizard.dataset.step).toBe('options'));
    fireEvent.change(screen.getByTestId('policy-activation-days'), { target: { value: '45' } });
    fireEvent.click(screen.getByTestId('wizard-next'));
    expect(await screen.findByText('1 to 30 days.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('policy-activation-days'), { target: { value: '14' } });
    fireEvent.click(screen.getByText('Test mode'));
    fireEvent.click(screen.getByTestId('wizard-next'));

    await waitFor(() => expect(wizard.dataset.step).toBe('review'));
    expect(screen.getByTestId('review-name').textContent).toBe('Leaks by sales');
    expect(screen.getByTestId('review-state').textContent).toBe('Test mode');
    fireEvent.click(screen.getByTestId('wizard-save'));
    await waitFor(() => expect(transport.callsOf('policies.create')).toHaveLength(1));
    expect(transport.callsOf('policies.create')[0]!).toMatchObject({
      outcome: 'ok',
      input: {
        template: 'data-leaks',
        name: 'Leaks by sales',
        scope: { everyone: false, personKeys: ['lea.leaker@corp.example'] },
        priorityContent: { extensions: ['xlsx'], scoreOnlyPriorityContent: false },
        indicators: [
          { id: 'usb_copy', thresholds: { low: 4, medium: usbDefaults.medium, high: usbDefaults.high }, aboveUsual: false },
          { id: 'cloud_upload', thresholds: null, aboveUsual: false },
        ],
        activationDays: 14,
        state: 'test',
      },
    });
    const created = await waitFor(() => card('Leaks by sales'));
    expect(created.dataset.state).toBe('test');
    // What the backend stored: the person named by key, the custom thresholds.
    const stored = (await admin.value('policies.list')).find((policy) => policy.name === 'Leaks by sales')!;
    expect(stored.scope.persons.map((person) => person.id)).toEqual([leaker]);
    expect(stored.indicators.map((indicator) => [indicator.id, indicator.custom])).toEqual([
      ['usb_copy', true],
      ['cloud_upload', false],
    ]);
    await waitFor(() => expect(within(screen.getByTestId('scoring-status')).getByText('Scores are out of date')).toBeTruthy());
    expect(screen.getByTestId('scoring-last-run').textContent).toContain('Changed: policy Leaks by sales created');
  });

  it('edits a policy with its template and name fixed', async () => {
    const admin = await fresh();
    const policy = await admin.value('policies.create', { template: 'data-theft-departing-users', name: 'Departing staff', scope: EVERYONE });
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/policies' });
    await waitFor(() => card('Departing staff'));
    fireEvent.click(within(card('Departing staff')).getByTestId('policy-edit'));
    const wizard = await screen.findByTestId('policy-wizard-steps');
    await waitFor(() => expect(wizard.dataset.step).toBe('scope'));
    fireEvent.click(screen.getByTestId('wizard-back'));
    await waitFor(() => expect(wizard.dataset.step).toBe('name'));
    expect((screen.getByTestId('wizard-policy-name') as HTMLInputElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('wizard-policy-description'), { target: { value: 'HR asked for it' } });
    fireEvent.click(screen.getByTestId('wizard-save-now'));
    await waitFor(() => expect(transport.callsOf('policies.update')).toHaveLength(1));
    const call = transport.callsOf('policies.update')[0]!;
    expect(call.outcome).toBe('ok');
    expect(call.input).toMatchObject({ id: policy.id, description: 'HR asked for it', indicators: null });
    expect(call.input).not.toHaveProperty('name');
    expect(call.input).not.toHaveProperty('template');
    await waitFor(() => expect(within(card('Departing staff')).getByText('Data theft by departing users · HR asked for it')).toBeTruthy());
    expect(await admin.value('policies.get', { id: policy.id })).toMatchObject({ name: 'Departing staff', template: 'data-theft-departing-users', description: 'HR asked for it' });
  });

  it('pauses, resumes, switches to test mode, copies and deletes (alerts kept) a policy', async () => {
    // Four leavers with an alert each under one departing-users policy.
    const admin = await fresh();
    const alerts = await seedDepartingAlerts(workbench, 4);
    const name = 'Scope leak departing users';
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/policies' });
    await waitFor(() => card(name));

    await openMenuItem(name, 'policy-pause');
    await waitFor(() => expect(card(name).dataset.state).toBe('paused'));
    await openMenuItem(name, 'policy-resume');
    await waitFor(() => expect(card(name).dataset.state).toBe('active'));
    await openMenuItem(name, 'policy-test');
    await waitFor(() => expect(card(name).dataset.state).toBe('test'));
    expect(transport.callsOf('policies.setState').map((call) => [(call.input as { state: string }).state, call.outcome])).toEqual([
      ['paused', 'ok'],
      ['active', 'ok'],
      ['test', 'ok'],
    ]);

    await openMenuItem(name, 'policy-copy');
    const copyName = await screen.findByTestId('policy-copy-name');
    expect((copyName as HTMLInputElement).value).toBe(`${name} (copy)`);
    fireEvent.change(copyName, { target: { value: 'Departing staff EMEA' } });
    fireEvent.click(screen.getByTestId('policy-copy-submit'));
    await waitFor(() => card('Departing staff EMEA'));

    await openMenuItem(name, 'policy-delete');
    expect(await screen.findByText(new RegExp(`Its ${alerts.length} alerts are kept`))).toBeTruthy();
    fireEvent.click(screen.getByTestId('policy-delete-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('policy-card').map((element) => within(element).getByTestId('policy-name').textContent)).toEqual(['Departing staff EMEA']));
    const deleted = transport.callsOf('policies.delete')[0]!;
    expect(deleted).toMatchObject({ outcome: 'ok' });
    // The alerts outlive their policy.
    for (const id of alerts) expect((await admin.value('alerts.get', { id })).id).toBe(id);
    expect((await admin.value('policies.list')).map((policy) => policy.name)).toEqual(['Departing staff EMEA']);
    expect(deleted.input).toEqual({ id: (await admin.value('alerts.get', { id: alerts[0]! })).policy.id });
  });

  it('adds people to a policy by hand for 5–30 days with a reason, lists them and removes one', async () => {
    // Three leavers caught by the departing-users policy's trigger; two contractors it does not catch.
    const admin = await fresh();
    await seedDepartingAlerts(workbench, 3);
    const contractors = workbench.insertPersons([
      { key: 'ann.lee@contoso.com', displayName: 'Ann Lee', title: 'Contractor' },
      { key: 'bob.ray@contoso.com', displayName: 'Bob Ray', title: 'Contractor' },
    ]);
    const name = 'Scope leak departing users';
    const policyId = (await admin.value('policies.list'))[0]!.id;
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/policies' });
    await waitFor(() => card(name));
    expect(within(card(name)).getByText('3 by trigger, 0 by hand')).toBeTruthy();
    fireEvent.click(within(card(name)).getByTestId('policy-manual'));
    const dialog = await screen.findByTestId('manual-additions');
    expect(within(dialog).getByTestId('manual-empty')).toBeTruthy();

    // Nothing chosen, days out of range and no reason: each says what is missing, nothing is sent.
    fireEvent.change(within(dialog).getByTestId('manual-days'), { target: { value: '45' } });
    fireEvent.click(within(dialog).getByTestId('manual-submit'));
    expect(await within(dialog).findByText('Choose at least one person.')).toBeTruthy();
    expect(within(dialog).getByText('Choose 5 to 30 whole days.')).toBeTruthy();
    expect(within(dialog).getByText('Give a reason of at least 3 characters.')).toBeTruthy();
    expect(transport.callsOf('policies.addPersons')).toHaveLength(0);

    fireEvent.change(within(dialog).getByTestId('manual-persons-search'), { target: { value: 'Contractor' } });
    await waitFor(() => expect(within(dialog).getAllByTestId('manual-persons-result').map((row) => Number(row.dataset.personId))).toEqual(contractors));
    within(dialog)
      .getAllByTestId('manual-persons-result')
      .forEach((row) => fireEvent.click(within(row).getByTestId('manual-persons-choose')));
    fireEvent.change(within(dialog).getByTestId('manual-days'), { target: { value: '10' } });
    fireEvent.change(within(dialog).getByTestId('manual-reason-input'), { target: { value: 'HR expects a resignation' } });
    expect(within(dialog).getByTestId('manual-submit').textContent).toBe('Add 2 people');
    fireEvent.click(within(dialog).getByTestId('manual-submit'));
    await waitFor(() => expect(transport.callsOf('policies.addPersons')).toHaveLength(1));
    expect(transport.callsOf('policies.addPersons')[0]).toEqual({
      method: 'policies.addPersons',
      input: { policyId, personIds: contractors, personKeys: [], days: 10, reason: 'HR expects a resignation' },
      outcome: 'ok',
    });
    await waitFor(() => expect(within(dialog).getAllByTestId('manual-row')).toHaveLength(2));
    const first = within(dialog)
      .getAllByTestId('manual-row')
      .find((row) => row.dataset.personId === String(contractors[0]))!;
    expect(within(first).getByTestId('manual-until').textContent).toMatch(/^10 days, until /);
    expect(within(first).getByTestId('manual-reason').textContent).toBe('HR expects a resignation');
    expect(within(first).getByText('admin')).toBeTruthy();
    await waitFor(() => expect(within(card(name)).getByText('3 by trigger, 2 by hand')).toBeTruthy());

    fireEvent.click(within(first).getByTestId('manual-remove'));
    await waitFor(() => expect(within(dialog).getAllByTestId('manual-row').map((row) => row.dataset.personId)).toEqual([String(contractors[1])]));
    expect(transport.callsOf('policies.removePerson')[0]).toMatchObject({ input: { policyId, personId: contractors[0] }, outcome: 'ok' });
    await waitFor(() => expect(within(card(name)).getByTestId('policy-manual').textContent).toBe('By hand (1)'));
    expect((await admin.value('policies.get', { id: policyId })).manualAdditions.map((addition) => addition.person.id)).toEqual([contractors[1]]);
  });

  it('scores on demand and follows the scoring job', async () => {
    // The test organisation under a departing-users policy, never scored.
    const admin = await fresh({ now: ORGANISATION_NOW });
    workbench.buildOrganisation();
    await admin.value('policies.create', { template: 'data-theft-departing-users', name: 'Departing users', scope: EVERYONE });
    const before = await admin.value('scoring.status');
    expect(before.runs).toEqual([]);
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/policies' });
    const status = await screen.findByTestId('scoring-status');
    await waitFor(() => expect(within(status).getByTestId('scoring-last-run').textContent).toMatch(/^Nothing has been scored yet\./));
    expect(status.dataset.running).toBe('false');

    const watch = watchScoringStatus(status);
    fireEvent.click(within(status).getByTestId('scoring-run'));
    await waitFor(() => expect(scoringProgress(transport).at(-1)?.state).toBe('succeeded'));
    await waitFor(() => expect(status.dataset.running).toBe('false'));
    watch.stop();
    expect(transport.callsOf('scoring.run')).toEqual([{ method: 'scoring.run', input: { full: before.needsFull }, outcome: 'ok' }]);

    // One job: its progress, worded, while the status said it was running; then its run.
    const progress = scoringProgress(transport);
    const jobIds = [...new Set(progress.map((event) => event.jobId))];
    expect(jobIds).toHaveLength(1);
    expect(watch.running).toEqual(['false', 'true', 'false']);
    const scoring = progress.find((event) => event.phase === 'scoringPolicy')!;
    expect(scoring.message).toBe('Departing users');
    expect(watch.phases).toContain(`Scoring policy Departing users · ${scoring.done} / ${scoring.total}`);
    expect(watch.phases).toContain('Loading scoring data');
    const job = await admin.value('jobs.get', { jobId: jobIds[0]! });
    expect(job).toMatchObject({ kind: 'scoring', state: 'succeeded', startedBy: 'admin', subject: { type: 'scoringRun' } });
    const run = (await admin.value('scoring.status')).runs.find((entry) => entry.id === job.subject!.id)!;
    expect(run.alertsCreated).toBeGreaterThan(0);
    await waitFor(() =>
      expect(within(status).getByTestId('scoring-last-run').textContent).toMatch(
        new RegExp(`: ${run.persons} persons, ${run.alertsCreated} new and ${run.alertsUpdated} updated alerts\\.$`),
      ),
    );
  });
});

describe('Policies → Settings', () => {
  it('turns an indicator off, edits a domain list and refuses thresholds out of order', async () => {
    const admin = await fresh();
    const setting = async (key: string) => (await admin.value('settings.get', { key } as never)).value;
    const usbDefaults = (await setting('thresholds.usb_copy')) as { low: number; medium: number; high: number };
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/policies/settings' });
    const usb = await screen.findByTestId('indicator-switch-usb_copy');
    fireEvent.click(usb);
    await waitFor(() => expect(transport.callsOf('settings.set')[0]).toMatchObject({ input: { key: 'indicators.usb_copy', value: false }, outcome: 'ok' }));
    await waitFor(() => expect((screen.getByTestId('indicator-switch-usb_copy') as HTMLInputElement).checked).toBe(false));
    expect(await setting('indicators.usb_copy')).toBe(false);

    fireEvent.click(screen.getByTestId('settings-section-domains'));
    const unallowed = await screen.findByTestId('setting-domains-unallowed');
    addTag(within(unallowed).getByTestId('setting-domains-unallowed-input'), 'https://Mega.NZ/folder');
    await waitFor(() => expect(unallowed.dataset.dirty).toBe('true'));
    fireEvent.click(within(unallowed).getByTestId('setting-domains-unallowed-save'));
    // The backend normalises what was typed.
    await waitFor(async () => expect(await setting('domains.unallowed')).toEqual(['mega.nz']));
    await waitFor(() => expect(screen.getByTestId('setting-domains-unallowed').dataset.dirty).toBe('false'));
    addTag(within(screen.getByTestId('setting-domains-unallowed')).getByTestId('setting-domains-unallowed-input'), 'not_a_domain');
    fireEvent.click(within(screen.getByTestId('setting-domains-unallowed')).getByTestId('setting-domains-unallowed-save'));
    expect((await within(screen.getByTestId('setting-domains-unallowed')).findByTestId('error-alert')).textContent).toContain('a domain such as example.com');
    expect(await setting('domains.unallowed')).toEqual(['mega.nz']);

    fireEvent.click(screen.getByTestId('settings-section-thresholds'));
    const row = await screen.findByTestId('threshold-setting-usb_copy');
    const medium = usbDefaults.high + 10;
    fireEvent.change(within(row).getByTestId('threshold-setting-usb_copy-medium'), { target: { value: String(medium) } });
    expect(within(row).getByText(/Low must not exceed medium/)).toBeTruthy();
    expect((within(row).getByTestId('threshold-setting-usb_copy-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(row).getByTestId('threshold-setting-usb_copy-high'), { target: { value: String(medium + 10) } });
    fireEvent.click(within(row).getByTestId('threshold-setting-usb_copy-save'));
    await waitFor(async () => expect(await setting('thresholds.usb_copy')).toEqual({ low: usbDefaults.low, medium, high: medium + 10 }));
  });

  it('turns anonymization off only with a reason and the password again', async () => {
    const admin = await fresh();
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/policies/settings' });
    fireEvent.click(await screen.findByTestId('settings-section-privacy'));
    const section = await screen.findByTestId('setting-privacy-anonymization');
    expect(section.dataset.enabled).toBe('true');
    // The sign-in no longer counts as a recent password entry.
    workbench.clock.advance(PAST_REAUTH_WINDOW);
    fireEvent.click(within(section).getByTestId('anonymization-switch'));
    const reason = await screen.findByTestId('anonymization-reason');
    expect((screen.getByTestId('anonymization-off-confirm') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(reason, { target: { value: 'Legal hold needs names' } });
    fireEvent.click(screen.getByTestId('anonymization-off-confirm'));
    // REAUTH_REQUIRED: the password prompt opens, then the change is retried once.
    fireEvent.change(await screen.findByTestId('reauth-password'), { target: { value: TEST_PASSWORD } });
    fireEvent.click(screen.getByTestId('reauth-submit'));
    await waitFor(() => expect(screen.getByTestId('setting-privacy-anonymization').dataset.enabled).toBe('false'));
    expect(transport.callsOf('settings.setAnonymization').map((call) => call.outcome)).toEqual(['REAUTH_REQUIRED', 'ok']);
    expect(transport.callsOf('settings.setAnonymization')[1]!.input).toEqual({ enabled: false, reason: 'Legal hold needs names' });
    expect(transport.callsOf('auth.reauthenticate').map((call) => call.outcome)).toEqual(['ok']);
    expect((await admin.value('settings.get', { key: 'privacy.anonymization' } as never)).value).toBe(false);
  });
});

describe('Policies → Groups', () => {
  const PEOPLE = [
    { key: 'amy.ames@corp.example', displayName: 'Amy Ames', title: 'Engineer' },
    { key: 'ben.burr@corp.example', displayName: 'Ben Burr', title: 'Controller' },
    { key: 'cho.chen@corp.example', displayName: 'Cho Chen', title: 'Engineer', region: 'APAC' },
  ];
  const group = (element: HTMLElement) => within(element);

  it('says what to do when there is no group yet, and creates a priority group with members found by pseudonym', async () => {
    const admin = await fresh();
    const ids = workbench.insertPersons(PEOPLE);
    // While anonymized, persons are listed and found under their pseudonyms.
    const engineers = (await admin.value('persons.list', { text: 'engineer' })).persons;
    expect(engineers.map((person) => person.id)).toEqual([ids[0], ids[2]]);
    expect(engineers.every((person) => /^Anon[A-Z0-9]{3}-\d{3}$/.test(person.displayName))).toBe(true);
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/policies/groups' });
    const empty = await screen.findByTestId('groups-empty');
    expect(within(empty).getByTestId('empty-state-next-step').textContent).toContain('add people by pseudonym');
    fireEvent.click(within(empty).getByTestId('group-create'));

    // A name is required.
    fireEvent.click(await screen.findByTestId('group-create-submit'));
    expect(await screen.findByText('Give the group a name.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('group-name'), { target: { value: 'Executives' } });
    fireEvent.click(within(screen.getByTestId('group-kind')).getByText('Priority user group'));
    expect(await screen.findByTestId('group-viewers')).toBeTruthy();

    // Search shows what persons.list returned (pseudonyms); choosing adds a chip.
    fireEvent.change(screen.getByTestId('group-create-members-search'), { target: { value: 'engineer' } });
    const results = await screen.findAllByTestId('group-create-members-result');
    expect(results.map((row) => row.textContent)).toEqual(engineers.map((person) => expect.stringContaining(person.displayName)));
    expect(document.body.textContent).not.toContain('Cho Chen');
    fireEvent.click(within(results[1]!).getByTestId('group-create-members-choose'));
    expect(within(screen.getByTestId('group-create-members-chosen')).getByText(engineers[1]!.displayName)).toBeTruthy();
    fireEvent.change(screen.getByTestId('group-create-members-search'), { target: { value: 'nobody' } });
    expect(await screen.findByTestId('group-create-members-no-results')).toBeTruthy();

    fireEvent.click(screen.getByTestId('group-create-submit'));
    await waitFor(() => expect(transport.callsOf('groups.create')).toHaveLength(1));
    expect(transport.callsOf('groups.create')[0]).toEqual({
      method: 'groups.create',
      input: {
        name: 'Executives',
        kind: 'priority',
        personIds: [ids[2]],
        personKeys: [],
        viewerAccountIds: [],
        viewerRoleGroups: ['InsiderRiskManagement'],
      },
      outcome: 'ok',
    });
    const groupCard = await screen.findByTestId('group-card');
    expect(groupCard.dataset.kind).toBe('priority');
    expect(group(groupCard).getByTestId('group-members-count').textContent).toBe('1 member · not used by any policy yet');
    expect(group(groupCard).getByText('Members visible to: Insider Risk Management')).toBeTruthy();
  });

  it('adds and removes members of a group and deletes it, pausing the policies that use it', async () => {
    const admin = await fresh();
    const ids = workbench.insertPersons(PEOPLE);
    const pilot = await admin.value('groups.create', { name: 'Finance pilot', kind: 'pilot', personIds: [ids[0]!] });
    const policy = await admin.value('policies.create', { template: 'data-leaks', name: 'Pilot leaks', scope: { everyone: false, personIds: [], pilotGroupId: pilot.id } });
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/policies/groups' });
    const groupCard = await screen.findByTestId('group-card');
    expect(group(groupCard).getByTestId('group-members-count').textContent).toBe('1 member · used by Pilot leaks');
    fireEvent.click(group(groupCard).getByTestId('group-open'));
    const detail = await screen.findByTestId('group-detail');
    await waitFor(() => expect(within(detail).getAllByTestId('group-member').map((row) => row.dataset.personId)).toEqual([String(ids[0])]));

    // Members already in the group are not offered again.
    fireEvent.change(within(detail).getByTestId('group-add-members-search'), { target: { value: 'Anon' } });
    await waitFor(() => expect(within(detail).getAllByTestId('group-add-members-result').map((row) => row.dataset.personId)).toEqual([String(ids[1]), String(ids[2])]));
    fireEvent.click(within(within(detail).getAllByTestId('group-add-members-result')[0]!).getByTestId('group-add-members-choose'));
    fireEvent.click(within(detail).getByTestId('group-add-submit'));
    await waitFor(() => expect(within(detail).getAllByTestId('group-member').map((row) => row.dataset.personId)).toEqual([String(ids[0]), String(ids[1])]));
    expect(transport.callsOf('groups.update')[0]).toMatchObject({ input: { id: pilot.id, add: { personIds: [ids[1]], personKeys: [] } }, outcome: 'ok' });

    fireEvent.click(within(within(detail).getAllByTestId('group-member')[0]!).getByTestId('group-member-remove'));
    await waitFor(() => expect(within(detail).getAllByTestId('group-member').map((row) => row.dataset.personId)).toEqual([String(ids[1])]));
    expect(transport.callsOf('groups.update')[1]).toMatchObject({ input: { id: pilot.id, remove: { personIds: [ids[0]] } }, outcome: 'ok' });
    expect((await admin.value('groups.get', { id: pilot.id })).persons.map((person) => person.id)).toEqual([ids[1]]);

    fireEvent.click(within(detail).getByTestId('group-detail-delete'));
    expect(await screen.findByText(/1 policy uses this group and will be paused: Pilot leaks/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('group-delete-confirm'));
    await waitFor(() => expect(screen.queryByTestId('group-card')).toBeNull());
    expect(transport.callsOf('groups.delete')[0]).toMatchObject({ input: { id: pilot.id }, outcome: 'ok' });
    expect((await admin.value('policies.get', { id: policy.id })).state).toBe('paused');
    expect(await screen.findByTestId('groups-empty')).toBeTruthy();
  });

  it('is not offered to accounts that may not configure policies', async () => {
    await fresh({ all: true });
    await renderApp(workbench, { as: 'analyst', path: '/policies/groups' });
    expect(await screen.findByTestId('not-allowed')).toBeTruthy();
    expect(screen.queryByTestId('groups-tab')).toBeNull();
  });
});
