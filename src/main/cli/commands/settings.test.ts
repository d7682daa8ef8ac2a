/** `irm settings`, `policy`, `score`, `alerts` and `users`: parsing setting text, and a run with pseudonyms while anonymization is on. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../backend';
import { buildTestOrganisation } from '../../testing/testOrganisation';
import { pseudonymFor } from '../../privacy/pseudonyms';
import { runCli } from '../index';
import { parseSettingText } from './settings';

describe('irm settings', () => {
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
