/** Test helpers: run an import through the real backend (router, job runner, merge) and wait for it. */
import { join } from 'node:path';
import type { EventPayload, MethodInput, MethodOutput } from '../../shared/contract';
import { openTestBackend, type TestBackend, type TestSession } from './backendFixture';

/** The fixtures folder. */
export const FIXTURES = join(__dirname, '..', 'ingest', 'fixtures');

/** A fixture path. */
export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

/** A fresh test backend with an admin session and the job.progress events sent to that session. */
export async function openImportBackend(): Promise<{ test: TestBackend; admin: TestSession; events: EventPayload<'job.progress'>[] }> {
  const test = openTestBackend();
  const admin = await test.admin();
  const events: EventPayload<'job.progress'>[] = [];
  test.backend.onEvent((sessionId, name, payload) => {
    if (name === 'job.progress' && sessionId === admin.origin.sessionId) events.push(payload as EventPayload<'job.progress'>);
  });
  return { test, admin, events };
}

/** Waits until an import is no longer running and returns its detail. */
export async function waitForImport(
  session: TestSession,
  importId: number,
  timeoutMs = 60_000,
): Promise<MethodOutput<'imports.get'>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const detail = await session.value('imports.get', { id: importId });
    // Finished, and its job has ended too (the completion is audited by then).
    if (detail.state !== 'running' && detail.jobId === null) return detail;
    if (Date.now() > deadline) throw new Error(`import ${importId} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Starts an import as `session` and waits for it to end. */
export async function runImport(
  session: TestSession,
  paths: string[],
  options: Omit<MethodInput<'imports.start'>, 'paths'> = {},
): Promise<MethodOutput<'imports.get'>> {
  const started = await session.value('imports.start', { paths, ...options });
  return waitForImport(session, started.importId);
}

/** Rows of a query on the backend's main database. */
export function query<T = Record<string, unknown>>(test: TestBackend, sql: string, ...params: unknown[]): T[] {
  return test.backend.context.db.prepare(sql).all(...params) as T[];
}

/** Counts of every fact table. */
export function factCounts(test: TestBackend): Record<string, number> {
  const count = (table: string) =>
    (test.backend.context.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    persons: count('persons'),
    activities: count('activities'),
    hrEvents: count('hr_events'),
    alerts: count('external_alerts'),
    content: count('content_items'),
    attributes: count('person_attributes'),
  };
}
