/**
 * Handlers for settings.*: the registry in settingsStore.ts (every setting, its schema, default and
 * summary) read and written through the router, audited with before/after (lists as added/removed)
 * and the reason. Detection settings mark scoring for a re-score. Anonymization has its own method
 * (configure permission, a reason to turn it off, and a fresh password).
 */
import type { SettingView, SettingGroup } from '../../shared/contract';
import { ApiFailure } from '../../shared/errors';
import type { Handlers } from '../api/router';
import { describeZodError } from '../api/router';
import type { Principal } from '../access/sessions';
import type { BackendContext } from '../context/backendContext';
import { detectOrganisationDomains } from '../detection/classify';
import { markRescoreNeeded } from '../policies/policyRepository';
import { requestRescore } from '../scoring/scoringService';
import { SETTINGS, type SettingKey } from './settingsStore';

type SettingsMethods = `settings.${string}`;

const ANONYMIZATION: SettingKey = 'privacy.anonymization';

/** The Settings page group of a key. */
export function groupOf(key: string): SettingGroup {
  const prefix = key.split('.')[0]!;
  if (key === 'detection.businessHours') return 'businessHours';
  if (key === 'organisation.domains') return 'organisation';
  if (key === 'alerts.volume') return 'alerts';
  const known: Record<string, SettingGroup> = {
    indicators: 'indicators',
    thresholds: 'thresholds',
    domains: 'domains',
    exclusions: 'exclusions',
    privacy: 'privacy',
    session: 'session',
  };
  return known[prefix] ?? 'other';
}

/** What a change of this setting requires from scoring: everything re-derived, policies re-scored, or nothing. */
export function rescoreScopeOf(key: string): 'full' | 'policies' | null {
  if (/^(domains|organisation|exclusions)\./.test(key) || key === 'detection.businessHours') return 'full';
  if (/^(indicators|thresholds)\./.test(key) || key === 'alerts.volume') return 'policies';
  return null;
}

function isKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTINGS, key);
}

function requireKey(key: string): SettingKey {
  if (!isKey(key)) throw new ApiFailure('NOT_FOUND', `No setting named "${key}"; settings.list shows every key.`);
  return key;
}

/** Before/after for the audit log: lists as added/removed, other values as they are. */
function auditChange(before: unknown, after: unknown): { before: unknown; after: unknown } {
  if (Array.isArray(before) && Array.isArray(after) && [...before, ...after].every((v) => typeof v === 'string')) {
    const was = new Set(before as string[]);
    const now = new Set(after as string[]);
    return {
      before: { count: was.size },
      after: { count: now.size, added: [...now].filter((v) => !was.has(v)), removed: [...was].filter((v) => !now.has(v)) },
    };
  }
  return { before, after };
}

/** Handlers for Policies → Settings. */
export function settingsHandlers(backend: BackendContext): Pick<Handlers<Principal>, Extract<keyof Handlers<Principal>, SettingsMethods>> {
  const { db, settings, clock } = backend;
  const updatedAt = db.prepare('SELECT updated_at FROM settings WHERE key = @key');
  const view = (key: SettingKey): SettingView => {
    const value = settings.get(key);
    const defaultValue = SETTINGS[key].default;
    return {
      key,
      group: groupOf(key),
      summary: SETTINGS[key].summary,
      value,
      defaultValue,
      isDefault: JSON.stringify(value) === JSON.stringify(defaultValue),
      updatedAt: (updatedAt.pluck().get({ key }) as number | undefined) ?? null,
    };
  };
  const write = (
    key: SettingKey,
    value: unknown,
    reason: string | undefined,
    context: Parameters<Handlers<Principal>['settings.set']>[1],
  ) => {
    const before = settings.get(key);
    const parsed = SETTINGS[key].schema.safeParse(value);
    context.audit({ targets: [`setting:${key}`], reason: reason ?? null });
    if (!parsed.success) throw new ApiFailure('INVALID_INPUT', `Invalid value for ${key}: ${describeZodError(parsed.error)}`);
    db.transaction(() => {
      settings.set(key, parsed.data as never);
      const scope = rescoreScopeOf(key);
      if (scope && JSON.stringify(before) !== JSON.stringify(parsed.data))
        markRescoreNeeded(db, scope, { kind: 'settingChanged', setting: key }, clock());
    })();
    // From the app the re-score starts at once as a job; the CLI and tests run it with scoring.run.
    const scope = rescoreScopeOf(key);
    if (scope && (context.origin.transport === 'electron' || context.origin.transport === 'harness')) {
      requestRescore(backend, scope, { sessionId: context.origin.sessionId, startedBy: context.principal?.name ?? null });
    }
    context.audit(auditChange(before, settings.get(key)));
    return view(key);
  };
  return {
    'settings.list': () => ({ settings: (Object.keys(SETTINGS) as SettingKey[]).map(view) }),
    'settings.get': (input) => view(requireKey(input.key)),
    'settings.set': (input, context) => {
      const key = requireKey(input.key);
      if (key === ANONYMIZATION) {
        throw new ApiFailure(
          'INVALID_INPUT',
          'Anonymization has its own method (settings.setAnonymization): it needs a reason and your password.',
        );
      }
      return write(key, input.value, input.reason, context);
    },
    'settings.reset': (input, context) => {
      const key = requireKey(input.key);
      if (key === ANONYMIZATION) throw new ApiFailure('INVALID_INPUT', 'Use settings.setAnonymization to change anonymization.');
      return write(key, SETTINGS[key].default, input.reason, context);
    },
    'settings.setAnonymization': (input, context) => {
      const before = settings.get(ANONYMIZATION);
      context.audit({
        targets: [`setting:${ANONYMIZATION}`],
        before,
        reason: input.reason ?? null,
        action: input.enabled ? 'anonymization.on' : 'anonymization.off',
      });
      if (!input.enabled && !input.reason)
        throw new ApiFailure('INVALID_INPUT', 'Turning anonymization off needs a reason (it is recorded in the audit log).');
      settings.set(ANONYMIZATION, input.enabled);
      context.audit({ after: input.enabled });
      return { enabled: input.enabled };
    },
    'settings.organisationDomains': () => {
      const configured = settings.get('organisation.domains');
      const detected = detectOrganisationDomains(db);
      return { configured, detected, effective: configured.length > 0 ? configured : detected.map((d) => d.domain) };
    },
  };
}
