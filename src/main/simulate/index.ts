/**
 * The organisation simulator: writes a synthetic organisation in the real import formats (directory
 * snapshots and roster, HR connector CSVs, CERT r6 activity, M365 unified audit log, Graph alerts,
 * .eml content) with ordinary behaviour and injected insider scenarios, plus an answer key that
 * only the detection benchmark reads. Same options, same bytes.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simulatePersonDay, type ScenarioAction } from './activity';
import { DAY, isoDate, parseIsoDate } from './calendar';
import { ORGANISATION_DOMAIN } from './catalog';
import { Simulation } from './context';
import { writeDirectory } from './directory';
import { writeHrFiles } from './hrFiles';
import { buildOrganisation, type Organisation } from './organisation';
import { SimulationOutput, type WrittenFile } from './output';
import { SCENARIOS, SCENARIO_TEMPLATES, planScenarios, type InsiderPlan, type ScenarioName } from './scenarios';
import { writeFileAtomic } from '../store/files';

/** Scenario names and the policy templates that should catch them (for the benchmarks). */
export { SCENARIOS, SCENARIO_TEMPLATES, type ScenarioName } from './scenarios';
/** One written file of the summary. */
export type { WrittenFile } from './output';

/** The first simulated date when none is given (a Monday). */
export const DEFAULT_START = '2025-02-03';
/** Accepted sizes of a run. */
export const SIMULATION_LIMITS = { people: { minimum: 1, maximum: 5000 }, days: { minimum: 1, maximum: 366 } } as const;
/** Version of the answer key's layout. */
export const ANSWER_KEY_VERSION = 1;

/** What to simulate and where. */
export interface SimulateOptions {
  outDir: string;
  people: number;
  days: number;
  seed: string | number;
  /** First date, `YYYY-MM-DD` (default DEFAULT_START). */
  start?: string;
  /** Replace an earlier simulation in outDir (recognised by its answer-key.json). */
  overwrite?: boolean;
  /** Called after each simulated day. */
  onProgress?: (progress: { done: number; total: number; phase: 'activity' }) => void;
  signal?: AbortSignal;
}

/** What a run wrote. */
export interface SimulationSummary {
  outDir: string;
  seed: string;
  start: string;
  end: string;
  days: number;
  people: number;
  organisationDomain: string;
  insiders: number;
  scenarios: Record<ScenarioName, number>;
  files: WrittenFile[];
  totals: { files: number; rows: number; bytes: number };
}

/** One insider in the answer key. */
export interface AnswerKeyInsider {
  email: string;
  userId: string;
  name: string;
  scenario: ScenarioName;
  templates: readonly string[];
  intensity: string;
  trigger: { kind: string; date: string; detail: string };
  start: string;
  end: string;
  lastWorkingDate: string | null;
  victim: { email: string; userId: string } | null;
  channels: string[];
  activityDates: string[];
  notes: string[];
}

/** The answer key written beside the data (never read by the app). */
export interface AnswerKey {
  description: string;
  version: number;
  seed: string;
  start: string;
  end: string;
  days: number;
  people: number;
  organisationDomain: string;
  timeZones: string;
  insiders: AnswerKeyInsider[];
  decoys: { email: string; userId: string; reasons: string[] }[];
}

function checkInteger(name: string, value: number, minimum: number, maximum: number): void {
  if (!Number.isInteger(value) || value < minimum || value > maximum) throw new Error(`${name} must be a whole number from ${minimum} to ${maximum} (got ${value})`);
}

/** Makes sure the output folder exists and is empty (clearing an earlier simulation only when asked). */
function prepareFolder(outDir: string, overwrite: boolean): void {
  if (!existsSync(outDir)) {
    mkdirSync(outDir, { recursive: true });
    return;
  }
  const entries = readdirSync(outDir);
  if (entries.length === 0) return;
  if (!overwrite) throw new Error(`${outDir} is not empty; choose an empty folder, or replace an earlier simulation there (--overwrite)`);
  if (!entries.includes('answer-key.json')) throw new Error(`${outDir} does not hold an earlier simulation (no answer-key.json); refusing to delete its contents`);
  for (const entry of entries) rmSync(join(outDir, entry), { recursive: true, force: true });
}

/** Simulates an organisation into options.outDir and returns what was written. */
export async function simulateOrganisation(options: SimulateOptions): Promise<SimulationSummary> {
  const seed = String(options.seed);
  if (seed.length === 0 || seed.length > 200) throw new Error('seed must be 1 to 200 characters');
  checkInteger('people', options.people, SIMULATION_LIMITS.people.minimum, SIMULATION_LIMITS.people.maximum);
  checkInteger('days', options.days, SIMULATION_LIMITS.days.minimum, SIMULATION_LIMITS.days.maximum);
  const startText = options.start ?? DEFAULT_START;
  const start = parseIsoDate(startText);
  const outDir = resolve(options.outDir);
  prepareFolder(outDir, options.overwrite ?? false);
  try {
    return await run(outDir, seed, start, options);
  } catch (error) {
    // Leave nothing half-written behind: the folder was empty (or emptied) when we began.
    for (const entry of readdirSync(outDir)) rmSync(join(outDir, entry), { recursive: true, force: true });
    throw error;
  }
}

async function run(outDir: string, seed: string, start: number, options: SimulateOptions): Promise<SimulationSummary> {
  const organisation = buildOrganisation(seed, start, options.days, options.people);
  const output = new SimulationOutput(outDir, seed);
  const simulation = new Simulation(organisation, output);
  const plans = planScenarios(simulation);
  const actionsByPerson = new Map<number, Map<number, ScenarioAction[]>>(plans.map((plan) => [plan.person.index, plan.actions]));
  const extraFiles: WrittenFile[] = [...writeHrFiles(organisation, outDir), ...writeDirectory(organisation, outDir)];

  for (let day = 0; day < options.days; day++) {
    if (options.signal?.aborted) throw new Error('simulation cancelled');
    for (const person of organisation.people) simulatePersonDay(simulation, person, day, actionsByPerson.get(person.index)?.get(day));
    // Rows of later days start no earlier than local midnight in UTC+14; everything before is final.
    output.release(start + (day + 1) * DAY - 14 * 3_600_000);
    options.onProgress?.({ done: day + 1, total: options.days, phase: 'activity' });
    await new Promise<void>((resolveDay) => setImmediate(resolveDay));
  }

  const answerKey = buildAnswerKey(simulation, plans);
  const answerKeyText = `${JSON.stringify(answerKey, null, 2)}\n`;
  writeFileAtomic(join(outDir, 'answer-key.json'), answerKeyText);
  const files = [...output.finish(), ...extraFiles, { path: 'answer-key.json', rows: answerKey.insiders.length, bytes: Buffer.byteLength(answerKeyText) }].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const scenarios = Object.fromEntries(SCENARIOS.map((name) => [name, plans.filter((plan) => plan.scenario === name).length])) as Record<ScenarioName, number>;
  return {
    outDir,
    seed,
    start: isoDate(start),
    end: isoDate(start + (options.days - 1) * DAY),
    days: options.days,
    people: organisation.people.length,
    organisationDomain: ORGANISATION_DOMAIN,
    insiders: plans.length,
    scenarios,
    files,
    totals: { files: files.length, rows: files.reduce((total, file) => total + file.rows, 0), bytes: files.reduce((total, file) => total + file.bytes, 0) },
  };
}

function dateOf(organisation: Organisation, day: number): string {
  return isoDate(organisation.start + day * DAY);
}

/** The answer key: every insider with scenario, dates and notes, and the innocent people who look risky for ordinary reasons. */
function buildAnswerKey(simulation: Simulation, plans: InsiderPlan[]): AnswerKey {
  const organisation = simulation.organisation;
  const insiders: AnswerKeyInsider[] = plans.map((plan) => {
    const days = [...plan.actions.keys()].sort((a, b) => a - b);
    return {
      email: plan.person.email,
      userId: plan.person.userId,
      name: plan.person.displayName,
      scenario: plan.scenario,
      templates: SCENARIO_TEMPLATES[plan.scenario],
      intensity: plan.intensity,
      trigger: { kind: plan.trigger.kind, date: dateOf(organisation, plan.trigger.day), detail: plan.trigger.kind === 'resignation' && plan.lastWorkingDay !== null ? `resignation; last working day ${dateOf(organisation, plan.lastWorkingDay)}` : plan.trigger.detail },
      start: dateOf(organisation, Math.min(days[0]!, plan.trigger.day)),
      end: dateOf(organisation, days[days.length - 1]!),
      lastWorkingDate: plan.lastWorkingDay === null ? null : dateOf(organisation, plan.lastWorkingDay),
      victim: plan.victim ? { email: plan.victim.email, userId: plan.victim.userId } : null,
      channels: plan.channels,
      activityDates: days.map((day) => dateOf(organisation, day)),
      notes: plan.notes,
    };
  });
  const insiderIndexes = new Set(plans.map((plan) => plan.person.index));
  const reasons = new Map<number, Set<string>>();
  const note = (person: number, reason: string) => {
    if (insiderIndexes.has(person)) return;
    const set = reasons.get(person) ?? new Set<string>();
    set.add(reason);
    reasons.set(person, set);
  };
  for (const record of organisation.hr) {
    if (record.kind === 'resignation') note(record.person, 'resigned; ordinary departure');
    if (record.kind === 'performanceReview' && record.rating <= 2) note(record.person, 'poor performance review');
    if (record.kind === 'improvementPlan') note(record.person, 'performance improvement plan');
    if (record.kind === 'jobLevelChange' && record.newLevel < record.oldLevel) note(record.person, 'demotion (restructuring)');
  }
  for (const index of organisation.silentLeavers) note(index, 'left without an HR record (seen only in the roster snapshots)');
  for (const entry of simulation.alertLog) if (entry.benign) note(entry.person, `benign endpoint alert: ${entry.category}, ${entry.severity}`);
  for (const entry of simulation.dlpLog) if (entry.benign && entry.severity !== 'Low') note(entry.person, `DLP match on ordinary mail (${entry.severity}${entry.undone ? ', undone' : ''})`);
  for (const plan of plans) if (plan.victim) note(plan.victim.index, 'victim of snooping: someone else logged on to their computer');
  for (const index of simulation.cleanups) note(index, 'deleted many files in a clean-up');
  for (const [index, count] of simulation.foreignLogons) if (count >= 3) note(index, 'logs on to other people\'s computers (IT support or a colleague\'s desk)');
  for (const person of organisation.people) {
    const habits = person.habits;
    if (habits.usbRate >= 0.2) note(person.index, 'uses USB media for work');
    if (habits.jobSiteRate >= 0.15) note(person.index, 'browses job sites often without leaving');
    if (habits.cloudUploadRate > 0) note(person.index, 'uploads to file-sharing sites for work');
    if (habits.externalShareRate > 0) note(person.index, 'shares files with external partners');
    if (habits.eveningRate >= 0.12 || habits.weekendRate >= 0.08) note(person.index, 'works evenings or weekends often');
    if (habits.shift) note(person.index, 'shift worker on a shared computer');
    if (person.hireDay > 0) note(person.index, 'joined during the period');
  }
  const decoys = [...reasons.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, set]) => ({ email: organisation.people[index]!.email, userId: organisation.people[index]!.userId, reasons: [...set].sort() }));
  return {
    description: 'Answer key of a simulated organisation (irm simulate). The app never reads this file; only the detection benchmark does.',
    version: ANSWER_KEY_VERSION,
    seed: organisation.seed,
    start: dateOf(organisation, 0),
    end: dateOf(organisation, organisation.days - 1),
    days: organisation.days,
    people: organisation.people.length,
    organisationDomain: organisation.domain,
    timeZones: 'cert/*.csv times are UTC (MM/DD/YYYY HH:MM:SS without zone); M365 and Graph times are UTC; HR dates carry their own offsets or are local dates. People work in the time zone of their office (roster.csv country).',
    insiders,
    decoys,
  };
}
