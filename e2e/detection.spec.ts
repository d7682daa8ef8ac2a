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
import { expect, saveScreen, test, type App } from './fixtures';

/** Saves a review screenshot, scrolled to the top. */
function shot(page: Page, name: string, fullPage = true): Promise<void> {
  return saveScreen(page, name, { fullPage, scrollToTop: true });
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

test.describe.configure({ timeout: 240_000 });

test('alerts appear in the queue, the detail explains the score, and bulk dismiss works', async ({ app, shell, auth, alerts }) => {
  const { page } = app;
  const { alerts: listed } = await scoredWorkstation(app);
  const open = listed.filter((alert) => alert.status === 'NeedsReview');
  expect(open.length, 'the simulated organisation raises alerts').toBeGreaterThanOrEqual(3);
  await shell.reload();
  await auth.signIn('admin');

  await alerts.open();
  await expect(alerts.rows).toHaveCount(open.length);
  await expect(alerts.count).toHaveText(`${open.length} of ${open.length} alert${open.length === 1 ? '' : 's'}`);
  await expect(alerts.needsReviewWidget).toHaveText(String(open.length));
  // Anonymization is on by default: people show as pseudonyms.
  await expect(alerts.rows.first()).toContainText(/Anon[A-Z0-9]{3}-\d{3}/);
  await shot(page, 'detection-alerts');
  await alerts.showShortcuts();
  await expect(alerts.shortcutsHelp).toBeVisible();
  await shot(page, 'detection-alerts-shortcuts', false);
  await shell.pressEscape();

  // The detail: person, trigger with its source line, and the explanation insight by insight.
  const detail = await alerts.openAlert();
  await expect(detail.personName).toHaveText(/Anon[A-Z0-9]{3}-\d{3}/);
  await expect(detail.explanation).toBeVisible();
  await expect(detail.firstInsightDay).toHaveAttribute('data-top', 'true');
  await expect(detail.firstInsightThreshold).toContainText('threshold');
  await expect(detail.firstInsightResult).toContainText('points');
  await shot(page, 'detection-alert-detail', false);

  await detail.showActivities();
  const activity = detail.activityRows.first();
  await expect(activity).toBeVisible();
  await expect(detail.activitySource(activity)).toHaveText(/^[\w./-]+\.(csv|json):\d+$/);
  await shot(page, 'detection-alert-explorer', false);
  await detail.showChart();
  await expect(detail.chartSummary).toContainText('events in the period');
  await expect(detail.chart).toBeVisible();
  await shot(page, 'detection-alert-chart', false);
  await detail.close();
  await expect(detail.root).toBeHidden();

  // Bulk dismiss from the keyboard: select two alerts, one confirmation naming the count.
  await alerts.focusQueue();
  const first = await alerts.alertIdAt(0);
  const second = await alerts.alertIdAt(1);
  await alerts.selectWithKeyboard(2);
  await expect(alerts.selectionCount).toHaveText('2 alerts selected');
  await shot(page, 'detection-alerts-selected', false);
  const modal = await alerts.dismissSelectedWithKeyboard();
  await expect(modal.dialog('Dismiss 2 alerts')).toBeVisible();
  await modal.chooseReason('Activity is expected for this user');
  await modal.fillNote('Known migration project');
  await shot(page, 'detection-dismiss', false);
  await modal.confirm();
  await expect(alerts.rows).toHaveCount(open.length - 2);
  await expect(alerts.row(first)).toHaveCount(0);

  const dismissed = (await app.irmCli(['alerts', '--json', '--status', 'Dismissed', '--user', 'admin'])).json<CliAlert[] | { alerts: CliAlert[] }>();
  const dismissedIds = (Array.isArray(dismissed) ? dismissed : dismissed.alerts).map((alert) => alert.id).sort((a, b) => a - b);
  expect(dismissedIds).toEqual([first, second].sort((a, b) => a - b));

  await shell.chooseScheme('dark');
  await shot(page, 'detection-alerts-dark');
  await alerts.openAlert();
  await expect(detail.explanation).toBeVisible();
  await shot(page, 'detection-alert-detail-dark', false);
  await detail.showChart();
  await expect(detail.chart).toBeVisible();
  await shot(page, 'detection-alert-chart-dark', false);
  await detail.close();
  await shell.chooseScheme('light');
  await shell.chooseLanguage('de');
  await alerts.openAlert();
  await expect(detail.explanation).toContainText('Risikobewertung');
  await shot(page, 'detection-alert-detail-de', false);
  app.expectNoConsoleErrors();
});

test('policies with health, the wizard, settings, and the users in scope', async ({ app, shell, auth, policies, users }) => {
  const { page } = app;
  await scoredWorkstation(app);
  await shell.reload();
  await auth.signIn('admin');

  await policies.open();
  await expect(policies.cards).toHaveCount(4);
  const departing = policies.card('Departing staff');
  await expect(policies.inScope(departing)).not.toHaveText('0');
  await expect(policies.scoringStatus).toHaveAttribute('data-running', 'false');
  await shot(page, 'detection-policies');

  // The wizard, from template to review, then saved.
  const wizard = await policies.createPolicy();
  await wizard.chooseTemplate('data-leaks-risky-users');
  await shot(page, 'detection-policy-wizard', false);
  await wizard.nameIt('Risky leavers');
  await expect(wizard.scopePreviewCounts).toContainText('in scope now');
  await shot(page, 'detection-policy-wizard-scope', false);
  await wizard.skipToReview();
  await expect(wizard.review).toBeVisible();
  await shot(page, 'detection-policy-wizard-review', false);
  await wizard.save();
  await expect(policies.cards).toHaveCount(5);

  await policies.showSettings();
  await expect(policies.detectionSettings).toBeVisible();
  await shot(page, 'detection-settings');
  await policies.showSettingsSection('domains');
  await shot(page, 'detection-settings-domains');
  await policies.showSettingsSection('businessHours');
  await shot(page, 'detection-settings-hours', false);
  await shell.chooseScheme('dark');
  await policies.showSettingsSection('privacy');
  await shot(page, 'detection-settings-privacy-dark', false);
  await policies.showList();
  await shot(page, 'detection-policies-dark');
  await shell.chooseScheme('light');

  await users.open();
  await expect(users.rows.first()).toBeVisible();
  const firstRisk = await users.riskLevelAt(0);
  expect(['High', 'Medium', 'Low']).toContain(firstRisk);
  await shot(page, 'detection-users');
  await users.openUser();
  await expect(users.detailPolicies.first()).toBeVisible();
  await shot(page, 'detection-user-detail', false);
  await users.closeUser();
  await shell.chooseScheme('dark');
  await shot(page, 'detection-users-dark');
  app.expectNoConsoleErrors();
});

test('priority and pilot groups: create one, add members by pseudonym, scope a policy to it, and add a person by hand', async ({ app, shell, auth, policies }) => {
  const { page } = app;
  await scoredWorkstation(app);
  await shell.reload();
  await auth.signIn('admin');

  await policies.open();
  await policies.showGroups();
  await expect(policies.groupsEmptyNextStep).toContainText('add people by pseudonym');
  await shot(page, 'groups-empty');

  // Create a pilot group with a first member found by searching pseudonyms.
  const form = await policies.createFirstGroup();
  await form.name.fill('Finance pilot');
  await form.searchMembers('Anon');
  const firstResult = form.memberResults.first();
  await expect(firstResult).toContainText(/Anon[A-Z0-9]{3}-\d{3}/);
  const firstId = await firstResult.getAttribute('data-person-id');
  await form.choose(firstResult);
  await expect(form.chosenMembers).toContainText(/Anon[A-Z0-9]{3}-\d{3}/);
  await shot(page, 'groups-create', false);
  await form.submit();
  const card = policies.groupCard('Finance pilot');
  await expect(policies.groupMembersCount(card)).toHaveText('1 member · not used by any policy yet');

  // Open it and add a second member; the first is no longer offered.
  const detail = await policies.openGroup(card);
  await expect(detail.members).toHaveCount(1);
  await detail.searchMembers('Anon');
  await expect(detail.addResults.first()).toBeVisible();
  await expect(detail.addResult(firstId)).toHaveCount(0);
  await detail.addFirstResult();
  await expect(detail.members).toHaveCount(2);
  await expect(detail.members.first()).toContainText(/Anon[A-Z0-9]{3}-\d{3}/);
  await shot(page, 'groups-detail', false);
  await detail.close();
  await expect(detail.root).toBeHidden();
  await expect(policies.groupMembersCount(card)).toHaveText('2 members · not used by any policy yet');
  // The colour-scheme switch sits behind a modal's overlay: switch first, then reopen.
  await shell.chooseScheme('dark');
  await policies.openGroup(card);
  await expect(detail.members).toHaveCount(2);
  await shot(page, 'groups-detail-dark', false);
  await detail.close();
  await expect(detail.root).toBeHidden();
  await shell.chooseScheme('light');

  // Use it: a policy scoped to the pilot group.
  await policies.showList();
  const wizard = await policies.createPolicy();
  await wizard.chooseTemplate('data-leaks');
  await wizard.nameIt('Pilot leaks');
  await wizard.scopeToPilotGroup('Finance pilot');
  await expect(wizard.scopePreviewCounts).toContainText('2 people in scope now');
  await wizard.skipToReview();
  await expect(wizard.review).toBeVisible();
  await wizard.save();
  await expect(policies.card('Pilot leaks')).toHaveCount(1);
  await policies.showGroups();
  await expect(policies.groupMembersCount(card)).toHaveText('2 members · used by Pilot leaks');
  await shot(page, 'groups-list');
  await shell.chooseScheme('dark');
  await shot(page, 'groups-list-dark');
  await shell.chooseScheme('light');

  // A person added to a policy by hand for 10 days with a reason, then listed.
  await policies.showList();
  const departing = policies.card('Departing staff');
  const manual = await policies.openManualAdditions(departing);
  await expect(manual.empty).toBeVisible();
  await manual.addPerson('Anon', 10, 'HR expects a resignation');
  await expect(manual.rows).toHaveCount(1);
  await expect(manual.until).toContainText('10 days, until');
  await expect(manual.reason).toHaveText('HR expects a resignation');
  await shot(page, 'policy-manual', false);
  await manual.close();
  await expect(manual.root).toBeHidden();
  await expect(policies.manualButton(departing)).toHaveText('By hand (1)');
  await shell.chooseScheme('dark');
  await policies.openManualAdditions(departing);
  await expect(manual.rows).toHaveCount(1);
  await shot(page, 'policy-manual-dark', false);
  await manual.close();
  await shell.chooseScheme('light');
  app.expectNoConsoleErrors();
});
