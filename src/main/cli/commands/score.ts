/** `irm score [--full]`: run scoring now as a job, with a progress line on a terminal; Ctrl-C cancels it. */
import type { Command } from 'commander';
import { SCORING_PHASE_TEXT, isScoringPhase } from '../../../shared/detection';
import { CliError, followJob, output, withSession } from '../runtime';

/** Registers `irm score`. */
export function register(program: Command): void {
  program
    .command('score')
    .description(
      'Score now: every policy from the daily tables, or a full re-score with --full (needs Insider Risk Management or Admins); Ctrl-C cancels',
    )
    .option('--full', 'recompute every derived table from all activities first')
    .action(async (options: { full?: boolean }, command: Command) => {
      await withSession(command, async (session, global) => {
        const showProgress = process.stderr.isTTY && !global.json;
        const job = await followJob(
          session,
          () => session.call('scoring.run', { full: options.full ?? false }),
          (progress) => {
            if (!showProgress || progress.state !== 'running') return;
            // Phases are codes (the UI translates them); the terminal gets the English words.
            const phase = isScoringPhase(progress.phase) ? SCORING_PHASE_TEXT[progress.phase] : progress.phase;
            process.stderr.write(
              `\r${phase}${progress.message ? ` ${progress.message}` : ''}: ${progress.done}${progress.total !== null ? ` / ${progress.total}` : ''}`.padEnd(
                80,
              ),
            );
          },
        );
        if (showProgress) process.stderr.write('\n');
        if (job.state === 'cancelled') throw new CliError('Scoring was cancelled.');
        if (job.state !== 'succeeded' || job.subject?.type !== 'scoringRun')
          throw new CliError(`Scoring failed: ${job.message ?? 'no reason given'}`);
        const runId = job.subject.id;
        const run = (await session.call('scoring.status', {})).runs.find((row) => row.id === runId);
        if (!run) throw new CliError(`Scoring run #${runId} is not recorded.`);
        const seconds = Math.round(((job.finishedAt ?? 0) - (job.startedAt ?? 0)) / 10) / 100;
        const result = { ...run, jobId: job.jobId, seconds };
        output(
          global,
          result,
          () =>
            `${run.kind === 'full' ? 'Full' : 'Policy'} scoring run #${run.id} ${run.state} in ${seconds} s: ${run.persons} person(s), ` +
            `${run.alertsCreated} new, ${run.alertsUpdated} updated, ${run.alertsRemoved} withdrawn alert(s).`,
        );
      });
    });
}
