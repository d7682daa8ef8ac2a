import { test } from 'vitest';
import { simulateOrganisation } from './index';
import { rmSync } from 'node:fs';
test('scratch', async () => {
  rmSync('/tmp/simscratch/a', { recursive: true, force: true });
  const t = performance.now();
  const summary = await simulateOrganisation({ outDir: '/tmp/simscratch/a', people: 200, days: 60, seed: 1 });
  console.log(JSON.stringify({ ...summary, files: summary.files.filter((f) => !f.path.startsWith('content/')) }, null, 1), (performance.now() - t) / 1000);
}, 300_000);
