/**
 * Static files of the browser harness: resolves a request path to a file strictly inside the
 * renderer folder (no traversal, encoded or not, no symlinks leading out), names its content type,
 * and prepares index.html so the harness bridge runs before the app.
 */
import { realpathSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

/** Where the bridge that builds `window.irm` over HTTP is served (see electron.vite.config.ts). */
export const HARNESS_BRIDGE_PATH = '/harness-bridge.js';

/** The outcome of resolving a request path. */
export type StaticResolution = { kind: 'file'; path: string } | { kind: 'notFound' } | { kind: 'refused'; reason: string };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
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
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a file name (octet-stream when unknown, so nosniff keeps it inert). */
export function contentTypeFor(fileName: string): string {
  return CONTENT_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Maps a raw URL path (as it arrived, before any normalisation) to a file inside rootDir.
 * Decodes percent-escapes once and then refuses anything that could leave the root: `..`
 * segments, backslashes, NUL bytes, and symlinks whose target lies outside.
 */
export function resolveStaticPath(rootDir: string, rawPathname: string): StaticResolution {
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPathname);
  } catch {
    return { kind: 'refused', reason: 'malformed percent-encoding' };
  }
  if (!pathname.startsWith('/')) return { kind: 'refused', reason: 'path must start with /' };
  if (pathname.includes('\0')) return { kind: 'refused', reason: 'NUL byte in path' };
  // Backslashes are separators on Windows; refusing them everywhere keeps behaviour identical.
  if (pathname.includes('\\')) return { kind: 'refused', reason: 'backslash in path' };
  if (pathname.split('/').some((segment) => segment === '..')) return { kind: 'refused', reason: 'parent segment in path' };

  const root = realpathSync(rootDir);
  const relative = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
  const candidate = resolve(root, `.${relative}`);
  if (!isInside(root, candidate)) return { kind: 'refused', reason: 'outside the renderer folder' };

  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return { kind: 'notFound' };
  }
  if (!isInside(root, real)) return { kind: 'refused', reason: 'link leads outside the renderer folder' };
  if (!statSync(real).isFile()) return { kind: 'notFound' };
  return { kind: 'file', path: real };
}

/**
 * Inserts the harness bridge script before the app's first module script, so `window.irm`
 * exists before the app runs (module scripts execute in document order).
 */
export function injectBridgeScript(indexHtml: string): string {
  const tag = `<script type="module" src="${HARNESS_BRIDGE_PATH}"></script>`;
  const firstModuleScript = indexHtml.search(/<script\b[^>]*\btype\s*=\s*["']?module["']?[^>]*>/i);
  if (firstModuleScript >= 0) return `${indexHtml.slice(0, firstModuleScript)}${tag}\n    ${indexHtml.slice(firstModuleScript)}`;
  const headEnd = indexHtml.search(/<\/head>/i);
  if (headEnd >= 0) return `${indexHtml.slice(0, headEnd)}${tag}\n  ${indexHtml.slice(headEnd)}`;
  throw new Error('index.html has neither a module script nor a </head>: cannot place the harness bridge');
}
