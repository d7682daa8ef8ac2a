/** `irm info`: version, schema, data folder and anonymization state. */
import type { Command } from 'commander';
import { APP_VERSION } from '../../backend';
import { SCHEMA_VERSION } from '../../store/migrations';
import { globalOptions, openCliBackend, output, withSession } from '../runtime';

export function register(program: Command): void {
  program
    .command('info')
    .description('Show the app version, schema version, data folder and anonymization state')
    .action(async (_options, command: Command) => {
      const options = globalOptions(command);
      if (options.user) {
        await withSession(command, async (session) => {
          const info = await session.call('app.info');
          output(options, info, () => Object.entries(info).map(([key, value]) => `${key}: ${value}`).join('\n'));
        });
        return;
      }
      // Without --user: the facts of the installation only (no session, nothing person-related).
      const session = openCliBackend(options);
      try {
        const info = {
          appVersion: APP_VERSION,
          schemaVersion: SCHEMA_VERSION,
          dataDir: session.dataDir,
          anonymization: session.backend.context.anonymized(),
        };
        output(options, info, () => Object.entries(info).map(([key, value]) => `${key}: ${value}`).join('\n'));
      } finally {
        session.close();
      }
    });
}
