/** `irm`: the backend on the command line. Plain Node; same router, permissions and audit as the app. */
import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../backend';
import { CliError } from './runtime';
import * as account from './commands/account';
import * as audit from './commands/audit';
import * as importCommand from './commands/import';
import * as info from './commands/info';
import * as init from './commands/init';
import * as simulate from './commands/simulate';
import * as settingsCommand from './commands/settings';
import * as policy from './commands/policy';
import * as score from './commands/score';
import * as alerts from './commands/alerts';
import * as users from './commands/users';

/** Every command module registers itself here. */
const COMMANDS: { register(program: Command): void }[] = [info, init, account, audit, simulate, importCommand, settingsCommand, policy, score, alerts, users];

/** Builds the program (exported for tests). */
export function buildProgram(): Command {
  const program = new Command('irm')
    .description('Insider Risk Workbench on the command line')
    .version(APP_VERSION)
    .option('--data <dir>', 'data folder (default: IRM_DATA_DIR or the app\'s user-data folder)')
    .option('--user <name>', 'account to act as; the password comes from IRM_PASSWORD')
    .option('--json', 'print JSON')
    .exitOverride()
    .showHelpAfterError();
  for (const command of COMMANDS) command.register(program);
  return program;
}

/** Runs the CLI with these arguments; resolves to the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliError) {
      process.stderr.write(`irm: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`irm: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
