import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FAKE_PASSWORD, createFakeBackend } from '../../testing/fakeApi';
import { sampleImport } from '../../testing/fakeWorld';
import { STANDARD_ACCOUNTS, renderApp, signedInAs } from '../../testing/render';

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

describe('AuthGate', () => {
  it('shows first-run setup until the first account exists, then the welcome page offering the demo', async () => {
    const { backend } = renderApp();
    await screen.findByTestId('first-run-screen');
    expect(document.body.dataset.appReady).toBe('true');
    expect(document.body.dataset.authState).toBe('setup');
    expect(screen.queryByTestId('navigation')).toBeNull();

    type('first-run-name', 'lead');
    type('first-run-password', 'short');
    type('first-run-confirmation', 'different');
    fireEvent.click(screen.getByTestId('first-run-submit'));
    expect(await screen.findByText('The password needs at least 12 characters.')).toBeTruthy();
    expect(screen.getByText('The two passwords differ.')).toBeTruthy();
    expect(backend.callsOf('auth.setup')).toHaveLength(0);

    type('first-run-password', FAKE_PASSWORD);
    type('first-run-confirmation', FAKE_PASSWORD);
    fireEvent.click(screen.getByTestId('first-run-submit'));

    await screen.findByTestId('page-welcome');
    expect(backend.callsOf('auth.setup')).toEqual([{ method: 'auth.setup', input: { name: 'lead', password: FAKE_PASSWORD }, outcome: 'ok' }]);
    expect(backend.accounts[0]!.roleGroups).toEqual(['InsiderRiskManagement']);
    expect(window.location.hash).toBe('#/welcome');
    expect(document.body.dataset.authState).toBe('signedIn');
    const demo = screen.getByTestId('demo-card');
    expect(demo.dataset.stage).toBe('idle');
    expect((within(demo).getByTestId('load-demo') as HTMLButtonElement).disabled).toBe(false);
  });

  it('loads the demo organisation: simulation progress, then its imports, then the way to policies and alerts', async () => {
    const backend = createFakeBackend(signedInAs('admin'));
    renderApp({ backend, path: '/welcome' });
    const button = (await screen.findByTestId('load-demo')) as HTMLButtonElement;
    await waitFor(() => expect(backend.callsOf('imports.list')).toHaveLength(1));
    fireEvent.click(button);
    await waitFor(() => expect(backend.callsOf('imports.loadDemo')[0]!.input).toEqual({ people: 200, days: 60, seed: 1 }));
    const demo = screen.getByTestId('demo-card');
    await waitFor(() => expect(demo.dataset.stage).toBe('simulating'));
    act(() => backend.emit('job.progress', { jobId: 'demo-job-1', kind: 'demo', done: 30, total: 60, phase: 'simulating', state: 'running', message: null }));
    await waitFor(() => expect(within(demo).getByTestId('demo-progress-line').textContent).toBe('Simulating the organisation · 30 / 60'));

    // The backend then imports each part through the ordinary import path.
    backend.world.imports.push(sampleImport(1, { state: 'running', jobId: 'import-job-9' }), sampleImport(2, { state: 'running', jobId: 'import-job-10' }));
    act(() => backend.emit('job.progress', { jobId: 'demo-job-1', kind: 'demo', done: 60, total: 60, phase: 'done', state: 'succeeded', message: null }));
    await waitFor(() => expect(demo.dataset.stage).toBe('importing'));
    act(() => backend.emit('job.progress', { jobId: 'import-job-9', kind: 'import', done: 10, total: 40, phase: 'reading', state: 'running', message: 'roster.csv: 120 rows' }));
    expect(await within(demo).findByText(/Importing its files through the ordinary import path \(0 of 2 done\)/)).toBeTruthy();
    backend.world.finishImport(1, { state: 'succeeded', rows: 200 });
    backend.world.finishImport(2, { state: 'succeeded', rows: 5000 });
    await waitFor(() => expect(demo.dataset.stage).toBe('done'), { timeout: 8_000 });
    expect(within(demo).getByTestId('demo-loaded').textContent).toContain('2 imports, 5,200 rows');
    expect(within(demo).getByTestId('demo-open-policies').getAttribute('href')).toBe('#/policies');
    expect(within(demo).getByTestId('demo-open-alerts').getAttribute('href')).toBe('#/alerts');
  });

  it('shows sign-in when nobody is signed in, with the backend message on failure', async () => {
    const { backend } = renderApp({ fake: { accounts: STANDARD_ACCOUNTS }, path: '/audit' });
    await screen.findByTestId('sign-in-screen');
    expect(document.body.dataset.authState).toBe('signedOut');

    type('sign-in-name', 'auditor');
    type('sign-in-password', 'wrong password!');
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect(await screen.findByText('Wrong account name or password.')).toBeTruthy();

    backend.accounts.find((account) => account.name === 'auditor')!.failedAttempts = 3;
    type('sign-in-password', 'wrong password!');
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect(await screen.findByText('Wait 4 s before the next attempt.')).toBeTruthy();

    backend.accounts.find((account) => account.name === 'auditor')!.failedAttempts = 0;
    type('sign-in-password', FAKE_PASSWORD);
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    // The route the user asked for survives signing in.
    await screen.findByTestId('page-audit');
    expect(screen.getByTestId('signed-in-account').textContent).toBe('auditor');
  });

  it('shows a locked account message from the API', async () => {
    renderApp({ fake: { accounts: [...STANDARD_ACCOUNTS, { name: 'gone', roleGroups: ['Analysts'], locked: true }] } });
    await screen.findByTestId('sign-in-screen');
    type('sign-in-name', 'gone');
    type('sign-in-password', FAKE_PASSWORD);
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect(await screen.findByText('This account is locked. Ask an administrator to unlock it.')).toBeTruthy();
  });

  it('locks over the page without unmounting it, and unlocks with the password', async () => {
    const { backend } = renderApp({ fake: signedInAs('admin'), path: '/audit' });
    await screen.findByTestId('page-audit');
    const search = screen.getByTestId('audit-filter-text') as HTMLInputElement;
    fireEvent.change(search, { target: { value: 'accounts' } });

    // Main locks the session (idle) and says so.
    backend.session.locked = true;
    act(() => backend.emit('session.changed', { state: 'locked' }));
    await screen.findByTestId('lock-screen');
    expect(document.body.dataset.authState).toBe('locked');
    expect(screen.getByText(/admin, enter your password/)).toBeTruthy();
    expect(screen.getByTestId('app-content').hasAttribute('inert')).toBe(true);
    // The page is still there underneath, with its state.
    expect(screen.getByTestId('audit-filter-text')).toBe(search);
    expect(search.value).toBe('accounts');

    type('lock-password', 'not the password');
    fireEvent.click(screen.getByTestId('lock-submit'));
    expect(await screen.findByText('Wrong account name or password.')).toBeTruthy();

    type('lock-password', FAKE_PASSWORD);
    fireEvent.click(screen.getByTestId('lock-submit'));
    await waitFor(() => expect(screen.queryByTestId('lock-screen')).toBeNull());
    expect(backend.callsOf('auth.signIn').at(-1)!.input).toEqual({ name: 'admin', password: FAKE_PASSWORD });
    expect(screen.getByTestId('audit-filter-text')).toBe(search);
    expect(search.value).toBe('accounts');
    expect(screen.getByTestId('app-content').hasAttribute('inert')).toBe(false);
    expect(window.location.hash).toBe('#/audit');
  });

  it('treats UNAUTHENTICATED from any call as locked (main enforces the idle lock too)', async () => {
    const { backend } = renderApp({ fake: signedInAs('admin'), path: '/alerts' });
    await screen.findByTestId('page-alerts');
    backend.session.locked = true; // locked in main, no event seen by the renderer
    fireEvent.click(screen.getByTestId('about-button'));
    await screen.findByTestId('lock-screen');
    expect(backend.callsOf('app.info').at(-1)!.outcome).toBe('UNAUTHENTICATED');
    expect(screen.getByTestId('page-alerts')).toBeTruthy();
  });

  it('locks from the account menu and signs out to the sign-in screen', async () => {
    const { backend } = renderApp({ fake: signedInAs('admin'), path: '/alerts' });
    await screen.findByTestId('page-alerts');
    fireEvent.click(screen.getByTestId('account-menu'));
    fireEvent.click(await screen.findByTestId('lock-now'));
    await screen.findByTestId('lock-screen');
    expect(backend.callsOf('auth.lock')).toHaveLength(1);

    type('lock-password', FAKE_PASSWORD);
    fireEvent.click(screen.getByTestId('lock-submit'));
    await waitFor(() => expect(screen.queryByTestId('lock-screen')).toBeNull());

    fireEvent.click(screen.getByTestId('account-menu'));
    fireEvent.click(await screen.findByTestId('sign-out'));
    await screen.findByTestId('sign-in-screen');
    expect(backend.session.accountId).toBeNull();
    await waitFor(() => expect(window.location.hash).toBe('#/'));
  });

  it('shows the signed-in shell and marks the app ready', async () => {
    renderApp({ fake: signedInAs('investigator') });
    await screen.findByTestId('navigation');
    expect(document.body.dataset.appReady).toBe('true');
    expect(document.body.dataset.authState).toBe('signedIn');
    // Home goes to the first page the account may use.
    await screen.findByTestId('page-alerts');
  });
});
