/** Harness-level checks: the page loads like the Electron window would, and nothing gets in without the session. */
import { METHOD_NAMES } from '../src/shared/contract';
import { HARNESS_RPC_PATH } from '../src/shared/ipc';
import { E2E_PASSWORD, expect, test } from './fixtures';

/** The areas and verbs `window.irm` must have: exactly the contract's, plus `events`. */
const expectedApi: Record<string, string[]> = { events: ['on'] };
for (const name of METHOD_NAMES) {
  const [area, verb] = name.split('.') as [string, string];
  (expectedApi[area] ??= []).push(verb);
}
for (const verbs of Object.values(expectedApi)) verbs.sort();

/** What page scripts see as `window` (e2e is type-checked without DOM types). */
type PageScope = {
  irm: Record<string, Record<string, unknown>> & {
    events: { on(name: string, listener: (payload: unknown) => void): () => void };
  };
  document: { cookie: string };
  received?: unknown[];
};

test('the app loads with its title, the strict CSP and no console errors', async ({ app }) => {
  const response = await app.page.goto(app.url);
  expect(response?.status()).toBe(200);
  if (app.target === 'harness') {
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');
  }
  await expect(app.page).toHaveTitle('Insider Risk Workbench');
  await expect(app.page.locator('#root')).not.toBeEmpty();
  await app.screenshot('harness-loaded');
  app.expectNoConsoleErrors();
});

test("window.irm has exactly the contract's areas and verbs, and calls reach the backend", async ({ app }) => {
  const api = await app.page.evaluate(() => {
    const { irm } = globalThis as unknown as PageScope;
    return Object.fromEntries(
      Object.keys(irm).map((area) => [
        area,
        Object.keys(irm[area]!)
          .filter((verb) => typeof irm[area]![verb] === 'function')
          .sort(),
      ]),
    );
  });
  expect(api).toEqual(expectedApi);
  expect(await app.page.evaluate(() => Object.isFrozen((globalThis as unknown as PageScope).irm))).toBe(true);

  const status = await app.call('auth.status', {});
  expect(status).toMatchObject({ ok: true, value: { setupRequired: true, account: null } });
  app.expectNoConsoleErrors();
});

test('the page has no Node: require, process, module, Buffer and global are undefined', async ({ app }) => {
  const types = await app.page.evaluate(() => {
    const scope = globalThis as unknown as Record<string, unknown>;
    return ['require', 'process', 'module', 'Buffer', 'global'].map((name) => `${name}:${typeof scope[name]}`);
  });
  expect(types).toEqual(['require:undefined', 'process:undefined', 'module:undefined', 'Buffer:undefined', 'global:undefined']);
});

test.describe('harness only', () => {
  test.skip(({ target }) => target !== 'harness', 'checks the browser harness transport, which Electron does not use');

  test('without the session cookie nothing is served, and the sign-in link works once', async ({ app, browser }) => {
    // The session cookie is HttpOnly: page scripts cannot read it.
    expect(await app.page.evaluate(() => (globalThis as unknown as PageScope).document.cookie)).toBe('');

    const stranger = await browser.newContext();
    try {
      const page = await stranger.newPage();
      const landing = await page.goto(app.url);
      expect(landing?.status()).toBe(401);
      // Same origin, so the browser sends Origin and Sec-Fetch-Site as the app would; only the cookie is missing.
      const refused = await page.evaluate(async (rpcPath) => {
        const response = await fetch(rpcPath, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ method: 'auth.status', input: {} }),
        });
        return { status: response.status, body: (await response.json()) as unknown };
      }, HARNESS_RPC_PATH);
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      const spent = await page.goto(app.signInUrl);
      expect(spent?.status()).toBe(403);
    } finally {
      await stranger.close();
    }
  });

  test('events reach only their own session', async ({ app }) => {
    await app.irmCli(['init', '--admin', 'admin']);
    await app.irmCli(['account', 'add', 'analyst', '--roles', 'Analysts', '--user', 'admin'], {
      env: { IRM_NEW_PASSWORD: E2E_PASSWORD },
    });
    const admin = app.page;
    const analyst = await app.newSession();
    for (const page of [admin, analyst]) {
      await page.evaluate(() => {
        const scope = globalThis as unknown as PageScope;
        scope.received = [];
        scope.irm.events.on('session.changed', (payload) => scope.received!.push(payload));
      });
      // The app may have opened the stream already; either way, wait until the server answered it.
      await app.eventStreamOpen(page);
    }
    expect(await app.call('auth.signIn', { name: 'admin', password: E2E_PASSWORD })).toEqual({ ok: true, value: { done: true } });
    expect(await app.call('auth.signIn', { name: 'analyst', password: E2E_PASSWORD }, analyst)).toEqual({
      ok: true,
      value: { done: true },
    });

    const accounts = await app.call('accounts.list', {});
    if (!accounts.ok) throw new Error(accounts.error.message);
    const analystAccount = accounts.value.find((account) => account.name === 'analyst')!;
    expect(await app.call('accounts.setLocked', { accountId: analystAccount.id, locked: true, reason: 'e2e' })).toMatchObject({
      ok: true,
    });

    const received = (page: typeof admin) => page.evaluate(() => (globalThis as unknown as PageScope).received);
    await expect.poll(() => received(analyst)).toEqual([{ state: 'signedOut' }]);
    expect(await received(admin)).toEqual([]);
    expect(await app.call('auth.status', {}, analyst)).toMatchObject({ ok: true, value: { account: null } });
    app.expectNoConsoleErrors();
  });
});
