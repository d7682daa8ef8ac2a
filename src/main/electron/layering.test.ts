/**
 * Layering (DESIGN.md §2): under src/main only index.ts and electron/ may import 'electron'; the
 * rest runs under plain Node for vitest, the CLI and the harness. Backs up the lint rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const mainRoot = resolve(__dirname, '..');

/** Every .ts/.tsx/.js/.mjs/.cjs file below a folder. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Import, export-from, require, dynamic import or vi.mock of 'electron' or 'electron/...', as code:
 * anchored to the start of a statement or with no quote before it on the line, so source text that
 * merely quotes such an import (the lint rule's own fixtures) does not count. The lint rule sees
 * only static imports of 'electron' itself; this also catches require, import() and subpaths.
 */
const QUOTED_ELECTRON = `['"]electron(?:/[^'"]*)?['"]`;
const ELECTRON_IMPORT = new RegExp(
  [
    String.raw`^\s*(?:import|export)\b[^'"\`;]*?\bfrom\s*` + QUOTED_ELECTRON,
    String.raw`^\s*import\s*` + QUOTED_ELECTRON,
    String.raw`^[^'"\n]*\b(?:require|import|vi\.mock)\s*\(\s*` + QUOTED_ELECTRON,
  ].join('|'),
  'm',
);

/** True for the files allowed to touch Electron: the entry (and its test, which mocks electron) and electron/. */
function mayImportElectron(file: string): boolean {
  const path = relative(mainRoot, file);
  return path === 'index.ts' || path === 'index.test.ts' || path.startsWith(`electron${sep}`);
}

describe('electron imports in src/main', () => {
  it('recognises the import forms it looks for', () => {
    for (const line of [
      "import { app } from 'electron';",
      'import type { WebContents } from "electron";',
      "import 'electron';",
      "const { app } = require('electron');",
      "await import('electron/main');",
      "export { ipcMain } from 'electron';",
      "vi.mock('electron', () => ({}));",
      "import {\n  app,\n  BrowserWindow,\n} from 'electron';",
    ]) {
      expect(ELECTRON_IMPORT.test(line), line).toBe(true);
    }
    for (const line of [
      "import x from 'electron-vite';",
      "import { y } from './electron/ipcBridge';",
      '// electron is not imported here',
      `  "import { app } from 'electron';\\nexport const a = app;",`,
      `expect(await lint('src/main/store/x.ts', "const { app } = require('electron');"));`,
    ]) {
      expect(ELECTRON_IMPORT.test(line), line).toBe(false);
    }
  });

  it('appear only in src/main/index.ts and src/main/electron/', () => {
    const offenders = sourceFiles(mainRoot)
      .filter((file) => !mayImportElectron(file))
      .filter((file) => ELECTRON_IMPORT.test(readFileSync(file, 'utf8')))
      .map((file) => relative(mainRoot, file));
    expect(offenders).toEqual([]);
  });

  it('in electron/, are type-only outside tests, so every module there loads under plain Node', () => {
    const runtimeImports = sourceFiles(join(mainRoot, 'electron'))
      .filter((file) => !file.endsWith('.test.ts'))
      .filter((file) => /^\s*import\s+(?!type\b)[^;]*from\s*['"]electron['"]/m.test(readFileSync(file, 'utf8')))
      .map((file) => relative(mainRoot, file));
    expect(runtimeImports).toEqual([]);
  });
});
