/**
 * The browser harness: a loopback HTTP transport for the same backend the Electron window uses.
 * It serves out/renderer with the app's CSP, turns a one-time token into an HttpOnly session
 * cookie, and routes RPCs and server-sent events for that session only. Everything that reaches
 * the router carries a session id that this server issued; nothing else gets through.
 */
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { HARNESS_EVENTS_PATH, HARNESS_RPC_PATH } from '../../shared/ipc';
import type { ApiResult, ErrorCode } from '../../shared/errors';
import type { Backend } from '../backend';
import { contentTypeFor, injectBridgeScript, resolveStaticPath } from './staticFiles';

export { CONTENT_SECURITY_POLICY };

/** Answers 200 once the server listens; needs no session (it reveals nothing). */
export const HARNESS_READY_PATH = '/__irm/ready';
/** POST with a session cookie: mints another one-time sign-in URL (a second browser, a second test user). */
export const HARNESS_SIGN_IN_LINKS_PATH = '/__irm/sign-in-links';
/** Default limit for an RPC body. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
/** The loopback address the harness binds to; never anything else. */
export const HARNESS_HOST = '127.0.0.1';

const HEARTBEAT_MS = 15_000;

/** Options for createHarnessServer. */
export interface HarnessServerOptions {
  /** The backend whose router serves the calls. */
  backend: Pick<Backend, 'call' | 'onEvent' | 'endSession'>;
  /** The built renderer (out/renderer): index.html, harness-bridge.js, assets/. */
  rendererDir: string;
  /** TCP port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  /** Largest accepted RPC body in bytes (default 8 MB). */
  maxBodyBytes?: number;
  /** Where refusals and errors are reported (default: stderr). */
  log?: (line: string) => void;
}

/** A running harness. */
export interface HarnessServer {
  /** The one-time sign-in URL, `http://127.0.0.1:PORT/?token=...`. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  port: number;
  /** Mints another one-time sign-in URL (each one yields its own session). */
  issueSignInUrl(): string;
  /** Stops listening, closes event streams and ends every session this server issued. */
  close(): Promise<void>;
}

function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  response.setHeader('Cache-Control', 'no-store');
}

function sendJson(response: ServerResponse, status: number, body: ApiResult<unknown>): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

function sendError(response: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(response, status, { ok: false, error: { code, message } });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function sendPage(response: ServerResponse, status: number, title: string, message: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
  response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
  response.end(html);
}

/** Reads a cookie by name from the Cookie header (first occurrence wins). */
function readCookie(request: IncomingMessage, name: string): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return null;
}

type BodyOutcome = { kind: 'body'; text: string } | { kind: 'tooLarge' };

function readBody(request: IncomingMessage, limit: number): Promise<BodyOutcome> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        resolvePromise({ kind: 'tooLarge' });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (done) return;
      done = true;
      resolvePromise({ kind: 'body', text: Buffer.concat(chunks).toString('utf8') });
    });
    request.on('error', (error) => {
      if (!done) reject(error);
      done = true;
    });
  });
}

/** Starts the harness on 127.0.0.1 and resolves once it listens. */
export async function createHarnessServer(options: HarnessServerOptions): Promise<HarnessServer> {
  const { backend, rendererDir } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = options.log ?? ((line: string) => process.stderr.write(`[harness] ${line}\n`));
  const requestedPort = options.port ?? 0;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new Error(`Invalid port ${String(requestedPort)}: use an integer from 0 (any free port) to 65535.`);
  }
  // Fail at start, not at the first page load, when the renderer has not been built.
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`No index.html in ${rendererDir}: build the renderer first (npm run build).`);
  }

  const pendingTokens = new Set<string>();
  const sessionIds = new Set<string>();
  const eventStreams = new Set<ServerResponse>();
  let port = requestedPort;
  // Cookies are not port-specific: naming the cookie by port keeps two harnesses on one machine apart.
  const cookieName = () => `irm_session_${port}`;
  const allowedHosts = () => new Set([`${HARNESS_HOST}:${port}`, `localhost:${port}`]);

  const issueSignInUrl = (): string => {
    const token = randomSecret();
    pendingTokens.add(token);
    return `http://${HARNESS_HOST}:${port}/?token=${token}`;
  };

  /** The request's session id, if it carries a cookie this server issued. */
  const sessionOf = (request: IncomingMessage): string | null => {
    const value = readCookie(request, cookieName());
    return value !== null && sessionIds.has(value) ? value : null;
  };

  /**
   * DNS-rebinding and cross-site defence: the Host must be this server, and when the browser says
   * where the request comes from (Origin, Sec-Fetch-Site) that must be this server too.
   * `requireOrigin` is set for state-changing POSTs, where browsers always send Origin.
   */
  const sameOrigin = (request: IncomingMessage, requireOrigin: boolean): boolean => {
    const host = request.headers.host ?? '';
    const origin = request.headers.origin;
    if (origin === undefined) {
      if (requireOrigin) return false;
    } else if (origin !== `http://${host}`) return false;
    const fetchSite = request.headers['sec-fetch-site'];
    return fetchSite === undefined || fetchSite === 'same-origin';
  };

  const handleRpc = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      return sendError(response, 405, 'INVALID_INPUT', 'RPCs are POST requests.');
    }
    if (!sameOrigin(request, true)) {
      log(`refused RPC from origin ${request.headers.origin ?? '(none)'}`);
      return sendError(response, 403, 'FORBIDDEN', 'Requests must come from the harness page itself.');
    }
    const sessionId = sessionOf(request);
    if (!sessionId)
      return sendError(response, 401, 'UNAUTHENTICATED', 'No harness session: open the URL printed by `npm run web`.');
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== 'application/json')
      return sendError(response, 415, 'INVALID_INPUT', 'RPC bodies must be application/json.');
    const declaredLength = Number(request.headers['content-length'] ?? 0);
    const tooLarge = () => {
      response.setHeader('Connection', 'close');
      sendError(response, 413, 'INVALID_INPUT', `RPC body larger than ${maxBodyBytes} bytes.`);
    };
    if (declaredLength > maxBodyBytes) return tooLarge();
    const body = await readBody(request, maxBodyBytes);
    if (body.kind === 'tooLarge') return tooLarge();
    let message: unknown;
    try {
      message = JSON.parse(body.text);
    } catch {
      return sendError(response, 400, 'INVALID_INPUT', 'RPC body is not valid JSON.');
    }
    if (
      typeof message !== 'object' ||
      message === null ||
      Array.isArray(message) ||
      typeof (message as { method?: unknown }).method !== 'string'
    ) {
      return sendError(response, 400, 'INVALID_INPUT', 'RPC body must be {"method": "area.verb", "input": {...}}.');
    }
    const { method, input } = message as { method: string; input?: unknown };
    let result: ApiResult<unknown>;
    try {
      result = await backend.call({ sessionId, transport: 'harness' }, method, input ?? {});
    } catch (error) {
      // The router never throws by design; this keeps a bug from leaving the page without an answer.
      log(`router threw for ${method.slice(0, 80)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return sendError(response, 500, 'INTERNAL', 'Internal error; the details are in the harness log.');
    }
    sendJson(response, 200, result);
  };

  const handleEvents = (request: IncomingMessage, response: ServerResponse): void => {
    if (request.method !== 'GET') {
      response.setHeader('Allow', 'GET');
      return sendError(response, 405, 'INVALID_INPUT', 'The event stream is a GET request.');
    }
    if (!sameOrigin(request, false))
      return sendError(response, 403, 'FORBIDDEN', 'Requests must come from the harness page itself.');
    const sessionId = sessionOf(request);
    if (!sessionId)
      return sendError(response, 401, 'UNAUTHENTICATED', 'No harness session: open the URL printed by `npm run web`.');
    response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'X-Accel-Buffering': 'no' });
    response.write(': connected\n\n');
    eventStreams.add(response);
    const unsubscribe = backend.onEvent((target, name, payload) => {
      if (target !== null && target !== sessionId) return;
      response.write(`data: ${JSON.stringify({ name, payload })}\n\n`);
    });
    // Comments keep idle connections from being dropped by anything between page and server.
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      eventStreams.delete(response);
    };
    request.on('close', stop);
    response.on('close', stop);
  };

  const handleSignInLinks = (request: IncomingMessage, response: ServerResponse): void => {
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      return sendError(response, 405, 'INVALID_INPUT', 'Sign-in links are minted with POST.');
    }
    if (!sameOrigin(request, true))
      return sendError(response, 403, 'FORBIDDEN', 'Requests must come from the harness page itself.');
    if (!sessionOf(request))
      return sendError(response, 401, 'UNAUTHENTICATED', 'No harness session: open the URL printed by `npm run web`.');
    request.resume();
    sendJson(response, 200, { ok: true, value: { url: issueSignInUrl() } });
  };

  const handleTokenExchange = (request: IncomingMessage, response: ServerResponse, token: string): void => {
    if (pendingTokens.delete(token)) {
      const sessionId = randomSecret();
      sessionIds.add(sessionId);
      response.setHeader('Set-Cookie', `${cookieName()}=${sessionId}; Path=/; HttpOnly; SameSite=Strict`);
      response.writeHead(303, { Location: '/', 'Content-Length': 0 });
      response.end();
      return;
    }
    if (sessionOf(request)) {
      // A reload of an already used link from a browser that holds a session: just show the app.
      response.writeHead(303, { Location: '/', 'Content-Length': 0 });
      response.end();
      return;
    }
    log('refused a sign-in link that is unknown or already used');
    sendPage(
      response,
      403,
      'Link already used',
      'This sign-in link is not valid or was already used. Restart `npm run web` for a new one.',
    );
  };

  const handleStatic = (request: IncomingMessage, response: ServerResponse, rawPathname: string): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return sendPage(response, 405, 'Method not allowed', 'Only GET and HEAD are served here.');
    }
    if (!sessionOf(request)) {
      return sendPage(
        response,
        401,
        'Sign-in link needed',
        'Open the URL printed by `npm run web`; it carries a one-time token.',
      );
    }
    const resolution = resolveStaticPath(rendererDir, rawPathname);
    if (resolution.kind === 'refused') {
      log(`refused path ${JSON.stringify(rawPathname.slice(0, 200))}: ${resolution.reason}`);
      return sendPage(response, 403, 'Refused', 'That path is not served.');
    }
    if (resolution.kind === 'notFound') {
      // Browsers ask for /favicon.ico on their own (Electron does not); a 404 would be a console error.
      if (rawPathname === '/favicon.ico') return void response.writeHead(204).end();
      return sendPage(response, 404, 'Not found', 'No such file.');
    }
    const contentType = contentTypeFor(resolution.path);
    if (basename(resolution.path) === 'index.html') {
      const html = injectBridgeScript(readFileSync(resolution.path, 'utf8'));
      response.writeHead(200, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(html) });
      response.end(request.method === 'HEAD' ? undefined : html);
      return;
    }
    response.writeHead(200, { 'Content-Type': contentType });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(resolution.path)
      .on('error', (error) => {
        log(`reading ${resolution.path} failed: ${error.message}`);
        response.destroy();
      })
      .pipe(response);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    setSecurityHeaders(response);
    const rawUrl = request.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const rawPathname = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
    const query = new URLSearchParams(queryStart < 0 ? '' : rawUrl.slice(queryStart + 1));
    const isApi = rawPathname.startsWith('/__irm/');

    if (!allowedHosts().has(request.headers.host ?? '')) {
      log(`refused Host ${JSON.stringify(request.headers.host ?? '')}`);
      if (isApi) return sendError(response, 403, 'FORBIDDEN', 'Unknown Host header.');
      return sendPage(response, 403, 'Refused', 'Unknown Host header.');
    }
    if (rawPathname === HARNESS_READY_PATH) return sendJson(response, 200, { ok: true, value: { ready: true } });
    if (rawPathname === HARNESS_RPC_PATH) return handleRpc(request, response);
    if (rawPathname === HARNESS_EVENTS_PATH) return handleEvents(request, response);
    if (rawPathname === HARNESS_SIGN_IN_LINKS_PATH) return handleSignInLinks(request, response);
    if (isApi) return sendError(response, 404, 'NOT_FOUND', 'No such harness endpoint.');
    const token = query.get('token');
    if (rawPathname === '/' && token !== null && (request.method === 'GET' || request.method === 'HEAD')) {
      return handleTokenExchange(request, response, token);
    }
    return handleStatic(request, response, rawPathname);
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!response.headersSent) sendError(response, 500, 'INTERNAL', 'Internal error; the details are in the harness log.');
      else response.destroy();
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${requestedPort} on ${HARNESS_HOST} is in use: set PORT to a free port, or leave it unset to pick one.`,
            )
          : error,
      );
    };
    server.once('error', onError);
    server.listen(requestedPort, HARNESS_HOST, () => {
      server.off('error', onError);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  server.on('error', (error) => log(`server error: ${error.message}`));

  let closing: Promise<void> | null = null;
  return {
    url: issueSignInUrl(),
    origin: `http://${HARNESS_HOST}:${port}`,
    port,
    issueSignInUrl,
    close() {
      closing ??= new Promise<void>((resolvePromise) => {
        pendingTokens.clear();
        for (const stream of eventStreams) stream.end();
        server.close(() => resolvePromise());
        server.closeAllConnections();
        for (const sessionId of sessionIds) backend.endSession(sessionId);
        sessionIds.clear();
      });
      return closing;
    },
  };
}
