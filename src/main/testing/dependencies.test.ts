/**
 * The import rules of .dependency-cruiser.cjs hold on src/ (no cycles between files, the folder order
 * of src/main/README.md), and they bite: a fixture tree that breaks each one is refused.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = resolve(__dirname, '../../..');

/** Cruises `src` under `baseDir` with the repository's rules; one `from → to (rule)` line per violation. */
async function violations(baseDir: string): Promise<string[]> {
  const options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
  const tsConfigFile = join(ROOT, options.tsConfig!.fileName!);
  const { output } = await cruise(
    ['src'],
    { ...options, baseDir, tsConfig: { fileName: tsConfigFile } },
    {},
    { tsConfig: extractTSConfig(tsConfigFile) },
  );
  return (output as ICruiseResult).summary.violations.map((v) => `${v.from} → ${v.to} (${v.rule.name})`).sort();
}

describe('import rules (dependency-cruiser)', () => {
  it('src/ has no cycle and keeps the folder order of src/main/README.md', async () => {
    const found = await violations(ROOT);
    expect(found, `import rule violations:\n${found.join('\n')}`).toEqual([]);
  }, 60_000);

  describe('a fixture tree that breaks each rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'irm-depcruise-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const files: Record<string, string> = {
      // Refused: a lower folder importing a higher one.
      'src/main/store/a.ts': "import { b } from '../alerts/b';\nexport const a = b;\n",
      'src/main/alerts/b.ts': 'export const b = 1;\n',
      // Refused: a cycle (reported once), closed by a type-only import.
      'src/main/persons/x.ts': "import { y } from './y';\nexport type X = number;\nexport const x = y;\n",
      'src/main/persons/y.ts': "import type { X } from './x';\nexport const y: X = 1;\n",
      // Refused: a domain module importing a handlers file, and one importing backend.ts.
      'src/main/scoring/run.ts': "import { groupHandlers } from '../groups/handlers';\nexport const run = groupHandlers;\n",
      'src/main/groups/handlers.ts': "import { b } from '../alerts/b';\nexport const groupHandlers = b;\n",
      'src/main/cases/wired.ts': "import { backend } from '../backend';\nexport const wired = backend;\n",
      // Allowed: backend.ts wires handlers; handlers use any domain module; tests use lower and higher folders.
      'src/main/backend.ts': "import { groupHandlers } from './groups/handlers';\nexport const backend = groupHandlers;\n",
      'src/main/store/a.test.ts':
        "import { b } from '../alerts/b';\nimport { backend } from '../backend';\nexport const t = [b, backend];\n",
      // Refused: a backend test driving a transport, and src/shared importing main.
      'src/main/store/cli.test.ts': "import { cli } from '../cli/index';\nexport const t = cli;\n",
      'src/main/cli/index.ts': "import { backend } from '../backend';\nexport const cli = backend;\n",
      'src/shared/leak.ts': "import { b } from '../main/alerts/b';\nexport const leak = b;\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }

    it('reports exactly the broken imports', async () => {
      expect(await violations(dir)).toEqual([
        'src/main/cases/wired.ts → src/main/backend.ts (no-upward-to-entry-points)',
        'src/main/persons/x.ts → src/main/persons/y.ts (no-circular)',
        'src/main/scoring/run.ts → src/main/groups/handlers.ts (handlers-only-from-backend)',
        'src/main/store/a.ts → src/main/alerts/b.ts (layer-order:store)',
        'src/main/store/cli.test.ts → src/main/cli/index.ts (tests-below-transports)',
        'src/shared/leak.ts → src/main/alerts/b.ts (shared-is-pure)',
      ]);
    }, 60_000);
  });
});
