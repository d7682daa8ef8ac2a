/**
 * Contract: the one job system. Long-running methods (`imports.start`, `imports.retry`,
 * `imports.loadDemo`, `scoring.run`) answer `{ jobId }` at once; `job.progress` events and these
 * methods follow the job. Jobs that write the main database run one at a time, in order.
 */
import { z } from 'zod';
import { ALL_JOB_PHASES, JOB_KINDS, JOB_STATES, type JobPhase } from '../jobs';
import { method, noInput } from './spec';

/** A job as `jobs.list` and `jobs.get` show it. */
export const jobView = z.object({
  jobId: z.string(),
  kind: z.enum(JOB_KINDS),
  state: z.enum(JOB_STATES),
  phase: z.enum(ALL_JOB_PHASES as [JobPhase, ...JobPhase[]]),
  done: z.number(),
  total: z.number().nullable(),
  /** The latest progress message, or the outcome once the job has ended. */
  message: z.string().nullable(),
  /** The account that started it (null for jobs the backend started itself). */
  startedBy: z.string().nullable(),
  queuedAt: z.number().int(),
  startedAt: z.number().int().nullable(),
  finishedAt: z.number().int().nullable(),
  /** What the job made or worked on, once known: the import or the scoring run. */
  subject: z.object({ type: z.enum(['import', 'scoringRun']), id: z.number().int() }).nullable(),
});
export type JobView = z.infer<typeof jobView>;

const jobId = z.object({ jobId: z.string().uuid() }).strict();

export const jobMethods = {
  'jobs.list': method({
    summary: 'Jobs queued, running and recently ended (newest first).',
    input: noInput,
    output: z.array(jobView),
    permission: 'configure',
    audit: 'system',
  }),
  'jobs.get': method({
    summary: 'One job of this session of the app (queued, running or recently ended).',
    input: jobId,
    output: jobView,
    permission: 'configure',
    audit: 'system',
  }),
  'jobs.cancel': method({
    summary: 'Cancel a queued or running job; it ends as cancelled and keeps nothing half-written.',
    input: jobId,
    output: z.object({ cancelled: z.boolean() }),
    permission: 'configure',
    audit: 'system',
  }),
};
