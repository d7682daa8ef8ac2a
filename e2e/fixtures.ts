/**
 * Playwright fixtures for the end-to-end specs. Import `test` and `expect` from here, not from
 * '@playwright/test':
 *
 *   import { expect, test, E2E_PASSWORD } from './fixtures';
 *
 *   test('shows the shell', async ({ app }) => {
 *     await app.irmCli(['init', '--admin', 'admin']);          // IRM_PASSWORD = E2E_PASSWORD
 *     await app.page.reload();
 *     await expect(app.page).toHaveTitle('Insider Risk Workbench');
 *     await app.screenshot('shell');                           // test-results/<test>/shell.png
 *     app.expectNoConsoleErrors();
 *   });
 *
 * `app` (one per test, nothing shared between tests):
 *   target                 'harness' (default) or 'electron' (project `electron`, E2E_TARGET=electron).
 *   page                   The app's page, already open and signed in to a fresh transport session
 *                          (harness: the one-time link was exchanged for the session cookie).
 *                          It is Playwright's own `page` fixture under the harness, so screenshots
 *                          and traces land in test-results/. Wait on UI, never on time.
 *   url                    The app's address (harness: `http://127.0.0.1:PORT/`); `page.goto(app.url)`
 *                          or `page.reload()` keeps the session.
 *   origin                 `http://127.0.0.1:PORT` (harness) or the window's origin (electron).
 *   signInUrl              The one-time link the page was opened with (already spent).
 *   dataDir                A fresh temporary data folder; removed after a passing test, kept after
 *                          a failing one (its path is attached to the report).
 *   irmCli(args, options)  Runs `node bin/irm.js ...args --data dataDir` with IRM_PASSWORD set to
 *                          options.password ?? E2E_PASSWORD (options.env adds variables, e.g.
 *                          IRM_NEW_PASSWORD for `account add`). Resolves to { code, stdout, stderr,
 *                          json() }; rejects with stderr when the exit code is not 0, unless
 *                          options.allowFailure. Accounts and data it writes are in the same
 *                          database the app uses; reload the page to see them.
 *   consoleErrors          Console errors and uncaught page errors seen so far (every page of the test).
 *   expectNoConsoleErrors()  Fails the test listing them, if there are any.
 *   screenshot(name)       Saves a full-page PNG of `page` as test-results/<test>/<name>.png and attaches it.
 *   newSession()           Harness only: a second browser context signed in to its own session
 *                          (e.g. a second account); resolves to its page. Closed after the test.
 *   call(method, input, page = app.page)
 *                          Calls `window.irm.<area>.<verb>(input)` inside the page, so through the
 *                          page's own session and transport, typed by the contract; resolves to the
 *                          ApiResult. For setting up state the UI is not about (or use irmCli).
 *   eventStreamOpen(page = app.page)
 *                          Harness only: resolves once the page's event stream (the first
 *                          `irm.events.on` opens it) has been answered by the server, so events
 *                          emitted from then on reach it. Wait on this, never on time.
 *
 * Page objects (e2e/pages/) are fixtures too, each on `app.page`: `shell` (readiness, navbar,
 * header, routes), `auth` (first run, sign-in, lock; types E2E_PASSWORD unless told otherwise),
 * `welcome`, `alerts`, `users`, `policies`, `imports`, `audit`, `settings`:
 *
 *   test('opens Alerts', async ({ app, auth, alerts }) => {
 *     await app.irmCli(['init', '--admin', 'admin']);
 *     await app.page.reload();
 *     await auth.signIn('admin');
 *     await alerts.open();
 *   });
 *
 * saveScreen(page, name, options) keeps a review screenshot as test-results/screens/<name>.png.
 *
 * tsconfig.node.json (which type-checks e2e/) has no DOM types: inside `page.evaluate` reach the
 * page through `globalThis`, or better use locators and `app.call`.
 *
 * Under `target: 'electron'` the fixture launches out/main/index.js with Playwright's _electron,
 * passing the data folder as `--data=DIR` and IRM_DATA_DIR; where the Electron binary is not
 * installed every test is skipped with the reason. Specs that check harness-only behaviour call
 * `test.skip(({ target }) => target !== 'harness', 'why')`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../src/shared/contract';
import type { ApiResult } from '../src/shared/errors';
import { HARNESS_EVENTS_PATH } from '../src/shared/ipc';
import { HARNESS_SIGN_IN_LINKS_PATH } from '../src/main/harness/server';
import {
  _electron,
  expect,
  test as base,
  type Browser,
  type BrowserContext,
  type ElectronApplication,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { AlertsPage, AppShell, AuditPage, AuthScreens, ImportsPage, PoliciesPage, SettingsPage, UsersPage, WelcomePage } from './pages';

export { expect };

/** The project folder (where package.json, bin/ and out/ live). */
export const PROJECT_ROOT = join(__dirname, '..');
/** The password irmCli passes as IRM_PASSWORD unless told otherwise (also a good password for UI sign-ins). */
export const E2E_PASSWORD = 'correct horse battery staple';
/** The line the skipped Electron tests carry. */
export const ELECTRON_MISSING = 'Electron binary not installed on this machine; run E2E_TARGET=electron where it is';

/** Which build the specs drive. */
export type E2ETarget = 'harness' | 'electron';

/** What irmCli resolves to. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (use with `--json`). */
  json<T = unknown>(): T;
}

/** Options of irmCli. */
export interface CliOptions {
  /** IRM_PASSWORD for --user (default E2E_PASSWORD). */
  password?: string;
  /** More environment variables, e.g. IRM_NEW_PASSWORD. */
  env?: Record<string, string>;
  /** Resolve instead of rejecting when the exit code is not 0. */
  allowFailure?: boolean;
}

/** The `app` fixture. */
export interface App {
  target: E2ETarget;
  page: Page;
  url: string;
  origin: string;
  signInUrl: string;
  dataDir: string;
  irmCli(args: string[], options?: CliOptions): Promise<CliResult>;
  consoleErrors: string[];
  expectNoConsoleErrors(): void;
  screenshot(name: string): Promise<void>;
  newSession(): Promise<Page>;
  call<M extends MethodName>(method: M, input: MethodInput<M>, page?: Page): Promise<ApiResult<MethodOutput<M>>>;
  eventStreamOpen(page?: Page): Promise<void>;
}

/** Project options (set per project in playwright.config.ts). */
export interface AppFixtureOptions {
  target: E2ETarget;
}

/** How long the harness may take to print its URL (a cold start opens SQLite and migrates). */
const HARNESS_START_TIMEOUT_MS = 30_000;
/** How long the harness may take to stop on SIGTERM before it is killed. */
const HARNESS_STOP_TIMEOUT_MS = 10_000;
const SIGN_IN_URL = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=[A-Za-z0-9_-]+$/;

/** The Electron executable if node_modules/electron has one (never triggers its download). */
export function electronBinaryPath(): string | null {
  const electronDir = join(PROJECT_ROOT, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const executable = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron')
    : join(electronDir, 'dist', relative);
  return existsSync(executable) ? executable : null;
}

/** Runs the irm CLI on a data folder. */
export function runIrmCli(dataDir: string, args: string[], options: CliOptions = {}): Promise<CliResult> {
  const environment: NodeJS.ProcessEnv = { ...process.env, IRM_PASSWORD: options.password ?? E2E_PASSWORD, ...options.env };
  delete environment.IRM_DATA_DIR;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'irm.js'), ...args, '--data', dataDir], {
      cwd: PROJECT_ROOT,
      env: environment,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const result: CliResult = { code: code ?? 1, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
      if (result.code !== 0 && !options.allowFailure) {
        reject(new Error(`irm ${args.join(' ')} exited with ${result.code}: ${stderr.trim() || stdout.trim()}`));
      } else resolvePromise(result);
    });
  });
}

/** A running harness process. */
interface HarnessProcess {
  child: ChildProcess;
  signInUrl: string;
  origin: string;
  /** Everything the harness wrote to stderr (its log). */
  log(): string;
  stop(): Promise<void>;
}

/** Starts `node out/main/harness.js --data DIR` on a free port and resolves once it printed its URL. */
export function startHarness(dataDir: string): Promise<HarnessProcess> {
  const entry = join(PROJECT_ROOT, 'out', 'main', 'harness.js');
  if (!existsSync(entry)) return Promise.reject(new Error(`${entry} is missing: run \`npm run build\` first.`));
  const environment: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
  delete environment.IRM_DATA_DIR;
  const child = spawn(process.execPath, [entry, '--data', dataDir], {
    cwd: PROJECT_ROOT,
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const deadline = setTimeout(() => child.kill('SIGKILL'), HARNESS_STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(deadline);
  };

  return new Promise((resolvePromise, reject) => {
    let stdout = '';
    const fail = (reason: string) => {
      clearTimeout(deadline);
      void stop();
      reject(new Error(`${reason}\n--- harness stderr ---\n${log.trim()}`));
    };
    const deadline = setTimeout(
      () => fail(`the harness printed no URL within ${HARNESS_START_TIMEOUT_MS / 1000} s`),
      HARNESS_START_TIMEOUT_MS,
    );
    child.once('error', (error) => fail(`the harness did not start: ${error.message}`));
    const exitedEarly = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`the harness exited early (code ${code}, signal ${signal})`);
    child.once('exit', exitedEarly);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      const line = stdout.slice(0, newline).trim();
      clearTimeout(deadline);
      child.off('exit', exitedEarly);
      const match = SIGN_IN_URL.exec(line);
      if (!match) return fail(`the harness's first stdout line is not its URL: ${JSON.stringify(line)}`);
      resolvePromise({ child, signInUrl: line, origin: `http://127.0.0.1:${match[1]}`, log: () => log, stop });
    });
  });
}

/** Calls `window.irm.<area>.<verb>(input)` inside a page (its own session) and returns the ApiResult. */
export function callInPage<M extends MethodName>(
  page: Page,
  method: M,
  input: MethodInput<M>,
): Promise<ApiResult<MethodOutput<M>>> {
  return page.evaluate(
    ([name, argument]) => {
      const [area, verb] = name.split('.') as [string, string];
      const irm = (globalThis as unknown as { irm: Record<string, Record<string, (input: unknown) => Promise<unknown>>> }).irm;
      return irm[area]![verb]!(argument);
    },
    [method as string, JSON.parse(JSON.stringify(input ?? {})) as unknown] as const,
  ) as Promise<ApiResult<MethodOutput<M>>>;
}

/** Per page: whether its event stream was answered, and who waits for that. */
const eventStreams = new WeakMap<Page, { open: boolean; waiters: (() => void)[] }>();

/** Records console errors and uncaught exceptions of a page, and notes when its event stream opens. */
function watchPage(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    errors.push(`console.error: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
  const stream = { open: false, waiters: [] as (() => void)[] };
  eventStreams.set(page, stream);
  page.on('response', (response) => {
    if (stream.open || new URL(response.url()).pathname !== HARNESS_EVENTS_PATH || response.status() !== 200) return;
    stream.open = true;
    for (const waiter of stream.waiters.splice(0)) waiter();
  });
}

/** Resolves once the page's event stream has been answered (see eventStreamOpen above). */
function eventStreamOpen(page: Page): Promise<void> {
  const stream = eventStreams.get(page);
  if (!stream) return Promise.reject(new Error('eventStreamOpen: this page was not opened by the app fixture.'));
  return stream.open ? Promise.resolve() : new Promise((resolvePromise) => stream.waiters.push(resolvePromise));
}

async function keepOrRemoveDataDir(testInfo: TestInfo, dataDir: string): Promise<void> {
  if (testInfo.status === testInfo.expectedStatus) rmSync(dataDir, { recursive: true, force: true });
  else await testInfo.attach('data folder', { body: dataDir, contentType: 'text/plain' });
}

/** Builds the shared parts of the fixture. */
function appBase(target: E2ETarget, page: Page, dataDir: string, testInfo: TestInfo, consoleErrors: string[]) {
  return {
    target,
    page,
    dataDir,
    consoleErrors,
    irmCli: (args: string[], options?: CliOptions) => runIrmCli(dataDir, args, options),
    call: <M extends MethodName>(method: M, input: MethodInput<M>, onPage: Page = page) => callInPage(onPage, method, input),
    eventStreamOpen: (onPage: Page = page) => eventStreamOpen(onPage),
    expectNoConsoleErrors() {
      expect(consoleErrors, `console errors:\n${consoleErrors.join('\n')}`).toEqual([]);
    },
    async screenshot(name: string) {
      const path = testInfo.outputPath(`${name.replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path, fullPage: true });
      await testInfo.attach(name, { path, contentType: 'image/png' });
    },
  };
}

async function harnessApp(browser: Browser, page: Page, testInfo: TestInfo, use: (app: App) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'irm-e2e-'));
  const consoleErrors: string[] = [];
  const harness = await startHarness(dataDir);
  const extraContexts: BrowserContext[] = [];
  try {
    watchPage(page, consoleErrors);
    const response = await page.goto(harness.signInUrl);
    expect(response?.status(), 'opening the sign-in link').toBe(200);
    const url = `${harness.origin}/`;
    expect(page.url(), 'the sign-in link redirects to the app').toBe(url);
    await use({
      ...appBase('harness', page, dataDir, testInfo, consoleErrors),
      url,
      origin: harness.origin,
      signInUrl: harness.signInUrl,
      async newSession() {
        const minted = await page.request.post(`${harness.origin}${HARNESS_SIGN_IN_LINKS_PATH}`, {
          headers: { origin: harness.origin },
        });
        expect(minted.status(), 'minting a sign-in link').toBe(200);
        const { value } = (await minted.json()) as { value: { url: string } };
        const context = await browser.newContext();
        extraContexts.push(context);
        const second = await context.newPage();
        watchPage(second, consoleErrors);
        await second.goto(value.url);
        expect(second.url(), 'the second sign-in link redirects to the app').toBe(url);
        return second;
      },
    });
  } finally {
    for (const context of extraContexts) await context.close();
    await harness.stop();
    if (testInfo.status !== testInfo.expectedStatus)
      await testInfo.attach('harness log', { body: harness.log(), contentType: 'text/plain' });
    await keepOrRemoveDataDir(testInfo, dataDir);
  }
}

async function electronApp(testInfo: TestInfo, use: (app: App) => Promise<void>): Promise<void> {
  const executablePath = electronBinaryPath();
  testInfo.skip(executablePath === null, ELECTRON_MISSING);
  const dataDir = mkdtempSync(join(tmpdir(), 'irm-e2e-'));
  const consoleErrors: string[] = [];
  let application: ElectronApplication | null = null;
  try {
    application = await _electron.launch({
      executablePath: executablePath!,
      args: [join(PROJECT_ROOT, 'out', 'main', 'index.js'), `--data=${dataDir}`],
      cwd: PROJECT_ROOT,
      env: { ...(process.env as Record<string, string>), IRM_DATA_DIR: dataDir },
    });
    const page = await application.firstWindow();
    watchPage(page, consoleErrors);
    await page.waitForLoadState('load');
    const url = page.url();
    await use({
      ...appBase('electron', page, dataDir, testInfo, consoleErrors),
      url,
      origin: new URL(url).origin,
      signInUrl: url,
      newSession: () => Promise.reject(new Error('newSession() exists only under the harness: Electron has one window per app.')),
    });
  } finally {
    await application?.close();
    await keepOrRemoveDataDir(testInfo, dataDir);
  }
}

/** Playwright's `test` with the `app` fixture and the `target` option. */
const appTest = base.extend<AppFixtureOptions & { app: App; skipWithoutElectron: void }>({
  target: [process.env.E2E_TARGET === 'electron' ? 'electron' : 'harness', { option: true }],
  // Automatic, so the test is skipped before a browser page is even opened.
  skipWithoutElectron: [
    async ({ target }, use, testInfo) => {
      testInfo.skip(target === 'electron' && electronBinaryPath() === null, ELECTRON_MISSING);
      await use();
    },
    { auto: true },
  ],
  app: async ({ target, browser, page }, use, testInfo) => {
    if (target === 'electron') await electronApp(testInfo, use);
    else await harnessApp(browser, page, testInfo, use);
  },
});

/** The page objects (e2e/pages/), each on `app.page`. */
export interface PageObjects {
  shell: AppShell;
  auth: AuthScreens;
  welcome: WelcomePage;
  alerts: AlertsPage;
  users: UsersPage;
  policies: PoliciesPage;
  imports: ImportsPage;
  audit: AuditPage;
  settings: SettingsPage;
}

/** `test` with `app` and the page objects (created only for the tests that ask for them). */
export const test = appTest.extend<PageObjects>({
  shell: async ({ app }, use) => use(new AppShell(app.page, app.url)),
  auth: async ({ app }, use) => use(new AuthScreens(app.page, E2E_PASSWORD)),
  welcome: async ({ app }, use) => use(new WelcomePage(app.page)),
  alerts: async ({ app }, use) => use(new AlertsPage(app.page)),
  users: async ({ app }, use) => use(new UsersPage(app.page)),
  policies: async ({ app }, use) => use(new PoliciesPage(app.page)),
  imports: async ({ app }, use) => use(new ImportsPage(app.page)),
  audit: async ({ app }, use) => use(new AuditPage(app.page)),
  settings: async ({ app }, use) => use(new SettingsPage(app.page)),
});

/** Where the review screenshots go (test-results/screens/, kept across tests). */
export const SCREENS = join(PROJECT_ROOT, 'test-results', 'screens');

/** Options of saveScreen. */
export interface ScreenOptions {
  /** The whole page rather than the viewport (default true). */
  fullPage?: boolean;
  /** Scroll to the top first, so the fixed header sits where it belongs (default false). */
  scrollToTop?: boolean;
}

/** Saves a screenshot of `page` as test-results/screens/<name>.png for review. */
export async function saveScreen(page: Page, name: string, { fullPage = true, scrollToTop = false }: ScreenOptions = {}): Promise<void> {
  if (scrollToTop) await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage });
}
