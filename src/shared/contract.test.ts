import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from './access';
import { AUDIT_CATEGORIES, METHOD_NAMES, buildIrmApi, contract } from './contract';

describe('contract', () => {
  it.each(METHOD_NAMES)('%s names a permission, an audit category and a summary', (name) => {
    const spec = contract[name];
    expect(PERMISSIONS).toContain(spec.permission);
    expect(AUDIT_CATEGORIES).toContain(spec.audit);
    expect(spec.summary.length).toBeGreaterThan(10);
    expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]+$/);
  });

  it('builds window.irm as area.verb functions plus events.on, nothing else', () => {
    const api = buildIrmApi(
      async () => ({ ok: true, value: null }),
      () => () => undefined,
    ) as unknown as Record<string, Record<string, unknown>>;
    const areas = [...new Set(METHOD_NAMES.map((name) => name.split('.')[0]!)), 'events'].sort();
    expect(Object.keys(api).sort()).toEqual(areas);
    for (const name of METHOD_NAMES) {
      const [area, verb] = name.split('.') as [string, string];
      expect(typeof api[area]![verb]).toBe('function');
    }
    expect(Object.keys(api.events!)).toEqual(['on']);
  });

  it('refuses to subscribe to an unknown event', () => {
    const api = buildIrmApi(
      async () => ({ ok: true, value: null }),
      () => () => undefined,
    );
    expect(() => api.events.on('nope' as 'job.progress', () => undefined)).toThrow(/unknown event/);
  });
});
