/**
 * The preload: exposes `window.irm` as named functions generated from the contract, and
 * `window.irmFiles.pathFor` (the path of a dropped file), nothing else.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildIrmApi, type EventName } from '../shared/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/ipc';

const api = buildIrmApi(
  (method, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input),
  (name: EventName, listener) => {
    const handler = (_event: unknown, eventName: string, payload: unknown) => {
      if (eventName === name) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
);

contextBridge.exposeInMainWorld('irm', api);
// Electron 32+ no longer gives File.path to the page: a dropped file's path comes from webUtils,
// which only the preload can use. It reads a path; it opens and sends nothing.
contextBridge.exposeInMainWorld('irmFiles', { pathFor: (file: File): string | null => webUtils.getPathForFile(file) || null });
