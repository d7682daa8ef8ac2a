/** The lint rules that keep the layers apart (DESIGN.md §3) actually fire. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
/** The fixtures' import of the Electron module, built so this file's own text holds no such import. */
const ELECTRON_MODULE = 'electron';
const importApp = `import { app } from '${ELECTRON_MODULE}';\n`;

async function restrictedImportMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint', () => {
  it('refuses electron in the store (domain code runs under plain Node)', async () => {
    const messages = await restrictedImportMessages(
      'src/main/store/electronFixture.ts',
      `${importApp}export const path = app.getPath('userData');\n`,
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/Only src\/main\/index.ts, src\/main\/electron\/ and src\/preload\/ may import electron/);
  });

  it('allows electron in src/main/electron/', async () => {
    expect(await restrictedImportMessages('src/main/electron/fixture.ts', `${importApp}export const a = app;\n`)).toEqual([]);
  });

  it('refuses main-process imports in the renderer', async () => {
    const messages = await restrictedImportMessages('src/renderer/src/fixture.ts', "import { createBackend } from '../../main/backend';\nexport const b = createBackend;\n");
    expect(messages).toHaveLength(1);
  });

  it('keeps src/shared free of Node', async () => {
    const messages = await restrictedImportMessages('src/shared/fixture.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n");
    expect(messages).toHaveLength(1);
  });
});
