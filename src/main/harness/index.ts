/**
 * Entry of the browser harness (`npm run web`, built to out/main/harness.js): opens the backend on
 * the data folder, serves out/renderer on 127.0.0.1 and prints exactly one line on stdout, the
 * one-time sign-in URL. Everything else goes to stderr, so scripts and tests can read that line.
 *
 *   node out/main/harness.js [--data DIR] [--port N]
 *   DIR defaults to IRM_DATA_DIR or the app's user-data folder; N to PORT, else a free port.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../backend';
import { defaultDataDir } from '../cli/runtime';
import { createHarnessServer } from './server';

/** What the harness runs with. */
export interface HarnessSettings {
  dataDir: string;
  port: number;
}

const USAGE =
  'usage: node out/main/harness.js [--data DIR] [--port N]   (PORT and IRM_DATA_DIR are read from the environment too)';

/** Reads a port number; empty means "any free port". */
export function parsePort(text: string | undefined, source: string): number {
  if (text === undefined || text.trim() === '') return 0;
  if (!/^\d+$/.test(text.trim()))
    throw new Error(`${source} must be a port number from 0 to 65535, not ${JSON.stringify(text)}.`);
  const port = Number(text.trim());
  if (port > 65535) throw new Error(`${source} must be a port number from 0 to 65535, not ${port}.`);
  return port;
}

const OPTIONS = { data: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

function readOptions(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
}

/** Turns command-line arguments and environment into settings; throws a one-line message on bad input. */
export function parseHarnessArguments(argv: string[], environment: NodeJS.ProcessEnv): HarnessSettings | 'help' {
  let values: ReturnType<typeof readOptions>;
  try {
    values = readOptions(argv);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) return 'help';
  const port = values.port !== undefined ? parsePort(values.port, '--port') : parsePort(environment.PORT, 'PORT');
  const dataDir = values.data ?? environment.IRM_DATA_DIR ?? defaultDataDir();
  if (dataDir.trim() === '') throw new Error('--data needs a folder.');
  return { dataDir: resolve(dataDir), port };
}

/** Runs the harness until SIGINT/SIGTERM. */
export async function runHarness(argv: string[]): Promise<void> {
  // stdout carries only the URL line; anything the backend logs goes to stderr.
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;

  const settings = parseHarnessArguments(argv, process.env);
  if (settings === 'help') {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  const backend = createBackend({ dataDir: settings.dataDir });
  let server;
  try {
    server = await createHarnessServer({ backend, rendererDir: join(__dirname, '..', 'renderer'), port: settings.port });
  } catch (error) {
    backend.close();
    throw error;
  }
  process.stderr.write(`[harness] serving data folder ${settings.dataDir} on ${server.origin} (Ctrl+C stops)\n`);
  process.stdout.write(`${server.url}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`[harness] ${signal} again: exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`[harness] ${signal}: shutting down\n`);
    server
      .close()
      .then(() => backend.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`[harness] shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  runHarness(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`harness: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
