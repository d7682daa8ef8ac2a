/**
 * `npm run bench -- detection [--seeds 1,2,3,4,5] [--people 500] [--days 90]`: detection quality on
 * simulated organisations. For each seed: simulate (src/main/simulate), import the output through
 * the real import path (router, job, importer; the answer key and the .eml content are left out),
 * create one policy per template with defaults, run a full score, and compare with the answer key:
 * per scenario, the share of injected persons with an alert of a matching template at Medium or
 * above; and the share of persons without a scenario who get any alert. Printed per seed and in
 * total; figures, never assertions (targets: all insiders detected, at most 3% of others alerted).
 * IRM_BENCH_EXPLAIN=1 adds diagnostics on stderr: which templates, triggers and insights alert
 * persons without a scenario, and why each insider was or was not caught.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../src/main/backend';
import { TEMPLATE_IDS } from '../src/shared/detection';
import { SCENARIOS, SCENARIO_TEMPLATES, simulateOrganisation, type AnswerKey, type ScenarioName } from '../src/main/simulate';

const PASSWORD = 'bench password 1234';

function print(name: string, value: number | string, unit = ''): void {
  process.stdout.write(
    `${name}: ${typeof value === 'number' ? (Number.isInteger(value) ? value : value.toFixed(3)) : value}${unit ? ` ${unit}` : ''}\n`,
  );
}

function option(args: string[], name: string, fallback: string): string {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1]!;
}

interface SeedResult {
  /** scenario → [detected, injected] */
  scenarios: Map<ScenarioName, [number, number]>;
  others: number;
  othersAlerted: number;
  alertsByTemplate: Map<string, number>;
  importSeconds: number;
  scoreSeconds: number;
}

async function call(backend: Backend, method: string, input: unknown): Promise<Record<string, unknown>> {
  const result = await backend.call({ sessionId: 'bench-detection', transport: 'cli' }, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as Record<string, unknown>;
}

async function runSeed(seed: string, people: number, days: number): Promise<SeedResult> {
  const simulationDir = mkdtempSync(join(tmpdir(), `irm-bench-sim-${seed}-`));
  const dataDir = mkdtempSync(join(tmpdir(), `irm-bench-detection-${seed}-`));
  try {
    await simulateOrganisation({ outDir: simulationDir, people, days, seed });
    const key = JSON.parse(readFileSync(join(simulationDir, 'answer-key.json'), 'utf8')) as AnswerKey;
    const backend = createBackend({ dataDir });
    try {
      await call(backend, 'auth.setup', { name: 'bench', password: PASSWORD });
      // Everything the simulator wrote except the answer key (the app never reads it) and captured content.
      const paths = readdirSync(simulationDir)
        .filter((entry) => entry !== 'answer-key.json' && entry !== 'content')
        .map((entry) => join(simulationDir, entry));
      const importStarted = performance.now();
      const { importId } = (await call(backend, 'imports.start', { paths, onError: 'skip' })) as { importId: number };
      let detail = await call(backend, 'imports.get', { id: importId });
      while (detail.state === 'running' || detail.jobId !== null) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        detail = await call(backend, 'imports.get', { id: importId });
      }
      if (detail.state !== 'succeeded') throw new Error(`seed ${seed}: import ${String(detail.state)}: ${String(detail.error)}`);
      const importSeconds = (performance.now() - importStarted) / 1000;
      for (const template of TEMPLATE_IDS) await call(backend, 'policies.create', { template, name: template });
      const scoreStarted = performance.now();
      const { jobId } = (await call(backend, 'scoring.run', { full: true })) as { jobId: string };
      await backend.context.jobs.get(jobId)!.finished;
      const scoreSeconds = (performance.now() - scoreStarted) / 1000;

      const { db } = backend.context;
      const alerts = db
        .prepare(
          `SELECT p.key, pol.template, al.severity FROM alerts al JOIN persons p ON p.id = al.person_id JOIN policies pol ON pol.id = al.policy_id
           WHERE al.test = 0 ORDER BY al.id`,
        )
        .all() as { key: string; template: string; severity: string }[];
      const personOf = db.prepare(
        'SELECT p.key FROM persons p WHERE p.key = lower(@email) OR p.id IN (SELECT person_id FROM person_identifiers WHERE value = @email OR value = @userId)',
      );
      const byPerson = new Map<string, { template: string; severity: string }[]>();
      for (const alert of alerts) byPerson.set(alert.key, [...(byPerson.get(alert.key) ?? []), alert]);
      const scenarios = new Map<ScenarioName, [number, number]>(SCENARIOS.map((s) => [s, [0, 0]]));
      const insiders = new Set<string>();
      for (const insider of key.insiders) {
        const person =
          (personOf.get({ email: insider.email, userId: insider.userId }) as { key: string } | undefined)?.key ??
          insider.email.toLowerCase();
        insiders.add(person);
        const templates = SCENARIO_TEMPLATES[insider.scenario];
        const caught = (byPerson.get(person) ?? []).some(
          (a) => templates.includes(a.template) && (a.severity === 'Medium' || a.severity === 'High'),
        );
        const entry = scenarios.get(insider.scenario)!;
        entry[0] += caught ? 1 : 0;
        entry[1] += 1;
      }
      const allPersons = db.prepare('SELECT key FROM persons').pluck().all() as string[];
      const others = allPersons.filter((p) => !insiders.has(p));
      const othersAlerted = others.filter((p) => byPerson.has(p)).length;
      const alertsByTemplate = new Map<string, number>();
      for (const alert of alerts) alertsByTemplate.set(alert.template, (alertsByTemplate.get(alert.template) ?? 0) + 1);
      if (process.env.IRM_BENCH_EXPLAIN) {
        // Diagnostics (stderr): which templates and insights alert persons without a scenario, and why insiders are missed.
        const explain = db.prepare(
          `SELECT pol.template, al.severity, i.kind, coalesce(i.indicator, i.kind) AS what, i.level, p.key FROM alerts al
           JOIN policies pol ON pol.id = al.policy_id JOIN persons p ON p.id = al.person_id JOIN alert_insights i ON i.alert_id = al.id WHERE al.test = 0`,
        ).all() as { template: string; severity: string; what: string; level: string; key: string }[];
        const tally = new Map<string, Set<string>>();
        for (const row of explain) {
          if (insiders.has(row.key)) continue;
          const label = `${row.template} ${row.severity} ${row.what}:${row.level}`;
          if (!tally.has(label)) tally.set(label, new Set());
          tally.get(label)!.add(row.key);
        }
        for (const [label, keys] of [...tally].sort((x, y) => y[1].size - x[1].size).slice(0, 40)) process.stderr.write(`  other ${label}: ${keys.size}\n`);
        const triggers = db
          .prepare(
            `SELECT pol.template, al.trigger_kind AS trigger, count(*) AS alerts, count(DISTINCT al.person_id) AS persons FROM alerts al
             JOIN policies pol ON pol.id = al.policy_id GROUP BY pol.template, al.trigger_kind ORDER BY alerts DESC`,
          )
          .all();
        process.stderr.write(`  triggers of alerts: ${JSON.stringify(triggers)}\n`);
        const scope = db
          .prepare('SELECT pol.template, pp.trigger_kind AS trigger, count(*) AS persons FROM policy_persons pp JOIN policies pol ON pol.id = pp.policy_id GROUP BY 1, 2')
          .all();
        process.stderr.write(`  in scope: ${JSON.stringify(scope)}\n`);
        const foreign = db
          .prepare(
            `SELECT p.key, a.device, (SELECT count(*) FROM device_days d WHERE d.device = a.device AND d.person_id = a.person_id) AS ownDays,
                    (SELECT group_concat(q.key || ':' || n, ' ') FROM (SELECT d.person_id, count(*) AS n FROM device_days d WHERE d.device = a.device GROUP BY d.person_id ORDER BY n DESC LIMIT 4) x JOIN persons q ON q.id = x.person_id) AS users,
                    a.time
             FROM flagged_logons f JOIN activities a ON a.id = f.activity_id JOIN persons p ON p.id = f.person_id
             WHERE f.indicator = 'foreign_device_logon' ORDER BY f.person_id LIMIT 15`,
          )
          .all() as { key: string }[];
        for (const row of foreign) process.stderr.write(`  foreign ${insiders.has(row.key) ? 'INSIDER' : 'other'} ${JSON.stringify(row)}\n`);
        for (const insider of key.insiders) {
          const person = (personOf.get({ email: insider.email, userId: insider.userId }) as { key: string } | undefined)?.key ?? insider.email.toLowerCase();
          const scope = db
            .prepare('SELECT pol.template, pp.trigger_kind, pp.score, pp.nearest_indicator, pp.nearest_count, pp.nearest_threshold FROM policy_persons pp JOIN policies pol ON pol.id = pp.policy_id JOIN persons p ON p.id = pp.person_id WHERE p.key = @person')
            .all({ person });
          // The insights of the insider's best-scoring day per alert: what carried (or failed to carry) the score.
          const insights = db
            .prepare(
              `SELECT pol.template || ' ' || i.day || ' ' || coalesce(i.indicator, i.kind) || ':' || i.level || '=' || i.points AS insight
               FROM alerts al JOIN policies pol ON pol.id = al.policy_id JOIN persons p ON p.id = al.person_id JOIN alert_insights i ON i.alert_id = al.id
               WHERE p.key = @person AND al.test = 0 ORDER BY al.id, i.day`,
            )
            .pluck()
            .all({ person });
          process.stderr.write(
            `  insider ${insider.scenario} ${insider.intensity} ${insider.trigger.kind} channels=${insider.channels.join(',')}: alerts=${JSON.stringify(byPerson.get(person) ?? [])} scope=${JSON.stringify(scope)} insights=${JSON.stringify(insights)}\n`,
          );
        }
      }
      return { scenarios, others: others.length, othersAlerted, alertsByTemplate, importSeconds, scoreSeconds };
    } finally {
      backend.close();
    }
  } finally {
    rmSync(simulationDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(prefix: string, result: Pick<SeedResult, 'scenarios' | 'others' | 'othersAlerted'>): void {
  let detected = 0;
  let injected = 0;
  for (const [scenario, [caught, total]] of result.scenarios) {
    detected += caught;
    injected += total;
    if (total > 0) print(`${prefix}.${scenario}.detected`, caught / total, `(${caught}/${total})`);
  }
  print(`${prefix}.insiders.detected`, injected ? detected / injected : 0, `(${detected}/${injected})`);
  print(
    `${prefix}.others.alerted`,
    result.others ? result.othersAlerted / result.others : 0,
    `(${result.othersAlerted}/${result.others})`,
  );
}

/** Runs the benchmark. */
export async function run(args: string[]): Promise<void> {
  const seeds = option(args, '--seeds', '1,2,3,4,5')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const people = Number(option(args, '--people', '500'));
  const days = Number(option(args, '--days', '90'));
  const total = {
    scenarios: new Map<ScenarioName, [number, number]>(SCENARIOS.map((s) => [s, [0, 0]])),
    others: 0,
    othersAlerted: 0,
  };
  for (const seed of seeds) {
    const result = await runSeed(seed, people, days);
    report(`detection.seed${seed}`, result);
    print(`detection.seed${seed}.import_seconds`, result.importSeconds, 's');
    print(`detection.seed${seed}.score_seconds`, result.scoreSeconds, 's');
    for (const [template, count] of [...result.alertsByTemplate].sort()) print(`detection.seed${seed}.alerts.${template}`, count);
    for (const [scenario, [caught, injected]] of result.scenarios) {
      const sum = total.scenarios.get(scenario)!;
      sum[0] += caught;
      sum[1] += injected;
    }
    total.others += result.others;
    total.othersAlerted += result.othersAlerted;
  }
  report('detection.total', total);
}
