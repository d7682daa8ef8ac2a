import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../testing/render';
import { INGEST_FIXTURES, STANDARD_ACCOUNTS, openWorkbench, type Workbench } from '../../testing/workbench';

// The workstation the backend browses and reads: a home folder of real files (the backend opens
// `imports.browse` in the home folder).
const HOME = mkdtempSync(join(tmpdir(), 'irm-imports-home-'));
const EXPORTS = join(HOME, 'exports');
const HR_FILE = join(EXPORTS, 'hr-resignations.csv');
const FAILING_FILE = join(HOME, 'failing', 'hr-resignations.csv');
const HISTORY = join(HOME, 'history');
// Big enough that the import is still reading when the test has seen its progress and cancelled it.
const LARGE_FILE = join(HOME, 'large', 'logon.csv');
const HR_HEADER = 'EmailAddress,ResignationDate,LastWorkingDate,Comment';

let previousHome: string | undefined;
beforeAll(() => {
  previousHome = process.env.HOME;
  process.env.HOME = HOME;
  mkdirSync(join(EXPORTS, 'cert'), { recursive: true });
  writeFileSync(
    HR_FILE,
    [HR_HEADER, 'ann.lee@contoso.com,2026-01-02T00:00:00Z,2026-01-30T00:00:00Z,', 'bob.ray@contoso.com,2026-01-03T00:00:00Z,2026-02-27T00:00:00Z,moving abroad', 'cy.doe@contoso.com,2026-01-04T00:00:00Z,2026-02-27T00:00:00Z,'].join('\n') + '\n',
  );
  copyFileSync(join(INGEST_FIXTURES, 'cert', 'r6', 'logon.csv'), join(EXPORTS, 'cert', 'logon.csv'));
  // A text file in no format the workbench reads (an Office document would be read as content).
  writeFileSync(join(EXPORTS, 'notes.txt.old'), 'hello world');
  // Line 7 has an impossible date.
  mkdirSync(join(HOME, 'failing'));
  const rows = Array.from({ length: 5 }, (_, index) => `person${index}@contoso.com,2026-01-0${index + 1}T00:00:00Z,2026-02-27T00:00:00Z,`);
  writeFileSync(FAILING_FILE, [HR_HEADER, ...rows, 'late@contoso.com,31/02/2026,2026-02-27T00:00:00Z,', 'last@contoso.com,2026-01-09T00:00:00Z,2026-02-27T00:00:00Z,'].join('\n') + '\n');
  mkdirSync(join(HOME, 'large'));
  const logons = Array.from({ length: 400_000 }, (_, index) => `{L${index}},01/${String(4 + (index % 20)).padStart(2, '0')}/2010 08:${String(index % 60).padStart(2, '0')}:00,ACM${2000 + (index % 500)},PC-${1000 + (index % 300)},${index % 2 ? 'Logoff' : 'Logon'}`);
  writeFileSync(LARGE_FILE, ['id,date,user,pc,activity', ...logons].join('\n') + '\n');
  mkdirSync(HISTORY);
  copyFileSync(join(INGEST_FIXTURES, 'hr', 'resignation_utf8_bom.csv'), join(HISTORY, 'hr-1.csv'));
  copyFileSync(join(INGEST_FIXTURES, 'hr', 'bad_rows.csv'), join(HISTORY, 'hr-2.csv'));
});
afterAll(() => {
  process.env.HOME = previousHome;
  rmSync(HOME, { recursive: true, force: true });
});

// Each test starts with an empty import history.
let workbench: Workbench;
beforeEach(async () => {
  workbench = await openWorkbench({ accounts: [STANDARD_ACCOUNTS[0]!] });
});
afterEach(() => {
  workbench.close();
  vi.restoreAllMocks();
});

describe('ImportsPage', () => {
  it('previews a typed path (format, column mapping, first rows) before anything is written, then imports with progress and shows the history row', async () => {
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/imports' });
    await screen.findByTestId('import-history');
    // Nothing imported yet: the history says what to do, and the demo organisation is offered.
    expect(await screen.findByText(/No imports yet/)).toBeTruthy();
    expect(screen.getByTestId('demo-card')).toBeTruthy();

    fireEvent.change(screen.getByTestId('import-path'), { target: { value: HR_FILE } });
    fireEvent.click(screen.getByTestId('import-preview-button'));
    const preview = await screen.findByTestId('import-preview');
    expect(transport.callsOf('imports.preview')[0]!.input).toEqual({ paths: [HR_FILE] });
    expect(transport.callsOf('imports.start')).toEqual([]);
    expect(within(preview).getAllByText('HR records').length).toBeGreaterThan(0);
    const mapping = within(preview).getByTestId('preview-mapping');
    expect(within(mapping).getByText('ResignationDate')).toBeTruthy();
    expect(within(mapping).getByText('HR event time')).toBeTruthy();
    expect(within(mapping).getByText('kept as attribute')).toBeTruthy();
    expect(within(within(preview).getByTestId('preview-sample')).getByText('moving abroad')).toBeTruthy();
    expect(within(preview).getByText(/Nothing has been written yet/)).toBeTruthy();

    fireEvent.click(within(preview).getByTestId('import-start'));
    const run = await screen.findByTestId('import-run');
    expect(transport.callsOf('imports.start')[0]!.input).toEqual({ paths: [HR_FILE], onError: 'stop', reimport: false, utcOffsetMinutes: 0 });
    expect(screen.queryByTestId('import-preview')).toBeNull();

    // The job's events end the run: the card shows the backend's counts.
    const result = await within(run).findByTestId('import-result');
    expect(within(result).getByTestId('import-result-counts').textContent).toMatch(/^3 rows read, 3 accepted, 0 rejected, 3 persons, in [\d.]+ s\.$/);
    expect(within(result).queryByTestId('import-run-rejects')).toBeNull();

    const row = await waitFor(() => {
      const found = screen.getAllByTestId('import-row').find((candidate) => candidate.dataset.importId === '1');
      expect(found?.dataset.state).toBe('succeeded');
      return found!;
    });
    expect(within(row).getByText('hr-resignations.csv')).toBeTruthy();
    expect(within(row).getAllByText('3').length).toBeGreaterThan(0);
  });

  it('shows a running import’s phase and progress from the job’s events and cancels it, keeping nothing', async () => {
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/imports' });
    fireEvent.change(await screen.findByTestId('import-path'), { target: { value: LARGE_FILE } });
    fireEvent.click(screen.getByTestId('import-preview-button'));
    fireEvent.click(await screen.findByTestId('import-start'));
    const run = await screen.findByTestId('import-run');
    const line = await within(run).findByTestId('import-progress-line', {}, { timeout: 10_000 });
    await waitFor(() => expect(line.textContent).toMatch(/^Reading rows · [\d.,]+ [kM]?B of [\d.,]+ MB/));
    expect(Number(within(run).getByTestId('import-progress').dataset.percent)).toBeLessThan(100);
    fireEvent.click(within(run).getByTestId('import-cancel'));
    await waitFor(() => expect(transport.callsOf('imports.cancel')[0]!.input).toEqual({ id: 1 }));
    const failure = await within(run).findByTestId('import-failure', {}, { timeout: 10_000 });
    expect(within(failure).getByText('The import was cancelled and nothing of it was kept')).toBeTruthy();
    expect((await (await workbench.admin()).value('imports.get', { id: 1 })).state).toBe('cancelled');
  });

  it('blocks Start when a file cannot be read and says why', async () => {
    await renderApp(workbench, { as: 'admin', path: '/imports' });
    fireEvent.change(await screen.findByTestId('import-path'), { target: { value: EXPORTS } });
    fireEvent.click(screen.getByTestId('import-preview-button'));
    const preview = await screen.findByTestId('import-preview');
    expect(preview.dataset.blocked).toBe('true');
    expect(within(preview).getAllByTestId('preview-file')).toHaveLength(3);
    expect(within(preview).getByTestId('preview-problems').textContent).toContain('notes.txt.old: unknown format');
    // Columns the importer does not read say so (the CERT logon's event id).
    const logon = within(preview).getAllByTestId('preview-file').find((file) => file.dataset.format === 'cert')!;
    fireEvent.click(within(logon).getByRole('button', { name: /cert\/logon\.csv/ }));
    expect(within(await within(logon).findByTestId('preview-mapping')).getByText('not used')).toBeTruthy();
    expect((within(preview).getByTestId('import-start') as HTMLButtonElement).disabled).toBe(true);
    // A path that does not exist is the backend's clear error, not a crash.
    fireEvent.change(screen.getByTestId('import-path'), { target: { value: '/nowhere/file.csv' } });
    fireEvent.click(screen.getByTestId('import-preview-button'));
    expect((await screen.findByTestId('error-alert')).textContent).toContain('/nowhere/file.csv does not exist');
    expect(screen.queryByTestId('import-preview')).toBeNull();
  });

  it('shows the file, line, field and reason of a failed import and retries it skipping bad rows', async () => {
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/imports' });
    fireEvent.change(await screen.findByTestId('import-path'), { target: { value: FAILING_FILE } });
    fireEvent.click(screen.getByTestId('import-preview-button'));
    fireEvent.click(await screen.findByTestId('import-start'));
    const run = await screen.findByTestId('import-run');
    const failure = await within(run).findByTestId('import-failure');
    expect(within(failure).getByText('The import failed and nothing of it was kept')).toBeTruthy();
    const problem = within(failure).getByTestId('import-problem');
    const [reported] = (await (await workbench.admin()).value('imports.get', { id: 1 })).problems;
    expect(reported).toMatchObject({ file: 'hr-resignations.csv', line: 7, field: 'ResignationDate' });
    expect(within(problem).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['hr-resignations.csv', '7', 'ResignationDate', reported!.reason]);

    fireEvent.click(within(failure).getByTestId('import-retry-skip'));
    await waitFor(() => expect(transport.callsOf('imports.retry')[0]!.input).toEqual({ id: 1, onError: 'skip' }));
    await waitFor(() => expect(screen.getAllByTestId('import-run').map((card) => card.dataset.importId)).toEqual(['2', '1']));
  });

  it('says honestly that a dropped file has no path in this window', async () => {
    await renderApp(workbench, { as: 'admin', path: '/imports' });
    const zone = await screen.findByTestId('import-dropzone');
    fireEvent.dragOver(zone, { dataTransfer: { files: [], dropEffect: 'none' } });
    expect(zone.dataset.dragState).toBe('over');
    fireEvent.drop(zone, { dataTransfer: { files: [new File(['a,b'], 'roster.csv', { type: 'text/csv' })] } });
    expect((await screen.findByTestId('import-drop-unsupported')).textContent).toContain('roster.csv');
    expect(zone.dataset.dragState).toBe('unsupported');
    expect(screen.queryByTestId('import-chosen-path')).toBeNull();
  });

  it('adds a dropped file whose path the window knows', async () => {
    await renderApp(workbench, { as: 'admin', path: '/imports' });
    const zone = await screen.findByTestId('import-dropzone');
    const file = Object.assign(new File(['a,b'], 'hr-resignations.csv'), { path: HR_FILE });
    fireEvent.drop(zone, { dataTransfer: { files: [file] } });
    expect((await screen.findByTestId('import-chosen-path')).textContent).toBe(HR_FILE);
  });

  it('browses the workstation’s folders and adds the chosen file', async () => {
    await renderApp(workbench, { as: 'admin', path: '/imports' });
    fireEvent.click(await screen.findByTestId('import-browse'));
    const browser = await screen.findByTestId('path-browser');
    await waitFor(() => expect(within(browser).getByTestId('path-browser-current').textContent).toBe(HOME));
    fireEvent.click(await within(browser).findByText('exports'));
    await waitFor(() => expect(within(browser).getAllByTestId('path-browser-entry').map((entry) => entry.dataset.kind)).toEqual(['folder', 'file', 'file']));
    expect(within(browser).getByTestId('path-browser-current').textContent).toBe(EXPORTS);
    fireEvent.click(within(browser).getByText('hr-resignations.csv'));
    fireEvent.click(within(browser).getByTestId('path-browser-add'));
    expect((await screen.findByTestId('import-chosen-path')).textContent).toBe(HR_FILE);
    await waitFor(() => expect(screen.queryByTestId('path-browser-add')).toBeNull());
  });

  it('opens an import from the history with its files and SHA-256, downloads its rejects and re-imports it', async () => {
    // The history: a clean import, then one that skipped its bad rows.
    const admin = await workbench.admin();
    const finished = async (importId: number) =>
      waitFor(async () => expect((await admin.value('imports.get', { id: importId })).state).not.toBe('running'), { timeout: 10_000 });
    await finished((await admin.value('imports.start', { paths: [join(HISTORY, 'hr-1.csv')] })).importId);
    await finished((await admin.value('imports.start', { paths: [join(HISTORY, 'hr-2.csv')], onError: 'skip' })).importId);
    expect((await admin.value('imports.get', { id: 2 })).hasRejects).toBe(true);

    const created: Blob[] = [];
    Object.assign(URL, { createObjectURL: vi.fn((blob: Blob) => (created.push(blob), 'blob:rejects')), revokeObjectURL: vi.fn() });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/imports' });
    await waitFor(() => expect(screen.getAllByTestId('import-row').map((row) => row.dataset.importId)).toEqual(['2', '1']));
    expect(screen.queryByTestId('demo-card')).toBeNull();

    fireEvent.click(within(screen.getAllByTestId('import-row')[0]!).getByTestId('import-row-rejects'));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(await created[0]!.text()).toContain('hr-2.csv,3,');

    fireEvent.click(within(screen.getAllByTestId('import-row')[1]!).getByText('hr-1.csv'));
    const drawer = await screen.findByTestId('import-detail');
    const file = await within(drawer).findByTestId('import-file');
    expect(within(file).getByText('hr-1.csv')).toBeTruthy();
    const sha256 = createHash('sha256').update(readFileSync(join(HISTORY, 'hr-1.csv'))).digest('hex');
    expect(within(file).getByText(new RegExp(`^${sha256.slice(0, 8)}`))).toBeTruthy();
    fireEvent.click(within(drawer).getByTestId('import-detail-reimport'));
    await waitFor(() => expect(transport.callsOf('imports.retry')[0]!.input).toEqual({ id: 1, reimport: true }));
    expect((await screen.findByTestId('import-run')).dataset.importId).toBe('3');
  });
});
