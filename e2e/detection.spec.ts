/**
 * Detection through the UI (issue 5) on the real backend: a simulated organisation is written with
 * `irm simulate`, imported with `irm import`, given policies with `irm policy create` and scored with
 * `irm score`; then the Alerts queue lists the alerts, an alert's detail explains its score insight
 * by insight with the activities and their source lines, bulk dismiss works with one confirmation,
 * the Policies page shows the policies with their health and the wizard, and the Users page lists
 * everyone in scope. Screenshots (light and dark) go to test-results/screens/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { E2E_PASSWORD, PROJECT_ROOT, expect, test, type App } from './fixtures';

const SCREENS = join(PROJECT_ROOT, 'test-results', 'screens');

/** Saves a screenshot under test-results/screens/, scrolled to the top. */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage });
}

/** Switches the colour scheme and waits until it applies. */
async function scheme(page: Page, value: 'light' | 'dark'): Promise<void> {
  await page.getByTestId(`color-scheme-${value}`).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', value);
}

interface CliAlert {
  id: number;
  status: string;
  severity: string;
}

/** A scored workstation: init, simulate, import, one policy per main template, score. */
async function scoredWorkstation(app: App): Promise<{ alerts: CliAlert[] }> {
  const sources = mkdtempSync(join(tmpdir(), 'irm-e2e-sim-'));
  try {
    await app.irmCli(['init', '--admin', 'admin']);
    await app.irmCli(['simulate', '--out', sources, '--people', '60', '--days', '30', '--seed', '3']);
    // The answer key lives next to the data and is not an import format: import the data folders only.
    await app.irmCli(['import', join(sources, 'roster.csv'), join(sources, 'hr'), join(sources, 'cert'), join(sources, 'alerts'), join(sources, 'm365'), '--user', 'admin']);
    await app.irmCli(['policy', 'create', '--template', 'data-theft-departing-users', '--name', 'Departing staff', '--user', 'admin']);
    await app.irmCli(['policy', 'create', '--template', 'data-leaks', '--name', 'Data leaks', '--user', 'admin']);
    await app.irmCli(['policy', 'create', '--template', 'data-leaks-risky-users', '--name', 'Risky users', '--user', 'admin']);
    await app.irmCli(['policy', 'create', '--template', 'security-policy-violations', '--name', 'Security violations', '--user', 'admin']);
    await app.irmCli(['score', '--user', 'admin']);
    const listed = await app.irmCli(['alerts', '--json', '--user', 'admin']);
    const parsed = listed.json<CliAlert[] | { alerts: CliAlert[] }>();
    return { alerts: Array.isArray(parsed) ? parsed : parsed.alerts };
  } finally {
    rmSync(sources, { recursive: true, force: true });
  }
}

/** Signs in through the UI. */
async function signIn(page: Page): Promise<void> {
  await page.reload();
  await expect(page.locator('body[data-app-ready="true"]')).toHaveCount(1);
  await page.getByTestId('sign-in-name').fill('admin');
  await page.getByTestId('sign-in-password').fill(E2E_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('navigation')).toBeVisible();
}

test.describe.configure({ timeout: 240_000 });

test('alerts appear in the queue, the detail explains the score, and bulk dismiss works', async ({ app }) => {
  const { page } = app;
  const { alerts } = await scoredWorkstation(app);
  const open = alerts.filter((alert) => alert.status === 'NeedsReview');
  expect(open.length, 'the simulated organisation raises alerts').toBeGreaterThanOrEqual(3);
  await signIn(page);

  await page.getByTestId('nav-alerts').click();
  await expect(page.getByTestId('page-alerts')).toBeVisible();
  await expect(page.getByTestId('alert-row')).toHaveCount(open.length);
  await expect(page.getByTestId('alert-count')).toHaveText(`${open.length} of ${open.length} alert${open.length === 1 ? '' : 's'}`);
  await expect(page.getByTestId('widget-needs-review')).toHaveText(String(open.length));
  // Anonymization is on by default: people show as pseudonyms.
  await expect(page.getByTestId('alert-row').first()).toContainText(/Anon[A-Z0-9]{3}-\d{3}/);
  await shot(page, 'detection-alerts');
  await page.getByTestId('shortcuts-button').click();
  await expect(page.getByTestId('shortcuts-help')).toBeVisible();
  await shot(page, 'detection-alerts-shortcuts', false);
  await page.keyboard.press('Escape');

  // The detail: person, trigger with its source line, and the explanation insight by insight.
  await page.getByTestId('alert-row').first().click();
  const detail = page.getByTestId('alert-detail');
  await expect(detail.getByTestId('alert-person-name')).toHaveText(/Anon[A-Z0-9]{3}-\d{3}/);
  const explanation = detail.getByTestId('score-explanation');
  await expect(explanation).toBeVisible();
  await expect(explanation.getByTestId('insight-day').first()).toHaveAttribute('data-top', 'true');
  const insight = explanation.getByTestId('insight').first();
  await expect(insight.getByTestId('insight-threshold')).toContainText('threshold');
  await expect(insight.getByTestId('insight-result')).toContainText('points');
  await shot(page, 'detection-alert-detail', false);

  await detail.getByTestId('alert-tab-activities').click();
  const activity = detail.getByTestId('activity-row').first();
  await expect(activity).toBeVisible();
  await expect(activity.getByTestId('activity-source')).toHaveText(/^[\w./-]+\.(csv|json):\d+$/);
  await shot(page, 'detection-alert-explorer', false);
  await detail.getByTestId('alert-tab-chart').click();
  await expect(detail.getByTestId('activity-chart-summary')).toContainText('events in the period');
  await expect(detail.locator('.recharts-surface').first()).toBeVisible();
  await shot(page, 'detection-alert-chart', false);
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  // Bulk dismiss from the keyboard: select two alerts, one confirmation naming the count.
  await page.getByTestId('alert-queue').click({ position: { x: 5, y: 5 } });
  const first = Number(await page.getByTestId('alert-row').nth(0).getAttribute('data-alert-id'));
  const second = Number(await page.getByTestId('alert-row').nth(1).getAttribute('data-alert-id'));
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await expect(page.getByTestId('selection-count')).toHaveText('2 alerts selected');
  await shot(page, 'detection-alerts-selected', false);
  await page.keyboard.press('d');
  const modal = page.getByTestId('dismiss-modal');
  await expect(page.getByRole('dialog', { name: 'Dismiss 2 alerts' })).toBeVisible();
  await modal.getByTestId('dismiss-reason').click();
  await page.getByRole('option', { name: 'Activity is expected for this user' }).click();
  await modal.getByTestId('dismiss-note').fill('Known migration project');
  await shot(page, 'detection-dismiss', false);
  await modal.getByTestId('dismiss-confirm').click();
  await expect(page.getByTestId('alert-row')).toHaveCount(open.length - 2);
  await expect(page.locator(`[data-testid="alert-row"][data-alert-id="${first}"]`)).toHaveCount(0);

  const dismissed = (await app.irmCli(['alerts', '--json', '--status', 'Dismissed', '--user', 'admin'])).json<CliAlert[] | { alerts: CliAlert[] }>();
  const dismissedIds = (Array.isArray(dismissed) ? dismissed : dismissed.alerts).map((alert) => alert.id).sort((a, b) => a - b);
  expect(dismissedIds).toEqual([first, second].sort((a, b) => a - b));

  await scheme(page, 'dark');
  await shot(page, 'detection-alerts-dark');
  await page.getByTestId('alert-row').first().click();
  await expect(detail.getByTestId('score-explanation')).toBeVisible();
  await shot(page, 'detection-alert-detail-dark', false);
  await detail.getByTestId('alert-tab-chart').click();
  await expect(detail.locator('.recharts-surface').first()).toBeVisible();
  await shot(page, 'detection-alert-chart-dark', false);
  await page.keyboard.press('Escape');
  await scheme(page, 'light');
  await page.getByTestId('language-switch').click();
  await page.getByTestId('language-de').click();
  await page.getByTestId('alert-row').first().click();
  await expect(detail.getByTestId('score-explanation')).toContainText('Risikobewertung');
  await shot(page, 'detection-alert-detail-de', false);
  app.expectNoConsoleErrors();
});

test('policies with health, the wizard, settings, and the users in scope', async ({ app }) => {
  const { page } = app;
  await scoredWorkstation(app);
  await signIn(page);

  await page.getByTestId('nav-policies').click();
  await expect(page.getByTestId('policy-card')).toHaveCount(4);
  const departing = page.getByTestId('policy-card').filter({ hasText: 'Departing staff' });
  await expect(departing.getByTestId('policy-in-scope')).not.toHaveText('0');
  await expect(page.getByTestId('scoring-status')).toHaveAttribute('data-running', 'false');
  await shot(page, 'detection-policies');

  // The wizard, from template to review, then cancelled.
  await page.getByTestId('policy-create').click();
  await page.getByTestId('template-data-leaks-risky-users').click();
  await shot(page, 'detection-policy-wizard', false);
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-policy-name').fill('Risky leavers');
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('scope-preview-counts')).toContainText('in scope now');
  await shot(page, 'detection-policy-wizard-scope', false);
  for (let step = 0; step < 5; step += 1) await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('policy-review')).toBeVisible();
  await shot(page, 'detection-policy-wizard-review', false);
  await page.getByTestId('wizard-save').click();
  await expect(page.getByTestId('policy-card')).toHaveCount(5);

  await page.getByTestId('policies-tab-settings').click();
  await expect(page.getByTestId('detection-settings')).toBeVisible();
  await shot(page, 'detection-settings');
  await page.getByTestId('settings-section-domains').click();
  await shot(page, 'detection-settings-domains');
  await page.getByTestId('settings-section-businessHours').click();
  await shot(page, 'detection-settings-hours', false);
  await scheme(page, 'dark');
  await page.getByTestId('settings-section-privacy').click();
  await shot(page, 'detection-settings-privacy-dark', false);
  await page.getByTestId('policies-tab-list').click();
  await shot(page, 'detection-policies-dark');
  await scheme(page, 'light');

  await page.getByTestId('nav-users').click();
  await expect(page.getByTestId('user-row').first()).toBeVisible();
  const firstRisk = await page.getByTestId('user-row').first().getAttribute('data-risk-level');
  expect(['High', 'Medium', 'Low']).toContain(firstRisk);
  await shot(page, 'detection-users');
  await page.getByTestId('user-row').first().click();
  await expect(page.getByTestId('user-policy').first()).toBeVisible();
  await shot(page, 'detection-user-detail', false);
  await page.keyboard.press('Escape');
  await scheme(page, 'dark');
  await shot(page, 'detection-users-dark');
  app.expectNoConsoleErrors();
});

test('priority and pilot groups: create one, add members by pseudonym, scope a policy to it, and add a person by hand', async ({ app }) => {
  const { page } = app;
  await scoredWorkstation(app);
  await signIn(page);

  await page.getByTestId('nav-policies').click();
  await page.getByTestId('policies-tab-groups').click();
  const empty = page.getByTestId('groups-empty');
  await expect(empty.getByTestId('empty-state-next-step')).toContainText('add people by pseudonym');
  await shot(page, 'groups-empty');

  // Create a pilot group with a first member found by searching pseudonyms.
  await empty.getByTestId('group-create').click();
  await page.getByTestId('group-name').fill('Finance pilot');
  await page.getByTestId('group-create-members-search').fill('Anon');
  const firstResult = page.getByTestId('group-create-members-result').first();
  await expect(firstResult).toContainText(/Anon[A-Z0-9]{3}-\d{3}/);
  const firstId = await firstResult.getAttribute('data-person-id');
  await firstResult.getByTestId('group-create-members-choose').click();
  await expect(page.getByTestId('group-create-members-chosen')).toContainText(/Anon[A-Z0-9]{3}-\d{3}/);
  await shot(page, 'groups-create', false);
  await page.getByTestId('group-create-submit').click();
  const card = page.getByTestId('group-card').filter({ hasText: 'Finance pilot' });
  await expect(card.getByTestId('group-members-count')).toHaveText('1 member · not used by any policy yet');

  // Open it and add a second member; the first is no longer offered.
  await card.getByTestId('group-open').click();
  const detail = page.getByTestId('group-detail');
  await expect(detail.getByTestId('group-member')).toHaveCount(1);
  await detail.getByTestId('group-add-members-search').fill('Anon');
  await expect(detail.getByTestId('group-add-members-result').first()).toBeVisible();
  await expect(detail.locator(`[data-testid="group-add-members-result"][data-person-id="${firstId}"]`)).toHaveCount(0);
  await detail.getByTestId('group-add-members-choose').first().click();
  await detail.getByTestId('group-add-submit').click();
  await expect(detail.getByTestId('group-member')).toHaveCount(2);
  await expect(detail.getByTestId('group-member').first()).toContainText(/Anon[A-Z0-9]{3}-\d{3}/);
  await shot(page, 'groups-detail', false);
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await expect(card.getByTestId('group-members-count')).toHaveText('2 members · not used by any policy yet');
  // The colour-scheme switch sits behind a modal's overlay: switch first, then reopen.
  await scheme(page, 'dark');
  await card.getByTestId('group-open').click();
  await expect(detail.getByTestId('group-member')).toHaveCount(2);
  await shot(page, 'groups-detail-dark', false);
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await scheme(page, 'light');

  // Use it: a policy scoped to the pilot group.
  await page.getByTestId('policies-tab-list').click();
  await page.getByTestId('policy-create').click();
  await page.getByTestId('template-data-leaks').click();
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-policy-name').fill('Pilot leaks');
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('scope-specific').click();
  await page.getByTestId('scope-pilot-group').click();
  await page.getByRole('option', { name: 'Finance pilot' }).click();
  await expect(page.getByTestId('scope-preview-counts')).toContainText('2 people in scope now');
  for (let step = 0; step < 5; step += 1) await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('policy-review')).toBeVisible();
  await page.getByTestId('wizard-save').click();
  await expect(page.getByTestId('policy-card').filter({ hasText: 'Pilot leaks' })).toHaveCount(1);
  await page.getByTestId('policies-tab-groups').click();
  await expect(card.getByTestId('group-members-count')).toHaveText('2 members · used by Pilot leaks');
  await shot(page, 'groups-list');
  await scheme(page, 'dark');
  await shot(page, 'groups-list-dark');
  await scheme(page, 'light');

  // A person added to a policy by hand for 10 days with a reason, then listed.
  await page.getByTestId('policies-tab-list').click();
  const departing = page.getByTestId('policy-card').filter({ hasText: 'Departing staff' });
  await departing.getByTestId('policy-manual').click();
  const manual = page.getByTestId('manual-additions');
  await expect(manual.getByTestId('manual-empty')).toBeVisible();
  await manual.getByTestId('manual-persons-search').fill('Anon');
  await manual.getByTestId('manual-persons-choose').first().click();
  await manual.getByTestId('manual-days').fill('10');
  await manual.getByTestId('manual-reason-input').fill('HR expects a resignation');
  await manual.getByTestId('manual-submit').click();
  await expect(manual.getByTestId('manual-row')).toHaveCount(1);
  await expect(manual.getByTestId('manual-until')).toContainText('10 days, until');
  await expect(manual.getByTestId('manual-reason')).toHaveText('HR expects a resignation');
  await shot(page, 'policy-manual', false);
  await page.keyboard.press('Escape');
  await expect(manual).toBeHidden();
  await expect(departing.getByTestId('policy-manual')).toHaveText('By hand (1)');
  await scheme(page, 'dark');
  await departing.getByTestId('policy-manual').click();
  await expect(manual.getByTestId('manual-row')).toHaveCount(1);
  await shot(page, 'policy-manual-dark', false);
  await page.keyboard.press('Escape');
  await scheme(page, 'light');
  app.expectNoConsoleErrors();
});
