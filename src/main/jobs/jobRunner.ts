/**
 * The one job runner (one per backend, on its context): long work (imports, the demo, scoring;
 * later exports) runs in a worker thread with its own database connection, so the main thread only
 * routes calls. Each job reports throttled progress (`job.progress` events), can be cancelled (a
 * shared flag the worker polls), and resolves to its result. Jobs that write the main database run
 * one at a time, in the order they were started, instead of competing for its write lock. With no worker file (tests under vitest)
 * the same job function runs in-process; `IRM_WORKER_DIR` points tests at a real build instead.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventPayload } from '../../shared/contract';
import type { JobView } from '../../shared/contract/jobs';
import { isFinalJobState, type FinalJobState, type JobKind, type JobPhase, type JobState } from '../../shared/jobs';

/** A progress update of a running job. */
export interface JobProgress {
  done: number;
  total: number | null;
  phase: JobPhase;
  message: string | null;
}

/** How a job talks to whoever runs it. */
export interface JobHooks {
  progress(update: JobProgress): void;
  isCancelled(): boolean;
  /**
   * The backend's clock, read when called: a job stamps its own start and end with it (in a worker,
   * the backend's time when the worker started plus the time elapsed since).
   */
  clock(): number;
}

/** Messages a job worker posts. */
export type WorkerMessage<R> =
  { type: 'progress'; progress: JobProgress } | { type: 'result'; result: R } | { type: 'error'; message: string };

/** What a worker receives as workerData. */
export interface WorkerData<I> {
  input: I;
  /** Int32Array over this buffer: [0] becomes 1 when the job is cancelled. */
  cancelFlag: SharedArrayBuffer;
  /** The backend's clock and the wall clock read together when the worker started (JobHooks.clock). */
  clockAt: { clock: number; wall: number };
}

/** A job kind: its worker script (built into out/main) and the same function for in-process runs. */
export interface JobDefinition<I, R> {
  kind: JobKind;
  /**
   * File name of the worker entry next to the built main (e.g. `importWorker.js`; sources in
   * jobs/workers/); null for a job that only starts and awaits other jobs, run on the main thread.
   */
  workerFile: string | null;
  /** Jobs that write the main database run one at a time, in the order they were started. */
  writesDatabase: boolean;
  run(input: I, hooks: JobHooks): Promise<R>;
  /** The final state, message and subject of a result (default: succeeded, no message). */
  outcome?(result: R): JobOutcome;
}

/** How a job ended, as its final event and `jobs.get` show it. */
export interface JobOutcome {
  state: FinalJobState;
  message: string | null;
  subject?: JobView['subject'];
}

/** Who started a job, what it is about, and what runs before its final event. */
export interface JobStartOptions<R> {
  /** The session that gets its progress events (null: every session). */
  sessionId: string | null;
  /** The account name shown as the job's starter (null for the backend's own jobs). */
  startedBy: string | null;
  /** What the job works on, when known at start (an import's id). */
  subject?: JobView['subject'];
  /** Runs before the final event, so a listener that sees the event sees the job's effects too. */
  settle?: (result: R | null, error: unknown) => void;
}

/** A started job. */
export interface JobHandle<R> {
  jobId: string;
  kind: JobKind;
  /** The latest progress (queued until it runs). */
  progress(): JobProgress;
  /** The job as `jobs.get` shows it. */
  view(): JobView;
  cancel(): void;
  /** Resolves when the job ends (rejects only if the job or its worker itself failed). */
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
  /** Starts a job: at once, or queued behind the running database writer when it writes too. */
  start<I, R>(definition: JobDefinition<I, R>, input: I, options: JobStartOptions<R>): JobHandle<R>;
  /** A job queued, running or among the recently ended ones. */
  get(jobId: string): JobHandle<unknown> | undefined;
  /** Jobs queued, running and recently ended, newest first. */
  list(): JobHandle<unknown>[];
  /** Jobs queued or running. */
  active(): JobHandle<unknown>[];
}

/** How many ended jobs `list` and `get` still know. */
const ENDED_JOBS_KEPT = 50;

/** Creates a runner that sends progress to `sink`; `clock` stamps the jobs' times. */
export function createJobRunner(sink: ProgressSink, clock: () => number = Date.now): JobRunner {
  const jobs = new Map<string, JobHandle<unknown>>();
  /** The database writers' queue: each writer starts when the one before it has ended. */
  let writers: Promise<unknown> = Promise.resolve();
  /** Writers started and not yet ended (a new one waits when there is any). */
  let writersPending = 0;

  const forgetOldJobs = () => {
    const ended = [...jobs.values()].filter((job) => isFinalJobState(job.view().state));
    for (const job of ended.slice(0, Math.max(0, ended.length - ENDED_JOBS_KEPT))) jobs.delete(job.jobId);
  };

  return {
    start<I, R>(definition: JobDefinition<I, R>, input: I, options: JobStartOptions<R>): JobHandle<R> {
      const jobId = randomUUID();
      const cancelFlag = new SharedArrayBuffer(4);
      const flag = new Int32Array(cancelFlag);
      const cancelled = () => Atomics.load(flag, 0) === 1;
      let latest: JobProgress = { done: 0, total: null, phase: 'queued', message: null };
      let state: JobState = 'queued';
      let subject = options.subject ?? null;
      const queuedAt = clock();
      let startedAt: number | null = null;
      let finishedAt: number | null = null;
      const send = (progress: JobProgress) =>
        sink(options.sessionId, {
          jobId,
          kind: definition.kind,
          done: progress.done,
          total: progress.total,
          phase: progress.phase,
          state: state === 'queued' ? 'running' : state,
          message: progress.message,
        });
      const onProgress = (progress: JobProgress) => {
        latest = progress;
        send(progress);
      };
      const workerPath = definition.workerFile === null ? null : locateWorker(definition.workerFile);
      const execute = (): Promise<R> => {
        // Cancelled while it waited in the queue: it never starts.
        if (cancelled()) return Promise.reject(new Error(`The ${definition.kind} job was cancelled before it started.`));
        state = 'running';
        startedAt = clock();
        if (workerPath === null) return definition.run(input, { progress: onProgress, isCancelled: cancelled, clock });
        return new Promise<R>((resolve, reject) => {
          const data: WorkerData<I> = { input, cancelFlag, clockAt: { clock: startedAt!, wall: Date.now() } };
          const worker = new Worker(workerPath, { workerData: data });
          let settled = false;
          worker.on('message', (message: WorkerMessage<R>) => {
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
      let finished: Promise<R>;
      const waits = definition.writesDatabase && writersPending > 0;
      if (definition.writesDatabase) {
        writersPending += 1;
        finished = writers.then(execute, execute);
        writers = finished.catch(() => undefined).finally(() => (writersPending -= 1));
      } else {
        finished = execute();
      }
      const handle: JobHandle<R> = {
        jobId,
        kind: definition.kind,
        progress: () => latest,
        view: () => ({
          jobId,
          kind: definition.kind,
          state,
          phase: latest.phase,
          done: latest.done,
          total: latest.total,
          message: latest.message,
          startedBy: options.startedBy,
          queuedAt,
          startedAt,
          finishedAt,
          subject,
        }),
        cancel: () => Atomics.store(flag, 0, 1),
        finished,
      };
      jobs.set(jobId, handle as JobHandle<unknown>);
      forgetOldJobs();
      // A writer waiting for the one before it says so at once (phase `queued`), so screens can show it and offer cancel.
      if (waits) send(latest);
      const settle = (result: R | null, error: unknown) => {
        try {
          options.settle?.(result, error);
        } catch (settleError) {
          console.error(`[irm] ${definition.kind} job ${jobId}: completion failed:`, settleError);
        }
      };
      const end = (outcome: JobOutcome) => {
        finishedAt = clock();
        state = outcome.state;
        subject = outcome.subject ?? subject;
        latest = { ...latest, phase: 'done', message: outcome.message };
        send(latest);
      };
      void finished.then(
        (result) => {
          settle(result, null);
          end(definition.outcome ? definition.outcome(result) : { state: 'succeeded', message: null });
        },
        (error: unknown) => {
          settle(null, error);
          end({ state: cancelled() ? 'cancelled' : 'failed', message: error instanceof Error ? error.message : String(error) });
        },
      );
      return handle;
    },
    get: (jobId) => jobs.get(jobId),
    list: () => [...jobs.values()].reverse(),
    active: () => [...jobs.values()].filter((job) => !isFinalJobState(job.view().state)),
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
