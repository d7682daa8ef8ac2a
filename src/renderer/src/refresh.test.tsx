import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, buildIrmApi, type MethodName } from '../../shared/contract';
import { ApiProvider, createApiQueryClient, useApiMutation, useApiQuery, useBackgroundRefresh, useRefresh } from './api';
import { QUERY, REFRESH_AFTER, REFRESH_AFTER_EVENT, isRefreshedBy, jobEndEvent, type RefreshTarget } from './refresh';

const AREAS = new Set(METHOD_NAMES.map((name) => name.split('.')[0]));

/** Checks one declared target: a real area, a method that reads, or everything. */
function isValidTarget(target: RefreshTarget): boolean {
  if (target === 'everything' || AREAS.has(target)) return true;
  return (METHOD_NAMES as string[]).includes(target) && REFRESH_AFTER[target as MethodName] === QUERY;
}

describe('REFRESH_AFTER', () => {
  it('declares every contract method, and nothing else, as a read or an action with its refreshes', () => {
    expect(Object.keys(REFRESH_AFTER).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('names only real areas and read methods as targets', () => {
    const declared = [...Object.values(REFRESH_AFTER), ...Object.values(REFRESH_AFTER_EVENT)].filter((entry) => entry !== QUERY);
    for (const targets of declared) for (const target of targets as readonly RefreshTarget[]) expect(isValidTarget(target), target).toBe(true);
  });

  it('matches a query by its area, its method name or everything', () => {
    expect(isRefreshedBy(['users.list', { offset: 0 }], ['users'])).toBe(true);
    expect(isRefreshedBy(['alerts.list', 'pages', {}], ['alerts.list'])).toBe(true);
    expect(isRefreshedBy(['alerts.activities', {}], ['alerts.list', 'alerts.summary'])).toBe(false);
    expect(isRefreshedBy(['accounts.list'], ['accounts.create' as RefreshTarget, 'account' as RefreshTarget])).toBe(false);
    expect(isRefreshedBy(['audit.list'], ['everything'])).toBe(true);
  });
});

/** A transport that answers every call with an empty object and counts the calls per method; `emit` sends an event. */
function countingApi() {
  const calls = new Map<string, number>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = buildIrmApi(
    (method) => {
      calls.set(method, (calls.get(method) ?? 0) + 1);
      return Promise.resolve({ ok: true, value: method === 'alerts.dismiss' ? { dismissed: 1 } : {} });
    },
    (name, listener) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set.add(listener));
      return () => set.delete(listener);
    },
  );
  const emit = (name: string, payload: unknown) => listeners.get(name)?.forEach((listener) => listener(payload));
  const client = createApiQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <ApiProvider api={api}>{children}</ApiProvider>
    </QueryClientProvider>
  );
  return { count: (method: MethodName) => calls.get(method) ?? 0, emit, wrapper };
}

/** Shows three queries: two that a dismissal changes (alerts.summary, the users area) and one it does not. */
function useShownQueries() {
  return [useApiQuery('alerts.summary', {}), useApiQuery('users.list', {}), useApiQuery('accounts.list', {})];
}

describe('useApiMutation', () => {
  it('re-reads the queries the method declares after it succeeds, and only those', async () => {
    const { count, wrapper } = countingApi();
    const { result } = renderHook(() => ({ shown: useShownQueries(), dismiss: useApiMutation('alerts.dismiss') }), { wrapper });
    await waitFor(() => expect(result.current.shown.every((query) => query.isSuccess)).toBe(true));
    expect([count('alerts.summary'), count('users.list'), count('accounts.list')]).toEqual([1, 1, 1]);

    await act(() => result.current.dismiss.mutateAsync({ ids: [1], reason: 'notImpactful' }));

    expect(count('alerts.dismiss')).toBe(1);
    // Refreshed before the caller's onSuccess (mutateAsync resolves after it).
    expect([count('alerts.summary'), count('users.list'), count('accounts.list')]).toEqual([2, 2, 1]);
  });

  it("with refresh 'later' waits until the caller applies the method's refresh", async () => {
    const { count, wrapper } = countingApi();
    const { result } = renderHook(
      () => ({ shown: useShownQueries(), setUp: useApiMutation('auth.setup', { refresh: 'later' }), status: useApiQuery('auth.status', {}), refresh: useRefresh() }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.status.isSuccess).toBe(true));
    await act(() => result.current.setUp.mutateAsync({ name: 'admin', password: 'a long enough password' }));
    expect(count('auth.status')).toBe(1);
    await act(() => result.current.refresh('auth.setup'));
    expect(count('auth.status')).toBe(2);
    expect(count('alerts.summary')).toBe(1);
  });

  it('cannot run a read as an action (the type checker refuses it)', () => {
    const { wrapper } = countingApi();
    // @ts-expect-error alerts.list is declared QUERY in refresh.ts, so it is not an ActionMethod.
    renderHook(() => useApiMutation('alerts.list'), { wrapper });
  });
});

describe('useBackgroundRefresh', () => {
  it('names the event of a job that ended, and none while it runs or for other kinds', () => {
    expect(jobEndEvent({ kind: 'scoring', state: 'succeeded' })).toBe('scoring job ended');
    expect(jobEndEvent({ kind: 'import', state: 'cancelled' })).toBe('import job ended');
    expect(jobEndEvent({ kind: 'scoring', state: 'running' })).toBeNull();
    expect(jobEndEvent({ kind: 'demo', state: 'failed' })).toBe('demo job ended');
    expect(jobEndEvent({ kind: 'simulation', state: 'succeeded' })).toBeNull();
  });

  it("re-reads what a scoring job's end declares, whichever queries are shown", async () => {
    const { count, emit, wrapper } = countingApi();
    const { result } = renderHook(() => {
      useBackgroundRefresh();
      return useShownQueries();
    }, { wrapper });
    await waitFor(() => expect(result.current.every((query) => query.isSuccess)).toBe(true));
    const job = { jobId: 'scoring-1', kind: 'scoring', done: 1, total: 1, phase: 'done', message: null };
    act(() => emit('job.progress', { ...job, state: 'running' }));
    act(() => emit('job.progress', { ...job, state: 'succeeded' }));
    await waitFor(() => expect([count('alerts.summary'), count('users.list')]).toEqual([2, 2]));
    expect(count('accounts.list')).toBe(1);
  });
});
