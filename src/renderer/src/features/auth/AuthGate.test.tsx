import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FAKE_PASSWORD, createFakeBackend } from '../../test/fakeApi';
import { STANDARD_ACCOUNTS, renderApp, signedInAs } from '../../test/render';

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

describe('AuthGate', () => {
  it('shows first-run setup until the first account exists, then the welcome page with an honest demo button', async () => {
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
    // No imports.* method in this build's contract: the button says so instead of pretending.
    const demo = screen.getByTestId('demo-card');
    expect(demo.dataset.available).toBe('false');
    expect((within(demo).getByTestId('load-demo') as HTMLButtonElement).disabled).toBe(true);
    expect(within(demo).getByTestId('demo-unavailable').textContent).toContain('Not available in this version yet');
  });

  it('enables the demo button when the API offers imports.loadDemo and shows its job progress', async () => {
    let started = 0;
    const backend = createFakeBackend({
      ...signedInAs('admin'),
      extraMethods: { 'imports.loadDemo': () => ((started += 1), { jobId: 'job-1' }) },
    });
    renderApp({ backend, path: '/welcome' });
    const button = (await screen.findByTestId('load-demo')) as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    await waitFor(() => expect(started).toBe(1));
    act(() => backend.emit('job.progress', { jobId: 'job-1', kind: 'demo', done: 50, total: 200, phase: 'Importing roster', state: 'running', message: null }));
    expect(await screen.findByText(/Importing roster · 50 \/ 200/)).toBeTruthy();
    act(() => backend.emit('job.progress', { jobId: 'job-1', kind: 'demo', done: 200, total: 200, phase: 'Done', state: 'succeeded', message: null }));
    expect(await screen.findByText('The demo organisation is loaded.')).toBeTruthy();
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
