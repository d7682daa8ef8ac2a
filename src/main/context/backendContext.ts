/**
 * What every area's handlers are given, and the handler types they are written against. This module
 * imports no handler and no area above access (src/main/README.md, folder order): handlers import
 * it, backend.ts builds the value.
 */
import type { EventName, EventPayload } from '../../shared/contract';
import type { Handlers } from '../api/router';
import type { Principal, Sessions } from '../access/sessions';
import type { AuditLog } from '../audit/auditLog';
import type { JobRunner } from '../jobs/jobRunner';
import type { WorkstationKeys } from '../keys/workstationKeys';
import type { SettingsStore } from '../settings/settingsStore';
import type { Database } from '../store/database';

export type { Principal };

/** An event for one session (sessionId) or for every session (null). */
export type BackendEventListener = <E extends EventName>(sessionId: string | null, name: E, payload: EventPayload<E>) => void;

/** The handlers of every contract method, for the backend's principal. */
export type AreaHandlers = Handlers<Principal>;

/** The handlers of one area: `AreaHandlersOf<'imports'>` is every `imports.*` method. */
export type AreaHandlersOf<Area extends string> = Pick<AreaHandlers, Extract<keyof AreaHandlers, `${Area}.${string}`>>;

/** What every area's handlers get. */
export interface BackendContext {
  /** The main database. */
  db: Database;
  /** The audit log's own database. */
  auditDb: Database;
  dataDir: string;
  clock: () => number;
  settings: SettingsStore;
  sessions: Sessions;
  auditLog: AuditLog;
  keys: WorkstationKeys;
  /** The one job runner: imports, the demo, scoring (jobs/jobRunner.ts). */
  jobs: JobRunner;
  appVersion: string;
  /** Pushes an event to one session (or all with null). */
  emit: BackendEventListener;
  /** How a person appears in audit targets: `person:<pseudonym>` while anonymization is on. */
  personTarget(personKey: string): string;
  /** True while anonymization is on. */
  anonymized(): boolean;
}
