/**
 * `npm run bench -- ingest [--rows N] [--large N] [--runs N]`: generates a CERT-layout http.csv
 * (1,000,000 rows by default), imports it through the real backend (router, job runner, worker
 * thread, staging, merge) in a fresh child process, and imports the same file with Debian's sqlite3
 * CLI `.import` into a plain table; three times each by default, taking turns, because this VM's
 * speed drifts by a third within minutes. It prints every run's rate and ratio, then the median
 * run's figures (rows/s, peak RSS, phases, the merge's write-lock time) and the ratio of the
 * medians; then imports 5,000,000 rows once and prints its peak RSS and the difference from the
 * median 1M run. Figures are printed, never asserted. Targets (2 cores): ≥250,000 rows/s, ≥0.5×
 * sqlite3, peak RSS < 400 MB, 5M within 50 MB of 1M.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../src/main/backend';
import { generateCertHttp } from '../src/main/ingest/generateCert';

const PASSWORD = 'bench password 1234';

function print(name: string, value: number | string, unit = ''): void {
  process.stdout.write(
    `${name}: ${typeof value === 'number' ? (Number.isInteger(value) ? value : value.toFixed(2)) : value}${unit ? ` ${unit}` : ''}\n`,
  );
}

function option(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(name);
  return index === -1 ? fallback : Number(args[index + 1]);
}

/** The generated input for `rows` rows (kept between runs in the temp folder). */
function input(rows: number): string {
  const folder = join(tmpdir(), 'irm-bench');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `http-${rows}.csv`);
  if (!existsSync(path)) {
    const started = performance.now();
    generateCertHttp(path, rows, { users: 2000, seed: 42 });
    process.stderr.write(
      `generated ${path} (${(statSync(path).size / 1e6).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
  return path;
}

interface ChildFigures {
  rows: number;
  seconds: number;
  /** CPU time of the whole import process (all threads), less sensitive to a busy machine than wall time. */
  cpuSeconds: number;
  peakRssMb: number;
  mergeMs: number;
  phases: Record<string, number>;
  /** Per-phase wall and CPU of the job thread, and the staging writer thread's CPU (from the job's result). */
  timings: { phases: Record<string, { wallMs: number; cpuMs: number | null }>; writerCpuMs: number | null } | null;
}

/** In a fresh process: imports `file` into a new data folder and prints the figures as JSON. */
async function child(file: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'irm-bench-data-'));
  const backend = createBackend({ dataDir });
  const origin = { sessionId: 'bench', transport: 'cli' as const };
  try {
    const call = async (method: string, value: unknown) => {
      const result = await backend.call(origin, method, value);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as Record<string, unknown>;
    };
    await call('auth.setup', { name: 'bench', password: PASSWORD });
    const phases: Record<string, number> = {};
    let phase = 'start';
    let phaseStarted = performance.now();
    let ended: () => void = () => undefined;
    const end = new Promise<void>((resolve) => (ended = resolve));
    // Wait on the job's events, not by polling (every call is audited, which would load the main thread).
    backend.onEvent((_session, name, payload) => {
      const progress = payload as { phase: string; state: string; kind: string };
      if (name !== 'job.progress' || progress.kind !== 'import') return;
      if (progress.phase !== phase) {
        const now = performance.now();
        phases[phase] = (phases[phase] ?? 0) + (now - phaseStarted) / 1000;
        phase = progress.phase;
        phaseStarted = now;
      }
      if (progress.state !== 'running') ended();
    });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const { importId } = (await call('imports.start', { paths: [file] })) as { importId: number };
    await end;
    const detail = await call('imports.get', { id: importId });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    if (detail.state !== 'succeeded') throw new Error(`import ${detail.state}: ${String(detail.error)}`);
    const figures: ChildFigures = {
      rows: detail.accepted as number,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      // ru_maxrss is the process's high-water mark (the worker thread included), in kilobytes on Linux.
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      mergeMs: detail.mergeMs as number,
      phases,
      timings: detail.timings as ChildFigures['timings'],
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function runChild(file: string): ChildFigures {
  // process.argv[1] is out/main/bench.js (this module is a lazily loaded chunk).
  const result = spawnSync(process.execPath, [process.argv[1]!, 'ingest', '--child', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) throw new Error(`import child failed: ${result.stderr || result.stdout}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as ChildFigures;
}

/** The Debian sqlite3 CLI (installed with apt-get when missing). */
function sqliteCli(): string {
  const found = spawnSync('sh', ['-c', 'command -v sqlite3'], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  process.stderr.write('sqlite3 CLI not found: apt-get install -y sqlite3\n');
  execFileSync('apt-get', ['install', '-y', 'sqlite3'], { stdio: 'inherit' });
  return spawnSync('sh', ['-c', 'command -v sqlite3'], { encoding: 'utf8' }).stdout.trim();
}

/** Imports the file with `sqlite3 .import` into a plain table: wall time and the CLI's own CPU time. */
function sqliteImport(file: string): { seconds: number; cpuSeconds: number } {
  const folder = mkdtempSync(join(tmpdir(), 'irm-bench-sqlite-'));
  try {
    const started = performance.now();
    // bash's `time` reports the CLI's user and system CPU seconds on stderr.
    const result = spawnSync(
      'bash',
      ['-c', 'TIMEFORMAT="%3U %3S"; time "$0" "$1" ".mode csv" ".import $2 http"', sqliteCli(), join(folder, 'plain.db'), file],
      { encoding: 'utf8' },
    );
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 0) throw new Error(`sqlite3 .import failed: ${result.stderr}`);
    const [user, system] = result.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number];
    return { seconds, cpuSeconds: user + system };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The benchmark. */
export async function run(args: string[]): Promise<void> {
  const childIndex = args.indexOf('--child');
  if (childIndex !== -1) {
    await child(args[childIndex + 1]!);
    return;
  }
  const rows = option(args, '--rows', 1_000_000);
  const large = option(args, '--large', 5_000_000);
  const runs = Math.max(1, option(args, '--runs', 3));
  const file = input(rows);
  print('ingest.file_mb', statSync(file).size / 1e6, 'MB');
  // Ours and the CLI take turns, so a slow minute of the VM hits both alike.
  const pairs: { ours: ChildFigures; sqlite: { seconds: number; cpuSeconds: number } }[] = [];
  for (let run = 0; run < runs; run += 1) pairs.push({ ours: runChild(file), sqlite: sqliteImport(file) });
  const median = <T>(items: T[], key: (item: T) => number): T => [...items].sort((a, b) => key(a) - key(b))[items.length >> 1]!;
  const rate = (figures: { rows: number; seconds: number }) => Math.round(figures.rows / figures.seconds);
  print('ingest.runs', runs);
  print('ingest.runs.rows_per_second', pairs.map(({ ours }) => rate(ours)).join(', '), 'rows/s');
  print(
    'ingest.runs.sqlite3_cli_rows_per_second',
    pairs.map(({ sqlite }) => Math.round(rows / sqlite.seconds)).join(', '),
    'rows/s',
  );
  print(
    'ingest.runs.ratio_to_sqlite3_cli',
    pairs.map(({ ours, sqlite }) => (rate(ours) / (rows / sqlite.seconds)).toFixed(2)).join(', '),
    'x',
  );
  print('ingest.runs.peak_rss', pairs.map(({ ours }) => ours.peakRssMb.toFixed(0)).join(', '), 'MB');
  const ours = median(
    pairs.map((pair) => pair.ours),
    (figures) => figures.seconds,
  );
  print('ingest.rows', ours.rows, 'rows');
  print('ingest.seconds', ours.seconds, 's');
  print('ingest.rows_per_second', rate(ours), 'rows/s');
  print('ingest.cpu_seconds', ours.cpuSeconds, 's');
  print('ingest.peak_rss', ours.peakRssMb, 'MB');
  print('ingest.peak_rss_max', Math.max(...pairs.map((pair) => pair.ours.peakRssMb)), 'MB');
  print('ingest.merge_write_lock', ours.mergeMs, 'ms');
  for (const [phase, { wallMs, cpuMs }] of Object.entries(ours.timings?.phases ?? {})) {
    print(`ingest.phase.${phase}.wall`, wallMs, 'ms');
    if (cpuMs !== null) print(`ingest.phase.${phase}.cpu`, cpuMs, 'ms');
  }
  if (ours.timings?.writerCpuMs !== null && ours.timings?.writerCpuMs !== undefined)
    print('ingest.staging_writer_thread.cpu', ours.timings.writerCpuMs, 'ms');
  const sqlite = median(
    pairs.map((pair) => pair.sqlite),
    (figures) => figures.seconds,
  );
  const sqliteRate = Math.round(rows / sqlite.seconds);
  print('ingest.sqlite3_cli_seconds', sqlite.seconds, 's');
  print('ingest.sqlite3_cli_cpu_seconds', sqlite.cpuSeconds, 's');
  print('ingest.sqlite3_cli_rows_per_second', sqliteRate, 'rows/s');
  print('ingest.ratio_to_sqlite3_cli', ours.rows / ours.seconds / sqliteRate, 'x');
  print('ingest.cpu_ratio_to_sqlite3_cli', sqlite.cpuSeconds / ours.cpuSeconds, 'x');
  if (large > 0) {
    const big = runChild(input(large));
    print('ingest.large.rows', big.rows, 'rows');
    print('ingest.large.rows_per_second', Math.round(big.rows / big.seconds), 'rows/s');
    print('ingest.large.peak_rss', big.peakRssMb, 'MB');
    print('ingest.large.peak_rss_minus_1m', big.peakRssMb - ours.peakRssMb, 'MB');
    print('ingest.large.merge_write_lock', big.mergeMs, 'ms');
  }
}
