/**
 * The router: the only way into the backend. For every call it validates the input, checks the
 * session and permission, runs the handler, writes exactly one audit entry and returns an ApiResult.
 */
import { z } from 'zod';
import { contract, type AuditCategory, type MethodInput, type MethodName, type MethodOutput } from '../../shared/contract';
import { ApiFailure, type ApiResult, type ErrorCode } from '../../shared/errors';
import type { Permission } from '../../shared/access';

/** Who is calling: the transport's session id (null when none) and the transport's name. */
export interface CallOrigin {
  sessionId: string | null;
  transport: 'electron' | 'harness' | 'cli' | 'test';
}

/** What the handler may add to its audit entry. */
export interface AuditDetails {
  targets?: string[];
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  /** Overrides the action name (defaults to the method name). */
  action?: string;
}

/** Passed to every handler. */
export interface HandlerContext<Principal> {
  origin: CallOrigin;
  principal: Principal | null;
  /** Adds details to the one audit entry this call writes. */
  audit(details: AuditDetails): void;
}

/** A handler for each contract method. */
export type Handlers<Principal> = {
  [M in MethodName]: (
    input: z.output<(typeof contract)[M]['input']>,
    context: HandlerContext<Principal>,
  ) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

/** The outcome of an authorization check. */
export type Authorization<Principal> =
  | { allowed: true; principal: Principal | null }
  | { allowed: false; principal: Principal | null; code: ErrorCode; message: string };

/** One audit record as the router hands it to the audit log. */
export interface RouterAuditRecord<Principal> {
  principal: Principal | null;
  category: AuditCategory;
  action: string;
  result: 'success' | 'failure' | 'denied';
  details: AuditDetails;
  error?: { code: ErrorCode; message: string };
}

/** What the router needs from the rest of the backend. */
export interface RouterDependencies<Principal> {
  handlers: Handlers<Principal>;
  /** Session, permission and re-authentication check (filled by access/). */
  authorize(origin: CallOrigin, permission: Permission, options: { reauth: boolean; method: MethodName }): Authorization<Principal>;
  /** Writes one audit entry. */
  audit(record: RouterAuditRecord<Principal>): void;
  /** Maps an operational error the caller can act on (the database busy) to a failure; null: internal. */
  knownFailure?(error: unknown): ApiFailure | null;
  /** Reports unexpected errors (never shown to the caller). */
  onInternalError?(method: string, error: unknown): void;
}

/** The router's call function. */
export type Call = <M extends MethodName>(origin: CallOrigin, method: M, input: MethodInput<M>) => Promise<ApiResult<MethodOutput<M>>>;
/** The untyped entry every transport uses: method names and inputs come from untrusted callers. */
export type RawCall = (origin: CallOrigin, method: unknown, input: unknown) => Promise<ApiResult<unknown>>;

function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

/** Describes a zod error as "field: reason; field: reason". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

/** Creates the router. */
export function createRouter<Principal>(deps: RouterDependencies<Principal>): RawCall {
  return async (origin, method, rawInput) => {
    if (!isMethodName(method)) {
      const shown = typeof method === 'string' ? method.slice(0, 80) : typeof method;
      deps.audit({
        principal: deps.authorize(origin, 'public', { reauth: false, method: 'auth.status' }).principal,
        category: 'system',
        action: 'unknownMethod',
        result: 'failure',
        details: { targets: [shown] },
        error: { code: 'UNKNOWN_METHOD', message: `unknown method ${shown}` },
      });
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method "${shown}".` } };
    }
    const spec = contract[method];
    const details: AuditDetails = {};
    const auth = deps.authorize(origin, spec.permission, { reauth: spec.reauth ?? false, method });
    const fail = (result: 'failure' | 'denied', code: ErrorCode, message: string): ApiResult<never> => {
      deps.audit({ principal: auth.principal, category: spec.audit, action: details.action ?? method, result, details, error: { code, message } });
      return { ok: false, error: { code, message } };
    };
    if (!auth.allowed) return fail('denied', auth.code, auth.message);

    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return fail('failure', 'INVALID_INPUT', `Invalid input for ${method}: ${describeZodError(parsed.error)}`);

    const context: HandlerContext<Principal> = {
      origin,
      principal: auth.principal,
      audit: (more) => Object.assign(details, more),
    };
    try {
      const handler = deps.handlers[method] as (input: unknown, context: HandlerContext<Principal>) => unknown;
      const value = spec.output.parse(await handler(parsed.data, context));
      deps.audit({ principal: context.principal, category: spec.audit, action: details.action ?? method, result: 'success', details });
      return { ok: true, value: value as MethodOutput<typeof method> };
    } catch (error) {
      const known = error instanceof ApiFailure ? error : (deps.knownFailure?.(error) ?? null);
      if (known) return fail('failure', known.code, known.message);
      deps.onInternalError?.(method, error);
      return fail('failure', 'INTERNAL', `Internal error in ${method}; the details are in the application log.`);
    }
  };
}
