/**
 * `npm run bench -- scoring [--activities N] [--persons N]`: generates 10,000,000 activities for
 * 4,000 persons over 90 days with HR events, DLP and security alerts straight into SQLite (a
 * realistic mix of web, logon, e-mail and file rows), creates one policy of each of four templates,
 * runs a full re-score in a fresh process and prints its time and peak RSS, then adds one more day
 * for every person and prints the incremental scoring time. Figures are printed, never asserted.
 * Targets (2 cores): full ≤ 60 s and ≤ 1 GB; incremental ≤ 5 s.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/main/store/database';
import { createPolicy } from '../src/main/policies/policyRepository';
import { policyCreateInput } from '../src/shared/contract/policies';
import { runFullScoring, scoreAfterImport } from '../src/main/scoring/scoring';
import type { Database } from '../src/main/store/database';
import { ACTIVITY_KINDS } from '../src/shared/signals';

const DAY = 86_400_000;
const DAYS = 90;
const START_DAY = Date.UTC(2025, 6, 7) / DAY;

function print(name: string, value: number | string, unit = ''): void {
  process.stdout.write(
    `${name}: ${typeof value === 'number' ? (Number.isInteger(value) ? value : value.toFixed(2)) : value}${unit ? ` ${unit}` : ''}\n`,
  );
}

function option(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(name);
  return index === -1 ? fallback : Number(args[index + 1]);
}

/**
 * SQL for `rows` generated activities numbered from `first`, every value derived from the row
 * number by multiplicative hashing (deterministic, no JavaScript per row). `dayFrom`/`dayCount`
 * bound the days; persons cycle through 1..persons.
 */
function activitySql(first: number, rows: number, persons: number, dayFrom: number, dayCount: number): string {
  const h = (salt: number) => `((n * ${2654435761 + salt * 40503}) % 1000003)`;
  return `
    WITH RECURSIVE counter(n) AS (SELECT ${first} UNION ALL SELECT n + 1 FROM counter WHERE n < ${first + rows - 1}),
    rows AS (
      SELECT n,
             (n % ${persons}) + 1 AS person,
             ${h(1)} % 1000 AS pick,
             ${h(2)} % 997 AS thing,
             (${dayFrom} + ${h(3)} % ${dayCount}) * ${DAY} + (7 + ${h(4)} % 12) * 3600000 + ${h(5)} % 3600000 AS time
      FROM counter)
    , kinds AS (
      SELECT *, CASE WHEN pick < 550 THEN 'webVisit' WHEN pick < 600 THEN 'logon' WHEN pick < 650 THEN 'logoff' WHEN pick < 750 THEN 'emailSend'
           WHEN pick < 830 THEN 'fileOpen' WHEN pick < 860 THEN 'fileWrite' WHEN pick < 910 THEN 'sharepointDownload' WHEN pick < 930 THEN 'usbCopy'
           WHEN pick < 935 THEN 'usbConnect' WHEN pick < 965 THEN 'fileDelete' WHEN pick < 975 THEN 'print' WHEN pick < 980 THEN 'cloudUpload'
           WHEN pick < 985 THEN 'webUpload' WHEN pick < 990 THEN 'fileRename' WHEN pick < 995 THEN 'externalShare' ELSE 'webDownload' END AS kind
      FROM rows)
    INSERT INTO activities (person_id, time, kind, category, device, target, domain, recipients, external, attachments, file_id, line)
    SELECT person, time, kind,
      CASE kind ${Object.entries(ACTIVITY_KINDS)
        .map(([kind, category]) => `WHEN '${kind}' THEN '${category}'`)
        .join(' ')} END,
      'PC-' || (CASE WHEN thing < 3 THEN (person + thing * 7) % ${persons} + 1 ELSE person END),
      CASE WHEN pick < 550 OR pick >= 995 OR (pick >= 980 AND pick < 985) THEN 'https://site' || (thing % 200) || '.example/page/' || (n % 50)
           WHEN pick >= 750 AND pick < 990 THEN 'C:\\Users\\u' || person || '\\docs\\file-' || (person * 31 + thing % 40) || '.docx'
           WHEN pick >= 990 THEN 'C:\\docs\\report-' || thing || '.pdf' ELSE NULL END,
      CASE WHEN pick < 550 OR pick >= 995 OR (pick >= 975 AND pick < 985) THEN
             CASE WHEN thing < 5 THEN 'www.indeed.com' WHEN thing < 8 THEN 'www.dropbox.com' WHEN thing < 9 THEN 'pastebin.com' ELSE 'site' || (thing % 200) || '.example' END
           ELSE NULL END,
      CASE WHEN pick >= 650 AND pick < 750 THEN
             CASE WHEN thing < 150 THEN 'partner' || (thing % 30) || '@supplier' || (thing % 7) || '.example' WHEN thing < 160 THEN 'me' || person || '@gmail.com'
                  ELSE 'colleague' || (thing % 500) || '@corp.example' END
           WHEN pick >= 990 AND pick < 995 THEN 'guest' || (thing % 20) || '@partner.example' ELSE NULL END,
      CASE WHEN pick >= 650 AND pick < 750 THEN (thing < 160) WHEN pick >= 990 AND pick < 995 THEN 1 ELSE NULL END,
      CASE WHEN pick >= 650 AND pick < 750 THEN thing % 3 ELSE NULL END,
      1, n
    FROM kinds`;
}

/** Builds the bench database (kept between runs). */
function generate(target: string, activities: number, persons: number): void {
  // Written under a temporary name and renamed when complete, so a failed run is never reused.
  const file = `${target}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const db = openDatabase(file);
  db.pragma('synchronous = OFF');
  const started = performance.now();
  db.transaction(() => {
    db.prepare(
      "INSERT INTO imports (id, format, source, state, on_error, started_at) VALUES (1, 'cert', '[\"bench\"]', 'succeeded', 'stop', 0)",
    ).run();
    const columns = (
      db.prepare('PRAGMA table_info(import_files)').all() as { name: string; notnull: number; dflt_value: unknown; pk: number }[]
    ).filter((c) => c.notnull && c.dflt_value === null && !c.pk);
    const values: Record<string, unknown> = {
      import_id: 1,
      name: 'bench.csv',
      path: 'bench.csv',
      size: 0,
      sha256: '0'.repeat(64),
      format: 'cert',
      layout: 'cert.bench',
    };
    db.prepare(
      `INSERT INTO import_files (id, ${columns.map((c) => c.name).join(', ')}) VALUES (1, ${columns.map((c) => `@${c.name}`).join(', ')})`,
    ).run(Object.fromEntries(columns.map((c) => [c.name, values[c.name] ?? 'bench'])));
    const person = db.prepare(
      `INSERT INTO persons (id, key, display_name, email, department, business_unit, region, title, created_at)
       VALUES (@id, @key, @displayName, @key, @department, @businessUnit, @region, @title, 0)`,
    );
    for (let id = 1; id <= persons; id++) {
      person.run({
        id,
        key: `u${id}@corp.example`,
        displayName: `User ${id}`,
        department: `Department ${id % 20}`,
        businessUnit: `Unit ${id % 5}`,
        region: ['EMEA', 'AMER', 'APAC'][id % 3],
        title: id % 50 === 0 ? 'Director' : 'Engineer',
      });
    }
    const hr = db.prepare(
      'INSERT INTO hr_events (person_id, kind, time, last_working_time, poor_rating, file_id, line) VALUES (@personId, @kind, @time, @lastWorkingTime, @poorRating, 1, 0)',
    );
    const alert = db.prepare(
      'INSERT INTO external_alerts (person_id, time, source, severity, title, category, file_id, line) VALUES (@personId, @time, @source, @severity, @title, @category, 1, 0)',
    );
    for (let id = 1; id <= persons; id++) {
      const day = START_DAY + ((id * 37) % DAYS);
      if (id % 20 === 0)
        hr.run({ personId: id, kind: 'resignation', time: day * DAY, lastWorkingTime: (day + 14) * DAY, poorRating: null });
      if (id % 33 === 0) hr.run({ personId: id, kind: 'performanceReview', time: day * DAY, lastWorkingTime: null, poorRating: 1 });
      if (id % 30 === 0)
        alert.run({
          personId: id,
          time: day * DAY + 3_600_000,
          source: 'dlp',
          severity: id % 60 === 0 ? 'high' : 'medium',
          title: 'Bench DLP',
          category: null,
        });
      if (id % 50 === 0)
        alert.run({
          personId: id,
          time: day * DAY + 7_200_000,
          source: 'security',
          severity: 'medium',
          title: 'Bench security',
          category: 'DefenseEvasion',
        });
    }
    const chunk = 1_000_000;
    for (let first = 1; first <= activities; first += chunk) {
      db.exec(activitySql(first, Math.min(chunk, activities - first + 1), persons, START_DAY, DAYS));
      process.stderr.write(`\rgenerated ${Math.min(first + chunk - 1, activities)} activities`);
    }
    process.stderr.write('\n');
    db.prepare(
      "INSERT INTO accounts (id, name, password_hash, password_salt, created_at) VALUES (1, 'bench', 'x', 'x', 0)",
    ).run();
    const system = { accountId: 1, name: 'bench', roleGroups: [], scopes: [], sessionId: null } as never;
    for (const template of [
      'data-theft-departing-users',
      'data-leaks',
      'data-leaks-risky-users',
      'security-policy-violations',
    ] as const) {
      createPolicy(db, system, policyCreateInput.parse({ template, name: template }), 0);
    }
  })();
  db.pragma('synchronous = FULL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(file, target);
  process.stderr.write(`generated ${target} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

/** Child process: one scoring run on the bench database, figures as JSON on stdout. */
function child(file: string, mode: 'full' | 'incremental', persons: number): void {
  const db: Database = openDatabase(file, { migrate: false, check: false });
  if (process.env.IRM_BENCH_CACHE) db.pragma(`cache_size = -${process.env.IRM_BENCH_CACHE}`);
  const started = performance.now();
  // Phase timings on stderr (IRM_BENCH_PHASES=1) to see where the time goes.
  let phase = '';
  let phaseStarted = started;
  const progress = {
    report: (_done: number, _total: number | null, code: string, message?: string) => {
      const next = message ? `${code} ${message}` : code;
      if (next === phase) return;
      const now = performance.now();
      if (phase && process.env.IRM_BENCH_PHASES)
        process.stderr.write(`  ${phase}: ${((now - phaseStarted) / 1000).toFixed(2)} s\n`);
      phase = next;
      phaseStarted = now;
    },
  };
  const now = (START_DAY + DAYS + 2) * DAY;
  let result;
  if (mode === 'full') {
    result = runFullScoring(db, { now, progress });
  } else {
    // One more day for every person, the way an import would add it, then incremental scoring.
    const day = START_DAY + DAYS;
    const perPerson = Math.round(option(process.argv, '--activities', 10_000_000) / persons / DAYS);
    const first = (db.prepare('SELECT max(id) FROM activities').pluck().get() as number) + 1;
    db.transaction(() => db.exec(activitySql(first, perPerson * persons, persons, day, 1)))();
    const inserted = performance.now();
    result = scoreAfterImport(
      db,
      { personIds: Array.from({ length: persons }, (_, i) => i + 1), fromTime: day * DAY, toTime: (day + 1) * DAY - 1 },
      { now, progress },
    );
    process.stderr.write(`added ${perPerson * persons} activities in ${((inserted - started) / 1000).toFixed(1)} s\n`);
    progress.report(0, null, 'end');
    const scored = performance.now();
    db.close();
    process.stdout.write(
      `${JSON.stringify({ seconds: (scored - inserted) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, alerts: result.alertsCreated + result.alertsUpdated, kind: result.kind })}\n`,
    );
    return;
  }
  progress.report(0, null, 'end');
  const seconds = (performance.now() - started) / 1000;
  const alerts = db.prepare("SELECT count(*) FROM alerts WHERE status = 'NeedsReview'").pluck().get() as number;
  const inScope = db.prepare('SELECT count(*) FROM policy_persons').pluck().get() as number;
  db.close();
  process.stdout.write(`${JSON.stringify({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, alerts, inScope })}\n`);
}

/** Runs the benchmark. */
export async function run(args: string[]): Promise<void> {
  const childIndex = args.indexOf('--child');
  if (childIndex !== -1) {
    child(args[childIndex + 1]!, args[childIndex + 2] as 'full' | 'incremental', option(args, '--persons', 4000));
    return;
  }
  const activities = option(args, '--activities', 10_000_000);
  const persons = option(args, '--persons', 4000);
  const folder = join(tmpdir(), 'irm-bench');
  mkdirSync(folder, { recursive: true });
  const template = join(folder, `scoring-${activities}-${persons}.sqlite`);
  if (!existsSync(template)) generate(template, activities, persons);
  // A template from an older build gets the migrations added since (the timed children open it unmigrated).
  else openDatabase(template, { check: false }).close();
  const work = join(folder, `scoring-work.sqlite`);
  const copy = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${work}${suffix}`, { force: true });
    spawnSync('cp', [template, work]);
  };
  const runChild = (mode: 'full' | 'incremental') => {
    const result = spawnSync(
      process.execPath,
      [process.argv[1]!, 'scoring', '--child', work, mode, '--persons', String(persons), '--activities', String(activities)],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 1 << 20,
      },
    );
    if (result.status !== 0) throw new Error(`the ${mode} scoring child failed (exit ${result.status})`);
    return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as {
      seconds: number;
      peakRssMb: number;
      alerts: number;
      inScope?: number;
    };
  };
  copy();
  print('scoring.activities', activities);
  print('scoring.persons', persons);
  print('scoring.policies', 4);
  const full = runChild('full');
  print('scoring.full.seconds', full.seconds, 's');
  print('scoring.full.peak_rss', full.peakRssMb, 'MB');
  print('scoring.full.persons_in_scope', full.inScope ?? 0);
  print('scoring.full.open_alerts', full.alerts);
  const incremental = runChild('incremental');
  print('scoring.incremental_one_day.seconds', incremental.seconds, 's');
  print('scoring.incremental_one_day.peak_rss', incremental.peakRssMb, 'MB');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${work}${suffix}`, { force: true });
}
