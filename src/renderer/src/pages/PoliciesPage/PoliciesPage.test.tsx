import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FAKE_PASSWORD, createFakeBackend } from '../../testing/fakeApi';
import { samplePerson, samplePolicy } from '../../testing/fakeWorld';
import { renderApp, signedInAs } from '../../testing/render';
import type { PolicyView } from '../../../../shared/contract';

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

describe('PoliciesPage', () => {
  it('lists policies with state, template, people in scope, alert counts and health warnings', async () => {
    renderApp({
      fake: signedInAs('admin', {
        world: {
          policies: [
            samplePolicy(1, { name: 'Departing staff', stats: { inScope: 14, triggered: 12, manual: 2, activeAlerts: 5, confirmedAlerts: 3, dismissedAlerts: 1, effectiveness: 0.75 } }),
            samplePolicy(2, {
              name: 'Leaks pilot',
              template: 'data-leaks',
              state: 'test',
              health: {
                state: 'warnings',
                issues: [
                  {
                    code: 'missingDataSource',
                    level: 'warning',
                    message: 'No DLP alerts imported: this trigger cannot fire.',
                    source: 'dlpAlerts',
                    indicators: [],
                    params: { optional: true },
                  },
                ],
              },
            }),
          ],
        },
      }),
      path: '/policies',
    });
    await waitFor(() => expect(screen.getAllByTestId('policy-card')).toHaveLength(2));
    const departing = card('Departing staff');
    expect(departing.dataset.state).toBe('active');
    expect(within(departing).getByText('Data theft by departing users')).toBeTruthy();
    expect(within(departing).getByTestId('policy-in-scope').textContent).toBe('14');
    expect(within(departing).getByText('12 by trigger, 2 by hand')).toBeTruthy();
    expect(within(departing).getByTestId('policy-active-alerts').textContent).toBe('5');
    expect(within(departing).getByTestId('policy-alerts-link').getAttribute('href')).toBe('#/alerts?policy=1');
    expect(within(departing).getByTestId('policy-effectiveness').textContent).toBe('75 %');
    const pilot = card('Leaks pilot');
    expect(pilot.dataset.state).toBe('test');
    expect(pilot.dataset.health).toBe('warnings');
    const issue = within(pilot).getByTestId('policy-issue');
    expect(issue.dataset.level).toBe('warning');
    expect(issue.textContent).toBe('Data source missing: No DLP alerts imported: this trigger cannot fire.');
    // The state filter narrows the list.
    fireEvent.click(screen.getByText('Test mode (1)'));
    await waitFor(() => expect(screen.getAllByTestId('policy-card')).toHaveLength(1));
  });

  it('words health issues, template prerequisites and scoring phases in German', async () => {
    const issue = (fields: Partial<PolicyView['health']['issues'][number]> & Pick<PolicyView['health']['issues'][number], 'code'>) => ({
      level: 'warning' as const,
      message: 'English message for the CLI',
      source: null,
      indicators: [],
      params: {},
      ...fields,
    });
    const backend = createFakeBackend(
      signedInAs('admin', {
        world: {
          missingData: ['data-theft-departing-users'],
          policies: [
            samplePolicy(1, {
              name: 'Abgänge',
              health: {
                state: 'warnings',
                issues: [
                  issue({ code: 'missingDataSource', source: 'hrDepartures', params: { optional: false } }),
                  issue({ code: 'staleDataSource', level: 'recommendation', source: 'dlpAlerts', params: { days: 30 } }),
                  issue({ code: 'indicatorsDisabled', level: 'recommendation', indicators: ['usb_copy', 'print'], params: { count: 2, all: false } }),
                  issue({ code: 'triggerTooBroad', params: { percent: 42, limit: 15 } }),
                ],
              },
            }),
          ],
        },
      }),
    );
    renderApp({ backend, path: '/policies', language: 'de' });
    await waitFor(() => expect(screen.getAllByTestId('policy-issue')).toHaveLength(4));
    const texts = screen.getAllByTestId('policy-issue-text').map((element) => element.textContent);
    expect(texts).toEqual([
      'Keine HR-Austrittsdaten (Kündigungen, Entlassungen, Stände der Mitarbeiterliste) importiert: Niemand kann einbezogen werden.',
      'Der neueste Import von DLP-Warnungen ist älter als 30 Tage.',
      '2 ausgewählte Indikatoren sind in den Einstellungen ausgeschaltet: Kopieren von Dateien auf Wechseldatenträger, Drucken von Dateien.',
      'Der Auslöser greift bei 42 % der Personen im Geltungsbereich (mehr als 15 %): Auslöserschwellen erhöhen oder den Geltungsbereich einschränken.',
    ]);
    expect(screen.getAllByTestId('policy-issue')[0]!.textContent).toMatch(/^Datenquelle fehlt: Keine HR-Austrittsdaten/);
    expect(screen.queryByText(/English message/)).toBeNull();

    // The scoring job's phase is a code the UI words; the policy's name comes as the message.
    const status = screen.getByTestId('scoring-status');
    act(() => backend.emit('job.progress', { jobId: 'scoring-job-3', kind: 'scoring', done: 1, total: 4, phase: 'scoringPolicy', state: 'running', message: 'Abgänge' }));
    await waitFor(() => expect(within(status).getByTestId('scoring-phase').textContent).toBe('Richtlinie Abgänge wird bewertet · 1 / 4'));
    act(() => backend.emit('job.progress', { jobId: 'scoring-job-3', kind: 'scoring', done: 0, total: null, phase: 'classifying', state: 'running', message: null }));
    await waitFor(() => expect(within(status).getByTestId('scoring-phase').textContent).toBe('Aktivitäten werden eingeordnet'));

    // The wizard's template step says which data is missing, in German.
    fireEvent.click(screen.getByTestId('policy-create'));
    const departing = await screen.findByTestId('template-data-theft-departing-users');
    expect(within(departing).getByText('Noch nicht importiert: HR-Kündigungen, -Entlassungen oder Verzeichnisstände, die Austritte zeigen')).toBeTruthy();
  });

  it('says what to do when there is no policy yet', async () => {
    renderApp({ fake: signedInAs('admin'), path: '/policies' });
    const empty = await screen.findByTestId('policies-empty');
    expect(within(empty).getByTestId('empty-state-next-step').textContent).toContain('Import HR data');
  });

  it('creates a policy through the wizard, step by step, with validation', async () => {
    const backend = createFakeBackend(signedInAs('admin', { world: { personKeys: ['ann.lee@contoso.com'] } }));
    renderApp({ backend, path: '/policies' });
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

    // People: a listed person and an unknown key are checked against the backend before saving.
    await waitFor(() => expect(wizard.dataset.step).toBe('scope'));
    expect((await screen.findByTestId('scope-preview-counts')).textContent).toBe('40 people in scope now, 3 with a triggering event.');
    fireEvent.click(screen.getByTestId('scope-specific'));
    fireEvent.click(screen.getByTestId('wizard-next'));
    expect(await screen.findByText(/Choose at least one group, filter/)).toBeTruthy();
    addTag(screen.getByTestId('scope-person-keys'), 'ann.lee@contoso.com');
    await waitFor(() => expect(screen.getByTestId('scope-preview-counts').textContent).toBe('1 person in scope now, 1 with a triggering event.'));
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
    fireEvent.change(await screen.findByTestId('threshold-usb_copy-low'), { target: { value: '50' } });
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
    await waitFor(() => expect(backend.callsOf('policies.create')).toHaveLength(1));
    expect(backend.callsOf('policies.create')[0]!.input).toMatchObject({
      template: 'data-leaks',
      name: 'Leaks by sales',
      scope: { everyone: false, personKeys: ['ann.lee@contoso.com'] },
      priorityContent: { extensions: ['xlsx'], scoreOnlyPriorityContent: false },
      indicators: [
        { id: 'usb_copy', thresholds: { low: 4, medium: 10, high: 30 }, aboveUsual: false },
        { id: 'cloud_upload', thresholds: null, aboveUsual: false },
      ],
      activationDays: 14,
      state: 'test',
    });
    const created = await waitFor(() => card('Leaks by sales'));
    expect(created.dataset.state).toBe('test');
    expect(within(screen.getByTestId('scoring-status')).getByText('Scores are out of date')).toBeTruthy();
    expect(screen.getByTestId('scoring-last-run').textContent).toContain('Changed: policy Leaks by sales created');
  });

  it('edits a policy with its template and name fixed', async () => {
    const backend = createFakeBackend(signedInAs('admin', { world: { policies: [samplePolicy(1, { name: 'Departing staff' })] } }));
    renderApp({ backend, path: '/policies' });
    await waitFor(() => card('Departing staff'));
    fireEvent.click(within(card('Departing staff')).getByTestId('policy-edit'));
    const wizard = await screen.findByTestId('policy-wizard-steps');
    await waitFor(() => expect(wizard.dataset.step).toBe('scope'));
    fireEvent.click(screen.getByTestId('wizard-back'));
    await waitFor(() => expect(wizard.dataset.step).toBe('name'));
    expect((screen.getByTestId('wizard-policy-name') as HTMLInputElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('wizard-policy-description'), { target: { value: 'HR asked for it' } });
    fireEvent.click(screen.getByTestId('wizard-save-now'));
    await waitFor(() => expect(backend.callsOf('policies.update')).toHaveLength(1));
    const input = backend.callsOf('policies.update')[0]!.input as Record<string, unknown>;
    expect(input).toMatchObject({ id: 1, description: 'HR asked for it', indicators: null });
    expect(input).not.toHaveProperty('name');
    expect(input).not.toHaveProperty('template');
  });

  it('pauses, resumes, switches to test mode, copies and deletes (alerts kept) a policy', async () => {
    const backend = createFakeBackend(signedInAs('admin', { world: { policies: [samplePolicy(1, { name: 'Departing staff' })] } }));
    renderApp({ backend, path: '/policies' });
    await waitFor(() => card('Departing staff'));

    await openMenuItem('Departing staff', 'policy-pause');
    await waitFor(() => expect(card('Departing staff').dataset.state).toBe('paused'));
    await openMenuItem('Departing staff', 'policy-resume');
    await waitFor(() => expect(card('Departing staff').dataset.state).toBe('active'));
    await openMenuItem('Departing staff', 'policy-test');
    await waitFor(() => expect(card('Departing staff').dataset.state).toBe('test'));
    expect(backend.callsOf('policies.setState').map((call) => (call.input as { state: string }).state)).toEqual(['paused', 'active', 'test']);

    await openMenuItem('Departing staff', 'policy-copy');
    const name = await screen.findByTestId('policy-copy-name');
    expect((name as HTMLInputElement).value).toBe('Departing staff (copy)');
    fireEvent.change(name, { target: { value: 'Departing staff EMEA' } });
    fireEvent.click(screen.getByTestId('policy-copy-submit'));
    await waitFor(() => card('Departing staff EMEA'));

    await openMenuItem('Departing staff', 'policy-delete');
    expect(await screen.findByText(/Its 4 alerts are kept/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('policy-delete-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('policy-card').map((element) => within(element).getByTestId('policy-name').textContent)).toEqual(['Departing staff EMEA']));
    expect(backend.callsOf('policies.delete')[0]!.input).toEqual({ id: 1 });
  });

  it('adds people to a policy by hand for 5–30 days with a reason, lists them and removes one', async () => {
    const persons = [samplePerson(1, { displayName: 'AnonAA1-101' }), samplePerson(2, { displayName: 'AnonBB2-202' })];
    const backend = createFakeBackend(signedInAs('admin', { world: { persons, policies: [samplePolicy(1, { name: 'Departing staff' })] } }));
    renderApp({ backend, path: '/policies' });
    await waitFor(() => card('Departing staff'));
    fireEvent.click(within(card('Departing staff')).getByTestId('policy-manual'));
    const dialog = await screen.findByTestId('manual-additions');
    expect(within(dialog).getByTestId('manual-empty')).toBeTruthy();

    // Nothing chosen, days out of range and no reason: each says what is missing, nothing is sent.
    fireEvent.change(within(dialog).getByTestId('manual-days'), { target: { value: '45' } });
    fireEvent.click(within(dialog).getByTestId('manual-submit'));
    expect(await within(dialog).findByText('Choose at least one person.')).toBeTruthy();
    expect(within(dialog).getByText('Choose 5 to 30 whole days.')).toBeTruthy();
    expect(within(dialog).getByText('Give a reason of at least 3 characters.')).toBeTruthy();
    expect(backend.callsOf('policies.addPersons')).toHaveLength(0);

    fireEvent.change(within(dialog).getByTestId('manual-persons-search'), { target: { value: 'Anon' } });
    const results = await within(dialog).findAllByTestId('manual-persons-result');
    results.forEach((row) => fireEvent.click(within(row).getByTestId('manual-persons-choose')));
    fireEvent.change(within(dialog).getByTestId('manual-days'), { target: { value: '10' } });
    fireEvent.change(within(dialog).getByTestId('manual-reason-input'), { target: { value: 'HR expects a resignation' } });
    expect(within(dialog).getByTestId('manual-submit').textContent).toBe('Add 2 people');
    fireEvent.click(within(dialog).getByTestId('manual-submit'));
    await waitFor(() => expect(backend.callsOf('policies.addPersons')).toHaveLength(1));
    expect(backend.callsOf('policies.addPersons')[0]!.input).toEqual({ policyId: 1, personIds: [1, 2], personKeys: [], days: 10, reason: 'HR expects a resignation' });
    await waitFor(() => expect(within(dialog).getAllByTestId('manual-row')).toHaveLength(2));
    const first = within(dialog).getAllByTestId('manual-row').find((row) => row.dataset.personId === '1')!;
    expect(within(first).getByTestId('manual-until').textContent).toMatch(/^10 days, until /);
    expect(within(first).getByTestId('manual-reason').textContent).toBe('HR expects a resignation');
    expect(within(first).getByText('admin')).toBeTruthy();
    expect(within(card('Departing staff')).getByText('12 by trigger, 2 by hand')).toBeTruthy();

    fireEvent.click(within(first).getByTestId('manual-remove'));
    await waitFor(() => expect(within(dialog).getAllByTestId('manual-row').map((row) => row.dataset.personId)).toEqual(['2']));
    expect(backend.callsOf('policies.removePerson')[0]!.input).toEqual({ policyId: 1, personId: 1 });
    expect(within(card('Departing staff')).getByTestId('policy-manual').textContent).toBe('By hand (1)');
  });

  it('scores on demand and follows the scoring job', async () => {
    const backend = createFakeBackend(signedInAs('admin', { world: { policies: [samplePolicy(1)] } }));
    renderApp({ backend, path: '/policies' });
    const status = await screen.findByTestId('scoring-status');
    await waitFor(() => expect(within(status).getByTestId('scoring-last-run').textContent).toBe('Nothing has been scored yet.'));
    act(() => backend.emit('job.progress', { jobId: 'scoring-job-9', kind: 'scoring', done: 3, total: 10, phase: 'scoringPolicy', state: 'running', message: 'Policy 1' }));
    await waitFor(() => expect(status.dataset.running).toBe('true'));
    expect(within(status).getByText('Scoring policy Policy 1 · 3 / 10')).toBeTruthy();
    act(() => backend.emit('job.progress', { jobId: 'scoring-job-9', kind: 'scoring', done: 0, total: null, phase: 'loading', state: 'running', message: null }));
    await waitFor(() => expect(within(status).getByTestId('scoring-phase').textContent).toBe('Loading scoring data'));
    act(() => backend.emit('job.progress', { jobId: 'scoring-job-9', kind: 'scoring', done: 10, total: 10, phase: 'done', state: 'succeeded', message: null }));
    await waitFor(() => expect(status.dataset.running).toBe('false'));
    fireEvent.click(within(status).getByTestId('scoring-run'));
    await waitFor(() => expect(within(status).getByTestId('scoring-last-run').textContent).toMatch(/40 persons, 2 new and 1 updated alerts/));
    expect(backend.callsOf('scoring.run')[0]!.input).toEqual({ full: false });
  });
});

describe('Policies → Settings', () => {
  it('turns an indicator off, edits a domain list and refuses thresholds out of order', async () => {
    const backend = createFakeBackend(signedInAs('admin'));
    renderApp({ backend, path: '/policies/settings' });
    const usb = await screen.findByTestId('indicator-switch-usb_copy');
    fireEvent.click(usb);
    await waitFor(() => expect(backend.callsOf('settings.set')[0]!.input).toEqual({ key: 'indicators.usb_copy', value: false }));
    await waitFor(() => expect((screen.getByTestId('indicator-switch-usb_copy') as HTMLInputElement).checked).toBe(false));

    fireEvent.click(screen.getByTestId('settings-section-domains'));
    const unallowed = await screen.findByTestId('setting-domains-unallowed');
    addTag(within(unallowed).getByTestId('setting-domains-unallowed-input'), 'https://Mega.NZ/folder');
    await waitFor(() => expect(unallowed.dataset.dirty).toBe('true'));
    fireEvent.click(within(unallowed).getByTestId('setting-domains-unallowed-save'));
    // The backend normalises what was typed.
    await waitFor(() => expect(backend.world.settings.get('domains.unallowed')!.value).toEqual(['mega.nz']));
    await waitFor(() => expect(screen.getByTestId('setting-domains-unallowed').dataset.dirty).toBe('false'));
    addTag(within(screen.getByTestId('setting-domains-unallowed')).getByTestId('setting-domains-unallowed-input'), 'not_a_domain');
    fireEvent.click(within(screen.getByTestId('setting-domains-unallowed')).getByTestId('setting-domains-unallowed-save'));
    expect((await within(screen.getByTestId('setting-domains-unallowed')).findByTestId('error-alert')).textContent).toContain('a domain such as example.com');

    fireEvent.click(screen.getByTestId('settings-section-thresholds'));
    const row = await screen.findByTestId('threshold-setting-usb_copy');
    fireEvent.change(within(row).getByTestId('threshold-setting-usb_copy-medium'), { target: { value: '50' } });
    expect(within(row).getByText(/Low must not exceed medium/)).toBeTruthy();
    expect((within(row).getByTestId('threshold-setting-usb_copy-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(row).getByTestId('threshold-setting-usb_copy-high'), { target: { value: '60' } });
    fireEvent.click(within(row).getByTestId('threshold-setting-usb_copy-save'));
    await waitFor(() => expect(backend.world.settings.get('thresholds.usb_copy')!.value).toEqual({ low: 3, medium: 50, high: 60 }));
  });

  it('turns anonymization off only with a reason and the password again', async () => {
    const backend = createFakeBackend(signedInAs('admin', { reauthenticated: false }));
    renderApp({ backend, path: '/policies/settings' });
    fireEvent.click(await screen.findByTestId('settings-section-privacy'));
    const section = await screen.findByTestId('setting-privacy-anonymization');
    expect(section.dataset.enabled).toBe('true');
    fireEvent.click(within(section).getByTestId('anonymization-switch'));
    const reason = await screen.findByTestId('anonymization-reason');
    expect((screen.getByTestId('anonymization-off-confirm') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(reason, { target: { value: 'Legal hold needs names' } });
    fireEvent.click(screen.getByTestId('anonymization-off-confirm'));
    // REAUTH_REQUIRED: the password prompt opens, then the change is retried once.
    fireEvent.change(await screen.findByTestId('reauth-password'), { target: { value: FAKE_PASSWORD } });
    fireEvent.click(screen.getByTestId('reauth-submit'));
    await waitFor(() => expect(screen.getByTestId('setting-privacy-anonymization').dataset.enabled).toBe('false'));
    expect(backend.callsOf('settings.setAnonymization').map((call) => call.outcome)).toEqual(['REAUTH_REQUIRED', 'ok']);
    expect(backend.callsOf('settings.setAnonymization')[1]!.input).toEqual({ enabled: false, reason: 'Legal hold needs names' });
  });
});

describe('Policies → Groups', () => {
  const people = [
    samplePerson(1, { displayName: 'AnonAA1-101', title: 'Engineer' }),
    samplePerson(2, { displayName: 'AnonBB2-202', title: 'Controller' }),
    samplePerson(3, { displayName: 'AnonCC3-303', title: 'Engineer', region: 'APAC' }),
  ];
  const group = (card: HTMLElement) => within(card);

  it('says what to do when there is no group yet, and creates a priority group with members found by pseudonym', async () => {
    const backend = createFakeBackend(signedInAs('admin', { world: { persons: people } }));
    renderApp({ backend, path: '/policies/groups' });
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
    expect(results.map((row) => row.textContent)).toEqual([expect.stringContaining('AnonAA1-101'), expect.stringContaining('AnonCC3-303')]);
    fireEvent.click(within(results[1]!).getByTestId('group-create-members-choose'));
    expect(within(screen.getByTestId('group-create-members-chosen')).getByText('AnonCC3-303')).toBeTruthy();
    fireEvent.change(screen.getByTestId('group-create-members-search'), { target: { value: 'nobody' } });
    expect(await screen.findByTestId('group-create-members-no-results')).toBeTruthy();

    fireEvent.click(screen.getByTestId('group-create-submit'));
    await waitFor(() => expect(backend.callsOf('groups.create')).toHaveLength(1));
    expect(backend.callsOf('groups.create')[0]!.input).toEqual({
      name: 'Executives',
      kind: 'priority',
      personIds: [3],
      personKeys: [],
      viewerAccountIds: [],
      viewerRoleGroups: ['InsiderRiskManagement'],
    });
    const card = await screen.findByTestId('group-card');
    expect(card.dataset.kind).toBe('priority');
    expect(group(card).getByTestId('group-members-count').textContent).toBe('1 member · not used by any policy yet');
    expect(group(card).getByText('Members visible to: Insider Risk Management')).toBeTruthy();
  });

  it('adds and removes members of a group and deletes it, pausing the policies that use it', async () => {
    const backend = createFakeBackend(
      signedInAs('admin', {
        world: {
          persons: people,
          policies: [samplePolicy(4, { name: 'Pilot leaks' })],
          groups: [{ id: 7, name: 'Finance pilot', kind: 'pilot', members: 0, viewers: { accounts: [], roleGroups: [] }, usedBy: [{ id: 4, name: 'Pilot leaks' }] }],
          groupMembers: { 7: [1] },
        },
      }),
    );
    renderApp({ backend, path: '/policies/groups' });
    const card = await screen.findByTestId('group-card');
    expect(group(card).getByTestId('group-members-count').textContent).toBe('1 member · used by Pilot leaks');
    fireEvent.click(group(card).getByTestId('group-open'));
    const detail = await screen.findByTestId('group-detail');
    await waitFor(() => expect(within(detail).getAllByTestId('group-member').map((row) => row.dataset.personId)).toEqual(['1']));

    // Members already in the group are not offered again.
    fireEvent.change(within(detail).getByTestId('group-add-members-search'), { target: { value: 'Anon' } });
    await waitFor(() => expect(within(detail).getAllByTestId('group-add-members-result').map((row) => row.dataset.personId)).toEqual(['2', '3']));
    fireEvent.click(within(within(detail).getAllByTestId('group-add-members-result')[0]!).getByTestId('group-add-members-choose'));
    fireEvent.click(within(detail).getByTestId('group-add-submit'));
    await waitFor(() => expect(within(detail).getAllByTestId('group-member').map((row) => row.dataset.personId)).toEqual(['1', '2']));
    expect(backend.callsOf('groups.update')[0]!.input).toEqual({ id: 7, add: { personIds: [2], personKeys: [] } });

    fireEvent.click(within(within(detail).getAllByTestId('group-member')[0]!).getByTestId('group-member-remove'));
    await waitFor(() => expect(within(detail).getAllByTestId('group-member').map((row) => row.dataset.personId)).toEqual(['2']));
    expect(backend.callsOf('groups.update')[1]!.input).toEqual({ id: 7, remove: { personIds: [1] } });

    fireEvent.click(within(detail).getByTestId('group-detail-delete'));
    expect(await screen.findByText(/1 policy uses this group and will be paused: Pilot leaks/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('group-delete-confirm'));
    await waitFor(() => expect(screen.queryByTestId('group-card')).toBeNull());
    expect(backend.callsOf('groups.delete')[0]!.input).toEqual({ id: 7 });
    expect(backend.world.policies[0]!.state).toBe('paused');
    expect(await screen.findByTestId('groups-empty')).toBeTruthy();
  });

  it('is not offered to accounts that may not configure policies', async () => {
    renderApp({ fake: signedInAs('analyst'), path: '/policies/groups' });
    expect(await screen.findByTestId('not-allowed')).toBeTruthy();
    expect(screen.queryByTestId('groups-tab')).toBeNull();
  });
});
