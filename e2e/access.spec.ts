/**
 * Accounts, role groups and the audit log through the UI (issue 3): first-run admin, sign-out and
 * sign-in, an analyst kept away from Content (nav hidden, direct calls refused and audited), an
 * auditor who sees only the Audit page, and the audit CSV download. Real harness and backend.
 */
import { readFileSync } from 'node:fs';
import { contract, METHOD_NAMES } from '../src/shared/contract';
import { E2E_PASSWORD, expect, saveScreen, test, type App } from './fixtures';
import type { AppShell, AuthScreens } from './pages';

/** The columns of Purview's IRM audit-log CSV (reference/purview-irm.md §11), in order. */
const PURVIEW_AUDIT_COLUMNS = [
  'Activity performed by',
  'Activity',
  'Added',
  'Alert volume',
  'Amount',
  'Asset ID',
  'Category',
  'Date',
  'Description',
  'DLP policy',
  'Indicator',
  'Notice template',
  'Number of days',
  'Number of files',
  'Policy template',
  'Previous amount',
  'Priority user group',
  'Removed',
  'Sender',
  'Target policy',
  'Template message body',
  'Template subject',
  'User',
];

/** `irm init` plus accounts in the given role groups (all with E2E_PASSWORD), then the sign-in screen. */
async function workstationWith(app: App, shell: AppShell, accounts: Record<string, string>): Promise<void> {
  await app.irmCli(['init', '--admin', 'admin']);
  for (const [name, roles] of Object.entries(accounts)) {
    await app.irmCli(['account', 'add', name, '--roles', roles, '--user', 'admin'], { env: { IRM_NEW_PASSWORD: E2E_PASSWORD } });
  }
  expect(await shell.reload()).toBe('signedOut');
}

/** Signs in through the sign-in screen and checks the shell shows that account. */
async function signIn(shell: AppShell, auth: AuthScreens, name: string): Promise<void> {
  await auth.signIn(name);
  await expect(shell.signedInAccount).toHaveText(name);
}

test('first-run admin creation through the UI, sign out, a wrong password, sign in', async ({ app, shell, auth, welcome, audit }) => {
  const { page } = app;
  expect(await shell.ready()).toBe('setup');
  // Nothing but setup is reachable before the first account exists.
  expect(await app.call('audit.list', {})).toMatchObject({ ok: false, error: { code: 'SETUP_REQUIRED' } });

  await auth.submitFirstRun('lead', 'too short');
  await expect(page.getByText('The password needs at least 12 characters.')).toBeVisible();
  await auth.firstRunPassword.fill(E2E_PASSWORD);
  await auth.firstRunConfirmation.fill(E2E_PASSWORD);
  await auth.firstRunSubmit.click();
  await expect(welcome.root).toBeVisible();
  await expect(shell.signedInAccount).toHaveText('lead');
  // First run offers the demo organisation (imports.loadDemo).
  await expect(welcome.loadDemoButton).toBeEnabled();

  await shell.signOut();
  expect(await app.call('audit.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  await auth.submitSignIn('lead', 'not the password');
  await expect(shell.errorAlert).toContainText('Wrong account name or password.');
  await saveScreen(page, 'sign-in-failed');

  await auth.signInPassword.fill(E2E_PASSWORD);
  // A failed attempt imposes a short back-off: wait for the backend to accept, never on time.
  await expect(async () => {
    // Under load the previous attempt may have signed in after this check's own timeout: then done.
    if (await shell.navigation.isVisible()) return;
    await auth.signInPassword.fill(E2E_PASSWORD);
    await auth.signInSubmit.click();
    await expect(shell.navigation).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 40_000 });
  await expect(shell.signedInAccount).toHaveText('lead');
  expect(await shell.navigationIds()).toEqual(['alerts', 'cases', 'content', 'users', 'policies', 'analytics', 'notices', 'imports', 'audit', 'settings']);

  // Locking keeps the page (and what was typed on it) underneath; the password unlocks it.
  await audit.open();
  await audit.filterByText('auth.s');
  await shell.lockNow();
  await expect(auth.lockScreen).toBeVisible();
  expect(await app.call('audit.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  await saveScreen(page, 'lock-screen');
  await auth.unlock();
  await expect(auth.lockScreen).toBeHidden();
  await expect(audit.filterText).toHaveValue('auth.s');

  // The whole story is in the audit log.
  await expect(audit.rowsWith('auth.setup')).toHaveCount(1);
  await expect(audit.rowsWith('auth.signOut')).toHaveCount(1);
  await expect(audit.rowsWith('auth.signIn').first()).toBeVisible();
  app.expectNoConsoleErrors();
});

test('an analyst created in Accounts & roles has no Content; forbidden calls are refused and audited', async ({ app, shell, auth, audit, settings }) => {
  const { page } = app;
  await workstationWith(app, shell, {});
  await signIn(shell, auth, 'admin');

  // Create the analyst through the UI.
  await settings.open();
  await expect(settings.accountsTable).toBeVisible();
  const form = await settings.startCreateAccount();
  await form.fill('analyst', E2E_PASSWORD, ['Insider Risk Management Analysts']);
  await saveScreen(page, 'create-account', { fullPage: false });
  await form.submit();
  await expect(settings.accountRow('analyst')).toContainText('Insider Risk Management Analysts');
  await saveScreen(page, 'accounts');
  await shell.signOut();

  await signIn(shell, auth, 'analyst');
  expect(await shell.navigationIds()).toEqual(['alerts', 'cases', 'users', 'analytics', 'notices']);
  await shell.openRoute('/content');
  await expect(shell.notAllowed).toBeVisible();
  await saveScreen(page, 'not-allowed');

  // Straight at the API, past the UI: refused by main.
  const forbidden = await app.call('audit.list', {});
  expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const contentMethods = METHOD_NAMES.filter((name) => contract[name].permission === 'openContent');
  for (const name of contentMethods) {
    expect(await app.call(name, {} as never), name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
  expect(await app.call('accounts.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  await shell.signOut();

  // The refusals are in the audit log, attributed to the analyst.
  await signIn(shell, auth, 'admin');
  await audit.open();
  await audit.filterByActor('analyst');
  // The filter applies after a typing pause: wait until only the analyst's entries are listed.
  await expect(audit.rows.filter({ hasNotText: 'analyst' })).toHaveCount(0);
  const denied = audit.deniedRows;
  await expect(denied.filter({ hasText: 'audit.list' })).toHaveCount(1);
  await expect(denied.filter({ hasText: 'accounts.list' })).toHaveCount(1);
  await expect(denied).toHaveCount(2 + contentMethods.length);
  const entry = await audit.openEntry(denied.filter({ hasText: 'audit.list' }));
  await expect(entry).toContainText('FORBIDDEN');
  await expect(entry).toContainText('Analysts');
  await saveScreen(page, 'audit-denied-entry');
  app.expectNoConsoleErrors();
});

test('an auditor sees only the Audit page', async ({ app, shell, auth, audit }) => {
  await workstationWith(app, shell, { auditor: 'Auditors' });
  await shell.openRoute('/settings');
  await signIn(shell, auth, 'auditor');
  await expect(shell.notAllowed).toBeVisible();
  expect(await shell.navigationIds()).toEqual(['audit']);
  await shell.openRoute('/');
  await expect(audit.root).toBeVisible();
  await expect(audit.rows.first()).toBeVisible();
  expect(await app.call('persons.count', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  await saveScreen(app.page, 'auditor');
  app.expectNoConsoleErrors();
});

test('the audit log verifies intact and its CSV downloads with the Purview columns', async ({ app, shell, auth, audit }) => {
  await workstationWith(app, shell, { auditor: 'Auditors' });
  await signIn(shell, auth, 'auditor');
  await expect(audit.rows.first()).toBeVisible();

  await audit.verify();
  await expect(audit.verifyResult).toHaveAttribute('data-intact', 'true');

  const download = await audit.exportCsv();
  expect(download.suggestedFilename()).toMatch(/^irm-audit-log-.*\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  const [header, ...rows] = csv.trimEnd().split('\r\n');
  expect(header!.split(',').slice(0, PURVIEW_AUDIT_COLUMNS.length)).toEqual(PURVIEW_AUDIT_COLUMNS);
  expect(rows.some((row) => row.startsWith('auditor,auth.signIn,'))).toBe(true);
  expect(rows.some((row) => row.startsWith('admin,accounts.create,'))).toBe(true);

  // The export itself is audited.
  await audit.filterByText('audit.exportCsv');
  await expect(audit.rowsWith('audit.exportCsv')).toHaveCount(1);
  await saveScreen(app.page, 'audit-exported');
  app.expectNoConsoleErrors();
});
