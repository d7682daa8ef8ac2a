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
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
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
export async function withSession<T>(command: Command, body: (session: CliSession, options: GlobalOptions) => Promise<T>): Promise<T> {
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
  return cells.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}
