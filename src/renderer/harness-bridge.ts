/** Loaded only by the browser harness: builds the same `window.irm` as the Electron preload, over HTTP. */
import { buildIrmApi, type EventName } from '../shared/contract';
import { HARNESS_EVENTS_PATH, HARNESS_RPC_PATH } from '../shared/ipc';
import type { ApiResult } from '../shared/errors';

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let source: EventSource | null = null;

function ensureEventSource(): void {
  if (source) return;
  source = new EventSource(HARNESS_EVENTS_PATH);
  source.onmessage = (message) => {
    const { name, payload } = JSON.parse(message.data as string) as { name: EventName; payload: unknown };
    listeners.get(name)?.forEach((listener) => listener(payload));
  };
}

const api = buildIrmApi(
  async (method, input) => {
    const response = await fetch(HARNESS_RPC_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ method, input }),
    });
    return (await response.json()) as ApiResult<unknown>;
  },
  (name, listener) => {
    ensureEventSource();
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  },
);

Object.defineProperty(window, 'irm', { value: Object.freeze(api), writable: false, configurable: false });
