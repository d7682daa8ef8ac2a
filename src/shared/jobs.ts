/**
 * Jobs: long work that runs in a worker thread (imports, the demo simulation, scoring; exports and
 * backups later). The kinds, their states and every phase a kind reports are typed here once, for
 * main (jobs/jobRunner.ts), the contract's `jobs.*` and `job.progress`, the UI and the CLI.
 */
import { SCORING_PHASES } from './detection';

/** Every kind of job. */
export const JOB_KINDS = ['import', 'demo', 'simulation', 'scoring'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** Where a job stands. `queued` waits for the job before it to finish (one database writer at a time). */
export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States a job ends in. */
export const FINAL_JOB_STATES = ['succeeded', 'failed', 'cancelled'] as const satisfies readonly JobState[];
export type FinalJobState = (typeof FINAL_JOB_STATES)[number];

/** True once a job has ended. */
export function isFinalJobState(state: JobState): state is FinalJobState {
  return (FINAL_JOB_STATES as readonly string[]).includes(state);
}

/** The phases of an import job (src/main/ingest/importJob.ts), in order. */
export const IMPORT_PHASES = ['queued', 'starting', 'hashing', 'reading', 'finalising', 'merging', 'done'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

/** The phases of a simulation job (writing the simulated organisation's files). */
export const SIMULATION_PHASES = ['queued', 'simulating', 'done'] as const;
export type SimulationPhase = (typeof SIMULATION_PHASES)[number];

/**
 * The phases of the demo job, which runs the steps of "Load demo organisation" as jobs of their own
 * (a simulation, one import per part, a full scoring run) and reports them as one: its `done` and
 * `total` count those steps (DEMO_STEPS), known from the start.
 */
export const DEMO_PHASES = ['queued', 'simulating', 'importing', 'policies', 'scoring', 'done'] as const;
export type DemoPhase = (typeof DEMO_PHASES)[number];

/** The parts of the demo organisation, imported one job each in this order (a roll-out's order). */
export const DEMO_PARTS = ['roster.csv', 'hr', 'cert', 'm365', 'alerts', 'content'] as const;

/** The demo's steps: simulate, import each part, create the policies, score. */
export const DEMO_STEPS = 1 + DEMO_PARTS.length + 2;

/** The phases of a scoring job: the scoring phases (shared/detection.ts) between queued and done. */
export const SCORING_JOB_PHASES = ['queued', ...SCORING_PHASES, 'done'] as const;
export type ScoringJobPhase = (typeof SCORING_JOB_PHASES)[number];

/** The phases each kind reports. */
export const JOB_PHASES = {
  import: IMPORT_PHASES,
  demo: DEMO_PHASES,
  simulation: SIMULATION_PHASES,
  scoring: SCORING_JOB_PHASES,
} as const satisfies Record<JobKind, readonly string[]>;

/** A phase of any kind. */
export type JobPhase = (typeof JOB_PHASES)[JobKind][number];

/** Every phase of every kind, once. */
export const ALL_JOB_PHASES = [...new Set(Object.values(JOB_PHASES).flat())] as JobPhase[];

/** True for a phase of `kind`. */
export function isPhaseOf<K extends JobKind>(kind: K, phase: string): phase is (typeof JOB_PHASES)[K][number] {
  return (JOB_PHASES[kind] as readonly string[]).includes(phase);
}

/** True for an import phase. */
export function isImportPhase(phase: string): phase is ImportPhase {
  return isPhaseOf('import', phase);
}
