/**
 * End-to-end tests (DESIGN.md §5). The default project `harness` drives the built app through the
 * browser harness in Debian's Chromium; E2E_TARGET=electron selects the project `electron`, which
 * runs the same specs in the Electron app (skipped, with the reason, where its binary is missing).
 * Fixtures and their API: e2e/fixtures.ts.
 */
import { defineConfig } from '@playwright/test';
import type { AppFixtureOptions } from './e2e/fixtures';

/** Playwright cannot download browsers here: it drives Debian's chromium package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const electronTarget = process.env.E2E_TARGET === 'electron';

export default defineConfig<AppFixtureOptions>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  // Each test starts its own harness and browser page; two at a time suits the 2-core machines.
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
    screenshot: 'on',
    trace: 'retain-on-failure',
    video: 'off',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
  },
  // Projects are chosen by E2E_TARGET (an environment variable reaches the workers too).
  projects: electronTarget
    ? [{ name: 'electron', use: { target: 'electron' } }]
    : [{ name: 'harness', use: { target: 'harness' } }],
});
