/** Worker-thread entry of the demo job (built to out/main/demoWorker.js). */
import { parentPort, workerData } from 'node:worker_threads';
import { DEMO_JOB, type DemoJobInput, type DemoJobResult } from './demoJob';
import type { WorkerData, WorkerMessage } from './jobRunner';

const port = parentPort;
if (!port) throw new Error('demoWorker must run in a worker thread');
const data = workerData as WorkerData<DemoJobInput>;
const flag = new Int32Array(data.cancelFlag);
const post = (message: WorkerMessage<DemoJobResult>) => port.postMessage(message);
DEMO_JOB.run(data.input, {
  progress: (progress) => post({ type: 'progress', progress }),
  isCancelled: () => Atomics.load(flag, 0) === 1,
}).then(
  (result) => post({ type: 'result', result }),
  (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
);
