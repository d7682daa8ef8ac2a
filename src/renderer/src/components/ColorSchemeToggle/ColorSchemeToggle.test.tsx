import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COLOR_SCHEME_STORAGE_KEY } from '../../App';
import { renderApp } from '../../testing/render';
import { STANDARD_ACCOUNTS, openWorkbench, type Workbench } from '../../testing/workbench';

function choose(label: 'Light' | 'Dark' | 'Follow the system') {
  fireEvent.click(screen.getByRole('radio', { name: label }));
}

let workbench: Workbench;
beforeEach(async () => {
  workbench = await openWorkbench({ accounts: STANDARD_ACCOUNTS });
});
afterEach(() => workbench.close());

describe('ColorSchemeToggle', () => {
  it('switches light / dark / system and keeps the choice across a reload', async () => {
    const first = await renderApp(workbench, { as: 'admin' });
    await screen.findByTestId('navigation');
    expect(screen.getByTestId('color-scheme-toggle').dataset.colorScheme).toBe('auto');

    choose('Dark');
    await waitFor(() => expect(document.documentElement.dataset.mantineColorScheme).toBe('dark'));
    expect(window.localStorage.getItem(COLOR_SCHEME_STORAGE_KEY)).toBe('dark');

    // A reload: a new app instance in the same window reads the stored choice.
    first.unmount();
    await renderApp(workbench, { transport: first.transport });
    await screen.findByTestId('navigation');
    expect(screen.getByTestId('color-scheme-toggle').dataset.colorScheme).toBe('dark');
    expect((screen.getByRole('radio', { name: 'Dark' }) as HTMLInputElement).checked).toBe(true);

    choose('Light');
    await waitFor(() => expect(document.documentElement.dataset.mantineColorScheme).toBe('light'));
    expect(window.localStorage.getItem(COLOR_SCHEME_STORAGE_KEY)).toBe('light');

    choose('Follow the system');
    await waitFor(() => expect(window.localStorage.getItem(COLOR_SCHEME_STORAGE_KEY)).toBe('auto'));
  });

  it('is available before sign-in too', async () => {
    await renderApp(workbench);
    await screen.findByTestId('sign-in-screen');
    choose('Dark');
    await waitFor(() => expect(window.localStorage.getItem(COLOR_SCHEME_STORAGE_KEY)).toBe('dark'));
  });
});
