/**
 * Session hardening (E-01, E-05, D-07): every permission request and check is denied, device
 * access is denied, downloads are refused, the spell checker (which fetches dictionaries from
 * the internet) is off, and every request outside the app's own origin is cancelled.
 */
import type { Session } from 'electron';
import { isAllowedUrl, type AllowedOrigin } from './navigation';

/** Schemes that never leave the machine and the CSP already limits (img-src data: blob:; devtools). */
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'devtools:']);

/** The origins plus, for an http dev server, its websocket twin (Vite's hot reload). */
function withWebsockets(allowed: readonly AllowedOrigin[]): AllowedOrigin[] {
  const websockets = allowed
    .filter((origin) => origin.protocol === 'http:' || origin.protocol === 'https:')
    .map((origin) => ({ protocol: origin.protocol === 'https:' ? 'wss:' : 'ws:', host: origin.host }));
  return [...allowed, ...websockets];
}

/** True when the session may make this request: the app origin(s) and local-only schemes, nothing else. */
export function isAllowedRequest(url: string, allowed: readonly AllowedOrigin[]): boolean {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return false;
  }
  return LOCAL_SCHEMES.has(protocol) || isAllowedUrl(url, withWebsockets(allowed));
}

/** True for `blob:<app origin>/<uuid>` URLs, which only our own page can create. */
export function isAppBlobUrl(url: string, allowed: readonly AllowedOrigin[]): boolean {
  if (!url.startsWith('blob:')) return false;
  return isAllowedUrl(url.slice('blob:'.length), allowed);
}

/** The parts of Session that hardenSession sets (a fake in tests). */
export type HardenableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setSpellCheckerEnabled' | 'on'
> & {
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>;
};

/** Applies the deny-by-default handlers to a session; `onBlocked` hears each refused request. */
export function hardenSession(
  session: HardenableSession,
  allowed: readonly AllowedOrigin[],
  onBlocked: (what: string, detail: string) => void = () => {},
): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    onBlocked('permission request', permission);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerEnabled(false);
  session.on('will-download', (event, item) => {
    // The app's own exports (a blob: made by the page, e.g. the audit CSV) go through the save dialog.
    if (isAppBlobUrl(item.getURL(), allowed)) return;
    event.preventDefault();
    onBlocked('download', item.getURL());
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowedRequest = isAllowedRequest(details.url, allowed);
    if (!allowedRequest) onBlocked('request', details.url);
    callback({ cancel: !allowedRequest });
  });
}
