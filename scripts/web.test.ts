import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

const { buildReason } = createRequire(import.meta.url)('./web.js') as { buildReason(root: string): string | null };

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function touch(path: string, seconds: number): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), '');
  utimesSync(join(root, path), seconds, seconds);
}

it('builds when an output is missing, when a source is newer, and not otherwise', () => {
  root = mkdtempSync(join(tmpdir(), 'irm-web-'));
  touch('src/main/backend.ts', 1000);
  touch('package.json', 1000);
  expect(buildReason(root)).toMatch(/out\/main\/harness\.js.*missing/);
  touch('out/main/harness.js', 2000);
  touch('out/renderer/index.html', 2000);
  touch('out/renderer/harness-bridge.js', 2000);
  // Folders' own times count too (a deleted file changes its folder), so age them as well.
  for (const folder of ['src', 'src/main']) utimesSync(join(root, folder), 1000, 1000);
  expect(buildReason(root)).toBeNull();
  touch('src/main/backend.ts', 3000);
  expect(buildReason(root)).toBe('sources changed since the last build');
});
