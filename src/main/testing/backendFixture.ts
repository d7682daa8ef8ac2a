/** Test helpers: a real backend on a temp data folder, with a controllable clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createBackend, type Backend } from '../backend';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import type { ApiResult } from '../../shared/errors';
import type { CallOrigin } from '../api/router';

/** A fake clock that tests move by hand. */
export interface TestClock {
  now(): number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function createTestClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)): TestClock {
  let current = start;
  return { now: () => current, advance: (ms) => (current += ms), set: (ms) => (current = ms) };
}

/** A typed caller bound to one session. */
export interface TestSession {
  origin: CallOrigin;
  call<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<ApiResult<MethodOutput<M>>>;
  /** Calls and unwraps, failing the test on an error result. */
  value<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<MethodOutput<M>>;
  /** `scoring.run`, then waits for its job: the run as `scoring.status` lists it (fails the test if the job failed). */
  score(input?: MethodInput<'scoring.run'>): Promise<MethodOutput<'scoring.status'>['runs'][number]>;
}

export interface TestBackend {
  backend: Backend;
  dataDir: string;
  clock: TestClock;
  session(): TestSession;
  /** Sets up the first admin ("admin") and returns its signed-in session. */
  admin(): Promise<TestSession>;
  /** Creates an account with these role groups and returns its signed-in session. */
  account(name: string, roleGroups: MethodInput<'accounts.create'>['roleGroups'], scopes?: MethodInput<'accounts.create'>['scopes']): Promise<TestSession>;
  close(): void;
}

export const TEST_PASSWORD = 'correct horse battery';

/** Opens a backend in a fresh temp folder. */
export function openTestBackend(options: { dataDir?: string; clock?: TestClock } = {}): TestBackend {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'irm-test-'));
  const clock = options.clock ?? createTestClock();
  const backend = createBackend({ dataDir, clock: clock.now });
  let adminSession: TestSession | null = null;
  const session = (): TestSession => {
    const origin: CallOrigin = { sessionId: randomUUID(), transport: 'test' };
    const call = ((method: MethodName, input?: unknown) => backend.call(origin, method, input ?? {})) as TestSession['call'];
    const value: TestSession['value'] = async (method, input) => {
      const result = await call(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    };
    return {
      origin,
      call,
      value,
      async score(input) {
        const { jobId } = await value('scoring.run', input ?? {});
        await backend.context.jobs.get(jobId)!.finished;
        const job = await value('jobs.get', { jobId });
        if (job.state !== 'succeeded' || job.subject === null) throw new Error(`scoring job ${job.state}: ${job.message}`);
        const runId = job.subject.id;
        return (await value('scoring.status')).runs.find((run) => run.id === runId)!;
      },
    };
  };
  const test: TestBackend = {
    backend,
    dataDir,
    clock,
    session,
    async admin() {
      if (adminSession) return adminSession;
      adminSession = session();
      await adminSession.value('auth.setup', { name: 'admin', password: TEST_PASSWORD });
      return adminSession;
    },
    async account(name, roleGroups, scopes = []) {
      const admin = await test.admin();
      await admin.value('accounts.create', { name, password: TEST_PASSWORD, roleGroups, scopes });
      const s = session();
      await s.value('auth.signIn', { name, password: TEST_PASSWORD });
      return s;
    },
    close() {
      backend.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return test;
}
