import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render';
import { STANDARD_ACCOUNTS, openWorkbench, type Workbench } from '../../testing/workbench';
import { PAGE_IDS } from './navigation';

function navIds(): string[] {
  return within(screen.getByTestId('navigation'))
    .getAllByRole('link')
    .map((link) => link.getAttribute('data-testid')!.replace('nav-', ''));
}

// Navigation changes nothing in the backend: one workbench serves the whole file.
let workbench: Workbench;
beforeAll(async () => {
  workbench = await openWorkbench({ accounts: STANDARD_ACCOUNTS });
});
afterAll(() => workbench.close());

describe('AppLayout navigation', () => {
  it('shows every page to Insider Risk Management and each nav item opens its page', async () => {
    await renderApp(workbench, { as: 'admin' });
    await screen.findByTestId('navigation');
    expect(navIds()).toEqual([...PAGE_IDS]);
    for (const id of PAGE_IDS) {
      fireEvent.click(screen.getByTestId(`nav-${id}`));
      await screen.findByTestId(`page-${id}`);
      expect(window.location.hash).toMatch(new RegExp(`^#/${id}`));
      expect(screen.getByTestId(`nav-${id}`).getAttribute('aria-current')).toBe('page');
    }
  });

  it('shows an auditor only the Audit page', async () => {
    await renderApp(workbench, { as: 'auditor' });
    await screen.findByTestId('page-audit');
    expect(navIds()).toEqual(['audit']);
  });

  it('hides Content from an analyst and refuses the direct route with a not-allowed state', async () => {
    const { transport } = await renderApp(workbench, { as: 'analyst', path: '/content' });
    await screen.findByTestId('not-allowed');
    expect(navIds()).toEqual(['alerts', 'cases', 'users', 'analytics', 'notices']);
    expect(screen.getByText('Not allowed')).toBeTruthy();
    // The hidden page makes no calls on the analyst's behalf.
    expect(transport.calls.filter((call) => call.outcome === 'FORBIDDEN')).toEqual([]);
  });

  it('refuses Settings and Audit to an analyst by direct route', async () => {
    await renderApp(workbench, { as: 'analyst', path: '/audit' });
    await screen.findByTestId('not-allowed');
    expect(screen.queryByTestId('page-audit')).toBeNull();
  });

  it('shows Content to an investigator but not Policies, Imports or Settings', async () => {
    await renderApp(workbench, { as: 'investigator' });
    await screen.findByTestId('navigation');
    expect(navIds()).toEqual(['alerts', 'cases', 'content', 'users', 'notices']);
  });

  it('gives every placeholder page an empty state that says what fills it and what to do next', async () => {
    await renderApp(workbench, { as: 'admin', path: '/cases' });
    const page = await screen.findByTestId('page-cases');
    expect(within(page).getByText('No cases yet')).toBeTruthy();
    expect(within(page).getByTestId('empty-state-next-step').textContent).toContain('Confirm an alert');
  });

  it('shows a not-found state for unknown routes', async () => {
    await renderApp(workbench, { as: 'admin', path: '/nowhere' });
    await screen.findByTestId('not-found');
  });

  it('says "not found", with the way back, for an unknown tab of a page the account may use', async () => {
    for (const path of ['/settings/detection', '/policies/nothing', '/alerts/elsewhere', '/imports/1']) {
      const { unmount } = await renderApp(workbench, { as: 'admin', path });
      const found = await screen.findByTestId('not-found');
      expect(screen.queryByTestId('not-allowed'), path).toBeNull();
      expect(within(found).getByRole('link', { name: 'Go to your start page' }).getAttribute('href')).toBe('#/');
      unmount();
    }
    // A tab that exists but is not this account's is still "not allowed".
    await renderApp(workbench, { as: 'analyst', path: '/settings/accounts' });
    await screen.findByTestId('not-allowed');
  });

  it('switches the language to German and remembers it', async () => {
    await renderApp(workbench, { as: 'admin', path: '/alerts' });
    await screen.findByTestId('page-alerts');
    fireEvent.click(screen.getByTestId('language-switch'));
    fireEvent.click(await screen.findByTestId('language-de'));
    await waitFor(() => expect(screen.getByTestId('nav-alerts').textContent).toBe('Warnungen'));
    expect(window.localStorage.getItem('irm-language')).toBe('de');
    expect(document.documentElement.lang).toBe('de');
  });
});
