/** `irm settings list|get KEY|set KEY VALUE [--reason TEXT]|reset KEY`: every setting of Policies → Settings. */
import type { Command } from 'commander';
import type { SettingView } from '../../../shared/contract';
import { SETTINGS, type SettingKey } from '../../settings/settingsStore';
import { SETTING_ALIASES } from '../../settings/detectionSettings';
import { CliError, output, table, withSession } from '../runtime';

/** The full key of a key or alias. */
export function settingKey(text: string): string {
  return SETTING_ALIASES[text] ?? SETTING_ALIASES[text.toLowerCase()] ?? text;
}

const BOOLEAN_WORDS: Record<string, boolean> = {
  on: true,
  off: false,
  true: true,
  false: false,
  yes: true,
  no: false,
  enabled: true,
  disabled: false,
};

/**
 * Turns command-line text into a value the setting's schema accepts: JSON, on/off words, a number,
 * `low/medium/high` thresholds (`5/20/50`), or a comma-separated list; the first the schema takes.
 */
export function parseSettingText(key: string, text: string): unknown {
  const spec = Object.prototype.hasOwnProperty.call(SETTINGS, key) ? SETTINGS[key as SettingKey] : null;
  const candidates: unknown[] = [];
  try {
    candidates.push(JSON.parse(text));
  } catch {
    // not JSON
  }
  const word = text.trim().toLowerCase();
  if (word in BOOLEAN_WORDS) candidates.push(BOOLEAN_WORDS[word]);
  if (/^-?\d+(\.\d+)?$/.test(word)) candidates.push(Number(word));
  const triple = /^(\d+)\s*[/,]\s*(\d+)\s*[/,]\s*(\d+)$/.exec(word);
  if (triple) candidates.push({ low: Number(triple[1]), medium: Number(triple[2]), high: Number(triple[3]) });
  candidates.push(text);
  candidates.push(
    text.trim() === ''
      ? []
      : text
          .split(/[,\n]/)
          .map((part) => part.trim())
          .filter(Boolean),
  );
  if (!spec) return candidates[0];
  return candidates.find((candidate) => spec.schema.safeParse(candidate).success) ?? candidates[0];
}

function shortValue(value: unknown): string {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    const list = value as string[];
    return list.length > 4 ? `${list.slice(0, 3).join(', ')} … (${list.length})` : list.join(', ');
  }
  if (value && typeof value === 'object' && 'low' in value) {
    const t = value as { low: number; medium: number; high: number };
    return `${t.low}/${t.medium}/${t.high}`;
  }
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function describe(setting: SettingView): string {
  return `${setting.key} = ${JSON.stringify(setting.value)}${setting.isDefault ? ' (default)' : ''}\n  ${setting.summary}`;
}

/** Registers `irm settings`. */
export function register(program: Command): void {
  const settings = program
    .command('settings')
    .description('Policies → Settings: indicators, thresholds, domains, exclusions, alert volume, anonymization');
  settings
    .command('list')
    .description('Every setting with its value (needs Insider Risk Management or Admins)')
    .action(async (_options, command: Command) => {
      await withSession(command, async (session, global) => {
        const { settings: all } = await session.call('settings.list');
        output(global, all, () =>
          table(
            ['key', 'value', 'default'],
            all.map((s) => [s.key, shortValue(s.value), s.isDefault ? 'yes' : 'no']),
          ),
        );
      });
    });
  settings
    .command('get <key>')
    .description('One setting (aliases: anonymization, alert-volume, organisation-domains, business-hours)')
    .action(async (key: string, _options, command: Command) => {
      await withSession(command, async (session, global) => {
        const setting = await session.call('settings.get', { key: settingKey(key) });
        output(global, setting, () => describe(setting));
      });
    });
  settings
    .command('set <key> <value>')
    .description('Change a setting: JSON, on/off, 5/20/50 for thresholds, or a comma-separated list')
    .option('--reason <text>', 'why (recorded in the audit log; required to turn anonymization off)')
    .action(async (key: string, text: string, options: { reason?: string }, command: Command) => {
      const fullKey = settingKey(key);
      await withSession(command, async (session, global) => {
        if (fullKey === 'privacy.anonymization') {
          const enabled = parseSettingText(fullKey, text);
          if (typeof enabled !== 'boolean') throw new CliError('anonymization takes on or off.');
          // A sensitive change: the password (IRM_PASSWORD) is confirmed again first.
          await session.call('auth.reauthenticate', { password: process.env.IRM_PASSWORD ?? '' });
          const result = await session.call('settings.setAnonymization', { enabled, reason: options.reason });
          output(global, result, () => `Anonymization is ${result.enabled ? 'on' : 'off'}.`);
          return;
        }
        const setting = await session.call('settings.set', {
          key: fullKey,
          value: parseSettingText(fullKey, text),
          reason: options.reason,
        });
        output(global, setting, () => describe(setting));
      });
    });
  settings
    .command('reset <key>')
    .description('Put a setting back to its shipped default')
    .option('--reason <text>', 'why (recorded in the audit log)')
    .action(async (key: string, options: { reason?: string }, command: Command) => {
      await withSession(command, async (session, global) => {
        const setting = await session.call('settings.reset', { key: settingKey(key), reason: options.reason });
        output(global, setting, () => describe(setting));
      });
    });
}
