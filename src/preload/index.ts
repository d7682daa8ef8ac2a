/** The preload: exposes `window.irm` as named functions generated from the contract, nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
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
