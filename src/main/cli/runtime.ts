/**
 * What every `irm` command shares: the data folder, the backend, signing in as --user with the
 * password from IRM_PASSWORD, typed calls through the same router (same permissions, same audit
 * entries), JSON or human output, and one clear line on stderr for failures.
 */
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createBackend, type Backend } from '../backend';
import type { EventPayload, JobView, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { isFinalJobState } from '../../shared/jobs';
import type { CallOrigin } from '../api/router';

/** Options every command accepts. */
export interface GlobalOptions {
  data?: string;
  user?: string;
  json?: boolean;
}

/** A failure the CLI reports as one line and a non-zero exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** The app's user-data folder, as Electron would choose it (IRM_DATA_DIR overrides). */
export function defaultDataDir(): string {
  if (process.env.IRM_DATA_DIR) return process.env.IRM_DATA_DIR;
  const name = 'Insider Risk Workbench';
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
}

/** A backend plus a session bound to this CLI run. */
export interface CliSession {
  backend: Backend;
  dataDir: string;
  origin: CallOrigin;
  /** Calls a method; throws CliError with the API's message on failure. */
  call<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<MethodOutput<M>>;
  close(): void;
}

/** Reads the global options of a command (commander keeps them on the root program). */
export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/** Opens the backend for the command's data folder without signing in. */
export function openCliBackend(options: GlobalOptions): CliSession {
  const dataDir = options.data ?? defaultDataDir();
  const backend = createBackend({ dataDir });
  const origin: CallOrigin = { sessionId: `cli:${randomUUID()}`, transport: 'cli' };
  return {
    backend,
    dataDir,
    origin,
    async call(method, input) {
      const result = await backend.call(origin, method, input ?? {});
      if (!result.ok) throw new CliError(`${method}: ${result.error.message} (${result.error.code})`);
      return result.value as MethodOutput<typeof method>;
    },
    close: () => {
      backend.endSession(origin.sessionId!);
      backend.close();
    },
  };
}

/** The password for --user, from IRM_PASSWORD. */
export function passwordFromEnvironment(): string {
  const password = process.env.IRM_PASSWORD;
  if (!password) throw new CliError('Set IRM_PASSWORD to the password of --user (it is never taken on the command line).');
  return password;
}

/** Opens the backend and signs in as --user. */
export async function signedInSession(options: GlobalOptions): Promise<CliSession> {
  if (!options.user) throw new CliError('This command needs --user NAME (and the password in IRM_PASSWORD).');
  const password = passwordFromEnvironment();
  const session = openCliBackend(options);
  try {
    await session.call('auth.signIn', { name: options.user, password });
    return session;
  } catch (error) {
    session.close();
    throw error;
  }
}

/** Runs a command body with a signed-in session and closes it afterwards. */
export async function withSession<T>(
  command: Command,
  body: (session: CliSession, options: GlobalOptions) => Promise<T>,
): Promise<T> {
  const options = globalOptions(command);
  const session = await signedInSession(options);
  try {
    return await body(session, options);
  } finally {
    await session.call('auth.signOut').catch(() => undefined);
    session.close();
  }
}

/** Prints a value: JSON with --json, else the human text. */
export function output(options: GlobalOptions, value: unknown, human: () => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

/** Formats rows as an aligned text table. */
export function table(headers: string[], rows: (string | number | null)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  return cells
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * Starts a job through `start` and follows it to its end: `onProgress` gets its `job.progress`
 * events (also those that arrive before `start` has answered), Ctrl-C asks the backend to cancel
 * it (`jobs.cancel`) and waits for it to stop cleanly. Returns the job as `jobs.get` shows it.
 */
export async function followJob(
  session: CliSession,
  start: () => Promise<{ jobId: string }>,
  onProgress: (event: EventPayload<'job.progress'>) => void,
): Promise<JobView> {
  let jobId: string | null = null;
  const early: EventPayload<'job.progress'>[] = [];
  let wake: (() => void) | null = null;
  const deliver = (event: EventPayload<'job.progress'>) => {
    if (event.jobId !== jobId) return;
    onProgress(event);
    if (event.state !== 'running') wake?.();
  };
  const unsubscribe = session.backend.onEvent((sessionId, name, payload) => {
    if (sessionId !== session.origin.sessionId || name !== 'job.progress') return;
    const event = payload as EventPayload<'job.progress'>;
    if (jobId === null) early.push(event);
    else deliver(event);
  });
  let cancelling = false;
  const onInterrupt = () => {
    if (jobId === null || cancelling) return;
    cancelling = true;
    process.stderr.write('\nCancelling…\n');
    void session.call('jobs.cancel', { jobId }).catch(() => undefined);
  };
  process.on('SIGINT', onInterrupt);
  try {
    jobId = (await start()).jobId;
    for (const event of early.splice(0)) deliver(event);
    let job = await session.call('jobs.get', { jobId });
    // The final event wakes us; a slow poll is the safety net (each call is audited, so not a fast one).
    while (!isFinalJobState(job.state)) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, 5000);
      });
      clearTimeout(timer);
      job = await session.call('jobs.get', { jobId });
    }
    return job;
  } finally {
    process.off('SIGINT', onInterrupt);
    unsubscribe();
  }
}
