/**
 * The worker-thread side of a job (jobRunner.ts runs the other): reads the job's input and cancel
 * flag from workerData, runs it, and posts its progress, then its result or its error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { JobHooks, WorkerData, WorkerMessage } from './jobRunner';

/** Serves one job in this worker thread; `afterResult` runs once the result is posted (it may throw: logged). */
export function serveJob<I, R>(
  entry: string,
  run: (input: I, hooks: JobHooks) => Promise<R>,
  afterResult?: (input: I, result: R) => void,
): void {
  const port = parentPort;
  if (!port) throw new Error(`${entry} must run in a worker thread`);
  const data = workerData as WorkerData<I>;
  const flag = new Int32Array(data.cancelFlag);
  const post = (message: WorkerMessage<R>) => port.postMessage(message);
  run(data.input, {
    progress: (progress) => post({ type: 'progress', progress }),
    isCancelled: () => Atomics.load(flag, 0) === 1,
    clock: () => data.clockAt.clock + (Date.now() - data.clockAt.wall),
  }).then(
    (result) => {
      post({ type: 'result', result });
      try {
        afterResult?.(data.input, result);
      } catch (error) {
        console.error(`[irm] ${entry}: after the result:`, error);
      }
    },
    (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
}
