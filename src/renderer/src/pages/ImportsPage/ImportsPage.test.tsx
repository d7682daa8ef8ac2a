import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeBackend } from '../../testing/fakeApi';
import { FAKE_HOME, sampleFilePreview, sampleImport } from '../../testing/fakeWorld';
import { renderApp, signedInAs } from '../../testing/render';

const HR_FILE = `${FAKE_HOME}/exports/hr-resignations.csv`;
const BAD_FILE = `${FAKE_HOME}/exports/notes.docx`;

function backendWithFiles(extra: Parameters<typeof createFakeBackend>[0] = {}) {
  return createFakeBackend(
    signedInAs('admin', {
      world: {
        files: [
          sampleFilePreview(HR_FILE),
          sampleFilePreview(`${FAKE_HOME}/exports/cert/logon.csv`, { format: 'cert', layout: 'cert.logon.r6', description: 'CERT logon events' }),
          sampleFilePreview(BAD_FILE, { format: null, layout: null, description: 'Unknown format', columns: [], sample: { header: [], rows: [] }, problem: 'not a format the workbench reads' }),
        ],
      },
      ...extra,
    }),
  );
}

afterEach(() => vi.restoreAllMocks());

describe('ImportsPage', () => {
  it('previews a typed path (format, column mapping, first rows) before anything is written, then imports with progress and shows the history row', async () => {
    const backend = backendWithFiles();
    renderApp({ backend, path: '/imports' });
    await screen.findByTestId('import-history');
    // Nothing imported yet: the history says what to do, and the demo organisation is offered.
    expect(await screen.findByText(/No imports yet/)).toBeTruthy();
    expect(screen.getByTestId('demo-card')).toBeTruthy();

    fireEvent.change(screen.getByTestId('import-path'), { target: { value: HR_FILE } });
    fireEvent.click(screen.getByTestId('import-preview-button'));
    const preview = await screen.findByTestId('import-preview');
    expect(backend.callsOf('imports.preview')[0]!.input).toEqual({ paths: [HR_FILE] });
    expect(backend.callsOf('imports.start')).toEqual([]);
    expect(within(preview).getAllByText('HR records').length).toBeGreaterThan(0);
    const mapping = within(preview).getByTestId('preview-mapping');
    expect(within(mapping).getByText('ResignationDate')).toBeTruthy();
    expect(within(mapping).getByText('resignation date')).toBeTruthy();
    expect(within(mapping).getByText('not used')).toBeTruthy();
    expect(within(within(preview).getByTestId('preview-sample')).getByText('AnonCD5-678')).toBeTruthy();
    expect(within(preview).getByText(/Nothing has been written yet/)).toBeTruthy();

    fireEvent.click(within(preview).getByTestId('import-start'));
    const run = await screen.findByTestId('import-run');
    expect(backend.callsOf('imports.start')[0]!.input).toEqual({ paths: [HR_FILE], onError: 'stop', reimport: false, utcOffsetMinutes: 0 });
    expect(screen.queryByTestId('import-preview')).toBeNull();

    act(() =>
      backend.emit('job.progress', { jobId: 'import-job-1', kind: 'import', done: 1_000, total: 4_000, phase: 'reading', state: 'running', message: 'hr-resignations.csv: 40 rows' }),
    );
    await waitFor(() => expect(within(run).getByTestId('import-progress').dataset.percent).toBe('25'));
    expect(within(run).getByTestId('import-progress-line').textContent).toBe('Reading rows · 1 kB of 4 kB · hr-resignations.csv: 40 rows');
    fireEvent.click(within(run).getByTestId('import-cancel'));
    await waitFor(() => expect(backend.callsOf('imports.cancel')[0]!.input).toEqual({ id: 1 }));

    backend.world.finishImport(1, { state: 'succeeded', rows: 120, accepted: 118, rejected: 2, persons: 117, rejects: { fileName: 'import-1-rejects.csv', csv: 'file,line\n' } });
    act(() => backend.emit('job.progress', { jobId: 'import-job-1', kind: 'import', done: 4_000, total: 4_000, phase: 'done', state: 'succeeded', message: '118 rows imported' }));
    const result = await within(run).findByTestId('import-result');
    expect(within(result).getByTestId('import-result-counts').textContent).toBe('120 rows read, 118 accepted, 2 rejected, 117 persons, in 3 s.');
    expect(within(result).getByTestId('import-run-rejects').textContent).toBe('Download 2 rejected rows');

    const row = await waitFor(() => {
      const found = screen.getAllByTestId('import-row').find((candidate) => candidate.dataset.importId === '1');
      expect(found?.dataset.state).toBe('succeeded');
      return found!;
    });
    expect(within(row).getByText('hr-resignations.csv')).toBeTruthy();
    expect(within(row).getByText('118')).toBeTruthy();
    expect(within(row).getByText('117')).toBeTruthy();
  });

  it('blocks Start when a file cannot be read and says why', async () => {
    const backend = backendWithFiles();
    renderApp({ backend, path: '/imports' });
    fireEvent.change(await screen.findByTestId('import-path'), { target: { value: `${FAKE_HOME}/exports` } });
    fireEvent.click(screen.getByTestId('import-preview-button'));
    const preview = await screen.findByTestId('import-preview');
    expect(preview.dataset.blocked).toBe('true');
    expect(within(preview).getAllByTestId('preview-file')).toHaveLength(3);
    expect(within(preview).getByTestId('preview-problems').textContent).toContain('notes.docx: not a format the workbench reads');
    expect((within(preview).getByTestId('import-start') as HTMLButtonElement).disabled).toBe(true);
    // A path that does not exist is the backend's clear error, not a crash.
    fireEvent.change(screen.getByTestId('import-path'), { target: { value: '/nowhere/file.csv' } });
    fireEvent.click(screen.getByTestId('import-preview-button'));
    expect((await screen.findByTestId('error-alert')).textContent).toContain('/nowhere/file.csv does not exist');
    expect(screen.queryByTestId('import-preview')).toBeNull();
  });

  it('shows the file, line, field and reason of a failed import and retries it skipping bad rows', async () => {
    const backend = backendWithFiles();
    renderApp({ backend, path: '/imports' });
    fireEvent.change(await screen.findByTestId('import-path'), { target: { value: HR_FILE } });
    fireEvent.click(screen.getByTestId('import-preview-button'));
    fireEvent.click(await screen.findByTestId('import-start'));
    const run = await screen.findByTestId('import-run');
    backend.world.finishImport(1, {
      state: 'failed',
      rows: 7,
      error: 'hr-resignations.csv line 7, ResignationDate: not a date: "31/02/2026"',
      problems: [{ severity: 'error', file: 'hr-resignations.csv', line: 7, field: 'ResignationDate', reason: 'not a date: "31/02/2026"' }],
    });
    act(() => backend.emit('job.progress', { jobId: 'import-job-1', kind: 'import', done: 7, total: null, phase: 'done', state: 'failed', message: 'stopped' }));
    const failure = await within(run).findByTestId('import-failure');
    expect(within(failure).getByText('The import failed and nothing of it was kept')).toBeTruthy();
    const problem = within(failure).getByTestId('import-problem');
    expect(within(problem).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['hr-resignations.csv', '7', 'ResignationDate', 'not a date: "31/02/2026"']);

    fireEvent.click(within(failure).getByTestId('import-retry-skip'));
    await waitFor(() => expect(backend.callsOf('imports.retry')[0]!.input).toEqual({ id: 1, onError: 'skip' }));
    await waitFor(() => expect(screen.getAllByTestId('import-run').map((card) => card.dataset.importId)).toEqual(['2', '1']));
  });

  it('says honestly that a dropped file has no path in this window', async () => {
    renderApp({ backend: backendWithFiles(), path: '/imports' });
    const zone = await screen.findByTestId('import-dropzone');
    fireEvent.dragOver(zone, { dataTransfer: { files: [], dropEffect: 'none' } });
    expect(zone.dataset.dragState).toBe('over');
    fireEvent.drop(zone, { dataTransfer: { files: [new File(['a,b'], 'roster.csv', { type: 'text/csv' })] } });
    expect((await screen.findByTestId('import-drop-unsupported')).textContent).toContain('roster.csv');
    expect(zone.dataset.dragState).toBe('unsupported');
    expect(screen.queryByTestId('import-chosen-path')).toBeNull();
  });

  it('adds a dropped file whose path the window knows', async () => {
    renderApp({ backend: backendWithFiles(), path: '/imports' });
    const zone = await screen.findByTestId('import-dropzone');
    const file = Object.assign(new File(['a,b'], 'hr-resignations.csv'), { path: HR_FILE });
    fireEvent.drop(zone, { dataTransfer: { files: [file] } });
    expect((await screen.findByTestId('import-chosen-path')).textContent).toBe(HR_FILE);
  });

  it('browses the workstation’s folders and adds the chosen file', async () => {
    const backend = backendWithFiles();
    renderApp({ backend, path: '/imports' });
    fireEvent.click(await screen.findByTestId('import-browse'));
    const browser = await screen.findByTestId('path-browser');
    await waitFor(() => expect(within(browser).getByTestId('path-browser-current').textContent).toBe(FAKE_HOME));
    fireEvent.click(await within(browser).findByText('exports'));
    await waitFor(() => expect(within(browser).getAllByTestId('path-browser-entry').map((entry) => entry.dataset.kind)).toEqual(['folder', 'file', 'file']));
    expect(within(browser).getByTestId('path-browser-current').textContent).toBe(`${FAKE_HOME}/exports`);
    fireEvent.click(within(browser).getByText('hr-resignations.csv'));
    fireEvent.click(within(browser).getByTestId('path-browser-add'));
    expect((await screen.findByTestId('import-chosen-path')).textContent).toBe(HR_FILE);
    await waitFor(() => expect(screen.queryByTestId('path-browser-add')).toBeNull());
  });

  it('opens an import from the history with its files and SHA-256, downloads its rejects and re-imports it', async () => {
    const created: Blob[] = [];
    Object.assign(URL, { createObjectURL: vi.fn((blob: Blob) => (created.push(blob), 'blob:rejects')), revokeObjectURL: vi.fn() });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const backend = backendWithFiles({ world: { files: [sampleFilePreview(`${FAKE_HOME}/exports/hr-1.csv`)], imports: [sampleImport(1), sampleImport(2, { rejected: 3, hasRejects: true, onError: 'skip' })] } });
    backend.world.rejects.set(2, { fileName: 'import-2-rejects.csv', csv: 'file,line,field,reason,raw\r\nhr-2.csv,4,EmailAddress,empty,",,"\r\n', rows: 3 });
    renderApp({ backend, path: '/imports' });
    await waitFor(() => expect(screen.getAllByTestId('import-row').map((row) => row.dataset.importId)).toEqual(['2', '1']));
    expect(screen.queryByTestId('demo-card')).toBeNull();

    fireEvent.click(within(screen.getAllByTestId('import-row')[0]!).getByTestId('import-row-rejects'));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(await created[0]!.text()).toContain('hr-2.csv,4,EmailAddress,empty');

    fireEvent.click(within(screen.getAllByTestId('import-row')[1]!).getByText('hr-1.csv'));
    const drawer = await screen.findByTestId('import-detail');
    const file = await within(drawer).findByTestId('import-file');
    expect(within(file).getByText('hr-1.csv')).toBeTruthy();
    expect(within(file).getByText(/^0001abab/)).toBeTruthy();
    fireEvent.click(within(drawer).getByTestId('import-detail-reimport'));
    await waitFor(() => expect(backend.callsOf('imports.retry')[0]!.input).toEqual({ id: 1, reimport: true }));
    expect((await screen.findByTestId('import-run')).dataset.importId).toBe('3');
  });
});
