/**
 * The `app://` protocol: the renderer is served from out/renderer through a privileged custom
 * scheme instead of file:// (E-18), with a strict CSP header on every response (E-07). Nothing
 * here needs Electron at run time, so the path checks are unit-tested under plain Node.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

/** The scheme the renderer is served from. */
export const APP_SCHEME = 'app';
/** The one host of that scheme; anything else is refused. */
export const APP_HOST = 'irm';
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export { CONTENT_SECURITY_POLICY };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** The Content-Type for a file name; unknown extensions are served as opaque bytes (with nosniff). */
export function contentTypeFor(fileName: string): string {
  return CONTENT_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The privileges of the app scheme, registered before `ready`: standard (real origin, relative
 * URLs), secure context, fetch and CORS mode so Vite's `<script type="module" crossorigin>` loads.
 * No bypassCSP, no service workers, no streaming of media from elsewhere.
 */
export function appSchemePrivileges(): CustomScheme[] {
  return [
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        corsEnabled: true,
        bypassCSP: false,
        allowServiceWorkers: false,
      },
    },
  ];
}

/** True when `target` is `root` itself or lies below it (a real path comparison, so `/out` never contains `/outnot`). */
export function isInside(root: string, target: string): boolean {
  const path = relative(resolve(root), resolve(target));
  if (path === '') return true;
  return path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}

/**
 * Maps an app:// URL to a file below `root`, or null when the URL could reach outside it: encoded
 * or literal `..` segments, backslashes, NUL or other control characters, drive letters and
 * anything whose resolved path is not inside root. `/` maps to index.html.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let parsed: URL;
  try {
    // The URL parser silently folds `..` and `%2e%2e` segments; a URL that carried any is refused.
    const rawSegments = decodeURIComponent(url.split(/[?#]/, 1)[0]).split(/[/\\]/);
    if (rawSegments.some((segment) => segment === '..' || segment === '.')) return null;
    parsed = new URL(url);
  } catch {
    return null;
  }
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point.
  if (/[\u0000-\u001f\u007f\\:]/.test(path)) return null;
  const segments = path.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  const absoluteRoot = resolve(root);
  const relativePath = segments.filter((segment) => segment !== '').join(sep);
  const target = resolve(absoluteRoot, relativePath === '' ? 'index.html' : relativePath);
  return isInside(absoluteRoot, target) ? target : null;
}

/** The security headers every app:// response carries. */
export function responseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: responseHeaders('text/plain; charset=utf-8') });
}

async function readServedFile(realRoot: string, file: string): Promise<Buffer | null> {
  try {
    // Resolve symlinks too: a link inside out/renderer must not lead outside it.
    const realFile = await realpath(file);
    if (!isInside(realRoot, realFile) || !(await stat(realFile)).isFile()) return null;
    return await readFile(realFile);
  } catch {
    return null;
  }
}

/**
 * The protocol.handle handler serving `root` (out/renderer). Only GET/HEAD on app://irm/ are
 * answered; extension-less paths that match no file get index.html so client-side routes reload.
 */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  const absoluteRoot = resolve(root);
  let realRoot: Promise<string> | null = null;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return textResponse(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return textResponse(404, 'Not found');
    const file = resolveAppPath(absoluteRoot, request.url);
    if (!file) return textResponse(404, 'Not found');
    realRoot ??= realpath(absoluteRoot).catch(() => absoluteRoot);
    const root = await realRoot;
    let served = file;
    let body = await readServedFile(root, file);
    if (!body && extname(file) === '') {
      served = resolve(absoluteRoot, 'index.html');
      body = await readServedFile(root, served);
    }
    if (!body) return textResponse(404, 'Not found');
    const headers = responseHeaders(contentTypeFor(served));
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
