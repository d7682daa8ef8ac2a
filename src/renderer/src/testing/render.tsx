/** Renders the real app (real Mantine theme, i18n, router, auth gate) against the in-memory fake API. */
import { render } from '@testing-library/react';
import { App } from '../App';
import { createApiQueryClient } from '../api';
import { createI18n, type Language } from '../i18n';
import { createFakeBackend, type FakeBackend, type FakeBackendOptions } from './fakeApi';

/** Accounts most tests need: one per role group, all with FAKE_PASSWORD. */
export const STANDARD_ACCOUNTS: NonNullable<FakeBackendOptions['accounts']> = [
  { name: 'admin', roleGroups: ['InsiderRiskManagement'] },
  { name: 'analyst', roleGroups: ['Analysts'] },
  { name: 'auditor', roleGroups: ['Auditors'] },
  { name: 'investigator', roleGroups: ['Investigators'] },
];

/** Renders the app at `path` (hash route) with a fake backend; returns the fake for assertions. */
export function renderApp(options: { backend?: FakeBackend; fake?: FakeBackendOptions; path?: string; language?: Language } = {}) {
  const backend = options.backend ?? createFakeBackend(options.fake);
  window.location.hash = options.path ? `#${options.path}` : '';
  const i18n = createI18n(options.language ?? 'en');
  const queryClient = createApiQueryClient();
  const result = render(<App api={backend.api} i18n={i18n} queryClient={queryClient} mantineEnv="test" />);
  return { ...result, backend, i18n, queryClient };
}

/** A fake with the standard accounts, signed in as one of them. */
export function signedInAs(name: string, extra: Omit<FakeBackendOptions, 'accounts' | 'signedInAs'> = {}): FakeBackendOptions {
  return { accounts: STANDARD_ACCOUNTS, signedInAs: name, ...extra };
}
