/**
 * The job runner: long work (imports; later scoring and exports) runs in a worker thread with its own
 * database connection, so the main thread only routes calls. Each job reports throttled progress
 * (`job.progress` events), can be cancelled (a shared flag the worker polls), and resolves to its
 * result. Jobs of one runner run one at a time, in order. With no worker file (tests under vitest)
 * the same job function runs in-process; `IRM_WORKER_DIR` points tests at a real build instead.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventPayload } from '../../shared/contract';

/** A progress update of a running job. */
export interface JobProgress {
  done: number;
  total: number | null;
  phase: string;
  message: string | null;
}

/** How a job talks to whoever runs it. */
export interface JobHooks {
  progress(update: JobProgress): void;
  isCancelled(): boolean;
}

/** Messages a job worker posts. */
export type WorkerMessage<R> =
  { type: 'progress'; progress: JobProgress } | { type: 'result'; result: R } | { type: 'error'; message: string };

/** What a worker receives as workerData. */
export interface WorkerData<I> {
  input: I;
  /** Int32Array over this buffer: [0] becomes 1 when the job is cancelled. */
  cancelFlag: SharedArrayBuffer;
}

/** A job kind: its worker script (built into out/main) and the same function for in-process runs. */
export interface JobDefinition<I, R> {
  kind: string;
  /** File name of the worker entry next to the built main (e.g. `importWorker.js`). */
  workerFile: string;
  run(input: I, hooks: JobHooks): Promise<R>;
}

/** A started job. */
export interface JobHandle<R> {
  jobId: string;
  kind: string;
  /** The latest progress (null before the first report). */
  progress(): JobProgress | null;
  cancel(): void;
  /** Resolves when the job ends (rejects only if the worker itself crashed). */
  finished: Promise<R>;
}

/** Where the progress events go. */
export type ProgressSink = (sessionId: string | null, payload: EventPayload<'job.progress'>) => void;

/**
 * Finds a worker script of the running build. Bundled code may sit in out/main or a chunk folder
 * under it; under vitest (sources, no build) it returns null unless IRM_WORKER_DIR names a build.
 */
export function locateWorker(fileName: string): string | null {
  const override = process.env.IRM_WORKER_DIR;
  if (override) {
    const path = join(override, fileName);
    if (!existsSync(path)) throw new Error(`IRM_WORKER_DIR has no ${fileName}`);
    return path;
  }
  for (const candidate of [join(__dirname, fileName), join(__dirname, '..', fileName)])
    if (existsSync(candidate)) return candidate;
  if (process.env.VITEST) return null;
  throw new Error(`This build has no ${fileName} next to ${__dirname}; rebuild with "npm run build".`);
}

/** The runner. */
export interface JobRunner {
  /**
   * Starts a job. `describe` turns its result into the final event's state and message;
   * `settle` runs before that final event (so a listener that sees it sees the job's effects too).
   */
  start<I, R>(
    definition: JobDefinition<I, R>,
    input: I,
    sessionId: string | null,
    describe?: (result: R) => { state: 'succeeded' | 'failed' | 'cancelled'; message: string | null },
    settle?: (result: R | null, error: unknown) => void,
  ): JobHandle<R>;
  get(jobId: string): JobHandle<unknown> | undefined;
  /** Jobs started and not yet finished. */
  active(): JobHandle<unknown>[];
}

/** Creates a runner that sends progress to `sink`. */
export function createJobRunner(sink: ProgressSink): JobRunner {
  const jobs = new Map<string, JobHandle<unknown>>();
  let queue: Promise<unknown> = Promise.resolve();

  return {
    start(definition, input, sessionId, describe, settle) {
      const jobId = randomUUID();
      const cancelFlag = new SharedArrayBuffer(4);
      const flag = new Int32Array(cancelFlag);
      let latest: JobProgress | null = { done: 0, total: null, phase: 'queued', message: null };
      const send = (state: EventPayload<'job.progress'>['state'], progress: JobProgress) => {
        sink(sessionId, {
          jobId,
          kind: definition.kind,
          done: progress.done,
          total: progress.total,
          phase: progress.phase,
          state,
          message: progress.message,
        });
      };
      const onProgress = (progress: JobProgress) => {
        latest = progress;
        send('running', progress);
      };
      const workerPath = locateWorker(definition.workerFile);
      const execute = (): Promise<unknown> => {
        if (workerPath === null) {
          return definition.run(input, { progress: onProgress, isCancelled: () => Atomics.load(flag, 0) === 1 });
        }
        return new Promise((resolve, reject) => {
          const data: WorkerData<typeof input> = { input, cancelFlag };
          const worker = new Worker(workerPath, { workerData: data });
          let settled = false;
          worker.on('message', (message: WorkerMessage<unknown>) => {
            if (message.type === 'progress') onProgress(message.progress);
            else if (message.type === 'result') {
              settled = true;
              resolve(message.result);
            } else {
              settled = true;
              reject(new Error(message.message));
            }
          });
          worker.on('error', (error) => {
            if (!settled) reject(error);
            settled = true;
          });
          worker.on('exit', (code) => {
            if (!settled) reject(new Error(`the ${definition.kind} worker stopped (exit code ${code})`));
            settled = true;
          });
        });
      };
      const finished = queue.then(execute, execute) as Promise<Awaited<ReturnType<typeof definition.run>>>;
      queue = finished.catch(() => undefined);
      const handle: JobHandle<unknown> = {
        jobId,
        kind: definition.kind,
        progress: () => latest,
        cancel: () => Atomics.store(flag, 0, 1),
        finished,
      };
      jobs.set(jobId, handle);
      const safely = (result: unknown, error: unknown) => {
        try {
          settle?.(result as never, error);
        } catch (settleError) {
          console.error(`[irm] ${definition.kind} job ${jobId}: completion failed:`, settleError);
        }
      };
      void finished.then(
        (result) => {
          safely(result, null);
          jobs.delete(jobId);
          const outcome = describe ? describe(result) : { state: 'succeeded' as const, message: null };
          send(outcome.state, { ...(latest ?? { done: 0, total: null }), phase: 'done', message: outcome.message });
        },
        (error: unknown) => {
          safely(null, error);
          jobs.delete(jobId);
          send('failed', {
            ...(latest ?? { done: 0, total: null }),
            phase: 'done',
            message: error instanceof Error ? error.message : String(error),
          });
        },
      );
      return handle as JobHandle<never>;
    },
    get: (jobId) => jobs.get(jobId),
    active: () => [...jobs.values()],
  };
}

/**
 * CPU time of the calling thread in milliseconds (Linux /proc; null elsewhere). Benchmarks report it
 * per phase because wall time on a shared machine says more about the neighbours than about us.
 */
export function threadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}
