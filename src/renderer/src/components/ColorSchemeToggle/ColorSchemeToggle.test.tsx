import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COLOR_SCHEME_STORAGE_KEY } from '../../App';
import { createFakeBackend } from '../../testing/fakeApi';
import { renderApp, signedInAs } from '../../testing/render';

function choose(label: 'Light' | 'Dark' | 'Follow the system') {
  fireEvent.click(screen.getByRole('radio', { name: label }));
}

describe('ColorSchemeToggle', () => {
  it('switches light / dark / system and keeps the choice across a reload', async () => {
    const backend = createFakeBackend(signedInAs('admin'));
    const first = renderApp({ backend });
    await screen.findByTestId('navigation');
    expect(screen.getByTestId('color-scheme-toggle').dataset.colorScheme).toBe('auto');

    choose('Dark');
    await waitFor(() => expect(document.documentElement.dataset.mantineColorScheme).toBe('dark'));
    expect(window.localStorage.getItem(COLOR_SCHEME_STORAGE_KEY)).toBe('dark');

    // A reload: a new app instance reads the stored choice.
    first.unmount();
    renderApp({ backend });
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
    renderApp({ fake: { accounts: [{ name: 'admin', roleGroups: ['Admins'] }] } });
    await screen.findByTestId('sign-in-screen');
    choose('Dark');
    await waitFor(() => expect(window.localStorage.getItem(COLOR_SCHEME_STORAGE_KEY)).toBe('dark'));
  });
});
