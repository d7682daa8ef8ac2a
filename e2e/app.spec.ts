/**
 * The shell (issue 2): first run, every page of the navbar, the colour scheme, the About panel.
 * Real harness and backend, no mocks. Screenshots of every page, light and dark, are kept under
 * test-results/screens/ for review.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { E2E_PASSWORD, PROJECT_ROOT, expect, test } from './fixtures';

/** The navbar's pages in order (src/renderer/src/features/shell/navigation.ts). */
const PAGES = ['alerts', 'cases', 'content', 'users', 'policies', 'analytics', 'notices', 'imports', 'audit', 'settings'] as const;
const SCREENS = join(PROJECT_ROOT, 'test-results', 'screens');

/** Waits for the app's readiness signal (auth.status has loaded) and returns which screen it shows. */
async function ready(page: Page): Promise<string> {
  await expect(page.locator('body[data-app-ready="true"]')).toHaveCount(1);
  return (await page.locator('body').getAttribute('data-auth-state')) ?? '';
}

/** Creates the first account through the first-run screen. */
async function firstRun(page: Page, name = 'admin'): Promise<void> {
  await expect(page.getByTestId('first-run-screen')).toBeVisible();
  await page.getByTestId('first-run-name').fill(name);
  await page.getByTestId('first-run-password').fill(E2E_PASSWORD);
  await page.getByTestId('first-run-confirmation').fill(E2E_PASSWORD);
  await page.getByTestId('first-run-submit').click();
  await expect(page.getByTestId('page-welcome')).toBeVisible();
}

/** Signs in through the sign-in screen. */
async function signIn(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('sign-in-screen')).toBeVisible();
  await page.getByTestId('sign-in-name').fill(name);
  await page.getByTestId('sign-in-password').fill(E2E_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('navigation')).toBeVisible();
}

/** Clicks a segment of the colour scheme control (its radio inputs are visually hidden). */
async function chooseScheme(page: Page, scheme: 'light' | 'dark' | 'system'): Promise<void> {
  await page.getByTestId(`color-scheme-${scheme}`).click();
}

/** The colour scheme Mantine applied to the document. */
function appliedScheme(page: Page) {
  return page.locator('html').getAttribute('data-mantine-color-scheme');
}

test('first run, then every nav item opens its page (screenshots in light and dark)', async ({ app }) => {
  const { page } = app;
  expect(await ready(page)).toBe('setup');
  await page.screenshot({ path: join(SCREENS, 'first-run.png'), fullPage: true });
  await firstRun(page);
  await expect(page.getByTestId('demo-card')).toBeVisible();
  await page.screenshot({ path: join(SCREENS, 'welcome.png'), fullPage: true });

  for (const scheme of ['light', 'dark'] as const) {
    await chooseScheme(page, scheme);
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    for (const id of PAGES) {
      await page.getByTestId(`nav-${id}`).click();
      await expect(page.getByTestId(`page-${id}`)).toBeVisible();
      await expect(page.getByTestId(`nav-${id}`)).toHaveAttribute('aria-current', 'page');
      await expect(page.getByTestId('page-title')).not.toBeEmpty();
      if (id === 'audit') await expect(page.getByTestId('audit-row').first()).toBeVisible();
      if (id === 'settings') await expect(page.getByTestId('accounts-table')).toBeVisible();
      expect(new URL(page.url()).hash).toMatch(new RegExp(`^#/${id}`));
      await page.screenshot({ path: join(SCREENS, scheme === 'light' ? `${id}.png` : `${id}-dark.png`), fullPage: true });
    }
  }
  app.expectNoConsoleErrors();
});

test('the colour scheme toggles and survives a reload', async ({ app }) => {
  const { page } = app;
  await app.irmCli(['init', '--admin', 'admin']);
  await page.reload();
  expect(await ready(page)).toBe('signedOut');
  await signIn(page, 'admin');

  await chooseScheme(page, 'dark');
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.reload();
  expect(await ready(page)).toBe('signedIn');
  expect(await appliedScheme(page)).toBe('dark');
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();

  await chooseScheme(page, 'light');
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  await page.reload();
  expect(await ready(page)).toBe('signedIn');
  expect(await appliedScheme(page)).toBe('light');

  // "Follow the system": Chromium here reports light, and the choice itself is what persists.
  await chooseScheme(page, 'system');
  await page.reload();
  await ready(page);
  await expect(page.getByRole('radio', { name: 'Follow the system' })).toBeChecked();
  app.expectNoConsoleErrors();
});

test('About shows app.info, and its version is the package version', async ({ app }) => {
  const { page } = app;
  const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  await app.irmCli(['init', '--admin', 'admin']);
  await page.reload();
  await signIn(page, 'admin');

  await page.getByTestId('about-button').click();
  const dialog = page.getByRole('dialog', { name: 'About Insider Risk Workbench' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('about-app-version')).toHaveText(version);
  const info = await app.call('app.info', {});
  expect(info.ok).toBe(true);
  if (!info.ok) return;
  expect(info.value.appVersion).toBe(version);
  await expect(dialog.getByTestId('about-schema-version')).toHaveText(String(info.value.schemaVersion));
  await expect(dialog.getByTestId('about-data-folder')).toHaveText(info.value.dataDir);
  await expect(dialog.getByTestId('about-anonymization')).toHaveAttribute('data-anonymization', info.value.anonymization ? 'on' : 'off');
  await page.screenshot({ path: join(SCREENS, 'about.png') });
  app.expectNoConsoleErrors();
});

test('the language switch turns the shell German and keeps it after a reload', async ({ app }) => {
  const { page } = app;
  await app.irmCli(['init', '--admin', 'admin']);
  await page.reload();
  await signIn(page, 'admin');
  await page.getByTestId('language-switch').click();
  await page.getByTestId('language-de').click();
  await expect(page.getByTestId('nav-alerts')).toHaveText('Warnungen');
  await page.reload();
  await ready(page);
  await expect(page.getByTestId('nav-settings')).toHaveText('Einstellungen');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('page-title')).toHaveText('Überwachungsprotokoll');
  await page.screenshot({ path: join(SCREENS, 'audit-de.png'), fullPage: true });
  app.expectNoConsoleErrors();
});
