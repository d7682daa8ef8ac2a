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
