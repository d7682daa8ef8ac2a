import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render';
import { STANDARD_ACCOUNTS, TEST_PASSWORD, openWorkbench, type Workbench } from '../../testing/workbench';

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

let workbench: Workbench;
afterEach(() => workbench.close());

describe('AuthGate on a new workstation', () => {
  beforeEach(async () => {
    workbench = await openWorkbench();
  });

  it('shows first-run setup until the first account exists, then the welcome page offering the demo', async () => {
    const { transport } = await renderApp(workbench);
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
    expect(transport.callsOf('auth.setup')).toHaveLength(0);

    type('first-run-password', TEST_PASSWORD);
    type('first-run-confirmation', TEST_PASSWORD);
    fireEvent.click(screen.getByTestId('first-run-submit'));

    await screen.findByTestId('page-welcome');
    expect(transport.callsOf('auth.setup')).toEqual([{ method: 'auth.setup', input: { name: 'lead', password: TEST_PASSWORD }, outcome: 'ok' }]);
    const status = await transport.call('auth.status');
    expect(status.ok && (status.value as { account: { name: string; roleGroups: string[] } }).account).toMatchObject({ name: 'lead', roleGroups: ['InsiderRiskManagement'] });
    expect(window.location.hash).toBe('#/welcome');
    expect(document.body.dataset.authState).toBe('signedIn');
    const demo = screen.getByTestId('demo-card');
    expect(demo.dataset.stage).toBe('idle');
    expect((within(demo).getByTestId('load-demo') as HTMLButtonElement).disabled).toBe(false);
  });

  it('loads the demo organisation step by step with one total from the start, finishing when the backend does', async () => {
    await workbench.createAccounts([STANDARD_ACCOUNTS[0]!]);
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/welcome' });
    const button = (await screen.findByTestId('load-demo')) as HTMLButtonElement;
    await waitFor(() => expect(transport.callsOf('imports.list')).toHaveLength(1));
    const demo = screen.getByTestId('demo-card');
    // The real job moves on by itself: record every stage and step line the card shows.
    const stages: string[] = [];
    const lines: string[] = [];
    const observer = new MutationObserver(() => {
      if (stages.at(-1) !== demo.dataset.stage) stages.push(demo.dataset.stage!);
      const line = demo.querySelector('[data-testid="demo-step-line"]')?.textContent;
      if (line && lines.at(-1) !== line) lines.push(line);
    });
    observer.observe(demo, { subtree: true, childList: true, characterData: true, attributes: true });
    fireEvent.click(button);
    await waitFor(() => expect(transport.callsOf('imports.loadDemo')[0]?.input).toEqual({ people: 200, days: 60, seed: 1 }));
    await waitFor(() => expect(demo.dataset.stage).toBe('done'), { timeout: 120_000 });
    observer.disconnect();
    expect(stages).toEqual(['running', 'done']);
    // One total from the first line on, the steps in order: simulate, six imports, policies, scoring.
    expect(lines[0]).toBe('Step 1 of 9: Simulating the organisation');
    expect(lines.every((line) => line.startsWith('Step ') && line.includes(' of 9: '))).toBe(true);
    const steps = lines.map((line) => Number(/^Step (\d+)/.exec(line)![1]));
    expect(steps.every((step, index) => index === 0 || step >= steps[index - 1]!)).toBe(true);
    expect(lines).toContain('Step 2 of 9: Importing roster.csv through the ordinary import path (1 of 6 parts)');
    expect(lines.some((line) => line.startsWith('Step 9 of 9: Scoring'))).toBe(true);

    // The card finishes when the backend has: the demo's completion is already in the audit log.
    const admin = await workbench.admin();
    expect((await admin.value('audit.list', { text: 'imports.demoCompleted' })).total).toBe(1);
    // The counts are the backend's: every import the demo made, and the rows they accepted.
    const { imports } = await admin.value('imports.list', { limit: 100 });
    expect(imports).toHaveLength(6);
    expect(imports.every((entry) => entry.state === 'succeeded')).toBe(true);
    const rows = imports.reduce((sum, entry) => sum + entry.accepted, 0).toLocaleString('en');
    expect(within(demo).getByTestId('demo-loaded').textContent).toContain(`${imports.length} imports, ${rows} rows`);
    expect(within(demo).getByTestId('demo-open-policies').getAttribute('href')).toBe('#/policies');
    expect(within(demo).getByTestId('demo-open-alerts').getAttribute('href')).toBe('#/alerts');
  }, 240_000);
});

describe('AuthGate with accounts', () => {
  beforeEach(async () => {
    workbench = await openWorkbench({ accounts: [...STANDARD_ACCOUNTS, { name: 'gone', roleGroups: ['Analysts'], locked: true }] });
  });

  it('shows sign-in when nobody is signed in, with the backend message on failure', async () => {
    await renderApp(workbench, { path: '/audit' });
    await screen.findByTestId('sign-in-screen');
    expect(document.body.dataset.authState).toBe('signedOut');

    type('sign-in-name', 'auditor');
    type('sign-in-password', 'wrong password!');
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect(await screen.findByText('Wrong account name or password.')).toBeTruthy();

    // The backend backs off after a failure (1 s, then 2 s, 4 s, 8 s).
    type('sign-in-password', 'wrong password!');
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect(await screen.findByText('Wait 1 s before the next attempt.')).toBeTruthy();

    workbench.clock.advance(1_000);
    type('sign-in-password', TEST_PASSWORD);
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    // The route the user asked for survives signing in.
    await screen.findByTestId('page-audit');
    expect(screen.getByTestId('signed-in-account').textContent).toBe('auditor');
  });

  it('shows a locked account message from the API', async () => {
    await renderApp(workbench);
    await screen.findByTestId('sign-in-screen');
    type('sign-in-name', 'gone');
    type('sign-in-password', TEST_PASSWORD);
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect(await screen.findByText('This account is locked. Ask an administrator to unlock it.')).toBeTruthy();
  });

  it('locks over the page without unmounting it, and unlocks with the password', async () => {
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/audit' });
    await screen.findByTestId('page-audit');
    const search = screen.getByTestId('audit-filter-text') as HTMLInputElement;
    fireEvent.change(search, { target: { value: 'accounts' } });

    // Main locks the idle session (the next call after the idle limit) and says so.
    const { idleLockMinutes } = (await workbench.admin().then((admin) => admin.value('auth.status')));
    workbench.clock.advance(idleLockMinutes * 60_000 + 1_000);
    await transport.call('auth.status');
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

    workbench.clock.advance(1_000); // past the back-off of that failure
    type('lock-password', TEST_PASSWORD);
    fireEvent.click(screen.getByTestId('lock-submit'));
    await waitFor(() => expect(screen.queryByTestId('lock-screen')).toBeNull());
    expect(transport.callsOf('auth.signIn').at(-1)!.input).toEqual({ name: 'admin', password: TEST_PASSWORD });
    expect(screen.getByTestId('audit-filter-text')).toBe(search);
    expect(search.value).toBe('accounts');
    expect(screen.getByTestId('app-content').hasAttribute('inert')).toBe(false);
    expect(window.location.hash).toBe('#/audit');
  });

  it('treats UNAUTHENTICATED from any call as locked (main enforces the idle lock too)', async () => {
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/alerts' });
    await screen.findByTestId('page-alerts');
    workbench.backend.context.sessions.lock(transport.sessionId); // locked in main, no event seen by the renderer
    fireEvent.click(screen.getByTestId('about-button'));
    await screen.findByTestId('lock-screen');
    expect(transport.callsOf('app.info').at(-1)!.outcome).toBe('UNAUTHENTICATED');
    expect(screen.getByTestId('page-alerts')).toBeTruthy();
  });

  it('locks from the account menu and signs out to the sign-in screen', async () => {
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/alerts' });
    await screen.findByTestId('page-alerts');
    fireEvent.click(screen.getByTestId('account-menu'));
    fireEvent.click(await screen.findByTestId('lock-now'));
    await screen.findByTestId('lock-screen');
    expect(transport.callsOf('auth.lock')).toHaveLength(1);

    type('lock-password', TEST_PASSWORD);
    fireEvent.click(screen.getByTestId('lock-submit'));
    await waitFor(() => expect(screen.queryByTestId('lock-screen')).toBeNull());

    fireEvent.click(screen.getByTestId('account-menu'));
    fireEvent.click(await screen.findByTestId('sign-out'));
    await screen.findByTestId('sign-in-screen');
    const status = await transport.call('auth.status');
    expect(status.ok && (status.value as { account: unknown }).account).toBeNull();
    await waitFor(() => expect(window.location.hash).toBe('#/'));
  });

  it('shows the signed-in shell and marks the app ready', async () => {
    await renderApp(workbench, { as: 'investigator' });
    await screen.findByTestId('navigation');
    expect(document.body.dataset.appReady).toBe('true');
    expect(document.body.dataset.authState).toBe('signedIn');
    // Home goes to the first page the account may use.
    await screen.findByTestId('page-alerts');
  });
});
