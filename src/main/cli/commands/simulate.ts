/** `irm simulate`: write a synthetic organisation in the real import formats, with an answer key. */
import type { Command } from 'commander';
import { CliError, globalOptions, output, table } from '../runtime';
import { DEFAULT_START, SIMULATION_LIMITS, simulateOrganisation } from '../../simulate';

function wholeNumber(text: string, option: string, minimum: number, maximum: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < minimum || value > maximum) throw new CliError(`${option} must be a whole number from ${minimum} to ${maximum} (got ${text})`);
  return value;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/** Registers `irm simulate`. */
export function register(program: Command): void {
  program
    .command('simulate')
    .description('Write a synthetic organisation (roster, HR, CERT, M365 audit, Graph alerts, .eml) with injected insider scenarios and an answer key; needs no account')
    .requiredOption('--out <dir>', 'output folder (empty or new; an earlier simulation with --overwrite)')
    .option('--people <n>', 'number of people', '200')
    .option('--days <n>', 'number of days', '60')
    .option('--seed <seed>', 'seed text: the same seed and options give byte-identical files', '1')
    .option('--start <date>', 'first simulated date, YYYY-MM-DD', DEFAULT_START)
    .option('--overwrite', 'replace an earlier simulation in --out')
    .action(async (options: { out: string; people: string; days: string; seed: string; start: string; overwrite?: boolean }, command: Command) => {
      const global = globalOptions(command);
      const people = wholeNumber(options.people, '--people', SIMULATION_LIMITS.people.minimum, SIMULATION_LIMITS.people.maximum);
      const days = wholeNumber(options.days, '--days', SIMULATION_LIMITS.days.minimum, SIMULATION_LIMITS.days.maximum);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(options.start)) throw new CliError(`--start must be a date as YYYY-MM-DD (got ${options.start})`);
      const showProgress = !global.json && process.stderr.isTTY;
      const began = performance.now();
      let summary;
      try {
        summary = await simulateOrganisation({
          outDir: options.out,
          people,
          days,
          seed: options.seed,
          start: options.start,
          overwrite: options.overwrite ?? false,
          onProgress: showProgress ? ({ done, total }) => process.stderr.write(`\rsimulating day ${done}/${total}`) : undefined,
        });
      } catch (error) {
        throw new CliError(error instanceof Error ? error.message : String(error));
      } finally {
        if (showProgress) process.stderr.write('\r\x1b[K');
      }
      const seconds = Math.round((performance.now() - began) / 100) / 10;
      output(global, { ...summary, seconds }, () =>
        [
          `Simulated ${summary.people} people over ${summary.days} days (${summary.start} to ${summary.end}), seed ${summary.seed}, in ${seconds} s.`,
          `Organisation domain: ${summary.organisationDomain}. Output: ${summary.outDir}`,
          `Insiders: ${summary.insiders} (${Object.entries(summary.scenarios).map(([name, count]) => `${name} ${count}`).join(', ')}); answer key: answer-key.json (not for import).`,
          '',
          table(['file', 'rows', 'size'], summary.files.filter((file) => !file.path.startsWith('content/')).map((file) => [file.path, file.rows, megabytes(file.bytes)])),
          `content/*.eml: ${summary.files.filter((file) => file.path.startsWith('content/')).length} messages`,
          `total: ${summary.totals.files} files, ${summary.totals.rows} rows, ${megabytes(summary.totals.bytes)}`,
        ].join('\n'),
      );
    });
}
