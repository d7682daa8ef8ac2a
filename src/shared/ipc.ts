/** Channel names shared by the Electron preload and main. The renderer never sees them. */
export const IPC_CALL_CHANNEL = 'irm:call';
export const IPC_EVENT_CHANNEL = 'irm:event';
/** HTTP paths of the browser harness. */
export const HARNESS_RPC_PATH = '/__irm/rpc';
export const HARNESS_EVENTS_PATH = '/__irm/events';
