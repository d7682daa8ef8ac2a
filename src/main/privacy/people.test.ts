/**
 * Identities inside free text (activity targets, subjects, remarks): full display names, addresses
 * and user ids become the pseudonym while anonymized, and disappear for persons outside the scope.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../store/migrations';
import type { Database } from '../store/database';
import { insertTestPersons } from '../testing/testPersons';
import { pseudonymFor } from './pseudonyms';
import type { Principal } from '../access/sessions';
import { HIDDEN_PERSON, WITHHELD_NAME, identityRedactor } from './people';

const secret = Buffer.alloc(32, 7);
const databases: BetterSqlite3.Database[] = [];
afterEach(() => databases.splice(0).forEach((db) => db.close()));

function organisation() {
  const db = new BetterSqlite3(':memory:');
  databases.push(db);
  migrate(db);
  const [kavya, jean, twinA, twinB, apac] = insertTestPersons(db, [
    { key: 'kavya.kulkarni@corp.example', displayName: 'Kavya Kulkarni', region: 'EMEA' },
    { key: 'jean-luc.obrien@corp.example', displayName: "Jean-Luc O'Brien", region: 'EMEA' },
    { key: 'alex.kim1@corp.example', displayName: 'Alex Kim', region: 'EMEA' },
    { key: 'alex.kim2@corp.example', displayName: 'Alex Kim', region: 'EMEA' },
    { key: 'mei.tan@corp.example', displayName: 'Mei Tan Wei', region: 'APAC' },
  ]) as [number, number, number, number, number];
  return { db: db as unknown as Database, kavya, jean, twinA, twinB, apac };
}

const principal = (scopes: Principal['scopes'] = []): Principal => ({ accountId: 1, name: 'a', roleGroups: ['InsiderRiskManagement'], scopes, sessionId: null });

describe('identityRedactor', () => {
  it('replaces full display names with the pseudonym while anonymized, in paths, file names and sentences', () => {
    const { db } = organisation();
    const redact = identityRedactor(db, principal(), { anonymized: true, secret });
    const kavya = pseudonymFor(secret, 'kavya.kulkarni@corp.example');
    expect(redact('C:\\Users\\Kavya Kulkarni\\Desktop\\plan.docx')).toBe(`C:\\Users\\${kavya}\\Desktop\\plan.docx`);
    expect(redact('KAVYA_KULKARNI review.xlsx')).toBe(`${kavya} review.xlsx`);
    expect(redact("Notes for Jean-Luc O'Brien, and Kavya  Kulkarni.")).toBe(
      `Notes for ${pseudonymFor(secret, 'jean-luc.obrien@corp.example')}, and ${kavya}.`,
    );
    // A name two persons share cannot be given one pseudonym; a part of a name is not a name.
    expect(redact('Meeting with Alex Kim')).toBe(`Meeting with ${WITHHELD_NAME}`);
    expect(redact('Kulkarni backup.zip; Kavya.Kulkarni')).toBe('Kulkarni backup.zip; Kavya.Kulkarni');
  });

  it('sees persons added or renamed since the last call (the name index is cached per connection)', () => {
    const { db } = organisation();
    const redact = () => identityRedactor(db, principal(), { anonymized: true, secret });
    expect(redact()('Ana Lopez Diaz')).toBe('Ana Lopez Diaz');
    insertTestPersons(db, [{ key: 'ana.lopez@corp.example', displayName: 'Ana Lopez Diaz', region: 'EMEA' }]);
    expect(redact()('Ana Lopez Diaz')).toBe(pseudonymFor(secret, 'ana.lopez@corp.example'));
    // A roster import renames a person: it commits as a succeeded import.
    db.prepare("UPDATE persons SET display_name = 'Ana Lopez' WHERE key = 'ana.lopez@corp.example'").run();
    db.prepare(
      "INSERT INTO imports (format, source, state, on_error, started_at, finished_at) VALUES ('directory', '[]', 'succeeded', 'stop', 1, 2)",
    ).run();
    expect(redact()('Ana Lopez')).toBe(pseudonymFor(secret, 'ana.lopez@corp.example'));
  });

  it('leaves names as they are when identified, and hides persons outside the scope either way', () => {
    const { db } = organisation();
    const emea = principal([{ attribute: 'region', values: ['EMEA'] }]);
    for (const anonymized of [false, true]) {
      const redact = identityRedactor(db, emea, { anonymized, secret });
      expect(redact('From Mei Tan Wei to Kavya Kulkarni')).toBe(
        `From ${HIDDEN_PERSON} to ${anonymized ? pseudonymFor(secret, 'kavya.kulkarni@corp.example') : 'Kavya Kulkarni'}`,
      );
    }
    expect(identityRedactor(db, emea, { anonymized: false, secret })('Alex Kim')).toBe('Alex Kim');
  });
});
