/** `irm users [--policy ID] [--risk LEVELS]`: the Users page (pseudonyms while anonymized). */
import type { Command } from 'commander';
import { RISK_LEVELS, type RiskLevel, type UserView } from '../../../shared/contract';
import { PAGE_LIMIT } from '../../../shared/limits';
import { CliError, output, table, withSession } from '../runtime';

/** Registers `irm users`. */
export function register(program: Command): void {
  program
    .command('users')
    .description('Persons in scope of a policy: trigger, risk level, score and distance to the alert threshold')
    .option('--policy <id>', 'only persons in scope of this policy', (v) => Number(v))
    .option('--risk <levels>', `comma-separated: ${RISK_LEVELS.join(', ')}`)
    .option('--text <text>', 'search by name (pseudonym while anonymized)')
    .action(async (options: { policy?: number; risk?: string; text?: string }, command: Command) => {
      const riskLevels = options.risk?.split(',').map((level) => {
        const found = RISK_LEVELS.find((r) => r.toLowerCase() === level.trim().toLowerCase());
        if (!found) throw new CliError(`Unknown risk level "${level}"; use ${RISK_LEVELS.join(', ')}.`);
        return found as RiskLevel;
      });
      await withSession(command, async (session, global) => {
        const users: UserView[] = [];
        let total = 0;
        do {
          const page = await session.call('users.list', {
            policyId: options.policy,
            riskLevels,
            text: options.text,
            offset: users.length,
            limit: PAGE_LIMIT,
          });
          users.push(...page.users);
          total = page.total;
          if (page.users.length === 0) break;
        } while (users.length < total);
        output(global, users, () =>
          table(
            ['id', 'person', 'risk', 'score', 'policies', 'trigger', 'below threshold by'],
            users.map((u) => [
              u.person.id,
              u.person.displayName,
              u.riskLevel,
              u.score,
              u.policies.map((p) => p.policy.name).join(', '),
              u.policies[0]?.trigger.summary ?? '',
              u.policies.map((p) => p.belowThresholdBy).join(', '),
            ]),
          ),
        );
      });
    });
}
