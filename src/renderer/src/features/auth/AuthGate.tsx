import { Button, Center, Loader, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { permissionsOf } from '../../../../shared/access';
import { callApi, useApiQuery, useIrm, useRefresh } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { FirstRunScreen } from './FirstRunScreen';
import { LockScreen } from './LockScreen';
import { SessionContext, type Session } from './session';
import { SignInScreen } from './SignInScreen';
import { useIdleTimer } from './useIdleTimer';

/** Which screen the gate shows; mirrored on `body[data-auth-state]` for end-to-end tests. */
export type AuthState = 'loading' | 'error' | 'setup' | 'signedOut' | 'locked' | 'signedIn';

/**
 * auth.status decides what the app shows: first-run setup, sign-in, or the app (with a lock screen
 * over it while locked). The app subtree stays mounted while locked so the page keeps its state.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const api = useIrm();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const status = useApiQuery('auth.status', {}, { staleTime: Infinity });
  const data = status.data;

  const state: AuthState = status.isPending
    ? 'loading'
    : !data
      ? 'error'
      : data.setupRequired
        ? 'setup'
        : !data.account
          ? 'signedOut'
          : data.locked
            ? 'locked'
            : 'signedIn';

  useEffect(() => {
    document.body.dataset.authState = state;
    if (state !== 'loading') document.body.dataset.appReady = 'true';
  }, [state]);

  const refresh = useRefresh();

  const lock = useCallback(async () => {
    try {
      await callApi(api, 'auth.lock', {});
    } finally {
      await refresh('auth.lock');
    }
  }, [api, refresh]);

  const signOut = useCallback(async () => {
    try {
      await callApi(api, 'auth.signOut', {});
    } finally {
      await refresh('auth.signOut');
      // The next account starts fresh on its own home page: nothing cached from this one survives.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth.status' });
      await navigate('/');
    }
  }, [api, queryClient, navigate, refresh]);

  const account = data?.account ?? null;
  const locked = state === 'locked';
  const idleMinutes = data?.idleLockMinutes ?? 0;
  const keepAlive = useCallback(() => void callApi(api, 'auth.status', {}).catch(() => undefined), [api]);
  useIdleTimer(idleMinutes * 60_000, () => void lock(), state === 'signedIn', keepAlive);
  useInertPortals(locked);

  const session = useMemo<Session | null>(
    () =>
      account && data
        ? {
            account,
            // While locked auth.status reports no permissions; keep the shell as it was underneath.
            permissions: data.locked ? permissionsOf(account.roleGroups) : data.permissions,
            locked: data.locked,
            idleLockMinutes: data.idleLockMinutes,
            signOut,
            lock,
          }
        : null,
    [account, data, signOut, lock],
  );

  if (state === 'loading') {
    return (
      <Center h="100vh" data-testid="app-loading">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (state === 'error') {
    return (
      <Center h="100vh" p="xl">
        <Stack maw={520} w="100%">
          <ErrorAlert error={status.error} title={t('errors.backendUnavailable')} />
          <Button onClick={() => void status.refetch()} variant="default">
            {t('actions.retry')}
          </Button>
        </Stack>
      </Center>
    );
  }
  if (state === 'setup') return <FirstRunScreen />;
  if (state === 'signedOut' || !session) return <SignInScreen />;

  return (
    <SessionContext.Provider value={session}>
      {/* Keyed by account: another account unlocking starts from a fresh tree. */}
      <div key={session.account.id} inert={locked} aria-hidden={locked || undefined} data-testid="app-content">
        {children}
      </div>
      {locked && <LockScreen accountName={session.account.name} />}
    </SessionContext.Provider>
  );
}

/** While locked, open dialogs and menus (rendered in portals, outside the app subtree) are inert too. */
function useInertPortals(locked: boolean): void {
  useEffect(() => {
    if (!locked) return;
    const portals = Array.from(document.querySelectorAll<HTMLElement>('[data-portal]'));
    for (const node of portals) node.inert = true;
    return () => {
      for (const node of portals) node.inert = false;
    };
  }, [locked]);
}
