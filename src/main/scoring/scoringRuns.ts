/** The scoring_runs table: one row per scoring run, as `scoring.status` and `irm score` show it. */
import type { Database } from '../store/database';

interface RunRow {
  id: number;
  kind: 'full' | 'incremental';
  state: 'running' | 'succeeded' | 'failed';
  started_at: number;
  finished_at: number | null;
  persons: number;
  alerts_created: number;
  alerts_updated: number;
  alerts_removed: number;
  error: string | null;
}

/** A scoring run as the contract shows it. */
export interface ScoringRunView {
  id: number;
  kind: 'full' | 'incremental';
  state: 'running' | 'succeeded' | 'failed';
  startedAt: number;
  finishedAt: number | null;
  persons: number;
  alertsCreated: number;
  alertsUpdated: number;
  alertsRemoved: number;
  error: string | null;
}

function runView(row: RunRow): ScoringRunView {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    persons: row.persons,
    alertsCreated: row.alerts_created,
    alertsUpdated: row.alerts_updated,
    alertsRemoved: row.alerts_removed,
    error: row.error,
  };
}

/** The latest runs, newest first. */
export function latestScoringRuns(db: Database, limit: number): ScoringRunView[] {
  return (db.prepare('SELECT * FROM scoring_runs ORDER BY id DESC LIMIT @limit').all({ limit }) as RunRow[]).map(runView);
}

/** One run, or null. */
export function readScoringRun(db: Database, id: number): ScoringRunView | null {
  const row = db.prepare('SELECT * FROM scoring_runs WHERE id = @id').get({ id }) as RunRow | undefined;
  return row ? runView(row) : null;
}
