/** Handlers for app.*: what this workstation runs. */
import type { AreaHandlersOf, BackendContext } from '../context/backendContext';
import { SCHEMA_VERSION } from '../store/migrations';

/** Handlers for the app area. */
export function appHandlers({ appVersion, dataDir, anonymized }: BackendContext): AreaHandlersOf<'app'> {
  return {
    'app.info': () => ({ appVersion, schemaVersion: SCHEMA_VERSION, dataDir, anonymization: anonymized() }),
  };
}
