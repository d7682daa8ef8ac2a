/** `irm account add|list|lock|unlock|roles`. */
import { Command } from 'commander';
import { ROLE_GROUPS, type RoleGroup } from '../../../shared/access';
import type { AccountSummary } from '../../../shared/contract';
import { CliError, output, table, withSession } from '../runtime';

function parseRoleGroups(value: string): RoleGroup[] {
  const groups = value.split(',').map((v) => v.trim()).filter(Boolean);
  for (const group of groups) {
    if (!(ROLE_GROUPS as readonly string[]).includes(group)) {
      throw new CliError(`Unknown role group "${group}"; use one of ${ROLE_GROUPS.join(', ')}.`);
    }
  }
  return groups as RoleGroup[];
}

function parseScopes(values: string[]): { attribute: 'region' | 'country' | 'businessUnit' | 'department'; values: string[] }[] {
  return values.map((text) => {
    const [attribute, list] = text.split('=');
    if (!attribute || !list || !['region', 'country', 'businessUnit', 'department'].includes(attribute)) {
      throw new CliError(`Scope "${text}" must look like region=EMEA,APAC (attributes: region, country, businessUnit, department).`);
    }
    return { attribute: attribute as 'region', values: list.split(',').map((v) => v.trim()).filter(Boolean) };
  });
}

async function accountId(session: { call: (m: 'accounts.list') => Promise<AccountSummary[]> }, name: string): Promise<number> {
  const account = (await session.call('accounts.list')).find((a) => a.name.toLowerCase() === name.toLowerCase());
  if (!account) throw new CliError(`No account named "${name}".`);
  return account.id;
}

function describe(account: AccountSummary): string {
  return `${account.name}: ${account.roleGroups.join(', ')}${account.locked ? ' (locked)' : ''}`;
}

export function register(program: Command): void {
  const account = program.command('account').description('Manage accounts and role groups (needs Insider Risk Management or Admins)');
  account
    .command('add <name>')
    .description('Create an account; its password comes from IRM_NEW_PASSWORD')
    .requiredOption('--roles <groups>', `comma-separated role groups: ${ROLE_GROUPS.join(', ')}`)
    .option('--scope <attribute=values...>', 'limit to person attribute values, e.g. region=EMEA')
    .action(async (name: string, options: { roles: string; scope?: string[] }, command: Command) => {
      const password = process.env.IRM_NEW_PASSWORD;
      if (!password) throw new CliError('Set IRM_NEW_PASSWORD to the new account\'s password (at least 12 characters).');
      await withSession(command, async (session, global) => {
        const created = await session.call('accounts.create', {
          name,
          password,
          roleGroups: parseRoleGroups(options.roles),
          scopes: parseScopes(options.scope ?? []),
        });
        output(global, created, () => `Created ${describe(created)}`);
      });
    });
  account
    .command('list')
    .description('List accounts')
    .action(async (_options, command: Command) => {
      await withSession(command, async (session, global) => {
        const accounts = await session.call('accounts.list');
        output(global, accounts, () =>
          table(
            ['name', 'role groups', 'scopes', 'locked'],
            accounts.map((a) => [a.name, a.roleGroups.join(','), a.scopes.map((s) => `${s.attribute}=${s.values.join(',')}`).join(' '), a.locked ? 'yes' : 'no']),
          ),
        );
      });
    });
  for (const [verb, locked] of [['lock', true], ['unlock', false]] as const) {
    account
      .command(`${verb} <name>`)
      .description(`${locked ? 'Lock' : 'Unlock'} an account`)
      .option('--reason <text>', 'why')
      .action(async (name: string, options: { reason?: string }, command: Command) => {
        await withSession(command, async (session, global) => {
          const changed = await session.call('accounts.setLocked', { accountId: await accountId(session, name), locked, reason: options.reason });
          output(global, changed, () => describe(changed));
        });
      });
  }
  account
    .command('roles <name> <groups>')
    .description('Replace the role groups of an account (comma-separated)')
    .action(async (name: string, groups: string, _options, command: Command) => {
      await withSession(command, async (session, global) => {
        const id = await accountId(session, name);
        await session.call('auth.reauthenticate', { password: process.env.IRM_PASSWORD ?? '' });
        const changed = await session.call('accounts.setRoleGroups', { accountId: id, roleGroups: parseRoleGroups(groups) });
        output(global, changed, () => describe(changed));
      });
    });
}
