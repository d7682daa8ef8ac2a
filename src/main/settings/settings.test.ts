/** Settings through the API: validation, audit with reasons, re-score marks, anonymization rules and pseudonyms (the CLI's side: cli/commands/settings.test.ts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_IDS } from '../../shared/detection';
import { openTestBackend, TEST_PASSWORD, type TestBackend, type TestSession } from '../testing/backendFixture';

const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error!.code);

describe('settings API', () => {
  let backend: TestBackend;
  let admin: TestSession;
  beforeAll(async () => {
    backend = openTestBackend();
    admin = await backend.admin();
  });
  afterAll(() => backend.close());

  it('lists every indicator switch, threshold, domain list and the other detection settings with shipped defaults', async () => {
    const { settings } = await admin.value('settings.list');
    const keys = settings.map((s) => s.key);
    for (const id of INDICATOR_IDS) expect(keys).toContain(`indicators.${id}`);
    expect(settings.find((s) => s.key === 'thresholds.usb_copy')!.value).toEqual({ low: 5, medium: 20, high: 50 });
    for (const list of ['jobSearch', 'personalCloud', 'personalWebmail', 'leakSites', 'hackingTools']) {
      const setting = settings.find((s) => s.key === `domains.${list}`)!;
      expect((setting.value as string[]).length).toBeGreaterThanOrEqual(30);
      expect(setting.group).toBe('domains');
    }
    expect(keys).toEqual(
      expect.arrayContaining([
        'organisation.domains',
        'detection.businessHours',
        'exclusions.fileTypes',
        'exclusions.paths',
        'exclusions.keywords',
        'alerts.volume',
        'privacy.anonymization',
      ]),
    );
  });

  it('validates values, normalises domains and records before/after and the reason', async () => {
    expect(code(await admin.call('settings.set', { key: 'thresholds.usb_copy', value: { low: 30, medium: 20, high: 50 } }))).toBe(
      'INVALID_INPUT',
    );
    expect(code(await admin.call('settings.set', { key: 'alerts.volume', value: 'loud' }))).toBe('INVALID_INPUT');
    expect(code(await admin.call('settings.set', { key: 'no.such.key', value: 1 }))).toBe('NOT_FOUND');
    expect(
      code(
        await admin.call('settings.set', {
          key: 'detection.businessHours',
          value: [{ region: 'EMEA', timeZone: 'Mars/Olympus', start: '08:00', end: '18:00', workdays: [1] }],
        }),
      ),
    ).toBe('INVALID_INPUT');
    const set = await admin.value('settings.set', {
      key: 'domains.unallowed',
      value: ['*.Rival.example', 'https://leaks.example/path'],
      reason: 'competitor',
    });
    expect(set.value).toEqual(['leaks.example', 'rival.example']);
    const entry = backend.backend.context.auditDb
      .prepare(
        "SELECT targets, after, reason FROM audit_log WHERE action = 'settings.set' AND result = 'success' ORDER BY sequence DESC LIMIT 1",
      )
      .get() as { targets: string; after: string; reason: string };
    expect(JSON.parse(entry.targets)).toEqual(['setting:domains.unallowed']);
    expect(JSON.parse(entry.after)).toEqual({ count: 2, added: ['leaks.example', 'rival.example'], removed: [] });
    expect(entry.reason).toBe('competitor');
    expect(await admin.value('scoring.status')).toMatchObject({
      needsFull: true,
      reason: 'setting domains.unallowed changed',
      reasonFacts: { kind: 'settingChanged', setting: 'domains.unallowed' },
    });
    const reset = await admin.value('settings.reset', { key: 'domains.unallowed' });
    expect(reset).toMatchObject({ value: [], isDefault: true });
  });

  it('turns anonymization off only through its own method, with a reason and a fresh password', async () => {
    expect(code(await admin.call('settings.set', { key: 'privacy.anonymization', value: false }))).toBe('INVALID_INPUT');
    expect(code(await admin.call('settings.setAnonymization', { enabled: false }))).toBe('INVALID_INPUT');
    backend.clock.advance(10 * 60_000);
    expect(code(await admin.call('settings.setAnonymization', { enabled: false, reason: 'legal review' }))).toBe(
      'REAUTH_REQUIRED',
    );
    await admin.value('auth.reauthenticate', { password: TEST_PASSWORD });
    expect(await admin.value('settings.setAnonymization', { enabled: false, reason: 'legal review' })).toEqual({
      enabled: false,
    });
    const entry = backend.backend.context.auditDb
      .prepare(
        "SELECT action, category, reason, before, after FROM audit_log WHERE action LIKE 'anonymization.%' ORDER BY sequence DESC LIMIT 1",
      )
      .get();
    expect(entry).toEqual({
      action: 'anonymization.off',
      category: 'privacy',
      reason: 'legal review',
      before: 'true',
      after: 'false',
    });
    expect(await admin.value('settings.setAnonymization', { enabled: true })).toEqual({ enabled: true });
  });
});
