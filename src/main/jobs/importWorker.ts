/**
 * Worker-thread entry of import jobs (built to out/main/importWorker.js): runs runImportJob with
 * its own database connection and posts progress and the result to the job runner.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runImportJob, type ImportJobInput, type ImportJobResult } from '../ingest/importJob';
import type { WorkerData, WorkerMessage } from './jobRunner';

const port = parentPort;
if (!port) throw new Error('importWorker must run in a worker thread');
const data = workerData as WorkerData<ImportJobInput>;
const flag = new Int32Array(data.cancelFlag);
const post = (message: WorkerMessage<ImportJobResult>) => port.postMessage(message);

runImportJob(data.input, {
  progress: (progress) => post({ type: 'progress', progress }),
  isCancelled: () => Atomics.load(flag, 0) === 1,
}).then(
  (result) => post({ type: 'result', result }),
  (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
);
