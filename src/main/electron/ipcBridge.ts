/**
 * The IPC bridge between the app window and the backend (E-17): one `ipcMain.handle` channel that
 * answers only the main frame of a window we created, showing our own origin. Each window gets a
 * random session id; backend events go only to the window of their session (or to all for null).
 */
import { randomUUID } from 'node:crypto';
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import type { Backend } from '../backend';
import type { ApiResult } from '../../shared/errors';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc';
import { isAllowedUrl, type AllowedOrigin } from './navigation';

/** The parts of a window's WebContents the bridge uses (a fake in tests). */
export type BridgedContents = Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'once'> & {
  readonly mainFrame: Pick<WebFrameMain, 'processId' | 'routingId' | 'url'>;
};

/** The parts of an invoke event the sender check reads (a fake in tests). */
export type BridgeInvokeEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** One registered window. */
interface WindowRecord {
  contents: BridgedContents;
  sessionId: string;
}

/** What the bridge needs. */
export interface IpcBridgeOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  backend: Pick<Backend, 'call' | 'onEvent' | 'endSession'>;
  /** Origins the app page may have (app://irm, plus the dev server while unpackaged). */
  allowed: readonly AllowedOrigin[];
  /** Makes the per-window session id (random by default). */
  createSessionId?: () => string;
  /** Hears each refused call (one log line, never the input). */
  onRefused?: (reason: string) => void;
}

/** The running bridge. */
export interface IpcBridge {
  /** Registers a window; returns its session id. The session ends when the webContents is destroyed. */
  attach(contents: BridgedContents): string;
  /** The session id of a registered window, or null. */
  sessionOf(contentsId: number): string | null;
  /** Removes the handler and the event listener and ends every window's session. */
  dispose(): void;
}

/** The result a refused caller gets: a normal API error, never a thrown exception. */
export const FORBIDDEN_SENDER_RESULT: ApiResult<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'FORBIDDEN', message: 'Calls are accepted only from the app window.' }),
}) as ApiResult<never>;

/**
 * Checks who sent an invoke: a window we registered, its top-level main frame (not an iframe,
 * not another window's frame) and a page of an allowed origin. Returns the window's record or why not.
 */
export function checkSender(
  event: BridgeInvokeEvent,
  windows: ReadonlyMap<number, WindowRecord>,
  allowed: readonly AllowedOrigin[],
): { record: WindowRecord } | { refused: string } {
  const record = windows.get(event.sender?.id);
  if (!record || record.contents !== event.sender) return { refused: 'sender is not an app window' };
  const frame = event.senderFrame;
  if (!frame) return { refused: 'sender frame is gone' };
  const main = record.contents.mainFrame;
  // Distinct WebFrameMain objects of one frame share processId and routingId.
  if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) {
    return { refused: 'sender is not the main frame of its window' };
  }
  if (!isAllowedUrl(frame.url, allowed) || !isAllowedUrl(frame.origin, allowed)) {
    return { refused: 'sender frame is not on the app origin' };
  }
  return { record };
}

/** Installs the call handler and event forwarding. */
export function createIpcBridge(options: IpcBridgeOptions): IpcBridge {
  const { ipcMain, backend, allowed } = options;
  const createSessionId = options.createSessionId ?? randomUUID;
  const onRefused = options.onRefused ?? (() => {});
  const windows = new Map<number, WindowRecord>();

  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    let checked: ReturnType<typeof checkSender>;
    try {
      checked = checkSender(event, windows, allowed);
    } catch {
      checked = { refused: 'sender could not be checked' };
    }
    if ('refused' in checked) {
      onRefused(checked.refused);
      return FORBIDDEN_SENDER_RESULT;
    }
    try {
      return await backend.call({ sessionId: checked.record.sessionId, transport: 'electron' }, method, input);
    } catch {
      // The router turns handler failures into results; this only guards the bridge itself.
      return { ok: false, error: { code: 'INTERNAL', message: 'The call failed unexpectedly.' } } satisfies ApiResult<never>;
    }
  });

  const unsubscribe = backend.onEvent((sessionId, name, payload) => {
    for (const record of windows.values()) {
      if (sessionId !== null && record.sessionId !== sessionId) continue;
      if (record.contents.isDestroyed() || !isAllowedUrl(record.contents.mainFrame.url, allowed)) continue;
      try {
        record.contents.send(IPC_EVENT_CHANNEL, name, payload);
      } catch {
        // A window closing mid-send misses the event; it has no session left to care.
      }
    }
  });

  const detach = (contentsId: number) => {
    const record = windows.get(contentsId);
    if (!record) return;
    windows.delete(contentsId);
    backend.endSession(record.sessionId);
  };

  return {
    attach(contents) {
      const existing = windows.get(contents.id);
      if (existing) return existing.sessionId;
      const sessionId = createSessionId();
      windows.set(contents.id, { contents, sessionId });
      contents.once('destroyed', () => detach(contents.id));
      return sessionId;
    },
    sessionOf: (contentsId) => windows.get(contentsId)?.sessionId ?? null,
    dispose() {
      ipcMain.removeHandler(IPC_CALL_CHANNEL);
      unsubscribe();
      for (const contentsId of [...windows.keys()]) detach(contentsId);
    },
  };
}
