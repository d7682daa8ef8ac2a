/** Reads persons as an account may see them; every result passes through presentPerson. */
import type { Database } from '../store/database';
import type { PersonView } from '../../shared/contract';
import { ApiFailure } from '../../shared/errors';
import { personVisibility } from '../access/visibility';
import type { Principal } from '../access/sessions';
import { presentPerson, type PersonRecord } from '../privacy/pseudonyms';

const SELECT_PERSON = `
  SELECT p.id, p.key, p.display_name AS displayName, p.email, p.department, p.business_unit AS businessUnit,
         p.region, p.country, p.title, m.key AS managerKey, m.display_name AS managerName
  FROM persons p LEFT JOIN persons m ON m.id = p.manager_id`;

/** What the repository needs to present persons. */
export interface PersonPresentation {
  anonymized: boolean;
  secret: Buffer;
}

function escapeLike(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The text-search condition: while anonymized, names, e-mails and departments are not searchable. */
function textCondition(anonymized: boolean): string {
  const visible = [
    'pseudonym(p.key)',
    "coalesce(p.region, '')",
    "coalesce(p.country, '')",
    "coalesce(p.title, '')",
    "coalesce(p.business_unit, '')",
  ];
  const identified = ['p.display_name', "coalesce(p.email, '')", "coalesce(p.department, '')"];
  return `(${[...visible, ...(anonymized ? [] : identified)].map((column) => `${column} LIKE @text ESCAPE '\\'`).join(' OR ')})`;
}

/** Persons the principal may see, filtered by text. */
export function listPersons(
  db: Database,
  principal: Principal,
  presentation: PersonPresentation,
  query: { text?: string; offset: number; limit: number },
): { persons: PersonView[]; total: number } {
  const visibility = personVisibility(principal);
  const where = [visibility.sql, ...(query.text ? [textCondition(presentation.anonymized)] : [])].join(' AND ');
  const params = { ...visibility.params, ...(query.text ? { text: escapeLike(query.text) } : {}) };
  const total = db.prepare(`SELECT count(*) AS n FROM persons p WHERE ${where}`).get(params) as { n: number };
  const rows = db
    .prepare(`${SELECT_PERSON} WHERE ${where} ORDER BY p.id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: query.limit, offset: query.offset }) as PersonRecord[];
  return { persons: rows.map((row) => presentPerson(row, presentation.anonymized, presentation.secret)), total: total.n };
}

/** How many persons the principal may see. */
export function countPersons(db: Database, principal: Principal): number {
  const visibility = personVisibility(principal);
  return (db.prepare(`SELECT count(*) AS n FROM persons p WHERE ${visibility.sql}`).get(visibility.params) as { n: number }).n;
}

/** One person, or NOT_FOUND (the same answer whether they do not exist or are out of scope). */
export function getPerson(db: Database, principal: Principal, presentation: PersonPresentation, id: number): PersonView {
  const visibility = personVisibility(principal);
  const row = db.prepare(`${SELECT_PERSON} WHERE p.id = @id AND ${visibility.sql}`).get({ ...visibility.params, id }) as
    PersonRecord | undefined;
  if (!row) throw new ApiFailure('NOT_FOUND', `No person with id ${id}.`);
  return presentPerson(row, presentation.anonymized, presentation.secret);
}

/** The ids of every person the principal may see. */
export function visiblePersonIds(db: Database, principal: Principal): number[] {
  const visibility = personVisibility(principal);
  return db.prepare(`SELECT p.id FROM persons p WHERE ${visibility.sql}`).pluck().all(visibility.params) as number[];
}

/** The keys of these persons, in id order (audit targets go through context.personTarget). */
export function personKeysOf(db: Database, ids: number[]): string[] {
  return db
    .prepare('SELECT key FROM persons WHERE id IN (SELECT value FROM json_each(@ids)) ORDER BY id')
    .pluck()
    .all({ ids: JSON.stringify(ids) }) as string[];
}
