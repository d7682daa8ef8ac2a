/**
 * The demo job: simulates a small organisation (src/main/simulate) into the data folder, in a
 * worker thread, so first-run users can explore the workbench. Its output is then imported through
 * the ordinary import path, exactly like real files.
 */
import { simulateOrganisation } from '../simulate/index';
import type { JobDefinition } from '../jobs/jobRunner';

/** What the demo job needs. */
export interface DemoJobInput {
  outDir: string;
  people: number;
  days: number;
  seed: number;
}

/** What it produced. */
export interface DemoJobResult {
  outDir: string;
  people: number;
}

/** The demo simulation as a job definition (worker: out/main/demoWorker.js). */
export const DEMO_JOB: JobDefinition<DemoJobInput, DemoJobResult> = {
  kind: 'demo',
  workerFile: 'demoWorker.js',
  // It writes files into the data folder, not the database: it need not wait for an import.
  writesDatabase: false,
  outcome: () => ({ state: 'succeeded', message: 'Demo organisation simulated; importing it now.' }),
  async run(input, hooks) {
    const controller = new AbortController();
    const watch = setInterval(() => {
      if (hooks.isCancelled()) controller.abort();
    }, 200);
    try {
      await simulateOrganisation({
        outDir: input.outDir,
        people: input.people,
        days: input.days,
        seed: input.seed,
        overwrite: true,
        signal: controller.signal,
        onProgress: ({ done, total }) => hooks.progress({ done, total, phase: 'simulating', message: null }),
      });
      return { outDir: input.outDir, people: input.people };
    } finally {
      clearInterval(watch);
    }
  },
};
