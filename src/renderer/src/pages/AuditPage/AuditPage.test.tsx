import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeBackend, sampleAuditEntries } from '../../testing/fakeApi';
import { renderApp, signedInAs } from '../../testing/render';

// jsdom does no layout: give the list's scroll container a real viewport so the virtualizer renders rows.
const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!;
const clientWidth = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth')!;
beforeEach(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', {
    configurable: true,
    get(this: Element) {
      return this.getAttribute('data-testid') === 'audit-list' ? 600 : 0;
    },
  });
  Object.defineProperty(Element.prototype, 'clientWidth', {
    configurable: true,
    get(this: Element) {
      return this.getAttribute('data-testid') === 'audit-list' ? 1200 : 0;
    },
  });
});
afterEach(() => {
  Object.defineProperty(Element.prototype, 'clientHeight', clientHeight);
  Object.defineProperty(Element.prototype, 'clientWidth', clientWidth);
  vi.restoreAllMocks();
});

function rows() {
  return screen.getAllByTestId('audit-row');
}

describe('AuditPage', () => {
  it('lists entries newest first in a virtualized list with time, actor, category, action, targets and result', async () => {
    const backend = createFakeBackend(signedInAs('auditor', { auditEntries: sampleAuditEntries(500) }));
    renderApp({ backend, path: '/audit' });
    await waitFor(() => expect(rows().length).toBeGreaterThan(5));
    // Only the rows in view (plus overscan) are in the DOM, not all 200 loaded ones.
    expect(rows().length).toBeLessThan(40);
    // 500 seeded entries plus the one auth.status wrote when the app started (every call is audited).
    expect(screen.getByTestId('audit-count').textContent).toBe('200 of 501 entries');
    expect(backend.callsOf('audit.list')[0]!.input).toEqual({ offset: 0, limit: 200 });
    expect(within(rows()[0]!).getAllByRole('cell')[4]!.textContent).toBe('auth.status');

    const first = rows()[1]!;
    expect(first.dataset.sequence).toBe('500');
    const cells = within(first).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells[0]).toBe('500');
    expect(cells[2]).toBe('analyst');
    expect(cells[3]).toBe('Users');
    expect(cells[4]).toBe('persons.list');
    expect(cells[5]).toBe('account:user499');
    expect(cells[6]).toBe('Success');
    expect(within(first).getByText((_, element) => element?.tagName === 'TIME').getAttribute('datetime')).toBe('2026-01-05T16:19:00.000Z');
    const denied = rows().find((row) => row.dataset.result === 'denied')!;
    expect(within(denied).getByText('Denied')).toBeTruthy();
  });

  it('loads the next page when scrolled near the end', async () => {
    const backend = createFakeBackend(signedInAs('auditor', { auditEntries: sampleAuditEntries(500) }));
    renderApp({ backend, path: '/audit' });
    await waitFor(() => expect(rows().length).toBeGreaterThan(5));
    const list = screen.getByTestId('audit-list');
    list.scrollTop = 200 * 48 - 600;
    fireEvent.scroll(list);
    await waitFor(() => expect(backend.callsOf('audit.list').map((call) => (call.input as { offset: number }).offset)).toEqual([0, 200]));
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('400 of 501 entries'));
  });

  it('filters by category and text', async () => {
    const backend = createFakeBackend(signedInAs('admin', { auditEntries: sampleAuditEntries(40) }));
    renderApp({ backend, path: '/audit' });
    await waitFor(() => expect(rows().length).toBeGreaterThan(5));

    fireEvent.click(screen.getByTestId('audit-filter-category'));
    fireEvent.click(await screen.findByRole('option', { name: 'Accounts' }));
    await waitFor(() => expect(backend.callsOf('audit.list').at(-1)!.input).toEqual({ category: 'accounts', offset: 0, limit: 200 }));
    await waitFor(() => expect(rows().every((row) => within(row).getAllByRole('cell')[3]!.textContent === 'Accounts')).toBe(true));

    fireEvent.change(screen.getByTestId('audit-filter-text'), { target: { value: 'user13' } });
    await waitFor(() =>
      expect(backend.callsOf('audit.list').at(-1)!.input).toEqual({ category: 'accounts', text: 'user13', offset: 0, limit: 200 }),
    );
    await waitFor(() => expect(rows().map((row) => row.dataset.sequence)).toEqual(['14']));

    fireEvent.change(screen.getByTestId('audit-filter-text'), { target: { value: 'nothing matches this' } });
    await screen.findByTestId('audit-empty');
  });

  it('verifies the log and shows that it is intact', async () => {
    renderApp({ fake: signedInAs('auditor', { auditEntries: sampleAuditEntries(10) }), path: '/audit' });
    await waitFor(() => expect(rows().length).toBeGreaterThan(5));
    fireEvent.click(screen.getByTestId('audit-verify'));
    const result = await screen.findByTestId('audit-verify-result');
    expect(result.dataset.intact).toBe('true');
    expect(within(result).getByText('The audit log is intact')).toBeTruthy();
  });

  it('exports the filtered log as CSV through a Blob download named by the API', async () => {
    const created: Blob[] = [];
    const clicked: { download: string; href: string }[] = [];
    Object.assign(URL, {
      createObjectURL: vi.fn((blob: Blob) => (created.push(blob), 'blob:audit-export')),
      revokeObjectURL: vi.fn(),
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    const backend = createFakeBackend(signedInAs('auditor', { auditEntries: sampleAuditEntries(10) }));
    renderApp({ backend, path: '/audit' });
    await waitFor(() => expect(rows().length).toBeGreaterThan(5));
    fireEvent.change(screen.getByTestId('audit-filter-actor'), { target: { value: 'admin' } });
    await waitFor(() => expect(backend.callsOf('audit.list').at(-1)!.input).toEqual({ actor: 'admin', offset: 0, limit: 200 }));

    fireEvent.click(screen.getByTestId('audit-export'));
    await waitFor(() => expect(clicked).toEqual([{ download: 'irm-audit-log-2026-01-05T09-30-00-000Z.csv', href: 'blob:audit-export' }]));
    expect(backend.callsOf('audit.exportCsv')[0]!.input).toEqual({ actor: 'admin' });
    const csv = await created[0]!.text();
    expect(csv.split('\r\n')[0]).toMatch(/^Activity performed by,Activity,/);
    expect(created[0]!.type).toBe('text/csv;charset=utf-8');
    expect(await screen.findByText(/entries saved as irm-audit-log-/)).toBeTruthy();
  });
});
