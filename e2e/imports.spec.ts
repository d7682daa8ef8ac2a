/**
 * Imports through the UI (issue 4) against the real harness and backend: a small CSV is previewed
 * (format, column mapping, first rows), imported with progress, and listed in the history with its
 * counts; a file with a bad row fails with its file, line, field and reason and nothing kept, and a
 * retry that skips bad rows imports the rest with a rejects file. Screenshots, light and dark, are
 * kept under test-results/screens/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { E2E_PASSWORD, PROJECT_ROOT, expect, test, type App } from './fixtures';

const SCREENS = join(PROJECT_ROOT, 'test-results', 'screens');

/** A folder of import files for one test (removed afterwards). */
function sourceFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'irm-e2e-sources-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  return folder;
}

const ROSTER = [
  'employee_name,user_id,email,role,business_unit,functional_unit,department,team,supervisor,region,country,language,manager,title',
  'Rosa Stone,RST0001,rosa.stone@fabrikam.com,ITAdmin,1,Operations,IT,Infrastructure,,EMEA,Germany,de,,Head of IT',
  'Sam Tate,STA0002,sam.tate@fabrikam.com,Engineer,1,Operations,IT,Infrastructure,Rosa Stone,EMEA,Germany,de,,',
  '"Uma Vance, Jr.",UVA0003,uma.vance@fabrikam.com,Salesman,2,Sales,Sales,"Key accounts, North",,AMER,United States,en,rosa.stone@fabrikam.com,Account Executive',
  'Vic Wolfe,VWO0004,vic.wolfe@fabrikam.com,Contractor,2,Sales,Sales,Key accounts,Sam Tate,AMER,Canada,fr,,',
].join('\n');

const BAD_RESIGNATIONS = [
  'EmailAddress,ResignationDate,LastWorkingDate',
  'rosa.stone@fabrikam.com,2026-01-05,2026-01-30',
  'not-an-address,2026-01-06,2026-01-31',
  'sam.tate@fabrikam.com,2026-01-07,2026-02-27',
].join('\n');

/** Saves a screenshot under test-results/screens/, scrolled to the top so the fixed header sits where it belongs. */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage });
}

/** Waits for the readiness signal. */
async function ready(page: Page): Promise<void> {
  await expect(page.locator('body[data-app-ready="true"]')).toHaveCount(1);
}

/** `irm init`, sign in through the UI and open Imports. */
async function openImports(app: App): Promise<void> {
  await app.irmCli(['init', '--admin', 'admin']);
  await app.page.reload();
  await ready(app.page);
  await app.page.getByTestId('sign-in-name').fill('admin');
  await app.page.getByTestId('sign-in-password').fill(E2E_PASSWORD);
  await app.page.getByTestId('sign-in-submit').click();
  await app.page.getByTestId('nav-imports').click();
  await expect(app.page.getByTestId('page-imports')).toBeVisible();
  await expect(app.page.getByTestId('import-history')).toContainText('No imports yet');
}

/** Types a path, previews it, and returns the preview panel. */
async function preview(page: Page, path: string) {
  await page.getByTestId('import-path').fill(path);
  await page.getByTestId('import-preview-button').click();
  const panel = page.getByTestId('import-preview');
  await expect(panel).toBeVisible();
  return panel;
}

test('a small roster CSV: preview, import with progress, history row with counts (light and dark)', async ({ app }) => {
  const { page } = app;
  const folder = sourceFolder({ 'roster.csv': ROSTER });
  try {
    await openImports(app);
    await app.eventStreamOpen();
    await shot(page, 'imports-empty');

    const panel = await preview(page, join(folder, 'roster.csv'));
    const file = panel.getByTestId('preview-file');
    await expect(file).toHaveAttribute('data-format', 'directory');
    await expect(panel.getByTestId('preview-mapping')).toContainText('employee_name');
    await expect(panel.getByTestId('preview-sample')).toBeVisible();
    // Anonymization is on by default: the preview shows pseudonyms, not the names in the file.
    await expect(panel.getByTestId('preview-sample')).not.toContainText('rosa.stone@fabrikam.com');
    await expect(panel).toContainText('Nothing has been written yet');
    expect(await app.call('imports.list', {})).toMatchObject({ ok: true, value: { total: 0 } });
    await shot(page, 'imports-preview');

    await panel.getByTestId('import-start').click();
    const run = page.getByTestId('import-run');
    await expect(run).toBeVisible();
    const result = run.getByTestId('import-result');
    await expect(result).toBeVisible();
    await expect(result.getByTestId('import-result-counts')).toContainText('4 rows read, 4 accepted, 0 rejected, 4 persons');
    const row = page.getByTestId('import-row').first();
    await expect(row).toHaveAttribute('data-state', 'succeeded');
    await expect(row).toContainText('roster.csv');
    await expect(row).toContainText('Directory roster');
    await shot(page, 'imports');

    // The history row opens the import with its file, size and SHA-256.
    await row.click();
    const detail = page.getByTestId('import-detail');
    await expect(detail.getByTestId('import-file')).toContainText('roster.csv');
    await expect(detail.getByTestId('import-file')).toHaveAttribute('data-status', 'imported');
    await shot(page, 'imports-detail', false);
    await page.keyboard.press('Escape');

    // The same file again is recognised by its SHA-256 and skipped, never duplicated.
    await preview(page, join(folder, 'roster.csv'));
    await page.getByTestId('import-start').click();
    await expect(page.getByTestId('import-run').first().getByTestId('import-duplicates')).toContainText('1 file was skipped');

    await page.getByTestId('color-scheme-dark').click();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await shot(page, 'imports-dark');
    app.expectNoConsoleErrors();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a bad row stops the import with file, line, field and reason; a retry skipping bad rows imports the rest with rejects', async ({ app }) => {
  const { page } = app;
  const folder = sourceFolder({ 'roster.csv': ROSTER, 'hr/resignations.csv': BAD_RESIGNATIONS });
  try {
    await openImports(app);
    await app.eventStreamOpen();
    await app.irmCli(['import', join(folder, 'roster.csv'), '--user', 'admin']);

    const panel = await preview(page, join(folder, 'hr', 'resignations.csv'));
    await expect(panel.getByTestId('preview-file')).toHaveAttribute('data-format', 'hr');
    await panel.getByTestId('import-start').click();
    const failure = page.getByTestId('import-failure');
    await expect(failure).toBeVisible();
    await expect(failure).toContainText('nothing of it was kept');
    const problem = failure.getByTestId('import-problem');
    await expect(problem.getByRole('cell')).toHaveText(['resignations.csv', '3', 'EmailAddress', /not an e-mail address/]);
    await shot(page, 'imports-failed');
    await page.getByTestId('color-scheme-dark').click();
    await shot(page, 'imports-failed-dark');
    await page.getByTestId('color-scheme-light').click();

    await failure.getByTestId('import-retry-skip').click();
    const retried = page.getByTestId('import-run').first();
    await expect(retried.getByTestId('import-result-counts')).toContainText('3 rows read, 2 accepted, 1 rejected');
    await expect(retried.getByTestId('import-run-rejects')).toHaveText('Download 1 rejected row');
    const download = page.waitForEvent('download');
    await retried.getByTestId('import-run-rejects').click();
    expect((await download).suggestedFilename()).toMatch(/rejects.*\.csv$/);

    await expect(page.getByTestId('import-row').first()).toHaveAttribute('data-state', 'succeeded');
    await expect(page.getByTestId('import-row').nth(1)).toHaveAttribute('data-state', 'failed');
    app.expectNoConsoleErrors();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a file that is no known format cannot be started, and a missing path is a clear error', async ({ app }) => {
  const { page } = app;
  const folder = sourceFolder({ 'notes.csv': 'colour,flavour\nred,sweet\n' });
  try {
    await openImports(app);
    const panel = await preview(page, join(folder, 'notes.csv'));
    await expect(panel).toHaveAttribute('data-blocked', 'true');
    await expect(panel.getByTestId('preview-problems')).toContainText('notes.csv');
    await expect(panel.getByTestId('import-start')).toBeDisabled();

    await page.getByTestId('import-path').fill(join(folder, 'missing.csv'));
    await page.getByTestId('import-preview-button').click();
    await expect(page.getByTestId('error-alert')).toContainText('missing.csv');
    app.expectNoConsoleErrors();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
