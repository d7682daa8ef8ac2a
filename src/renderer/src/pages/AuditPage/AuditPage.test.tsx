import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../testing/render';
import { seedAuditTrail, type SeededAuditEntry } from '../../testing/worlds';
import { STANDARD_ACCOUNTS, openWorkbench, type Workbench } from '../../testing/workbench';

// One workbench for the file: the tests only read the log (their own calls add entries, which the
// assertions count from what the page shows).
let workbench: Workbench;
let seeded: SeededAuditEntry[];
beforeAll(async () => {
  workbench = await openWorkbench({ accounts: STANDARD_ACCOUNTS });
  seeded = await seedAuditTrail(workbench, 498);
});
afterAll(() => workbench.close());

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

/** The newest entry's sequence: the log's size when the page read it. */
function newestSequence() {
  return Number(rows()[0]!.dataset.sequence);
}

describe('AuditPage', () => {
  it('lists entries newest first in a virtualized list with time, actor, category, action, targets and result', async () => {
    const { transport } = await renderApp(workbench, { as: 'auditor', path: '/audit' });
    await waitFor(() => expect(rows().length).toBeGreaterThan(5));
    // Only the rows in view (plus overscan) are in the DOM, not all 200 loaded ones.
    expect(rows().length).toBeLessThan(40);
    // Every call is audited: the newest entries are this window's sign-in and the app's start.
    expect(screen.getByTestId('audit-count').textContent).toBe(`200 of ${newestSequence()} entries`);
    expect(newestSequence()).toBeGreaterThan(seeded.at(-1)!.sequence);
    expect(transport.callsOf('audit.list')[0]!.input).toEqual({ offset: 0, limit: 200 });
    expect(within(rows()[0]!).getAllByRole('cell')[4]!.textContent).toBe('auth.status');

    const last = seeded.at(-1)!;
    const row = rows().find((candidate) => candidate.dataset.sequence === String(last.sequence))!;
    const cells = within(row).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells[0]).toBe(String(last.sequence));
    expect(cells[2]).toBe('admin');
    expect(cells[3]).toBe('Accounts');
    expect(cells[4]).toBe('accounts.setLocked');
    expect(cells[5]).toBe('account:investigator');
    expect(cells[6]).toBe('Success');
    expect(within(row).getByText((_, element) => element?.tagName === 'TIME').getAttribute('datetime')).toBe(new Date(last.time).toISOString());
    const denied = rows().find((candidate) => candidate.dataset.result === 'denied')!;
    expect(within(denied).getByText('Denied')).toBeTruthy();
  });

  it('loads the next page when scrolled near the end', async () => {
    const { transport } = await renderApp(workbench, { as: 'auditor', path: '/audit' });
    await waitFor(() => expect(rows().length).toBeGreaterThan(5));
    const total = newestSequence();
    const list = screen.getByTestId('audit-list');
    list.scrollTop = 200 * 48 - 600;
    fireEvent.scroll(list);
    await waitFor(() => expect(transport.callsOf('audit.list').map((call) => (call.input as { offset: number }).offset)).toEqual([0, 200]));
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe(`400 of ${total} entries`));
  });

  it('filters by category and text', async () => {
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/audit' });
    await waitFor(() => expect(rows().length).toBeGreaterThan(5));

    fireEvent.click(screen.getByTestId('audit-filter-category'));
    fireEvent.click(await screen.findByRole('option', { name: 'Accounts' }));
    await waitFor(() => expect(transport.callsOf('audit.list').at(-1)!.input).toEqual({ category: 'accounts', offset: 0, limit: 200 }));
    await waitFor(() => expect(rows().every((row) => within(row).getAllByRole('cell')[3]!.textContent === 'Accounts')).toBe(true));

    fireEvent.change(screen.getByTestId('audit-filter-text'), { target: { value: 'ticket 013' } });
    await waitFor(() =>
      expect(transport.callsOf('audit.list').at(-1)!.input).toEqual({ category: 'accounts', text: 'ticket 013', offset: 0, limit: 200 }),
    );
    await waitFor(() => expect(rows().map((row) => row.dataset.sequence)).toEqual([String(seeded[13]!.sequence)]));

    fireEvent.change(screen.getByTestId('audit-filter-text'), { target: { value: 'nothing matches this' } });
    await screen.findByTestId('audit-empty');
  });

  it('verifies the log and shows that it is intact', async () => {
    await renderApp(workbench, { as: 'auditor', path: '/audit' });
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
    const { transport } = await renderApp(workbench, { as: 'auditor', path: '/audit' });
    await waitFor(() => expect(rows().length).toBeGreaterThan(5));
    fireEvent.change(screen.getByTestId('audit-filter-actor'), { target: { value: 'admin' } });
    await waitFor(() => expect(transport.callsOf('audit.list').at(-1)!.input).toEqual({ actor: 'admin', offset: 0, limit: 200 }));

    fireEvent.click(screen.getByTestId('audit-export'));
    // The file name carries the backend's clock.
    const fileName = `irm-audit-log-${new Date(workbench.clock.now()).toISOString().replace(/[:.]/g, '-')}.csv`;
    await waitFor(() => expect(clicked).toEqual([{ download: fileName, href: 'blob:audit-export' }]));
    expect(transport.callsOf('audit.exportCsv')[0]!.input).toEqual({ actor: 'admin' });
    const csv = await created[0]!.text();
    expect(csv.split('\r\n')[0]).toMatch(/^Activity performed by,Activity,/);
    expect(created[0]!.type).toBe('text/csv;charset=utf-8');
    expect(await screen.findByText(/entries saved as irm-audit-log-/)).toBeTruthy();
  });
});
