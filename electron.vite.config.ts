import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/** ESM-only or small pure-JS packages bundled into out/main so the CommonJS main can load them. */
const bundledInMain = ['json-canonicalize', 'zod'];

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: bundledInMain },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          harness: resolve(__dirname, 'src/main/harness/index.ts'),
          // Import jobs run in a worker thread (src/main/jobs/jobRunner.ts finds it next to the main bundle).
          importWorker: resolve(__dirname, 'src/main/jobs/workers/importWorker.ts'),
          // An import's second thread, which writes its staged activities (src/main/ingest/activityWriter.ts).
          activityWriterWorker: resolve(__dirname, 'src/main/jobs/workers/activityWriterWorker.ts'),
          demoWorker: resolve(__dirname, 'src/main/jobs/workers/demoWorker.ts'),
          // Scoring jobs (full, after a policy change, after an import) run in their own worker thread.
          scoringWorker: resolve(__dirname, 'src/main/jobs/workers/scoringWorker.ts'),
          // `npm run bench -- <name>` (scripts/bench.js) runs bench/<name>.ts through this entry.
          bench: resolve(__dirname, 'bench/index.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload can require only electron: bundle everything it uses (zod via the contract).
    build: {
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      minify: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/renderer/index.html'),
          // Served only by the browser harness, before the app script: builds window.irm over HTTP.
          'harness-bridge': resolve(__dirname, 'src/renderer/harness-bridge.ts'),
        },
        output: {
          entryFileNames: (chunk) => (chunk.name === 'harness-bridge' ? 'harness-bridge.js' : 'assets/[name]-[hash].js'),
        },
      },
    },
  },
});
