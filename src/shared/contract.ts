/**
 * The one API contract. Every method is `area.verb` with its zod input and output, the permission
 * it needs and the audit category its calls are recorded under (see contract/spec.ts). Main
 * (router), preload, harness, renderer and CLI all derive their types and behaviour from it.
 * Each area declares its methods in contract/<area>.ts; add the area here.
 */
import { z } from 'zod';
import type { ApiResult } from './errors';
import { accountMethods } from './contract/accounts';
import { appMethods } from './contract/app';
import { auditMethods } from './contract/audit';
import { authMethods } from './contract/auth';
import { importMethods } from './contract/imports';
import { personMethods } from './contract/persons';
import { settingsMethods } from './contract/settings';
import { policyMethods } from './contract/policies';
import { groupMethods } from './contract/groups';
import { scoringMethods } from './contract/scoring';
import { jobMethods } from './contract/jobs';
import { alertMethods } from './contract/alerts';
import { userMethods } from './contract/users';
import { caseMethods } from './contract/cases';
import type { MethodSpec } from './contract/spec';
import { ALL_JOB_PHASES, JOB_KINDS, type JobPhase } from './jobs';

export * from './contract/spec';
export * from './contract/accounts';
export * from './contract/audit';
export * from './contract/imports';
export * from './contract/persons';
export * from './contract/settings';
export * from './contract/policies';
export * from './contract/groups';
export * from './contract/scoring';
export * from './contract/jobs';
export * from './contract/alerts';
export * from './contract/users';

/** Every method of the API. */
export const contract = {
  ...appMethods,
  ...authMethods,
  ...accountMethods,
  ...auditMethods,
  ...personMethods,
  ...importMethods,
  ...settingsMethods,
  ...policyMethods,
  ...groupMethods,
  ...scoringMethods,
  ...alertMethods,
  ...userMethods,
  ...caseMethods,
  ...jobMethods,
} as const satisfies Record<string, MethodSpec>;

/** Events pushed from main to the renderer. */
export const events = {
  /** Progress of a long job (import, scoring, export). `total` is null while unknown. */
  'job.progress': z.object({
    jobId: z.string(),
    kind: z.enum(JOB_KINDS),
    done: z.number(),
    total: z.number().nullable(),
    phase: z.enum(ALL_JOB_PHASES as [JobPhase, ...JobPhase[]]),
    state: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
    message: z.string().nullable(),
  }),
  /** Main locked or ended this session (idle lock, account locked by an admin). */
  'session.changed': z.object({ state: z.enum(['locked', 'signedOut']) }),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** All method names, in contract order. */
export const METHOD_NAMES = Object.keys(contract) as MethodName[];
/** All event names. */
export const EVENT_NAMES = Object.keys(events) as EventName[];

type AreaOf<M extends string> = M extends `${infer A}.${string}` ? A : never;
type VerbOf<M extends string, A extends string> = M extends `${A}.${infer V}` ? V : never;

/** The shape of `window.irm`: `irm.area.verb(input)` for every method, plus event subscription. */
export type IrmApi = {
  [A in AreaOf<MethodName>]: {
    [V in VerbOf<MethodName, A>]: (
      input: MethodInput<`${A}.${V}` & MethodName>,
    ) => Promise<ApiResult<MethodOutput<`${A}.${V}` & MethodName>>>;
  };
} & {
  events: {
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  };
};

/**
 * Builds the `irm` object from the contract given a transport. The Electron preload and the
 * browser harness both use it, so the renderer cannot tell them apart.
 */
export function buildIrmApi(
  invoke: (method: MethodName, input: unknown) => Promise<ApiResult<unknown>>,
  subscribe: (name: EventName, listener: (payload: unknown) => void) => () => void,
): IrmApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of METHOD_NAMES) {
    const [area, verb] = name.split('.') as [string, string];
    api[area] ??= {};
    api[area][verb] = (input: unknown) => invoke(name, input ?? {});
  }
  api.events = {
    on: (name: EventName, listener: (payload: unknown) => void) => {
      if (!EVENT_NAMES.includes(name)) throw new Error(`unknown event ${String(name)}`);
      return subscribe(name, listener);
    },
  };
  return api as unknown as IrmApi;
}
