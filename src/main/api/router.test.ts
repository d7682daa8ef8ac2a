import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { METHOD_NAMES, type MethodName } from '../../shared/contract';
import { createRouter, type Handlers } from './router';
import { databaseBusyFailure } from '../store/database';
import { openTestBackend, type TestBackend } from '../testing/backendFixture';

let test: TestBackend | undefined;
afterEach(() => {
  test?.close();
  test = undefined;
});

function auditCount(backend: TestBackend): number {
  return (backend.backend.context.auditDb.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
}

describe('router', () => {
  it('answers an unknown method with UNKNOWN_METHOD and audits it', async () => {
    test = openTestBackend();
    const admin = await test.admin();
    const before = auditCount(test);
    const result = await test.backend.call(admin.origin, 'cases.delete', {});
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'Unknown method "cases.delete".' } });
    expect(auditCount(test)).toBe(before + 1);
  });

  it('answers invalid input with INVALID_INPUT naming the field', async () => {
    test = openTestBackend();
    const admin = await test.admin();
    const result = await admin.call('accounts.create', { name: 'x', password: 'short', roleGroups: [] } as never);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.message).toMatch(/name/);
    expect(result.error.message).toMatch(/password: at least 12 characters/);
  });

  it('maps a thrown error to INTERNAL without leaking its message', async () => {
    const audited: string[] = [];
    const handlers = new Proxy({} as Handlers<null>, {
      get: () => () => {
        throw new Error('secret database path /home/x');
      },
    });
    const call = createRouter<null>({
      handlers,
      authorize: () => ({ allowed: true, principal: null }),
      audit: (record) => audited.push(`${record.action}:${record.result}:${record.error?.code}`),
    });
    const result = await call({ sessionId: 's', transport: 'test' }, 'app.info', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Internal error in app.info; the details are in the application log.' } });
    expect(audited).toEqual(['app.info:failure:INTERNAL']);
  });

  it('answers an operational error its knownFailure maps (the database busy) with that failure, and audits it', async () => {
    const audited: string[] = [];
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const call = createRouter<null>({
      handlers: new Proxy({} as Handlers<null>, {
        get: () => () => {
          throw busy;
        },
      }),
      authorize: () => ({ allowed: true, principal: null }),
      audit: (record) => audited.push(`${record.action}:${record.result}:${record.error?.code}`),
      knownFailure: databaseBusyFailure,
    });
    const result = await call({ sessionId: 's', transport: 'test' }, 'app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/busy.*try again/) } });
    expect(audited).toEqual(['app.info:failure:CONFLICT']);
    // Anything else stays INTERNAL.
    expect(databaseBusyFailure(new Error('disk I/O error'))).toBeNull();
    expect(databaseBusyFailure(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT' }))).toBeNull();
    expect(databaseBusyFailure(null)).toBeNull();
  });

  it('rejects output that does not match the contract (INTERNAL), never passing it on', async () => {
    const call = createRouter<null>({
      handlers: new Proxy({} as Handlers<null>, { get: () => () => ({ appVersion: 1 }) }),
      authorize: () => ({ allowed: true, principal: null }),
      audit: () => undefined,
    });
    const result = await call({ sessionId: 's', transport: 'test' }, 'app.info', {});
    expect(result.ok).toBe(false);
  });

  it('writes exactly one audit entry per call, allowed or denied, for every method', async () => {
    test = openTestBackend();
    await test.admin();
    const anonymous = test.session();
    for (const method of METHOD_NAMES) {
      const before = auditCount(test);
      await anonymous.call(method as MethodName, {} as never);
      expect(auditCount(test), method).toBe(before + 1);
    }
  });

  it('never crashes on arbitrary method names and inputs (property)', async () => {
    test = openTestBackend();
    const admin = await test.admin();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...METHOD_NAMES), fc.string()), fc.anything(), async (method, input) => {
        const result = await test!.backend.call(admin.origin, method, input);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(z.string().min(1).parse(result.error.message)).toBeTruthy();
      }),
      { numRuns: 150 },
    );
  });
});
