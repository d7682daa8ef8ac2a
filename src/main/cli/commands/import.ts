/**
 * `irm import [--format F] [--on-error stop|skip] [--reimport] [--utc-offset MINUTES] PATH...`: one
 * all-or-nothing import job through the same router and job runner as the app. A progress line on
 * stderr when it is a terminal; `--json` prints the summary; failure exits 1 with one clear line.
 */
import type { Command } from 'commander';
import type { EventPayload, MethodOutput } from '../../../shared/contract';
import { IMPORT_FORMATS, type ImportFormat } from '../../../shared/signals';
import { CliError, output, withSession } from '../runtime';

/** The `--json` summary of an import. */
export interface ImportSummaryJson {
  importId: number;
  format: string;
  state: string;
  rows: number;
  accepted: number;
  rejected: number;
  ignored: number;
  persons: number;
  seconds: number;
  files: { name: string; sha256: string; status: string; rows: number }[];
  errors: { file: string; line: number | null; field: string | null; reason: string }[];
}

/** Builds the summary from an import's detail. */
export function summarise(detail: MethodOutput<'imports.get'>): ImportSummaryJson {
  return {
    importId: detail.id,
    format: detail.format,
    state: detail.state,
    rows: detail.rows,
    accepted: detail.accepted,
    rejected: detail.rejected,
    ignored: detail.ignored,
    persons: detail.persons,
    seconds: Math.round((detail.seconds ?? 0) * 1000) / 1000,
    files: detail.filesDetail.map((file) => ({ name: file.name, sha256: file.sha256, status: file.status, rows: file.rows })),
    errors: detail.problems.map((problem) => ({
      file: problem.file,
      line: problem.line,
      field: problem.field,
      reason: problem.reason,
    })),
  };
}

function progressLine(event: EventPayload<'job.progress'>): string {
  const percent = event.total ? ` ${Math.min(100, Math.floor((event.done / event.total) * 100))}%` : '';
  return `${event.phase}${percent}${event.message ? `  ${event.message}` : ''}`.slice(0, (process.stderr.columns ?? 100) - 1);
}

export function register(program: Command): void {
  program
    .command('import')
    .description(
      'Import files or folders (HR, directory, M365, alerts, CERT, content) as one all-or-nothing job (needs the configure permission)',
    )
    .argument('<paths...>', 'files or folders')
    .option('--format <format>', `read every file as this format: ${IMPORT_FORMATS.join('|')}`)
    .option('--on-error <mode>', 'stop at the first bad row (stop) or skip bad rows into a rejects file (skip)', 'stop')
    .option('--reimport', 'import files even if the same SHA-256 was imported before (their earlier rows are replaced)')
    .option('--utc-offset <minutes>', 'UTC offset in minutes of times written without one (e.g. -300 for US Eastern)', '0')
    .action(
      async (
        paths: string[],
        options: { format?: string; onError: string; reimport?: boolean; utcOffset: string },
        command: Command,
      ) => {
        if (options.format && !(IMPORT_FORMATS as readonly string[]).includes(options.format)) {
          throw new CliError(`Unknown format "${options.format}"; use one of ${IMPORT_FORMATS.join(', ')}.`);
        }
        if (options.onError !== 'stop' && options.onError !== 'skip') throw new CliError('--on-error must be stop or skip.');
        const offset = Number(options.utcOffset);
        if (!Number.isInteger(offset) || Math.abs(offset) > 840)
          throw new CliError('--utc-offset must be whole minutes between -840 and 840.');
        await withSession(command, async (session, global) => {
          const terminal = process.stderr.isTTY === true && !global.json;
          let jobId: string | null = null;
          const early: EventPayload<'job.progress'>[] = [];
          let finish: (() => void) | null = null;
          const finished = new Promise<void>((resolve) => (finish = resolve));
          const onProgress = (event: EventPayload<'job.progress'>) => {
            if (jobId === null) {
              early.push(event);
              return;
            }
            if (event.jobId !== jobId) return;
            if (terminal) process.stderr.write(`\r\u001b[2K${progressLine(event)}`);
            if (event.state !== 'running') finish?.();
          };
          const unsubscribe = session.backend.onEvent((sessionId, name, payload) => {
            if (sessionId === session.origin.sessionId && name === 'job.progress')
              onProgress(payload as EventPayload<'job.progress'>);
          });
          try {
            const started = await session.call('imports.start', {
              paths,
              format: options.format as ImportFormat | undefined,
              onError: options.onError as 'stop' | 'skip',
              reimport: options.reimport ?? false,
              utcOffsetMinutes: offset,
            });
            jobId = started.jobId;
            for (const event of early.splice(0)) onProgress(event);
            // Events carry progress; the import row is the truth (polled in case the last event was missed).
            let detail = await session.call('imports.get', { id: started.importId });
            // Until the job has ended too (its completion is audited before the backend closes). The final
            // event says so; a slow poll is the safety net (each call is audited, so not a fast one).
            while (detail.state === 'running' || detail.jobId !== null) {
              let timer: NodeJS.Timeout | undefined;
              await Promise.race([finished, new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
              clearTimeout(timer);
              detail = await session.call('imports.get', { id: started.importId });
            }
            if (terminal) process.stderr.write('\r\u001b[2K');
            const summary = summarise(detail);
            output(global, summary, () => {
              const skipped = detail.filesDetail.filter((file) => file.status === 'duplicate').length;
              return [
                `Import ${detail.id} ${detail.state}: ${detail.rows.toLocaleString('en')} rows, ${detail.accepted.toLocaleString('en')} accepted, ${detail.rejected.toLocaleString('en')} rejected, ${detail.ignored.toLocaleString('en')} ignored, ${detail.persons.toLocaleString('en')} persons, ${summary.seconds} s`,
                ...(skipped > 0
                  ? [`${skipped} file(s) skipped: already imported (same SHA-256); use --reimport to replace them`]
                  : []),
                ...summary.errors
                  .slice(0, 20)
                  .map(
                    (error) =>
                      `  ${error.file}${error.line !== null ? `:${error.line}` : ''}${error.field ? ` [${error.field}]` : ''}: ${error.reason}`,
                  ),
              ].join('\n');
            });
            if (detail.state !== 'succeeded')
              throw new CliError(`import ${detail.id} ${detail.state}: ${detail.error ?? 'no reason given'}`);
          } finally {
            unsubscribe();
          }
        });
      },
    );
}
