/**
 * The shell (issue 2): first run, every page of the navbar, the colour scheme, the About panel.
 * Real harness and backend, no mocks. Screenshots of every page, light and dark, are kept under
 * test-results/screens/ for review.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, expect, saveScreen, test } from './fixtures';
import { PAGE_IDS } from './pages';

test('first run, then every nav item opens its page (screenshots in light and dark)', async ({ app, shell, auth, welcome, audit, settings }) => {
  const { page } = app;
  expect(await shell.ready()).toBe('setup');
  await saveScreen(page, 'first-run');
  await auth.createFirstAccount('admin');
  await expect(welcome.demoCard).toBeVisible();
  await saveScreen(page, 'welcome');

  for (const scheme of ['light', 'dark'] as const) {
    await shell.chooseScheme(scheme);
    await expect(shell.document).toHaveAttribute('data-mantine-color-scheme', scheme);
    for (const id of PAGE_IDS) {
      await shell.navItem(id).click();
      await expect(shell.pageRoot(id)).toBeVisible();
      await expect(shell.navItem(id)).toHaveAttribute('aria-current', 'page');
      await expect(shell.pageTitle).not.toBeEmpty();
      if (id === 'audit') await expect(audit.rows.first()).toBeVisible();
      if (id === 'settings') await expect(settings.accountsTable).toBeVisible();
      expect(new URL(page.url()).hash).toMatch(new RegExp(`^#/${id}`));
      await saveScreen(page, scheme === 'light' ? id : `${id}-dark`);
    }
  }
  app.expectNoConsoleErrors();
});

test('the colour scheme toggles and survives a reload', async ({ app, shell, auth }) => {
  await app.irmCli(['init', '--admin', 'admin']);
  expect(await shell.reload()).toBe('signedOut');
  await auth.signIn('admin');

  await shell.chooseScheme('dark');
  await expect(shell.document).toHaveAttribute('data-mantine-color-scheme', 'dark');
  expect(await shell.reload()).toBe('signedIn');
  expect(await shell.appliedScheme()).toBe('dark');
  await expect(shell.schemeRadio('Dark')).toBeChecked();

  await shell.chooseScheme('light');
  await expect(shell.document).toHaveAttribute('data-mantine-color-scheme', 'light');
  expect(await shell.reload()).toBe('signedIn');
  expect(await shell.appliedScheme()).toBe('light');

  // "Follow the system": Chromium here reports light, and the choice itself is what persists.
  await shell.chooseScheme('system');
  await shell.reload();
  await expect(shell.schemeRadio('Follow the system')).toBeChecked();
  app.expectNoConsoleErrors();
});

test('About shows app.info, and its version is the package version', async ({ app, shell, auth }) => {
  const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  await app.irmCli(['init', '--admin', 'admin']);
  await shell.reload();
  await auth.signIn('admin');

  const about = await shell.openAbout();
  await expect(about.dialog).toBeVisible();
  await expect(about.appVersion).toHaveText(version);
  const info = await app.call('app.info', {});
  expect(info.ok).toBe(true);
  if (!info.ok) return;
  expect(info.value.appVersion).toBe(version);
  await expect(about.schemaVersion).toHaveText(String(info.value.schemaVersion));
  await expect(about.dataFolder).toHaveText(info.value.dataDir);
  await expect(about.anonymization).toHaveAttribute('data-anonymization', info.value.anonymization ? 'on' : 'off');
  await saveScreen(app.page, 'about', { fullPage: false });
  app.expectNoConsoleErrors();
});

test('the language switch turns the shell German and keeps it after a reload', async ({ app, shell, auth }) => {
  await app.irmCli(['init', '--admin', 'admin']);
  await shell.reload();
  await auth.signIn('admin');
  await shell.chooseLanguage('de');
  await expect(shell.navItem('alerts')).toHaveText('Warnungen');
  await shell.reload();
  await expect(shell.navItem('settings')).toHaveText('Einstellungen');
  await expect(shell.document).toHaveAttribute('lang', 'de');
  await shell.navItem('audit').click();
  await expect(shell.pageTitle).toHaveText('Prüfprotokoll');
  await saveScreen(app.page, 'audit-de');
  app.expectNoConsoleErrors();
});
