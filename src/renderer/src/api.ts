/**
 * The only module that touches `window.irm`. Components call the backend through the hooks here:
 * each unwraps the `ApiResult` and throws an `ApiError` on `ok: false`, so react-query's error
 * state carries the backend's code and message. Component tests pass the real backend's contract
 * client (testing/transport.ts) through ApiProvider.
 */
import { createContext, createElement, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import {
  MutationCache,
  QueryCache,
  QueryClient,
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import type { EventName, EventPayload, IrmApi, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import type { ErrorCode } from '../../shared/errors';
import { isRefreshedBy, jobEndEvent, refreshTargetsOf, type ActionMethod, type RefreshEvent, type RefreshTarget } from './refresh';

declare global {
  interface Window {
    /** Built by the Electron preload or the harness bridge from the contract. */
    irm?: IrmApi;
    /** Electron only (preload): the path of a dropped file. */
    irmFiles?: { pathFor(file: File): string | null };
  }
}

/** The path of a dropped file: Electron's preload knows it; a browser never reveals it (null). */
export function pathOfDroppedFile(file: File): string | null {
  const fromPreload = window.irmFiles?.pathFor(file);
  if (fromPreload) return fromPreload;
  const legacy = (file as File & { path?: unknown }).path; // Electron before 32
  return typeof legacy === 'string' && legacy.length > 0 ? legacy : null;
}

/** A failed API call: the backend's stable code and its message, and which method failed. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly method: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** True when the error is an ApiError with one of these codes. */
export function isApiError(error: unknown, ...codes: ErrorCode[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

/** The message to show for any error thrown by a call. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

const ApiContext = createContext<IrmApi | null>(null);

/** Provides the API to the tree; defaults to `window.irm` (Electron preload or harness bridge). */
export function ApiProvider({ api, children }: { api?: IrmApi; children: ReactNode }) {
  const value = api ?? window.irm ?? null;
  return createElement(ApiContext.Provider, { value }, children);
}

/** The API object in use (`window.irm`, or the one ApiProvider was given). */
export function useIrm(): IrmApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('window.irm is missing: the app must run inside Electron or the browser harness.');
  return api;
}

type UntypedMethod = (input: unknown) => Promise<{ ok: true; value: unknown } | { ok: false; error: { code: ErrorCode; message: string } }>;

function methodOf(api: IrmApi, method: string): UntypedMethod | null {
  const [area, verb] = method.split('.');
  const candidate = (api as unknown as Record<string, Record<string, unknown> | undefined>)[area ?? '']?.[verb ?? ''];
  return typeof candidate === 'function' ? (candidate as UntypedMethod) : null;
}

/** True when this build's API offers the method (features that land later are checked, not assumed). */
export function hasMethod(api: IrmApi, method: string): boolean {
  return methodOf(api, method) !== null;
}

/** Calls a method by name and unwraps its result; any failure becomes an ApiError. */
export async function callUntyped(api: IrmApi, method: string, input: unknown): Promise<unknown> {
  const fn = methodOf(api, method);
  if (!fn) throw new ApiError('UNKNOWN_METHOD', `This version does not offer ${method}.`, method);
  let result: Awaited<ReturnType<UntypedMethod>>;
  try {
    result = await fn(input);
  } catch (error) {
    throw new ApiError('INTERNAL', `The backend did not answer: ${errorMessage(error)}`, method);
  }
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, method);
  return result.value;
}

/** Calls a contract method and unwraps its result. */
export function callApi<M extends MethodName>(api: IrmApi, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return callUntyped(api, method, input) as Promise<MethodOutput<M>>;
}

/**
 * The app's QueryClient. A call refused because the session is gone or locked (UNAUTHENTICATED,
 * SETUP_REQUIRED) re-reads auth.status, so the auth gate shows the lock or sign-in screen. Reads
 * are not refetched on focus: every call writes an audit entry, so the UI calls only when needed.
 */
export function createApiQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (isApiError(error, 'UNAUTHENTICATED', 'SETUP_REQUIRED') && !error.method.startsWith('auth.')) {
      void client.invalidateQueries({ queryKey: ['auth.status'] });
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => !(error instanceof ApiError && error.code !== 'INTERNAL') && failureCount < 2,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

/** The react-query key of a method call: the method name first, so invalidating by name works. */
export function queryKeyOf<M extends MethodName>(method: M, input?: MethodInput<M>): QueryKey {
  return input === undefined ? [method] : [method, input];
}

type QueryOptions<M extends MethodName> = Omit<UseQueryOptions<MethodOutput<M>, ApiError>, 'queryKey' | 'queryFn'>;

/** Reads through a contract method with react-query. */
export function useApiQuery<M extends MethodName>(method: M, input: MethodInput<M>, options?: QueryOptions<M>) {
  const api = useIrm();
  return useQuery<MethodOutput<M>, ApiError>({
    queryKey: queryKeyOf(method, input),
    queryFn: () => callApi(api, method, input),
    ...options,
  });
}

/** Options for useApiMutation. What it refreshes is declared once per method (refresh.ts), never here. */
export type MutationOptions<M extends ActionMethod> = Omit<UseMutationOptions<MethodOutput<M>, ApiError, MethodInput<M>>, 'mutationFn'> & {
  /**
   * `later`: the caller applies the method's declared refresh itself (useRefresh) once what the
   * action started has finished, e.g. the demo's imports; by default it is applied after success.
   */
  refresh?: 'afterSuccess' | 'later';
};

/** Marks stale (and re-reads, if shown) every cached query the targets name. */
function refreshQueries(queryClient: QueryClient, targets: readonly RefreshTarget[]): Promise<void> {
  if (targets.length === 0) return Promise.resolve();
  return queryClient.invalidateQueries({ predicate: (query) => isRefreshedBy(query.queryKey, targets) });
}

/** Applies what an action or a backend event refreshes, as declared in refresh.ts. */
export function useRefresh(): (cause: ActionMethod | RefreshEvent) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback((cause) => refreshQueries(queryClient, refreshTargetsOf(cause)), [queryClient]);
}

/** Runs an action; when the backend answers REAUTH_REQUIRED, asks for the password and runs it once more. */
export type RunWithReauth = <T>(action: () => Promise<T>) => Promise<T>;

const runDirectly: RunWithReauth = (action) => action();

/** Provided by the reauthentication prompt (features/auth/ReauthProvider); without it actions just run. */
export const ReauthContext = createContext<RunWithReauth>(runDirectly);

/** The reauthentication wrapper for sensitive actions. */
export function useRunWithReauth(): RunWithReauth {
  return useContext(ReauthContext);
}

/**
 * Changes state through a contract method with react-query; after success it refreshes what the
 * method declares in refresh.ts (REFRESH_AFTER), then runs `onSuccess`. A REAUTH_REQUIRED answer
 * opens the password prompt and retries after it succeeds.
 */
export function useApiMutation<M extends ActionMethod>(method: M, options: MutationOptions<M> = {}) {
  const api = useIrm();
  const queryClient = useQueryClient();
  const runWithReauth = useRunWithReauth();
  const { refresh = 'afterSuccess', onSuccess, ...rest } = options;
  return useMutation<MethodOutput<M>, ApiError, MethodInput<M>>({
    mutationKey: [method],
    mutationFn: (input) => runWithReauth(() => callApi(api, method, input)),
    onSuccess: async (...args) => {
      if (refresh === 'afterSuccess') await refreshQueries(queryClient, refreshTargetsOf(method));
      await onSuccess?.(...args);
    },
    ...rest,
  });
}

/** Pages through a list method with offset/limit; `select` picks the rows and total out of a page. */
export function useApiInfiniteList<M extends MethodName, Row>(
  method: M,
  input: Omit<MethodInput<M>, 'offset' | 'limit'>,
  select: (page: MethodOutput<M>) => { rows: Row[]; total: number },
  pageSize = 100,
) {
  const api = useIrm();
  const query = useInfiniteQuery({
    queryKey: [method, 'pages', input, pageSize],
    // A changed filter keeps showing the previous rows until the new ones arrive (no empty flash).
    placeholderData: keepPreviousData,
    initialPageParam: 0,
    queryFn: async ({ pageParam }) =>
      select(await callApi(api, method, { ...input, offset: pageParam, limit: pageSize } as MethodInput<M>)),
    getNextPageParam: (lastPage, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.rows.length, 0);
      return loaded < lastPage.total && lastPage.rows.length > 0 ? loaded : undefined;
    },
  });
  const rows = query.data?.pages.flatMap((page) => page.rows) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;
  return { ...query, rows, total, error: query.error as ApiError | null };
}

/** Subscribes to a backend event for as long as the component is mounted. */
export function useApiEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): void {
  const api = useIrm();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => api.events.on(name, (payload) => latest.current(payload)), [api, name]);
}

/** Job progress as last reported by `job.progress` events. */
export type JobProgress = EventPayload<'job.progress'>;

/** The latest progress of one job (or of every job of a kind when jobId is null), from `job.progress` events. */
export function useJobProgress(match: { jobId?: string | null; kind?: string }): JobProgress | null {
  const [progress, setProgress] = useState<JobProgress | null>(null);
  useApiEvent('job.progress', (payload) => {
    if (match.jobId && payload.jobId !== match.jobId) return;
    if (match.kind && payload.kind !== match.kind) return;
    if (!match.jobId && !match.kind) return;
    setProgress(payload);
  });
  return progress;
}

/** Calls the listener when main locks or ends this session (idle lock, account locked by an admin). */
export function useSessionChanged(listener: (state: EventPayload<'session.changed'>['state']) => void): void {
  useApiEvent('session.changed', (payload) => listener(payload.state));
}

/**
 * Applies what backend events make stale (REFRESH_AFTER_EVENT in refresh.ts): a scoring or import
 * job ended, main locked or ended the session. Mounted once, at the app root, so the refresh happens
 * whichever page is open when the job ends.
 */
export function useBackgroundRefresh(): void {
  const refresh = useRefresh();
  useApiEvent('job.progress', (payload) => {
    const event = jobEndEvent(payload);
    if (event) void refresh(event);
  });
  useSessionChanged(() => void refresh('session.changed'));
}
