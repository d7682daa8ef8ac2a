/** Typed access to the settings table: each setting has a key, a zod schema and a default. */
import { z } from 'zod';
import type { Database } from '../store/database';
import { DETECTION_SETTINGS } from './detectionSettings';

/** The settings the backend reads. Areas add theirs here so there is one list (and one CLI). */
export const SETTINGS = {
  'session.idleLockMinutes': { schema: z.number().int().min(1).max(240), default: 15, summary: 'Idle minutes before a session locks.' },
  'privacy.anonymization': { schema: z.boolean(), default: true, summary: 'Show pseudonyms instead of names everywhere.' },
  ...DETECTION_SETTINGS,
} as const;
export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;

/** Reads and writes settings. */
export interface SettingsStore {
  get<K extends SettingKey>(key: K): SettingValue<K>;
  set<K extends SettingKey>(key: K, value: SettingValue<K>): void;
}

/** Creates the settings store over a database. */
export function createSettingsStore(db: Database, clock: () => number): SettingsStore {
  const read = db.prepare<[{ key: string }], { value: string }>('SELECT value FROM settings WHERE key = @key');
  const write = db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (@key, @value, @updatedAt) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  return {
    get(key) {
      const row = read.get({ key });
      const spec = SETTINGS[key];
      if (!row) return spec.default as SettingValue<typeof key>;
      const parsed = spec.schema.safeParse(JSON.parse(row.value));
      return (parsed.success ? parsed.data : spec.default) as SettingValue<typeof key>;
    },
    set(key, value) {
      write.run({ key, value: JSON.stringify(SETTINGS[key].schema.parse(value)), updatedAt: clock() });
    },
  };
}
