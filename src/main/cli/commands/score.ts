/** `irm score [--full]`: run scoring now as a job, with a progress line on a terminal. */
import type { Command } from 'commander';
import { SCORING_PHASE_TEXT, isScoringPhase } from '../../../shared/detection';
import { output, withSession } from '../runtime';

/** Registers `irm score`. */
export function register(program: Command): void {
  program
    .command('score')
    .description(
      'Score now: every policy from the daily tables, or a full re-score with --full (needs Insider Risk Management or Admins)',
    )
    .option('--full', 'recompute every derived table from all activities first')
    .action(async (options: { full?: boolean }, command: Command) => {
      await withSession(command, async (session, global) => {
        const showProgress = process.stderr.isTTY && !global.json;
        const stop = session.backend.onEvent((sessionId, name, payload) => {
          if (!showProgress || name !== 'job.progress' || sessionId !== session.origin.sessionId) return;
          const progress = payload as { done: number; total: number | null; phase: string; message: string | null };
          // Phases are codes (the UI translates them); the terminal gets the English words.
          const phase = isScoringPhase(progress.phase) ? SCORING_PHASE_TEXT[progress.phase] : progress.phase;
          process.stderr.write(
            `\r${phase}${progress.message ? ` ${progress.message}` : ''}: ${progress.done}${progress.total !== null ? ` / ${progress.total}` : ''}`.padEnd(80),
          );
        });
        try {
          const run = await session.call('scoring.run', { full: options.full ?? false });
          if (showProgress) process.stderr.write('\n');
          output(
            global,
            run,
            () =>
              `${run.kind === 'full' ? 'Full' : 'Policy'} scoring run #${run.id} ${run.state} in ${run.seconds} s: ${run.persons} person(s), ` +
              `${run.alertsCreated} new, ${run.alertsUpdated} updated, ${run.alertsRemoved} withdrawn alert(s).`,
          );
        } finally {
          stop();
        }
      });
    });
}
