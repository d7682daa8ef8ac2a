/**
 * The test transport: what the Electron preload and the harness bridge are for the app, carrying the
 * real backend instead of IPC or HTTP. `window.irm` is built from the contract's method names by the
 * same buildIrmApi the preload uses; each call goes to `backend.call` with this window's own session,
 * and the backend's events for this session (or for all) reach the app's subscribers, one task each.
 * Values cross the boundary as copies (structured clone, as IPC does), and the calls and delivered
 * events are recorded so a test can check what the app asked for and what the backend answered.
 */
import { randomUUID } from 'node:crypto';
import { buildIrmApi, type EventName, type IrmApi, type MethodInput, type MethodName } from '../../../shared/contract';
import type { ApiResult, ErrorCode } from '../../../shared/errors';

/** One call the app made: method, input as sent, and 'ok' or the error code the backend answered. */
export interface RecordedCall {
  method: MethodName;
  input: unknown;
  outcome: 'ok' | ErrorCode;
}

/** One event the backend sent this window, as the app received it. */
export interface RecordedEvent {
  name: EventName;
  payload: unknown;
}

/** One app window's connection to the backend. */
export interface TestTransport {
  /** What the app gets as `window.irm`. */
  api: IrmApi;
  /** This window's backend session. */
  sessionId: string;
  /** Every call the app made through `api`, in order. */
  calls: RecordedCall[];
  /** The calls of one method. */
  callsOf(method: MethodName): RecordedCall[];
  /** Every event delivered to the app, in order. */
  events: RecordedEvent[];
  /** The payloads of one event delivered to the app. */
  eventsOf(name: EventName): unknown[];
  /** Signs this session in through auth.signIn, as a user would (not recorded in `calls`). */
  signIn(name: string, password: string): Promise<void>;
  /** Calls the backend on this session without recording (test set-up). */
  call<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<ApiResult<unknown>>;
  /** Unsubscribes from the backend's events and ends the session. */
  close(): void;
}

/** What a window uses of the backend: createBackend's Backend has it (workbench.ts passes that one). */
export interface BackendPort {
  call(origin: { sessionId: string; transport: 'test' }, method: MethodName, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: (target: string | null, name: EventName, payload: unknown) => void): () => void;
  endSession(sessionId: string): void;
}

/** Connects a new window (a new, signed-out session) to the backend. */
export function connectTransport(backend: BackendPort): TestTransport {
  const sessionId = randomUUID();
  const origin = { sessionId, transport: 'test' as const };
  const calls: RecordedCall[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const send = async (method: MethodName, input: unknown): Promise<ApiResult<unknown>> =>
    structuredClone(await backend.call(origin, method, structuredClone(input)));

  const events: RecordedEvent[] = [];
  // Each event is delivered in a task of its own, after the current call returns, as an IPC
  // message would be: in-process jobs (tests run them without worker threads) report all their
  // progress at once, and the app renders between two events as it would between two messages.
  const pending: RecordedEvent[] = [];
  let delivering: ReturnType<typeof setTimeout> | null = null;
  const deliverNext = () => {
    const event = pending.shift();
    delivering = pending.length > 0 ? setTimeout(deliverNext, 0) : null;
    if (!event) return;
    events.push(event);
    listeners.get(event.name)?.forEach((listener) => listener(event.payload));
  };
  const stopEvents = backend.onEvent((target, name, payload) => {
    if (target !== null && target !== sessionId) return;
    pending.push({ name, payload: structuredClone(payload) });
    delivering ??= setTimeout(deliverNext, 0);
  });

  const api = buildIrmApi(
    async (method, input) => {
      const result = await send(method, input);
      calls.push({ method, input, outcome: result.ok ? 'ok' : result.error.code });
      return result;
    },
    (name, listener) => {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  );

  return {
    api,
    sessionId,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    events,
    eventsOf: (name) => events.filter((event) => event.name === name).map((event) => event.payload),
    async signIn(name, password) {
      const result = await send('auth.signIn', { name, password });
      if (!result.ok) throw new Error(`auth.signIn as ${name} failed: ${result.error.code} ${result.error.message}`);
    },
    call: (method, input) => send(method, input ?? {}),
    close() {
      stopEvents();
      if (delivering) clearTimeout(delivering);
      pending.length = 0;
      listeners.clear();
      backend.endSession(sessionId);
    },
  };
}
