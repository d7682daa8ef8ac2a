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
import { expect, saveScreen, test, type App } from './fixtures';
import type { AppShell, AuthScreens, ImportsPage } from './pages';

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

/** Saves a review screenshot, scrolled to the top so the fixed header sits where it belongs. */
function shot(page: Page, name: string, fullPage = true): Promise<void> {
  return saveScreen(page, name, { fullPage, scrollToTop: true });
}

/** `irm init`, sign in through the UI and open Imports (still empty). */
async function openImports(app: App, shell: AppShell, auth: AuthScreens, imports: ImportsPage): Promise<void> {
  await app.irmCli(['init', '--admin', 'admin']);
  await shell.reload();
  await auth.signIn('admin');
  await imports.open();
  await expect(imports.history).toContainText('No imports yet');
}

test('a small roster CSV: preview, import with progress, history row with counts (light and dark)', async ({ app, shell, auth, imports }) => {
  const { page } = app;
  const folder = sourceFolder({ 'roster.csv': ROSTER });
  try {
    await openImports(app, shell, auth, imports);
    await app.eventStreamOpen();
    await shot(page, 'imports-empty');

    const preview = await imports.previewPath(join(folder, 'roster.csv'));
    await expect(preview.file).toHaveAttribute('data-format', 'directory');
    await expect(preview.mapping).toContainText('employee_name');
    await expect(preview.sample).toBeVisible();
    // Anonymization is on by default: the preview shows pseudonyms, not the names in the file.
    await expect(preview.sample).not.toContainText('rosa.stone@fabrikam.com');
    await expect(preview.root).toContainText('Nothing has been written yet');
    expect(await app.call('imports.list', {})).toMatchObject({ ok: true, value: { total: 0 } });
    await shot(page, 'imports-preview');

    await preview.start();
    await expect(imports.runs).toBeVisible();
    const run = imports.run;
    await expect(run.result).toBeVisible();
    await expect(run.resultCounts).toContainText('4 rows read, 4 accepted, 0 rejected, 4 persons');
    const row = imports.historyRows.first();
    await expect(row).toHaveAttribute('data-state', 'succeeded');
    await expect(row).toContainText('roster.csv');
    await expect(row).toContainText('Directory roster');
    await shot(page, 'imports');

    // The history row opens the import with its file, size and SHA-256.
    await imports.openImport(row);
    await expect(imports.detailFiles).toContainText('roster.csv');
    await expect(imports.detailFiles).toHaveAttribute('data-status', 'imported');
    await shot(page, 'imports-detail', false);
    await imports.closeImport();

    // The same file again is recognised by its SHA-256 and skipped, never duplicated.
    await imports.previewPath(join(folder, 'roster.csv'));
    await imports.preview.start();
    await expect(imports.run.duplicates).toContainText('1 file was skipped');

    await shell.chooseScheme('dark');
    await expect(shell.document).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await shot(page, 'imports-dark');
    app.expectNoConsoleErrors();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a bad row stops the import with file, line, field and reason; a retry skipping bad rows imports the rest with rejects', async ({ app, shell, auth, imports }) => {
  const { page } = app;
  const folder = sourceFolder({ 'roster.csv': ROSTER, 'hr/resignations.csv': BAD_RESIGNATIONS });
  try {
    await openImports(app, shell, auth, imports);
    await app.eventStreamOpen();
    await app.irmCli(['import', join(folder, 'roster.csv'), '--user', 'admin']);

    const preview = await imports.previewPath(join(folder, 'hr', 'resignations.csv'));
    await expect(preview.file).toHaveAttribute('data-format', 'hr');
    await preview.start();
    const { failure } = imports;
    await expect(failure.root).toBeVisible();
    await expect(failure.root).toContainText('nothing of it was kept');
    await expect(failure.problem.getByRole('cell')).toHaveText(['resignations.csv', '3', 'EmailAddress', /not an e-mail address/]);
    await shot(page, 'imports-failed');
    await shell.chooseScheme('dark');
    await shot(page, 'imports-failed-dark');
    await shell.chooseScheme('light');

    await failure.retrySkippingBadRows();
    const retried = imports.run;
    await expect(retried.resultCounts).toContainText('3 rows read, 2 accepted, 1 rejected');
    await expect(retried.rejectsLink).toHaveText('Download 1 rejected row');
    const download = await retried.downloadRejects();
    expect(download.suggestedFilename()).toMatch(/rejects.*\.csv$/);

    await expect(imports.historyRows.first()).toHaveAttribute('data-state', 'succeeded');
    await expect(imports.historyRows.nth(1)).toHaveAttribute('data-state', 'failed');
    app.expectNoConsoleErrors();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a file that is no known format cannot be started, and a missing path is a clear error', async ({ app, shell, auth, imports }) => {
  const folder = sourceFolder({ 'notes.csv': 'colour,flavour\nred,sweet\n' });
  try {
    await openImports(app, shell, auth, imports);
    const preview = await imports.previewPath(join(folder, 'notes.csv'));
    await expect(preview.root).toHaveAttribute('data-blocked', 'true');
    await expect(preview.problems).toContainText('notes.csv');
    await expect(preview.startButton).toBeDisabled();

    await imports.requestPreview(join(folder, 'missing.csv'));
    await expect(shell.errorAlert).toContainText('missing.csv');
    app.expectNoConsoleErrors();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
