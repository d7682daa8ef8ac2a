import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc';
import { openTestBackend, TEST_PASSWORD, type TestBackend } from '../testing/backendFixture';
import {
  createIpcBridge,
  FORBIDDEN_SENDER_RESULT,
  type BridgedContents,
  type BridgeInvokeEvent,
  type IpcBridge,
} from './ipcBridge';
import { APP_ORIGIN } from './navigation';

interface FakeFrame {
  processId: number;
  routingId: number;
  url: string;
  origin: string;
  parent: FakeFrame | null;
}

/** A fake window webContents with a main frame and an event log. */
function fakeContents(id: number, url = 'app://irm/index.html') {
  const emitter = new EventEmitter();
  const mainFrame: FakeFrame = { processId: 10 + id, routingId: 1, url, origin: 'app://irm', parent: null };
  const sent: unknown[][] = [];
  let destroyed = false;
  const contents = Object.assign(emitter, {
    id,
    mainFrame,
    sent,
    send: (...args: unknown[]) => sent.push(args),
    isDestroyed: () => destroyed,
    destroy() {
      destroyed = true;
      emitter.emit('destroyed');
    },
  });
  return contents;
}
type FakeContents = ReturnType<typeof fakeContents>;

/** A fake ipcMain that keeps the one handler so tests can invoke it like Electron would. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: BridgeInvokeEvent, ...args: unknown[]) => unknown>();
  return {
    handlers,
    handle: (channel: string, handler: (event: BridgeInvokeEvent, ...args: unknown[]) => unknown) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  };
}

describe('createIpcBridge (E-17)', () => {
  let test: TestBackend;
  let ipcMain: ReturnType<typeof fakeIpcMain>;
  let bridge: IpcBridge;
  let windowA: FakeContents;
  let windowB: FakeContents;
  const refusals: string[] = [];

  beforeEach(() => {
    test = openTestBackend();
    ipcMain = fakeIpcMain();
    refusals.length = 0;
    let counter = 0;
    bridge = createIpcBridge({
      ipcMain: ipcMain as never,
      backend: test.backend,
      allowed: [APP_ORIGIN],
      createSessionId: () => `window-session-${++counter}`,
      onRefused: (reason) => refusals.push(reason),
    });
    windowA = fakeContents(1);
    windowB = fakeContents(2);
    bridge.attach(windowA as unknown as BridgedContents);
    bridge.attach(windowB as unknown as BridgedContents);
  });

  afterEach(() => {
    bridge.dispose();
    test.close();
  });

  /** Invokes the call channel as Electron would, with the given sender and frame. */
  const invoke = (sender: unknown, senderFrame: FakeFrame | null, method: unknown, input: unknown = {}) =>
    Promise.resolve(
      ipcMain.handlers.get(IPC_CALL_CHANNEL)!({ sender, senderFrame } as unknown as BridgeInvokeEvent, method, input),
    );

  it('registers exactly one handler, on the call channel', () => {
    expect([...ipcMain.handlers.keys()]).toEqual([IPC_CALL_CHANNEL]);
  });

  it('gives each window its own random session', () => {
    expect(bridge.sessionOf(1)).toBe('window-session-1');
    expect(bridge.sessionOf(2)).toBe('window-session-2');
    expect(bridge.attach(windowA as unknown as BridgedContents)).toBe('window-session-1');
  });

  it("routes the main frame's calls to the backend under its window's session", async () => {
    const result = await invoke(windowA, windowA.mainFrame, 'auth.status');
    expect(result).toMatchObject({ ok: true, value: { setupRequired: true, account: null } });
    expect(await invoke(windowA, windowA.mainFrame, 'auth.setup', { name: 'admin', password: TEST_PASSWORD })).toEqual({
      ok: true,
      value: { done: true },
    });
    expect(await invoke(windowA, windowA.mainFrame, 'auth.status')).toMatchObject({
      ok: true,
      value: { account: { name: 'admin' } },
    });
    // The other window has its own session and is not signed in.
    expect(await invoke(windowB, windowB.mainFrame, 'auth.status')).toMatchObject({ ok: true, value: { account: null } });
    expect(refusals).toEqual([]);
  });

  it('passes untrusted method names and inputs to the router, which answers with errors', async () => {
    expect(await invoke(windowA, windowA.mainFrame, 'no.such')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await invoke(windowA, windowA.mainFrame, 'auth.signIn', { name: 5 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('refuses a call from an iframe of the app window', async () => {
    const iframe: FakeFrame = {
      processId: windowA.mainFrame.processId,
      routingId: 7,
      url: 'app://irm/frame.html',
      origin: 'app://irm',
      parent: windowA.mainFrame,
    };
    expect(await invoke(windowA, iframe, 'auth.status')).toEqual(FORBIDDEN_SENDER_RESULT);
    expect(refusals).toEqual(['sender is not the main frame of its window']);
  });

  it('refuses a frame of another window presented with our window as sender', async () => {
    expect(await invoke(windowA, windowB.mainFrame, 'auth.status')).toEqual(FORBIDDEN_SENDER_RESULT);
  });

  it('refuses a window the bridge never registered, even one reusing a registered id', async () => {
    const stranger = fakeContents(3);
    expect(await invoke(stranger, stranger.mainFrame, 'auth.status')).toEqual(FORBIDDEN_SENDER_RESULT);
    const impostor = fakeContents(1);
    expect(await invoke(impostor, impostor.mainFrame, 'auth.status')).toEqual(FORBIDDEN_SENDER_RESULT);
  });

  it('refuses the main frame once it shows a different origin', async () => {
    for (const [url, origin] of [
      ['https://example.com/', 'https://example.com'],
      ['app://evil/index.html', 'app://evil'],
      ['app://irm/index.html', 'null'],
      ['about:blank', 'app://irm'],
    ]) {
      const frame = { ...windowA.mainFrame, url, origin };
      expect(await invoke(windowA, frame, 'auth.status'), url).toEqual(FORBIDDEN_SENDER_RESULT);
    }
    expect(refusals.every((reason) => reason === 'sender frame is not on the app origin')).toBe(true);
  });

  it('refuses a call whose frame is gone or whose event is malformed, without throwing', async () => {
    expect(await invoke(windowA, null, 'auth.status')).toEqual(FORBIDDEN_SENDER_RESULT);
    expect(await invoke(undefined, undefined as never, 'auth.status')).toEqual(FORBIDDEN_SENDER_RESULT);
    const hostile = Object.defineProperty({ ...windowA.mainFrame }, 'url', {
      get() {
        throw new Error('frame destroyed');
      },
    });
    expect(await invoke(windowA, hostile, 'auth.status')).toEqual(FORBIDDEN_SENDER_RESULT);
  });

  it('refused calls never reach the backend (no audit entry)', async () => {
    await invoke(windowA, windowA.mainFrame, 'auth.status');
    const before = test.backend.context.auditLog.size();
    expect(before).toBeGreaterThan(0);
    await invoke(windowA, null, 'auth.status');
    await invoke(windowB, windowA.mainFrame, 'auth.status');
    expect(test.backend.context.auditLog.size()).toBe(before);
  });

  it("sends a session's events only to its window, and broadcasts null-session events", () => {
    test.backend.context.emit('window-session-2', 'session.changed', { state: 'locked' });
    expect(windowA.sent).toEqual([]);
    expect(windowB.sent).toEqual([[IPC_EVENT_CHANNEL, 'session.changed', { state: 'locked' }]]);
    const progress = {
      jobId: 'j1',
      kind: 'import',
      done: 1,
      total: 2,
      phase: 'reading',
      state: 'running',
      message: null,
    } as const;
    test.backend.context.emit(null, 'job.progress', progress);
    expect(windowA.sent).toEqual([[IPC_EVENT_CHANNEL, 'job.progress', progress]]);
    expect(windowB.sent).toHaveLength(2);
  });

  it('sends no events to a window showing another origin or already destroyed', () => {
    windowA.mainFrame.url = 'https://example.com/';
    windowB.destroy();
    test.backend.context.emit(null, 'session.changed', { state: 'signedOut' });
    expect(windowA.sent).toEqual([]);
    expect(windowB.sent).toEqual([]);
  });

  it('ends the window session in the backend when the window closes', async () => {
    await invoke(windowA, windowA.mainFrame, 'auth.setup', { name: 'admin', password: TEST_PASSWORD });
    expect(test.backend.context.sessions.status('window-session-1').principal?.name).toBe('admin');
    windowA.destroy();
    expect(bridge.sessionOf(1)).toBeNull();
    expect(test.backend.context.sessions.status('window-session-1').principal).toBeNull();
    // A late call from the closed window is refused rather than reviving the session.
    expect(await invoke(windowA, windowA.mainFrame, 'auth.status')).toEqual(FORBIDDEN_SENDER_RESULT);
  });

  it('dispose removes the handler and ends every session', async () => {
    await invoke(windowA, windowA.mainFrame, 'auth.setup', { name: 'admin', password: TEST_PASSWORD });
    bridge.dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(test.backend.context.sessions.status('window-session-1').principal).toBeNull();
    test.backend.context.emit(null, 'session.changed', { state: 'signedOut' });
    expect(windowA.sent).toEqual([]);
    bridge = createIpcBridge({ ipcMain: ipcMain as never, backend: test.backend, allowed: [APP_ORIGIN] }); // for afterEach
  });
});
