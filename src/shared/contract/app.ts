/** Contract: the application itself. */
import { z } from 'zod';
import { method, noInput } from './spec';

export const appMethods = {
  'app.info': method({
    summary: 'Version, schema version, data folder and anonymization state of this workstation.',
    input: noInput,
    output: z.object({
      appVersion: z.string(),
      schemaVersion: z.number().int(),
      dataDir: z.string(),
      anonymization: z.boolean(),
    }),
    permission: 'signedIn',
    audit: 'system',
  }),
};
