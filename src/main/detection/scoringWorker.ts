/**
 * Worker-thread entry of scoring jobs (built to out/main/scoringWorker.js): runs runScoringJob with
 * its own database connection and posts progress and the result to the job runner.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerData, WorkerMessage } from '../jobs/jobRunner';
import { runScoringJob, type ScoringJobInput } from './scoringJob';
import type { ScoringRunResult } from './scoring';

const port = parentPort;
if (!port) throw new Error('scoringWorker must run in a worker thread');
const data = workerData as WorkerData<ScoringJobInput>;
const flag = new Int32Array(data.cancelFlag);
const post = (message: WorkerMessage<ScoringRunResult>) => port.postMessage(message);

runScoringJob(data.input, {
  progress: (progress) => post({ type: 'progress', progress }),
  isCancelled: () => Atomics.load(flag, 0) === 1,
}).then(
  (result) => post({ type: 'result', result }),
  (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
);
