/** Handlers for jobs.*: the one job runner's queued, running and recently ended jobs, and cancelling them. */
import { ApiFailure } from '../../shared/errors';
import { isFinalJobState } from '../../shared/jobs';
import type { AreaHandlersOf, BackendContext } from '../context/backendContext';

/** Handlers for the jobs area. */
export function jobHandlers({ jobs }: BackendContext): AreaHandlersOf<'jobs'> {
  const require = (jobId: string) => {
    const job = jobs.get(jobId);
    if (!job) throw new ApiFailure('NOT_FOUND', `No job ${jobId} in this session of the app (ended jobs are kept for a while).`);
    return job;
  };
  return {
    'jobs.list': () => jobs.list().map((job) => job.view()),
    'jobs.get': (input, call) => {
      call.audit({ targets: [`job:${input.jobId}`] });
      return require(input.jobId).view();
    },
    'jobs.cancel': (input, call) => {
      const job = require(input.jobId);
      call.audit({ targets: [`job:${input.jobId}`], before: { kind: job.kind, state: job.view().state } });
      if (isFinalJobState(job.view().state)) return { cancelled: false };
      job.cancel();
      return { cancelled: true };
    },
  };
}
