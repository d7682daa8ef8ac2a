/**
 * Renders the real app (real Mantine theme, i18n, router, auth gate) in a window connected to a real
 * backend: `window.irm` is the test transport (testing/transport.ts), which the app picks up the way
 * it picks up the preload's.
 */
import { render } from '@testing-library/react';
import { App } from '../App';
import { createApiQueryClient } from '../api';
import { createI18n, type Language } from '../i18n';
import type { TestTransport } from './transport';
import type { Workbench } from './workbench';

/** Opens the app at `path` (hash route): in `transport`'s window, or a new one signed in as `as` (signed out without). */
export async function renderApp(workbench: Workbench, options: { as?: string; transport?: TestTransport; path?: string; language?: Language } = {}) {
  const transport = options.transport ?? (await workbench.connect({ signInAs: options.as }));
  window.irm = transport.api;
  window.location.hash = options.path ? `#${options.path}` : '';
  const i18n = createI18n(options.language ?? 'en');
  const queryClient = createApiQueryClient();
  const result = render(<App i18n={i18n} queryClient={queryClient} mantineEnv="test" />);
  return { ...result, transport, i18n, queryClient };
}
