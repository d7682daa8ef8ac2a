/**
 * Persons as alerts, policies and the Users page show them: every person passes through
 * presentPerson (pseudonyms while anonymization is on), text search never matches hidden fields,
 * and identities inside activity text (recipient addresses, OneDrive paths, user ids) are replaced
 * by the pseudonym, or removed when the person is outside the caller's scope.
 */
import type { Database } from '../store/database';
import type { PersonView } from '../../shared/contract';
import { personVisibility } from '../access/visibility';
import type { Principal } from '../access/sessions';
import { presentPerson, pseudonymFor, type PersonRecord } from './pseudonyms';

/** What presenting persons needs. */
export interface Presentation {
  anonymized: boolean;
  secret: Buffer;
}

/** Columns of a PersonRecord selected from `persons p` (with `LEFT JOIN persons m ON m.id = p.manager_id`). */
export const PERSON_RECORD_COLUMNS = `p.id AS personId, p.key AS personKey, p.display_name AS personDisplayName, p.email AS personEmail,
  p.department AS personDepartment, p.business_unit AS personBusinessUnit, p.region AS personRegion, p.country AS personCountry,
  p.title AS personTitle, m.key AS personManagerKey, m.display_name AS personManagerName`;

/** The columns PERSON_RECORD_COLUMNS yields. */
export interface PersonColumns {
  personId: number;
  personKey: string;
  personDisplayName: string;
  personEmail: string | null;
  personDepartment: string | null;
  personBusinessUnit: string | null;
  personRegion: string | null;
  personCountry: string | null;
  personTitle: string | null;
  personManagerKey: string | null;
  personManagerName: string | null;
}

/** Presents the person columns of a row. */
export function presentColumns(row: PersonColumns, presentation: Presentation): PersonView {
  const record: PersonRecord = {
    id: row.personId,
    key: row.personKey,
    displayName: row.personDisplayName,
    email: row.personEmail,
    department: row.personDepartment,
    businessUnit: row.personBusinessUnit,
    region: row.personRegion,
    country: row.personCountry,
    title: row.personTitle,
    managerKey: row.personManagerKey,
    managerName: row.personManagerName,
  };
  return presentPerson(record, presentation.anonymized, presentation.secret);
}

/** Reads and presents visible persons by id (in the order given; invisible ones are left out). */
export function presentPersonsById(db: Database, principal: Principal, presentation: Presentation, ids: number[]): PersonView[] {
  if (ids.length === 0) return [];
  const visibility = personVisibility(principal);
  const rows = db
    .prepare(
      `SELECT ${PERSON_RECORD_COLUMNS} FROM persons p LEFT JOIN persons m ON m.id = p.manager_id
       WHERE p.id IN (SELECT value FROM json_each(@ids)) AND ${visibility.sql}`,
    )
    .all({ ...visibility.params, ids: JSON.stringify(ids) }) as PersonColumns[];
  const byId = new Map(rows.map((row) => [row.personId, presentColumns(row, presentation)]));
  return ids.map((id) => byId.get(id)).filter((p): p is PersonView => !!p);
}

/**
 * Visible persons whose shown identity contains the text: the pseudonym while anonymized, else the
 * name, e-mail or key. Used to turn a free-text search into a person-id filter.
 */
export function personIdsMatching(db: Database, principal: Principal, presentation: Presentation, text: string): number[] {
  const visibility = personVisibility(principal);
  const needle = text.toLowerCase();
  const rows = db
    .prepare(`SELECT p.id, p.key, p.display_name AS name, p.email FROM persons p WHERE ${visibility.sql}`)
    .all(visibility.params) as {
    id: number;
    key: string;
    name: string;
    email: string | null;
  }[];
  return rows
    .filter((row) =>
      presentation.anonymized
        ? pseudonymFor(presentation.secret, row.key).toLowerCase().includes(needle)
        : row.name.toLowerCase().includes(needle) || row.key.includes(needle) || (row.email ?? '').toLowerCase().includes(needle),
    )
    .map((row) => row.id);
}

/** Replaces identities of known persons inside free text. */
export type Redactor = (text: string | null) => string | null;

/** What a hidden person becomes inside text. */
export const HIDDEN_PERSON = '[person outside your scope]';
/** What a name two persons share becomes inside text while anonymized (whose pseudonym is unknown). */
export const WITHHELD_NAME = '[name withheld]';
/** Shorter display names are not looked for inside text (too likely to be ordinary words). */
const MIN_REDACTED_NAME = 5;
/** A word of a name (letters and digits, with inner apostrophes and hyphens: O'Brien, Jean-Luc). */
const NAME_WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
/** What may stand between the words of a name inside text. */
const NAME_GAP = /^[\s_]+$/;

/** A known person inside text. */
interface Named {
  id: number;
  key: string;
}

/** Every identity of every person, indexed for looking up inside text. */
interface IdentityIndexes {
  byAddress: Map<string, Named>;
  byUserId: Map<string, Named>;
  byOneDrive: Map<string, Named>;
  /** Full display names (two words or more, lower case, single spaces) → the persons who bear them. */
  byName: Map<string, Named[]>;
  longestName: number;
}

/** The indexes per connection, rebuilt only when persons may have changed (they change only in imports). */
const indexCache = new WeakMap<Database, { fingerprint: string; indexes: IdentityIndexes }>();

function identityIndexes(db: Database): IdentityIndexes {
  const fingerprint = JSON.stringify(
    db
      .prepare(
        `SELECT (SELECT count(*) FROM persons), (SELECT max(id) FROM persons), (SELECT count(*) FROM person_identifiers),
                (SELECT max(rowid) FROM person_identifiers), (SELECT max(finished_at) FROM imports WHERE state = 'succeeded')`,
      )
      .raw()
      .get(),
  );
  const cached = indexCache.get(db);
  if (cached?.fingerprint === fingerprint) return cached.indexes;
  const indexes: IdentityIndexes = { byAddress: new Map(), byUserId: new Map(), byOneDrive: new Map(), byName: new Map(), longestName: 0 };
  for (const [kind, value, id, key] of db
    .prepare('SELECT i.kind, lower(i.value), p.id, p.key FROM person_identifiers i JOIN persons p ON p.id = i.person_id')
    .raw()
    .iterate() as IterableIterator<[string, string, number, string]>) {
    if (value.includes('@')) {
      indexes.byAddress.set(value, { id, key });
      indexes.byOneDrive.set(value.replace(/[@.]/g, '_'), { id, key });
    } else if (kind === 'userId' || kind === 'samAccountName') {
      indexes.byUserId.set(value, { id, key });
    }
  }
  // Full display names (two words or more) inside text: file paths, subjects, remarks. Looked up
  // word run by word run, not with one huge pattern: thousands of names stay cheap.
  for (const [id, key, displayName] of db.prepare('SELECT id, key, display_name FROM persons').raw().iterate() as IterableIterator<
    [number, string, string]
  >) {
    const words = displayName.trim().toLowerCase().split(/\s+/);
    if (words.length < 2 || displayName.length < MIN_REDACTED_NAME) continue;
    const name = words.join(' ');
    const bearers = indexes.byName.get(name);
    if (bearers) bearers.push({ id, key });
    else indexes.byName.set(name, [{ id, key }]);
    indexes.longestName = Math.max(indexes.longestName, words.length);
  }
  indexCache.set(db, { fingerprint, indexes });
  return indexes;
}

/**
 * Builds a redactor for one call: full display names, e-mail addresses, OneDrive `personal/<upn>`
 * segments and user ids of known persons become their pseudonym (anonymized), stay as they are
 * (identified), or become HIDDEN_PERSON when the person is outside the caller's scope.
 */
export function identityRedactor(db: Database, principal: Principal, presentation: Presentation): Redactor {
  const { byAddress, byUserId, byOneDrive, byName, longestName } = identityIndexes(db);
  if (byAddress.size === 0 && byUserId.size === 0 && byName.size === 0) return (text) => text;
  // Only the persons found in text are checked against the caller's scope, once each.
  const visibility = personVisibility(principal);
  const visibleStatement = db.prepare(`SELECT 1 FROM persons p WHERE p.id = @personId AND ${visibility.sql}`).pluck();
  const visibleCache = new Map<number, boolean>();
  const visible = (id: number): boolean => {
    let seen = visibleCache.get(id);
    if (seen === undefined) visibleCache.set(id, (seen = visibleStatement.get({ ...visibility.params, personId: id }) !== undefined));
    return seen;
  };
  const shown = (person: Named, original: string) =>
    !visible(person.id) ? HIDDEN_PERSON : presentation.anonymized ? pseudonymFor(presentation.secret, person.key) : original;
  /** A name two persons share: hidden if either is out of scope, withheld while anonymized (whose pseudonym?). */
  const shownName = (persons: Named[], original: string) =>
    persons.length === 1
      ? shown(persons[0]!, original)
      : persons.some((person) => !visible(person.id))
        ? HIDDEN_PERSON
        : presentation.anonymized
          ? WITHHELD_NAME
          : original;
  const replaceNames = (text: string): string => {
    if (byName.size === 0) return text;
    const words = [...text.matchAll(NAME_WORD)];
    let out = '';
    let copied = 0;
    for (let i = 0; i < words.length; i++) {
      for (let n = Math.min(longestName, words.length - i); n >= 2; n--) {
        const run = words.slice(i, i + n);
        // Words of a name are separated by spaces or underscores only (Kavya_Kulkarni.docx).
        const joined = run.every((word, k) => k === 0 || NAME_GAP.test(text.slice(run[k - 1]!.index + run[k - 1]![0].length, word.index)));
        const persons = joined ? byName.get(run.map((word) => word[0].toLowerCase()).join(' ')) : undefined;
        if (!persons) continue;
        const start = run[0]!.index;
        const end = run[n - 1]!.index + run[n - 1]![0].length;
        out += text.slice(copied, start) + shownName(persons, text.slice(start, end));
        copied = end;
        i += n - 1;
        break;
      }
    }
    return copied === 0 ? text : out + text.slice(copied);
  };
  return (text) => {
    if (!text) return text;
    const identified = text
      .replace(/[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, (address) => {
        const person = byAddress.get(address.toLowerCase());
        return person ? shown(person, address) : address;
      })
      .replace(/(personal\/)([A-Za-z0-9_]+)/g, (whole, prefix: string, segment: string) => {
        const person = byOneDrive.get(segment.toLowerCase());
        return person ? `${prefix}${shown(person, segment)}` : whole;
      })
      .replace(/\b[A-Za-z]{3}\d{4}\b/g, (id) => {
        const person = byUserId.get(id.toLowerCase());
        return person ? shown(person, id) : id;
      });
    return replaceNames(identified);
  };
}
