/**
 * The simulation job: simulates a small organisation (src/main/simulate) into the data folder, in a
 * worker thread, as the first step of the demo (demo.ts). It writes files only; the demo then imports
 * them through the ordinary import path, exactly like real files.
 */
import { simulateOrganisation } from '../simulate/index';
import type { JobDefinition } from '../jobs/jobRunner';

/** What the simulation needs. */
export interface SimulationJobInput {
  outDir: string;
  people: number;
  days: number;
  seed: number;
}

/** What it produced. */
export interface SimulationJobResult {
  outDir: string;
  people: number;
}

/** The simulation as a job definition (worker: out/main/demoWorker.js). */
export const SIMULATION_JOB: JobDefinition<SimulationJobInput, SimulationJobResult> = {
  kind: 'simulation',
  workerFile: 'demoWorker.js',
  // It writes files into the data folder, not the database: it need not wait for an import.
  writesDatabase: false,
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
