/** `irm alerts [--status S] [--severity S] [--policy P] [--test] [--id N]`: the alert queue (pseudonyms while anonymized). */
import type { Command } from 'commander';
import { ALERT_STATUSES, SEVERITIES, type AlertStatus, type Severity } from '../../../shared/detection';
import type { AlertSummary } from '../../../shared/contract';
import { CURSOR_PAGE_LIMIT } from '../../../shared/limits';
import { CliError, output, table, withSession } from '../runtime';

const normalise = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');

function pick<T extends string>(values: readonly T[], text: string | undefined, what: string): T[] | undefined {
  if (!text) return undefined;
  return text.split(',').map((part) => {
    const found = values.find((value) => normalise(value) === normalise(part));
    if (!found) throw new CliError(`Unknown ${what} "${part}"; use ${values.join(', ')}.`);
    return found;
  });
}

const day = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Registers `irm alerts`. */
export function register(program: Command): void {
  program
    .command('alerts')
    .description('The alert queue, or one alert with its explanation (needs a role group that triages alerts)')
    .option('--status <statuses>', `comma-separated: ${ALERT_STATUSES.join(', ')}`)
    .option('--severity <severities>', `comma-separated: ${SEVERITIES.join(', ')}`)
    .option('--policy <ids>', 'comma-separated policy ids')
    .option('--test', 'list test-mode alerts instead of the main queue')
    .option('--text <text>', 'search person, alert id, policy or assignee')
    .option('--limit <n>', 'most alerts to list', (v) => Number(v), 1000)
    .option('--id <id>', 'show one alert with its explanation', (v) => Number(v))
    .action(
      async (
        options: {
          status?: string;
          severity?: string;
          policy?: string;
          test?: boolean;
          text?: string;
          limit: number;
          id?: number;
        },
        command: Command,
      ) => {
        await withSession(command, async (session, global) => {
          if (options.id !== undefined) {
            const alert = await session.call('alerts.get', { id: options.id });
            output(global, alert, () =>
              [
                `Alert #${alert.id}: ${alert.person.displayName}, ${alert.policy.name}, ${alert.status}, ${alert.severity} (${alert.score})`,
                `  trigger: ${alert.triggeringEvent.summary}`,
                `  ${alert.explanation.summary}`,
                ...alert.explanation.insights.map(
                  (i) =>
                    `  ${day(i.day)} ${i.detail} → ${i.basePoints}${i.boosterFactor !== 1 ? ` × ${i.boosterFactor}` : ''} = ${i.points} points`,
                ),
              ].join('\n'),
            );
            return;
          }
          const filter = {
            status: pick<AlertStatus>(ALERT_STATUSES, options.status, 'status'),
            severity: pick<Severity>(SEVERITIES, options.severity, 'severity'),
            policyIds: options.policy ? options.policy.split(',').map(Number) : undefined,
            testMode: options.test ?? false,
            text: options.text,
          };
          const alerts: AlertSummary[] = [];
          let cursor: string | null = null;
          let total = 0;
          do {
            const page: { alerts: AlertSummary[]; total: number; nextCursor: string | null } = await session.call('alerts.list', {
              ...filter,
              cursor,
              limit: Math.min(CURSOR_PAGE_LIMIT, Math.max(1, options.limit - alerts.length)),
            });
            alerts.push(...page.alerts);
            total = page.total;
            cursor = page.nextCursor;
          } while (cursor && alerts.length < options.limit);
          output(global, alerts, () =>
            [
              table(
                ['id', 'person', 'policy', 'status', 'severity', 'score', 'detected', 'risk factors'],
                alerts.map((a) => [
                  a.id,
                  a.person.displayName,
                  a.policy.name,
                  a.status,
                  a.severity,
                  a.score,
                  day(a.detectedAt),
                  a.riskFactors.join(','),
                ]),
              ),
              `${alerts.length} of ${total} alert(s)`,
            ].join('\n'),
          );
        });
      },
    );
}
