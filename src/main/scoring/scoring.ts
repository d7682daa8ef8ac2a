/**
 * Scoring runs: full (every derived table and every policy), incremental after an import (only the
 * persons and days the import touched) and policies-only (after a policy change). Each takes a
 * database handle (a worker's own connection in the job runner) and a progress reporter, records a
 * scoring_runs row, and is deterministic: the same data, settings, policies and clock give the same
 * alerts.
 */
import type { Database } from '../store/database';
import { scoringReason, type ScoringReason } from '../../shared/contract/scoring';
import { createSettingsStore } from '../settings/settingsStore';
import { scoringPolicies } from '../policies/policyRepository';
import { readClassificationSettings } from '../detection/classify';
import { computeAllDailyCounts, computeDailyCountsFor, type Progress } from '../detection/dailyCounts';
import { loadEnvironment } from '../detection/environment';
import { scorePolicies, type PolicyRunStats } from '../detection/policyScoring';

/** The outcome of a scoring run. */
export interface ScoringRunResult {
  runId: number;
  kind: 'full' | 'incremental';
  persons: number;
  alertsCreated: number;
  alertsUpdated: number;
  alertsRemoved: number;
  policies: PolicyRunStats[];
  seconds: number;
}

/** Options every run takes. */
export interface RunOptions {
  /** The time recorded as "detected" and "scored" (tests inject a fake clock). */
  now?: number;
  /**
   * The run's clock, read when the run starts (started_at) and again when it ends (finished_at);
   * default: `now` advanced by the time elapsed since the run began (Date.now without `now`).
   */
  clock?: () => number;
  progress?: Progress;
}

/** The clock a run stamps its start and end with. */
function runClock(options: RunOptions): () => number {
  if (options.clock) return options.clock;
  if (options.now === undefined) return Date.now;
  const anchor = options.now;
  const began = performance.now();
  return () => anchor + Math.round(performance.now() - began);
}

function startRun(db: Database, kind: 'full' | 'incremental', startedAt: number): number {
  return Number(
    db
      .prepare("INSERT INTO scoring_runs (kind, state, started_at) VALUES (@kind, 'running', @startedAt)")
      .run({ kind, startedAt }).lastInsertRowid,
  );
}

function finishRun(db: Database, runId: number, finishedAt: number, persons: number, stats: PolicyRunStats[]): void {
  const sum = (key: 'alertsCreated' | 'alertsUpdated' | 'alertsRemoved') => stats.reduce((total, s) => total + s[key], 0);
  db.prepare(
    `UPDATE scoring_runs SET state = 'succeeded', finished_at = @finishedAt, persons = @persons, alerts_created = @created,
       alerts_updated = @updated, alerts_removed = @removed WHERE id = @runId`,
  ).run({ runId, finishedAt, persons, created: sum('alertsCreated'), updated: sum('alertsUpdated'), removed: sum('alertsRemoved') });
}

function failRun(db: Database, runId: number, finishedAt: number, error: unknown): void {
  db.prepare("UPDATE scoring_runs SET state = 'failed', finished_at = @finishedAt, error = @error WHERE id = @runId").run({
    finishedAt,
    error: error instanceof Error ? error.message : String(error),
    runId,
  });
}

function result(
  runId: number,
  kind: 'full' | 'incremental',
  persons: number,
  stats: PolicyRunStats[],
  started: number,
): ScoringRunResult {
  return {
    runId,
    kind,
    persons,
    alertsCreated: stats.reduce((t, s) => t + s.alertsCreated, 0),
    alertsUpdated: stats.reduce((t, s) => t + s.alertsUpdated, 0),
    alertsRemoved: stats.reduce((t, s) => t + s.alertsRemoved, 0),
    policies: stats,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

/** What scoring_state says is due, and why (in English and as facts). */
export function scoringState(db: Database): {
  needsFull: boolean;
  needsPolicies: boolean;
  reason: string | null;
  reasonFacts: ScoringReason | null;
} {
  const row = db
    .prepare(
      'SELECT needs_full AS needsFull, needs_policies AS needsPolicies, reason, reason_facts AS reasonFacts FROM scoring_state WHERE id = 1',
    )
    .get() as { needsFull: number; needsPolicies: number; reason: string | null; reasonFacts: string | null };
  const facts = row.reasonFacts === null ? null : scoringReason.safeParse(JSON.parse(row.reasonFacts));
  return {
    needsFull: row.needsFull === 1,
    needsPolicies: row.needsPolicies === 1,
    reason: row.reason,
    reasonFacts: facts?.success ? facts.data : null,
  };
}

function clearState(db: Database, full: boolean, now: number): void {
  db.prepare(
    `UPDATE scoring_state SET needs_full = CASE WHEN @full = 1 THEN 0 ELSE needs_full END, needs_policies = 0,
       reason = CASE WHEN @full = 1 OR needs_full = 0 THEN NULL ELSE reason END,
       reason_facts = CASE WHEN @full = 1 OR needs_full = 0 THEN NULL ELSE reason_facts END, changed_at = @now WHERE id = 1`,
  ).run({ full: full ? 1 : 0, now });
}

/** Full re-score: recomputes every derived daily table and re-scores every policy for everyone. */
export function runFullScoring(db: Database, options: RunOptions = {}): ScoringRunResult {
  const now = options.now ?? Date.now();
  const clock = runClock(options);
  const started = performance.now();
  const runId = startRun(db, 'full', clock());
  try {
    const settings = createSettingsStore(db, () => now);
    const counts = computeAllDailyCounts(db, readClassificationSettings(db, settings), options.progress);
    options.progress?.report(0, null, 'loading');
    const env = loadEnvironment(db, now, settings);
    const stats = scorePolicies(db, env, scoringPolicies(db), null, options.progress);
    clearState(db, true, now);
    finishRun(db, runId, clock(), counts.persons, stats);
    return result(runId, 'full', counts.persons, stats, started);
  } catch (error) {
    failRun(db, runId, clock(), error);
    throw error;
  }
}

/** Re-scores every policy from the derived tables (after a policy change); a full run if settings changed. */
export function rescorePolicies(db: Database, options: RunOptions = {}): ScoringRunResult {
  if (scoringState(db).needsFull) return runFullScoring(db, options);
  const now = options.now ?? Date.now();
  const clock = runClock(options);
  const started = performance.now();
  const runId = startRun(db, 'incremental', clock());
  try {
    const env = loadEnvironment(db, now);
    const stats = scorePolicies(db, env, scoringPolicies(db), null, options.progress);
    clearState(db, false, now);
    finishRun(db, runId, clock(), env.persons.size, stats);
    return result(runId, 'incremental', env.persons.size, stats, started);
  } catch (error) {
    failRun(db, runId, clock(), error);
    throw error;
  }
}

/**
 * Incremental scoring after a successful import: only the persons it touched and the days between
 * fromTime and toTime (UTC ms) are recomputed, then every policy is re-scored for those persons.
 * Falls back to a full run when settings changed since the last one, and to all persons when a
 * policy changed. The import engineer calls this after committing an import.
 */
export function scoreAfterImport(
  db: Database,
  changes: { personIds: readonly number[]; fromTime: number; toTime: number },
  options: RunOptions = {},
): ScoringRunResult {
  const state = scoringState(db);
  if (state.needsFull) return runFullScoring(db, options);
  const now = options.now ?? Date.now();
  const clock = runClock(options);
  const started = performance.now();
  const runId = startRun(db, 'incremental', clock());
  try {
    const settings = createSettingsStore(db, () => now);
    if (changes.personIds.length > 0 && changes.toTime >= changes.fromTime) {
      const counted = db.transaction(() =>
        computeDailyCountsFor(
          db,
          readClassificationSettings(db, settings),
          changes.personIds,
          changes.fromTime,
          changes.toTime,
          options.progress,
        ),
      )();
      if (!counted) {
        // Too much new activity to hold at once: recompute everything instead.
        db.prepare(
          "UPDATE scoring_runs SET state = 'failed', finished_at = @now, error = 'replaced by a full run (large import)' WHERE id = @runId",
        ).run({ now: clock(), runId });
        return runFullScoring(db, options);
      }
    }
    options.progress?.report(0, null, 'loading');
    const env = loadEnvironment(db, now, settings);
    // HR events and external alerts change who is in scope: every policy is re-scored for the persons touched.
    const persons = state.needsPolicies ? null : new Set(changes.personIds);
    const stats = scorePolicies(db, env, scoringPolicies(db), persons, options.progress);
    clearState(db, false, now);
    finishRun(db, runId, clock(), persons ? persons.size : env.persons.size, stats);
    return result(runId, 'incremental', persons ? persons.size : env.persons.size, stats, started);
  } catch (error) {
    failRun(db, runId, clock(), error);
    throw error;
  }
}
