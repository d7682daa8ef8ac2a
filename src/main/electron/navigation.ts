/**
 * Navigation and window guards for every webContents (E-11..E-14): the window may only ever show
 * the app's own origin; new windows, webviews and navigation elsewhere are refused. URLs are
 * compared with the URL parser, never with string prefixes.
 */
import type { WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from './appProtocol';

/** An origin the app's pages may come from: `app://irm`, or the electron-vite dev server while unpackaged. */
export interface AllowedOrigin {
  /** With the colon, as URL.protocol gives it: `app:` or `http:`. */
  protocol: string;
  /** Host and port, as URL.host gives it. */
  host: string;
}

/** The packaged app's origin. */
export const APP_ORIGIN: AllowedOrigin = { protocol: `${APP_SCHEME}:`, host: APP_HOST };

/** Parses a URL; null when it is not one. */
function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` belongs to one of the allowed origins. Compares protocol and host because Node's
 * URL gives custom schemes the opaque origin "null", so `url.origin` cannot be used for app://.
 */
export function isAllowedUrl(url: string, allowed: readonly AllowedOrigin[]): boolean {
  const parsed = parseUrl(url);
  if (!parsed || parsed.username !== '' || parsed.password !== '') return false;
  return allowed.some((origin) => parsed.protocol === origin.protocol && parsed.host === origin.host);
}

/**
 * The dev server origin electron-vite passes in ELECTRON_RENDERER_URL, accepted only while unpackaged
 * and only on a loopback http(s) address; null otherwise.
 */
export function devServerOrigin(rendererUrl: string | undefined, isPackaged: boolean): AllowedOrigin | null {
  if (isPackaged || !rendererUrl) return null;
  const parsed = parseUrl(rendererUrl);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  if (!['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) return null;
  return { protocol: parsed.protocol, host: parsed.host };
}

/** Subframes may also be blank documents (about:blank, srcdoc) created by the app page itself. */
function isAllowedSubframeUrl(url: string, allowed: readonly AllowedOrigin[]): boolean {
  return url === 'about:blank' || url === 'about:srcdoc' || isAllowedUrl(url, allowed);
}

/** The event shape of will-navigate / will-redirect / will-frame-navigate that the guards use. */
interface NavigationEvent {
  url: string;
  isMainFrame?: boolean;
  preventDefault(): void;
}

/** The parts of WebContents the guards attach to (a fake in tests). */
export type GuardableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Attaches the guards to one webContents: navigation and redirects leave the app origin → blocked;
 * window.open / target=_blank → denied; <webview> → never attached. `onBlocked` hears each refusal.
 */
export function guardWebContents(
  contents: GuardableContents,
  allowed: readonly AllowedOrigin[],
  onBlocked: (what: string, url: string) => void = () => {},
): void {
  const guardMainFrame = (what: string) => (event: NavigationEvent) => {
    if (!isAllowedUrl(event.url, allowed)) {
      event.preventDefault();
      onBlocked(what, event.url);
    }
  };
  contents.on('will-navigate', guardMainFrame('navigation'));
  contents.on('will-redirect', guardMainFrame('redirect'));
  contents.on('will-frame-navigate', (event: NavigationEvent) => {
    if (event.isMainFrame) return; // will-navigate covers the main frame.
    if (!isAllowedSubframeUrl(event.url, allowed)) {
      event.preventDefault();
      onBlocked('frame navigation', event.url);
    }
  });
  contents.setWindowOpenHandler(({ url }) => {
    onBlocked('new window', url);
    return { action: 'deny' };
  });
  contents.on(
    'will-attach-webview',
    (event: { preventDefault(): void }, _webPreferences: unknown, params: Record<string, string>) => {
      event.preventDefault();
      onBlocked('webview', params?.src ?? '');
    },
  );
}
