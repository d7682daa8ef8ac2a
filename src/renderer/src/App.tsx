/** The app root: providers (API, react-query, Mantine theme, i18n, router) and the auth gate. */
import { MantineProvider, localStorageColorSchemeManager } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { HashRouter } from 'react-router';
import type { i18n as I18n } from 'i18next';
import type { IrmApi } from '../../shared/contract';
import { ApiProvider, createApiQueryClient, useBackgroundRefresh } from './api';
import { AuthGate } from './features/auth/AuthGate';
import { ReauthProvider } from './features/auth/ReauthProvider';
import { createI18n } from './i18n';
import { AppRoutes } from './routes';
import { theme } from './theme';

/** localStorage key of the colour scheme (light, dark or auto = follow the system). */
export const COLOR_SCHEME_STORAGE_KEY = 'irm-color-scheme';

/** Everything around the app except the router: API, react-query, Mantine, i18n. Tests reuse it. */
export function AppProviders({
  api,
  queryClient,
  i18n,
  mantineEnv,
  children,
}: {
  api?: IrmApi;
  queryClient?: QueryClient;
  i18n?: I18n;
  mantineEnv?: 'default' | 'test';
  children: ReactNode;
}) {
  const [client] = useState(() => queryClient ?? createApiQueryClient());
  const [translation] = useState(() => i18n ?? createI18n());
  const [colorSchemeManager] = useState(() => localStorageColorSchemeManager({ key: COLOR_SCHEME_STORAGE_KEY }));
  return (
    <ApiProvider api={api}>
      <QueryClientProvider client={client}>
        <BackgroundRefresh />
        <I18nextProvider i18n={translation}>
          <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto" env={mantineEnv}>
            <LocalizedDates>
              <Notifications position="top-right" limit={4} />
              {children}
            </LocalizedDates>
          </MantineProvider>
        </I18nextProvider>
      </QueryClientProvider>
    </ApiProvider>
  );
}

/** Refreshes what a job's end or a session change makes stale, whichever page is open. */
function BackgroundRefresh() {
  useBackgroundRefresh();
  return null;
}

function LocalizedDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}

/** The whole app. Hash routing: the renderer is served from app:// in Electron and from the harness. */
export function App(props: { api?: IrmApi; queryClient?: QueryClient; i18n?: I18n; mantineEnv?: 'default' | 'test' }) {
  return (
    <AppProviders {...props}>
      <HashRouter>
        <AuthGate>
          <ReauthProvider>
            <AppRoutes />
          </ReauthProvider>
        </AuthGate>
      </HashRouter>
    </AppProviders>
  );
}
