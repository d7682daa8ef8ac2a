/** E-20: the preload exposes `window.irm` as named functions from the contract and nothing else. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, METHOD_NAMES } from '../shared/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/ipc';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  webUtils: { getPathForFile: vi.fn((file: { name: string }) => (file.name === 'none' ? '' : `/data/${file.name}`)) },
  ipcRenderer: {
    invoke: vi.fn(async () => ({ ok: true, value: null })),
    on: vi.fn(),
    removeListener: vi.fn(),
    send: vi.fn(),
    sendSync: vi.fn(),
    postMessage: vi.fn(),
  },
}));
vi.mock('electron', () => electron);

let exposedName: unknown;
let irm: Record<string, Record<string, unknown>>;

beforeAll(async () => {
  await import('./index');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(2);
  [exposedName, irm] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, typeof irm];
});

/** areas → sorted verbs, the shape a reviewer reads in the snapshot. */
function keysOf(api: Record<string, Record<string, unknown>>): Record<string, string[]> {
  return Object.fromEntries(
    Object.keys(api)
      .sort()
      .map((area) => [area, Object.keys(api[area]).sort()]),
  );
}

describe('window.irm', () => {
  it('is exposed once, as irm', () => {
    expect(exposedName).toBe('irm');
  });

  it('exposes besides it only irmFiles.pathFor, the path of a dropped file (webUtils; empty becomes null)', () => {
    const [name, files] = electron.contextBridge.exposeInMainWorld.mock.calls[1] as [string, Record<string, unknown>];
    expect(name).toBe('irmFiles');
    expect(Object.keys(files)).toEqual(['pathFor']);
    const pathFor = files.pathFor as (file: { name: string }) => string | null;
    expect(pathFor({ name: 'roster.csv' })).toBe('/data/roster.csv');
    expect(pathFor({ name: 'none' })).toBeNull();
  });

  it('has exactly the keys of the contract plus events.on (snapshot)', () => {
    expect(keysOf(irm)).toMatchSnapshot();
  });

  it('matches the contract exactly: one function per method, nothing more', () => {
    const expected: Record<string, string[]> = { events: ['on'] };
    for (const name of METHOD_NAMES) {
      const [area, verb] = name.split('.') as [string, string];
      (expected[area] ??= []).push(verb);
    }
    for (const area of Object.keys(expected)) expected[area].sort();
    expect(keysOf(irm)).toEqual(Object.fromEntries(Object.entries(expected).sort(([a], [b]) => a.localeCompare(b))));
    for (const [area, verbs] of Object.entries(irm)) {
      for (const [verb, value] of Object.entries(verbs)) expect(typeof value, `${area}.${verb}`).toBe('function');
    }
  });

  it('exposes no Electron object and no generic channel access', () => {
    const everyKey = Object.entries(irm).flatMap(([area, verbs]) => [area, ...Object.keys(verbs)]);
    for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'postMessage', 'require', 'process', 'electron']) {
      expect(everyKey).not.toContain(forbidden);
    }
    const values = Object.values(irm).flatMap((verbs) => Object.values(verbs));
    expect(values).not.toContain(electron.ipcRenderer);
    expect(values).not.toContain(electron.ipcRenderer.invoke);
  });

  it('reaches only the call channel, whatever the renderer passes', async () => {
    electron.ipcRenderer.invoke.mockClear();
    for (const name of METHOD_NAMES) {
      const [area, verb] = name.split('.') as [string, string];
      await (irm[area][verb] as (input: unknown) => Promise<unknown>)({ channel: 'irm:other', method: 'evil' });
    }
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(METHOD_NAMES.length);
    const calls = electron.ipcRenderer.invoke.mock.calls as unknown as unknown[][];
    expect(new Set(calls.map((call) => call[0]))).toEqual(new Set([IPC_CALL_CHANNEL]));
    expect(calls.map((call) => call[1])).toEqual(METHOD_NAMES);
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });

  it('subscribes only to the event channel, filters by name and unsubscribes', () => {
    const events = irm.events as { on(name: string, listener: (payload: unknown) => void): () => void };
    const listener = vi.fn();
    const unsubscribe = events.on(EVENT_NAMES[0], listener);
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
    const [channel, handler] = electron.ipcRenderer.on.mock.calls[0] as unknown as [
      string,
      (event: unknown, name: string, payload: unknown) => void,
    ];
    expect(channel).toBe(IPC_EVENT_CHANNEL);
    handler({}, EVENT_NAMES[0], { x: 1 });
    handler({}, 'some.other', { x: 2 });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ x: 1 });
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, handler);
  });

  it('refuses unknown event names', () => {
    const events = irm.events as { on(name: string, listener: () => void): () => void };
    expect(() => events.on('irm:call', () => {})).toThrow(/unknown event/);
  });
});
