/**
 * Runs once before the e2e suite: checks that Debian's Chromium is there, says why Electron runs
 * are skipped on machines without the binary, and builds out/ when it is missing or stale (the
 * same check `npm run web` makes), so `npx playwright test` works straight after a change.
 * E2E_NO_BUILD=1 skips the build and tests out/ as it is (while someone else's sources are mid-edit).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CHROMIUM_PATH } from '../playwright.config';
import { ELECTRON_MISSING, electronBinaryPath } from './fixtures';

const { ensureBuilt } = createRequire(__filename)('../scripts/web.js') as { ensureBuilt(): void };

/** Playwright's global setup. */
export default function globalSetup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (or run .ci/run), or set CHROMIUM_PATH.`,
    );
  }
  if (process.env.E2E_TARGET === 'electron' && electronBinaryPath() === null) {
    process.stderr.write(`E2E_TARGET=electron: ${ELECTRON_MISSING}. Every test is skipped.\n`);
  }
  if (process.env.E2E_NO_BUILD !== '1') ensureBuilt();
}
