/** Settings through the API and the CLI: validation, audit with reasons, re-score marks, anonymization rules and pseudonyms. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { INDICATOR_IDS } from '../../shared/detection';
import { openTestBackend, TEST_PASSWORD, type TestBackend, type TestSession } from '../testing/backendFixture';
import { createBackend } from '../backend';
import { runCli } from '../cli/index';
import { parseSettingText } from '../cli/commands/settings';
import { buildTestOrganisation } from '../testing/testOrganisation';
import { pseudonymFor } from '../privacy/pseudonyms';

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

  it('parses command-line text for each kind of setting', () => {
    expect(parseSettingText('thresholds.usb_copy', '4/15/40')).toEqual({ low: 4, medium: 15, high: 40 });
    expect(parseSettingText('indicators.print', 'off')).toBe(false);
    expect(parseSettingText('domains.allowed', 'a.example, b.example')).toEqual(['a.example', 'b.example']);
    expect(parseSettingText('domains.allowed', 'a.example')).toEqual(['a.example']);
    expect(parseSettingText('alerts.volume', 'fewer')).toBe('fewer');
    expect(parseSettingText('session.idleLockMinutes', '30')).toBe(30);
    expect(
      parseSettingText(
        'detection.businessHours',
        '[{"region":"*","timeZone":"UTC","start":"07:00","end":"19:00","workdays":[1,2,3,4,5]}]',
      ),
    ).toEqual([{ region: '*', timeZone: 'UTC', start: '07:00', end: '19:00', workdays: [1, 2, 3, 4, 5] }]);
  });
});

describe('irm settings, policy, score, alerts, users', () => {
  const PASSWORD = 'a long enough password';
  let dataDir: string;
  let stdout = '';
  let stderr = '';
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'irm-detection-cli-'));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  async function irm(...args: string[]): Promise<number> {
    stdout = '';
    stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    vi.stubEnv('IRM_PASSWORD', PASSWORD);
    try {
      return await runCli([...args, '--data', dataDir]);
    } finally {
      vi.restoreAllMocks();
    }
  }

  it('configures, scores and lists alerts and users with pseudonyms while anonymization is on', async () => {
    expect(await irm('init', '--admin', 'alice')).toBe(0);
    const backend = createBackend({ dataDir });
    const organisation = buildTestOrganisation(backend.context.db);
    const secret = backend.context.keys.pseudonymSecret;
    backend.close();

    expect(await irm('settings', 'set', 'thresholds.usb_copy', '4/15/40', '--reason', 'pilot', '--user', 'alice')).toBe(0);
    expect(await irm('settings', 'get', 'thresholds.usb_copy', '--user', 'alice', '--json')).toBe(0);
    expect(JSON.parse(stdout).value).toEqual({ low: 4, medium: 15, high: 40 });
    expect(await irm('settings', 'set', 'alert-volume', 'loud', '--user', 'alice')).toBe(1);
    expect(stderr).toMatch(/INVALID_INPUT/);
    expect(await irm('settings', 'list', '--user', 'alice')).toBe(0);
    expect(stdout).toMatch(/indicators\.usb_copy\s+on/);

    expect(await irm('policy', 'templates', '--user', 'alice', '--json')).toBe(0);
    expect(JSON.parse(stdout)).toHaveLength(8);
    expect(
      await irm('policy', 'create', '--template', 'data-theft-departing-users', '--name', 'Departing', '--user', 'alice'),
    ).toBe(0);
    expect(
      await irm(
        'policy',
        'create',
        '--template',
        'data-leaks',
        '--name',
        'Leaks',
        '--scope',
        'department=Finance',
        '--user',
        'alice',
      ),
    ).toBe(0);
    expect(await irm('policy', 'create', '--template', 'nope', '--name', 'X', '--user', 'alice')).toBe(1);
    expect(await irm('score', '--user', 'alice', '--json')).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ state: 'succeeded', kind: 'full' });

    const thiefName = 'Tom Thief';
    const thiefPseudonym = pseudonymFor(secret, 'tom.thief@corp.example');
    expect(await irm('alerts', '--json', '--status', 'needs-review', '--user', 'alice')).toBe(0);
    const alerts = JSON.parse(stdout) as {
      person: { id: number; displayName: string };
      policy: { name: string };
      severity: string;
    }[];
    const thiefAlert = alerts.find((a) => a.person.id === organisation.thief)!;
    expect(thiefAlert.person.displayName).toBe(thiefPseudonym);
    expect(stdout).not.toContain(thiefName);
    expect(await irm('alerts', '--severity', 'high,medium', '--user', 'alice')).toBe(0);
    expect(stdout).toContain(thiefPseudonym);
    expect(await irm('users', '--json', '--user', 'alice')).toBe(0);
    expect(stdout).toContain(thiefPseudonym);
    expect(stdout).not.toContain(thiefName);

    expect(await irm('settings', 'set', 'anonymization', 'off', '--user', 'alice')).toBe(1);
    expect(stderr).toMatch(/reason/);
    expect(await irm('settings', 'set', 'anonymization', 'off', '--reason', 'case escalated to legal', '--user', 'alice')).toBe(
      0,
    );
    expect(await irm('alerts', '--json', '--user', 'alice')).toBe(0);
    expect(stdout).toContain(thiefName);
    expect(await irm('settings', 'set', 'anonymization', 'on', '--user', 'alice')).toBe(0);

    expect(await irm('policy', 'pause', 'Leaks', '--user', 'alice')).toBe(0);
    expect(await irm('policy', 'list', '--user', 'alice', '--json')).toBe(0);
    expect((JSON.parse(stdout) as { name: string; state: string }[]).find((p) => p.name === 'Leaks')!.state).toBe('paused');
    expect(await irm('policy', 'resume', 'Leaks', '--user', 'alice')).toBe(0);
    expect(stdout).toMatch(/Leaks is active/);
  });
});
