/**
 * `irm policy templates|list|show|create|pause|resume|test|copy|delete|add-person` and
 * `irm policy group list|create|add|remove`: policies from templates and the groups they scope to.
 */
import type { Command } from 'commander';
import { INDICATOR_IDS, TEMPLATE_IDS, isIndicatorId, isTemplateId, type IndicatorId } from '../../../shared/detection';
import type { PolicyScopeInput, PolicyView } from '../../../shared/contract';
import { POLICY_SCOPE_ATTRIBUTES, type PolicyScopeAttribute } from '../../../shared/contract/policies';
import { CliError, output, table, withSession, type CliSession } from '../runtime';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Finds a policy by id or (case-insensitive) name. */
async function findPolicy(session: CliSession, reference: string): Promise<PolicyView> {
  const policies = await session.call('policies.list');
  const found = /^\d+$/.test(reference)
    ? policies.find((p) => p.id === Number(reference))
    : policies.find((p) => p.name.toLowerCase() === reference.toLowerCase());
  if (!found) throw new CliError(`No policy "${reference}" (irm policy list shows them).`);
  return found;
}

async function groupId(session: CliSession, name: string, kind?: 'priority' | 'pilot'): Promise<number> {
  const group = (await session.call('groups.list', kind ? { kind } : {})).find(
    (g) => g.name.toLowerCase() === name.toLowerCase() || String(g.id) === name,
  );
  if (!group) throw new CliError(`No ${kind ?? 'person'} group "${name}" (irm policy group list shows them).`);
  return group.id;
}

/**
 * Turns --scope / --exclude items into a scope: `everyone`, `group:NAME`, `pilot:NAME`,
 * `priority:NAME` (priority templates), `person:KEY` (e-mail / UPN / user id) or `ATTRIBUTE=V1,V2`.
 */
export async function parseScope(session: CliSession, include: string[], exclude: string[]): Promise<PolicyScopeInput> {
  const scope = {
    everyone: include.length === 0,
    groupIds: [] as number[],
    attributes: [] as { attribute: PolicyScopeAttribute; values: string[] }[],
    pilotGroupId: null as number | null,
    personIds: [] as number[],
    personKeys: [] as string[],
    exclude: {
      groupIds: [] as number[],
      attributes: [] as { attribute: PolicyScopeAttribute; values: string[] }[],
      personIds: [] as number[],
      personKeys: [] as string[],
    },
    priorityGroupIds: [] as number[],
  };
  const attribute = (item: string) => {
    const [name, values] = item.split('=') as [string, string | undefined];
    if (!values || !(POLICY_SCOPE_ATTRIBUTES as readonly string[]).includes(name)) {
      throw new CliError(
        `Scope "${item}" is not understood: use everyone, group:NAME, pilot:NAME, priority:NAME, person:KEY or ${POLICY_SCOPE_ATTRIBUTES.join('|')}=V1,V2.`,
      );
    }
    return {
      attribute: name as PolicyScopeAttribute,
      values: values
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    };
  };
  for (const item of include) {
    if (item === 'everyone') scope.everyone = true;
    else if (item.startsWith('group:')) scope.groupIds.push(await groupId(session, item.slice(6)));
    else if (item.startsWith('pilot:')) scope.pilotGroupId = await groupId(session, item.slice(6), 'pilot');
    else if (item.startsWith('priority:')) {
      scope.priorityGroupIds.push(await groupId(session, item.slice(9), 'priority'));
      if (include.every((i) => i.startsWith('priority:'))) scope.everyone = true;
    } else if (item.startsWith('person:')) scope.personKeys.push(item.slice(7));
    else scope.attributes.push(attribute(item));
  }
  for (const item of exclude) {
    if (item.startsWith('group:') || item.startsWith('pilot:'))
      scope.exclude.groupIds.push(await groupId(session, item.slice(item.indexOf(':') + 1)));
    else if (item.startsWith('person:')) scope.exclude.personKeys.push(item.slice(7));
    else scope.exclude.attributes.push(attribute(item));
  }
  return scope;
}

function parseIndicators(text: string | undefined): { id: IndicatorId; thresholds: null; aboveUsual: boolean }[] | null {
  if (!text) return null;
  return text.split(',').map((raw) => {
    const id = raw.trim();
    if (!isIndicatorId(id)) throw new CliError(`Unknown indicator "${id}"; use ${INDICATOR_IDS.join(', ')}.`);
    return { id, thresholds: null, aboveUsual: false };
  });
}

function healthText(policy: PolicyView): string {
  return policy.health.state === 'healthy'
    ? 'healthy'
    : `${policy.health.state}: ${policy.health.issues.map((i) => i.code).join(', ')}`;
}

function describe(policy: PolicyView): string {
  return [
    `#${policy.id} ${policy.name} (${policy.templateName}, ${policy.state})`,
    `  health: ${healthText(policy)}`,
    ...policy.health.issues.map((issue) => `    ${issue.level}: ${issue.message}`),
    `  in scope: ${policy.stats.inScope} (${policy.stats.triggered} triggered, ${policy.stats.manual} added by hand); active alerts: ${policy.stats.activeAlerts}`,
    `  windows: ${policy.pastDays} days before, ${policy.activationDays} days after the trigger; alert volume: ${policy.effectiveAlertVolume}`,
    `  indicators: ${policy.indicators.map((i) => i.id).join(', ') || 'none'}`,
  ].join('\n');
}

/** Registers `irm policy`. */
export function register(program: Command): void {
  const policy = program.command('policy').description('Policies from templates (needs Insider Risk Management or Admins)');
  policy
    .command('templates')
    .description('The policy templates and whether their data sources exist')
    .action(async (_options, command: Command) => {
      await withSession(command, async (session, global) => {
        const templates = await session.call('policies.templates');
        output(global, templates, () =>
          table(
            ['template', 'name', 'triggers', 'data'],
            templates.map((t) => [
              t.id,
              t.name,
              t.triggers.join(','),
              t.prerequisites.every((p) => p.met)
                ? 'ok'
                : `missing: ${t.prerequisites
                    .filter((p) => !p.met)
                    .map((p) => p.message)
                    .join('; ')}`,
            ]),
          ),
        );
      });
    });
  policy
    .command('list')
    .description('Policies with state, health, people in scope and active alerts')
    .action(async (_options, command: Command) => {
      await withSession(command, async (session, global) => {
        const policies = await session.call('policies.list');
        output(global, policies, () =>
          table(
            ['id', 'name', 'template', 'state', 'health', 'in scope', 'active alerts'],
            policies.map((p) => [p.id, p.name, p.template, p.state, healthText(p), p.stats.inScope, p.stats.activeAlerts]),
          ),
        );
      });
    });
  policy
    .command('show <policy>')
    .description('One policy (id or name) with its health')
    .action(async (reference: string, _options, command: Command) => {
      await withSession(command, async (session, global) => {
        const found = await findPolicy(session, reference);
        output(global, found, () => describe(found));
      });
    });
  policy
    .command('create')
    .description('Create a policy from a template; then run `irm score` to score it')
    .requiredOption('--template <id>', `template: ${TEMPLATE_IDS.join(', ')}`)
    .requiredOption('--name <name>', 'policy name (fixed afterwards)')
    .option('--description <text>', 'description')
    .option(
      '--scope <item>',
      'people in scope (repeatable): everyone, group:NAME, pilot:NAME, priority:NAME, person:KEY, region=EMEA,…',
      collect,
    )
    .option('--exclude <item>', 'people excluded (repeatable): group:NAME, person:KEY, department=…', collect)
    .option('--indicators <ids>', "comma-separated indicator ids (default: the template's)")
    .option('--activation-days <n>', 'days scored after the trigger (1-30)', (v) => Number(v))
    .option('--past-days <n>', 'days scored before the trigger (0-90)', (v) => Number(v))
    .option('--volume <volume>', 'alert volume: fewer, default or more (default: the global setting)')
    .option('--test', 'test mode: alerts are kept out of the main queue')
    .action(
      async (
        options: {
          template: string;
          name: string;
          description?: string;
          scope?: string[];
          exclude?: string[];
          indicators?: string;
          activationDays?: number;
          pastDays?: number;
          volume?: string;
          test?: boolean;
        },
        command: Command,
      ) => {
        if (!isTemplateId(options.template))
          throw new CliError(`Unknown template "${options.template}"; irm policy templates lists them.`);
        const template = options.template;
        await withSession(command, async (session, global) => {
          const created = await session.call('policies.create', {
            template,
            name: options.name,
            description: options.description ?? '',
            scope: await parseScope(session, options.scope ?? [], options.exclude ?? []),
            indicators: parseIndicators(options.indicators),
            ...(options.activationDays !== undefined ? { activationDays: options.activationDays } : {}),
            ...(options.pastDays !== undefined ? { pastDays: options.pastDays } : {}),
            alertVolume: (options.volume as 'fewer' | 'default' | 'more' | undefined) ?? null,
            state: options.test ? 'test' : 'active',
          });
          output(global, created, () => `Created ${describe(created)}`);
        });
      },
    );
  for (const [verb, state, what] of [
    ['pause', 'paused', 'Pause a policy (stops scoring)'],
    ['resume', 'active', 'Resume a paused or test-mode policy'],
    ['test', 'test', 'Put a policy in test mode (alerts kept out of the main queue)'],
  ] as const) {
    policy
      .command(`${verb} <policy>`)
      .description(what)
      .action(async (reference: string, _options, command: Command) => {
        await withSession(command, async (session, global) => {
          const found = await findPolicy(session, reference);
          const changed = await session.call('policies.setState', { id: found.id, state });
          output(global, changed, () => `${changed.name} is ${changed.state}.`);
        });
      });
  }
  policy
    .command('copy <policy>')
    .description('Copy a policy under a new name')
    .requiredOption('--name <name>', 'name of the copy')
    .action(async (reference: string, options: { name: string }, command: Command) => {
      await withSession(command, async (session, global) => {
        const found = await findPolicy(session, reference);
        const copy = await session.call('policies.copy', { id: found.id, name: options.name });
        output(global, copy, () => `Created ${describe(copy)}`);
      });
    });
  policy
    .command('delete <policy>')
    .description('Delete a policy (its alerts are kept)')
    .action(async (reference: string, _options, command: Command) => {
      await withSession(command, async (session, global) => {
        const found = await findPolicy(session, reference);
        await session.call('policies.delete', { id: found.id });
        output(global, { deleted: found.id }, () => `Deleted ${found.name}; its alerts are kept.`);
      });
    });
  policy
    .command('add-person <policy> <keys...>')
    .description('Score persons (e-mail, UPN or user id) for 5-30 days without a trigger')
    .requiredOption('--days <n>', 'days (5-30)', (v) => Number(v))
    .requiredOption('--reason <text>', 'why (recorded in the audit log)')
    .action(async (reference: string, keys: string[], options: { days: number; reason: string }, command: Command) => {
      await withSession(command, async (session, global) => {
        const found = await findPolicy(session, reference);
        const result = await session.call('policies.addPersons', {
          policyId: found.id,
          personKeys: keys,
          days: options.days,
          reason: options.reason,
        });
        output(
          global,
          result,
          () =>
            `Added ${result.added} person(s) to ${found.name}${result.unknownPersonKeys.length ? `; unknown: ${result.unknownPersonKeys.join(', ')}` : ''}.`,
        );
      });
    });

  const group = policy.command('group').description('Priority user groups and pilot groups');
  group
    .command('list')
    .description('Groups with members, viewers and the policies using them')
    .action(async (_options, command: Command) => {
      await withSession(command, async (session, global) => {
        const groups = await session.call('groups.list', {});
        output(global, groups, () =>
          table(
            ['id', 'name', 'kind', 'members', 'viewers', 'used by'],
            groups.map((g) => [
              g.id,
              g.name,
              g.kind,
              g.members,
              [...g.viewers.roleGroups, ...g.viewers.accounts.map((a) => a.name)].join(','),
              g.usedBy.map((p) => p.name).join(', '),
            ]),
          ),
        );
      });
    });
  group
    .command('create <name>')
    .description('Create a group; a priority group needs --viewer-roles or --viewer-accounts')
    .requiredOption('--kind <kind>', 'priority or pilot')
    .option('--members <keys>', 'comma-separated e-mails, UPNs or user ids')
    .option('--viewer-roles <groups>', "role groups that may view a priority group's members")
    .option('--viewer-accounts <names>', "accounts that may view a priority group's members")
    .action(
      async (
        name: string,
        options: { kind: string; members?: string; viewerRoles?: string; viewerAccounts?: string },
        command: Command,
      ) => {
        if (options.kind !== 'priority' && options.kind !== 'pilot') throw new CliError('--kind is priority or pilot.');
        const kind = options.kind;
        await withSession(command, async (session, global) => {
          const split = (text?: string) =>
            (text ?? '')
              .split(',')
              .map((v) => v.trim())
              .filter(Boolean);
          const accounts = split(options.viewerAccounts).length ? await session.call('accounts.list') : [];
          const viewerAccountIds = split(options.viewerAccounts).map((accountName) => {
            const account = accounts.find((a) => a.name.toLowerCase() === accountName.toLowerCase());
            if (!account) throw new CliError(`No account "${accountName}".`);
            return account.id;
          });
          const created = await session.call('groups.create', {
            name,
            kind,
            personKeys: split(options.members),
            viewerAccountIds,
            viewerRoleGroups: split(options.viewerRoles) as never,
          });
          output(global, created, () => `Created ${created.kind} group ${created.name} with ${created.members} member(s).`);
        });
      },
    );
  for (const [verb, what] of [
    ['add', 'Add members'],
    ['remove', 'Remove members'],
  ] as const) {
    group
      .command(`${verb} <group> <keys...>`)
      .description(`${what} (e-mails, UPNs or user ids; ids for remove)`)
      .action(async (name: string, keys: string[], _options, command: Command) => {
        await withSession(command, async (session, global) => {
          const id = await groupId(session, name);
          const updated =
            verb === 'add'
              ? await session.call('groups.update', { id, add: { personIds: [], personKeys: keys } })
              : await session.call('groups.update', { id, remove: { personIds: keys.map(Number).filter(Number.isSafeInteger) } });
          output(global, updated, () => `${updated.name} has ${updated.members} member(s).`);
        });
      });
  }
}
