/** `irm init --admin NAME`: first run from the command line (password from IRM_PASSWORD). */
import type { Command } from 'commander';
import { globalOptions, openCliBackend, output, passwordFromEnvironment } from '../runtime';

export function register(program: Command): void {
  program
    .command('init')
    .description('Create the data folder and its first account (Insider Risk Management); password from IRM_PASSWORD')
    .requiredOption('--admin <name>', 'name of the first account')
    .action(async (options: { admin: string }, command: Command) => {
      const global = globalOptions(command);
      const password = passwordFromEnvironment();
      const session = openCliBackend(global);
      try {
        await session.call('auth.setup', { name: options.admin, password });
        output(global, { dataDir: session.dataDir, admin: options.admin }, () => `Created ${session.dataDir} with account ${options.admin}.`);
      } finally {
        session.close();
      }
    });
}
