/**
 * Worker-thread entry of import jobs (built to out/main/importWorker.js): runs runImportJob with its
 * own database connection and posts progress and the result to the job runner. The job's second
 * thread, the activity writer, has its own entry (activityWriterWorker.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkpointAfterImport, runImportJob, type ImportJobInput, type ImportJobResult } from '../ingest/importJob';
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
  (result) => {
    post({ type: 'result', result });
    if (result.state !== 'succeeded') return;
    try {
      checkpointAfterImport(data.input.databaseFile);
    } catch (error) {
      // A later commit checkpoints instead; the import itself is done.
      console.error('[irm] checkpoint after import failed:', error);
    }
  },
  (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
);
