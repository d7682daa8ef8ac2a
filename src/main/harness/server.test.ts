import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HARNESS_EVENTS_PATH, HARNESS_RPC_PATH } from '../../shared/ipc';
import { openTestBackend, TEST_PASSWORD, type TestBackend } from '../testing/backendFixture';
import {
  CONTENT_SECURITY_POLICY,
  createHarnessServer,
  HARNESS_READY_PATH,
  HARNESS_SIGN_IN_LINKS_PATH,
  type HarnessServer,
} from './server';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request: the path goes out exactly as given (no URL normalisation), headers as set. */
function send(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolvePromise, reject) => {
    const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...options.headers };
    if (options.body !== undefined) headers['content-length'] ??= String(Buffer.byteLength(options.body));
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers, agent: false },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolvePromise({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** Follows a sign-in URL and returns the Cookie header value it yields. */
async function signIn(port: number, url: string): Promise<string> {
  const parsed = new URL(url);
  const reply = await send(port, { path: `${parsed.pathname}${parsed.search}` });
  expect(reply.status).toBe(303);
  expect(reply.headers.location).toBe('/');
  const setCookie = reply.headers['set-cookie']?.[0] ?? '';
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  return setCookie.split(';')[0]!;
}

/** Collects server-sent events of one stream until `until` says stop. */
function openEventStream(
  port: number,
  cookie: string,
): Promise<{ events: unknown[]; close(): void; waitFor(predicate: (events: unknown[]) => boolean): Promise<void> }> {
  return new Promise((resolvePromise, reject) => {
    const events: unknown[] = [];
    const waiters: { predicate: (events: unknown[]) => boolean; done: () => void }[] = [];
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: HARNESS_EVENTS_PATH,
        headers: { host: `127.0.0.1:${port}`, cookie, accept: 'text/event-stream' },
        agent: false,
      },
      (incoming) => {
        expect(incoming.statusCode).toBe(200);
        expect(incoming.headers['content-type']).toMatch(/^text\/event-stream/);
        let buffer = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of block.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
          }
          for (const waiter of [...waiters]) if (waiter.predicate(events)) waiter.done();
        });
        resolvePromise({
          events,
          close: () => outgoing.destroy(),
          waitFor: (predicate) =>
            predicate(events) ? Promise.resolve() : new Promise<void>((done) => waiters.push({ predicate, done })),
        });
      },
    );
    outgoing.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
    outgoing.end();
  });
}

let backend: TestBackend;
let rendererDir: string;
let outsideDir: string;
let harness: HarnessServer;
/** Every call that reached the router, so tests can prove refused requests never did. */
let routerCalls: { sessionId: string | null; transport: string; method: unknown }[];

beforeEach(async () => {
  backend = openTestBackend();
  outsideDir = mkdtempSync(join(tmpdir(), 'irm-harness-'));
  rendererDir = join(outsideDir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>Insider Risk Workbench</title>\n    <script type="module" crossorigin src="./assets/index-abc.js"></script>\n</head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(rendererDir, 'harness-bridge.js'), 'window.bridge = true;');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log("app");');
  writeFileSync(join(outsideDir, 'secret.txt'), 'TOP-SECRET-OUTSIDE');
  symlinkSync(join(outsideDir, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));
  routerCalls = [];
  const real = backend.backend;
  const counted = {
    ...real,
    call: (origin: Parameters<typeof real.call>[0], method: unknown, input: unknown) => {
      routerCalls.push({ sessionId: origin.sessionId, transport: origin.transport, method });
      return real.call(origin, method, input);
    },
  };
  harness = await createHarnessServer({ backend: counted, rendererDir, port: 0, log: () => undefined });
});

afterEach(async () => {
  await harness.close();
  backend.close();
  rmSync(outsideDir, { recursive: true, force: true });
});

const rpc = (cookie: string | null, method: string, input: unknown = {}, headers: Record<string, string> = {}) =>
  send(harness.port, {
    method: 'POST',
    path: HARNESS_RPC_PATH,
    headers: { 'content-type': 'application/json', origin: harness.origin, ...(cookie ? { cookie } : {}), ...headers },
    body: JSON.stringify({ method, input }),
  });

describe('sign-in link', () => {
  it('prints a loopback URL with a token, exchanges it once for a session cookie', async () => {
    expect(harness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(harness.origin).toBe(`http://127.0.0.1:${harness.port}`);
    const cookie = await signIn(harness.port, harness.url);
    expect(cookie).toMatch(new RegExp(`^irm_session_${harness.port}=[A-Za-z0-9_-]{43}$`));

    const page = await send(harness.port, { path: '/', headers: { cookie } });
    expect(page.status).toBe(200);

    const reused = await send(harness.port, { path: new URL(harness.url).pathname + new URL(harness.url).search });
    expect(reused.status).toBe(403);
    expect(reused.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a made-up token and serves nothing without a session', async () => {
    expect((await send(harness.port, { path: '/?token=guess' })).status).toBe(403);
    const page = await send(harness.port, { path: '/' });
    expect(page.status).toBe(401);
    expect(page.body).not.toContain('harness-bridge');
    expect((await send(harness.port, { path: '/assets/index-abc.js' })).status).toBe(401);
    expect((await send(harness.port, { path: '/', headers: { cookie: `irm_session_${harness.port}=forged` } })).status).toBe(401);
  });

  it('mints further one-time links only for a signed-in page', async () => {
    const cookie = await signIn(harness.port, harness.url);
    const headers = { origin: harness.origin, 'content-type': 'application/json' };
    expect((await send(harness.port, { method: 'POST', path: HARNESS_SIGN_IN_LINKS_PATH, headers, body: '{}' })).status).toBe(
      401,
    );
    const minted = await send(harness.port, {
      method: 'POST',
      path: HARNESS_SIGN_IN_LINKS_PATH,
      headers: { ...headers, cookie },
      body: '{}',
    });
    expect(minted.status).toBe(200);
    const url = (JSON.parse(minted.body) as { value: { url: string } }).value.url;
    expect(url).not.toBe(harness.url);
    const second = await signIn(harness.port, url);
    expect(second).not.toBe(cookie);
    expect(harness.issueSignInUrl()).toMatch(/\?token=/);
  });

  it('answers the readiness probe without a session', async () => {
    const ready = await send(harness.port, { path: HARNESS_READY_PATH });
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ ok: true, value: { ready: true } });
  });
});

describe('RPC', () => {
  it('routes calls of the cookie session to the backend router', async () => {
    const cookie = await signIn(harness.port, harness.url);
    const status = await rpc(cookie, 'auth.status');
    expect(status.status).toBe(200);
    expect(routerCalls).toEqual([{ sessionId: cookie.split('=')[1], transport: 'harness', method: 'auth.status' }]);
    expect(JSON.parse(status.body)).toMatchObject({ ok: true, value: { setupRequired: true, account: null } });

    const setup = await rpc(cookie, 'auth.setup', { name: 'admin', password: TEST_PASSWORD });
    expect(JSON.parse(setup.body)).toEqual({ ok: true, value: { done: true } });
    const info = JSON.parse((await rpc(cookie, 'app.info')).body) as { ok: boolean; value: { dataDir: string } };
    expect(info).toMatchObject({ ok: true, value: { dataDir: resolve(backend.dataDir) } });

    // The router's own errors come back as results, with status 200.
    expect(JSON.parse((await rpc(cookie, 'no.such')).body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it("keeps sessions apart: a second link does not share the first one's sign-in", async () => {
    const first = await signIn(harness.port, harness.url);
    await rpc(first, 'auth.setup', { name: 'admin', password: TEST_PASSWORD });
    const second = await signIn(harness.port, harness.issueSignInUrl());
    expect(JSON.parse((await rpc(second, 'app.info')).body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(JSON.parse((await rpc(first, 'app.info')).body)).toMatchObject({ ok: true });
  });

  it('refuses calls without a session cookie before they reach the router', async () => {
    for (const cookie of [null, `irm_session_${harness.port}=forged`, `irm_session_1=whatever`]) {
      const reply = await rpc(cookie, 'auth.status');
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    expect(routerCalls).toEqual([]);
  });

  it('refuses a foreign Origin, a missing Origin, a cross-site fetch and a rebound Host', async () => {
    const cookie = await signIn(harness.port, harness.url);
    const evil = await rpc(cookie, 'auth.status', {}, { origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await rpc(cookie, 'auth.status', {}, { origin: `http://127.0.0.1:${harness.port + 1}` })).status).toBe(403);
    expect((await rpc(cookie, 'auth.status', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const noOrigin = await send(harness.port, {
      method: 'POST',
      path: HARNESS_RPC_PATH,
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ method: 'auth.status', input: {} }),
    });
    expect(noOrigin.status).toBe(403);
    // DNS rebinding: evil.example resolves to 127.0.0.1, so the browser sends its own name as Host.
    const rebound = await rpc(
      cookie,
      'auth.status',
      {},
      { host: `evil.example:${harness.port}`, origin: `http://evil.example:${harness.port}` },
    );
    expect(rebound.status).toBe(403);
    expect((await send(harness.port, { path: '/', headers: { host: `evil.example:${harness.port}`, cookie } })).status).toBe(403);
    expect(routerCalls).toEqual([]);
  });

  it('refuses non-JSON, malformed messages, other verbs and oversized bodies', async () => {
    const cookie = await signIn(harness.port, harness.url);
    const post = (body: string, contentType = 'application/json') =>
      send(harness.port, {
        method: 'POST',
        path: HARNESS_RPC_PATH,
        headers: { 'content-type': contentType, origin: harness.origin, cookie },
        body,
      });
    expect((await post('{"method":"auth.status"}', 'text/plain')).status).toBe(415);
    const broken = await post('{not json');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await post('[1,2]')).status).toBe(400);
    expect((await post('{"input":{}}')).status).toBe(400);
    expect((await send(harness.port, { path: HARNESS_RPC_PATH, headers: { cookie } })).status).toBe(405);
    expect(routerCalls).toEqual([]);

    const small = await createHarnessServer({
      backend: backend.backend,
      rendererDir,
      port: 0,
      maxBodyBytes: 1024,
      log: () => undefined,
    });
    try {
      const smallCookie = await signIn(small.port, small.url);
      const big = JSON.stringify({ method: 'auth.status', input: { padding: 'x'.repeat(2048) } });
      const reply = await send(small.port, {
        method: 'POST',
        path: HARNESS_RPC_PATH,
        headers: { 'content-type': 'application/json', origin: small.origin, cookie: smallCookie },
        body: big,
      });
      expect(reply.status).toBe(413);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    } finally {
      await small.close();
    }
  });
});

describe('static files', () => {
  it('serves the renderer with the strict CSP and nosniff on every response', async () => {
    const cookie = await signIn(harness.port, harness.url);
    for (const path of ['/', '/assets/index-abc.js', '/missing.js', '/?token=guess']) {
      const reply = await send(harness.port, { path, headers: { cookie } });
      expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    }
    const script = await send(harness.port, { path: '/assets/index-abc.js', headers: { cookie } });
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body).toBe('console.log("app");');
    expect((await send(harness.port, { path: '/missing.js', headers: { cookie } })).status).toBe(404);
    expect((await send(harness.port, { path: HARNESS_RPC_PATH.replace('rpc', 'other'), headers: { cookie } })).status).toBe(404);
  });

  it("uses the same CSP as the renderer's index.html meta tag", () => {
    const html = readFileSync(join(__dirname, '..', '..', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    // frame-ancestors works only as a header (browsers ignore it in a meta tag, with a console error).
    const directives = (policy: string) =>
      policy
        .split(';')
        .map((directive) => directive.trim())
        .filter((directive) => directive !== '' && !directive.startsWith('frame-ancestors'))
        .sort();
    expect(directives(meta)).toEqual(directives(CONTENT_SECURITY_POLICY));
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('answers a missing favicon with 204, not a 404 the console would report', async () => {
    const cookie = await signIn(harness.port, harness.url);
    expect((await send(harness.port, { path: '/favicon.ico', headers: { cookie } })).status).toBe(204);
  });

  it('injects the bridge before the app script of index.html', async () => {
    const cookie = await signIn(harness.port, harness.url);
    const page = await send(harness.port, { path: '/', headers: { cookie } });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const bridge = page.body.indexOf('<script type="module" src="/harness-bridge.js"></script>');
    const app = page.body.indexOf('src="./assets/index-abc.js"');
    expect(bridge).toBeGreaterThan(0);
    expect(bridge).toBeLessThan(app);
    expect((await send(harness.port, { path: '/index.html', headers: { cookie } })).body).toContain('/harness-bridge.js');
  });

  it('refuses path traversal, plain or encoded, and links that lead outside', async () => {
    const cookie = await signIn(harness.port, harness.url);
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2E%2E%2F%2E%2E%2Fsecret.txt',
      '/..%5csecret.txt',
      '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
      '/%00/secret.txt',
      '/assets/link.txt',
      `/${encodeURIComponent(join(outsideDir, 'secret.txt'))}`,
      '//etc/passwd',
      '/%E0%A4%A',
    ];
    for (const path of attempts) {
      const reply = await send(harness.port, { path, headers: { cookie } });
      expect(reply.status, path).toBeGreaterThanOrEqual(400);
      expect(reply.body, path).not.toContain('TOP-SECRET-OUTSIDE');
      expect(reply.body, path).not.toContain('root:');
    }
  });
});

describe('events', () => {
  it('delivers an event only to its own session, and broadcasts to all', async () => {
    const first = await signIn(harness.port, harness.url);
    const second = await signIn(harness.port, harness.issueSignInUrl());
    const firstStream = await openEventStream(harness.port, first);
    const secondStream = await openEventStream(harness.port, second);
    try {
      const firstSession = first.split('=')[1]!;
      const emit = backend.backend.context.emit;
      emit(firstSession, 'session.changed', { state: 'locked' });
      emit(null, 'job.progress', {
        jobId: 'j1',
        kind: 'import',
        done: 1,
        total: 2,
        phase: 'reading',
        state: 'running',
        message: null,
      });
      await firstStream.waitFor((events) => events.length === 2);
      await secondStream.waitFor((events) => events.length === 1);
      expect(firstStream.events).toEqual([
        { name: 'session.changed', payload: { state: 'locked' } },
        { name: 'job.progress', payload: expect.objectContaining({ jobId: 'j1' }) },
      ]);
      // The broadcast came after the private event on the same stream, so the private one was never sent here.
      expect(secondStream.events).toEqual([{ name: 'job.progress', payload: expect.objectContaining({ jobId: 'j1' }) }]);
    } finally {
      firstStream.close();
      secondStream.close();
    }
  });

  it('refuses the event stream without a session', async () => {
    const reply = await send(harness.port, { path: HARNESS_EVENTS_PATH });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('closes open streams and ends its sessions on close', async () => {
    const cookie = await signIn(harness.port, harness.url);
    await rpc(cookie, 'auth.setup', { name: 'admin', password: TEST_PASSWORD });
    const stream = await openEventStream(harness.port, cookie);
    const sessionId = cookie.split('=')[1]!;
    await harness.close();
    expect(backend.backend.context.sessions.status(sessionId).principal).toBeNull();
    stream.close();
  });
});
