/** The runner's queue of database writers, with in-process jobs (no worker file). */
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract';
import { createJobRunner, type JobDefinition } from './jobRunner';

/** A writer that runs until its gate opens (or it sees the cancel flag). */
function gatedWriter(): { definition: JobDefinition<null, string>; open: () => void; ran: () => boolean } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started = false;
  return {
    definition: {
      kind: 'import',
      workerFile: null,
      writesDatabase: true,
      async run(_input, hooks) {
        started = true;
        hooks.progress({ done: 0, total: 1, phase: 'reading', message: null });
        await gate;
        return 'written';
      },
    },
    open: () => release(),
    ran: () => started,
  };
}

describe('the writers queue', () => {
  it('says at once that a writer waits, and never starts one cancelled while it waited', async () => {
    const events: EventPayload<'job.progress'>[] = [];
    const runner = createJobRunner((_session, payload) => events.push(payload));
    const first = gatedWriter();
    const second = gatedWriter();
    const running = runner.start(first.definition, null, { sessionId: null, startedBy: 'admin' });
    const waiting = runner.start(second.definition, null, { sessionId: null, startedBy: 'admin' });
    expect(events.filter((event) => event.jobId === waiting.jobId)).toEqual([
      expect.objectContaining({ phase: 'queued', state: 'running', done: 0, total: null }),
    ]);
    expect(waiting.view().state).toBe('queued');
    await Promise.resolve();
    expect(first.ran()).toBe(true);

    waiting.cancel();
    first.open();
    second.open();
    await expect(running.finished).resolves.toBe('written');
    await expect(waiting.finished).rejects.toThrow('cancelled before it started');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(second.ran()).toBe(false);
    expect(waiting.view().state).toBe('cancelled');
    expect(events.filter((event) => event.jobId === waiting.jobId).at(-1)).toMatchObject({ phase: 'done', state: 'cancelled' });
  });
});
