/**
 * Directory rosters (one person per row), including CERT's LDAP/YYYY-MM.csv monthly snapshots and
 * CERT's psychometric.csv. A roster row defines a person: key = lower-cased e-mail (or the user id
 * when there is no e-mail), identifiers e-mail, user id and display name; the supervisor (a display
 * name) and manager (an e-mail) are resolved to persons at merge. A snapshot's rows carry its month;
 * the merge stores whom it lists and derives departures from every stored snapshot (departures.ts).
 */
import { domainOfEmail, normaliseEmail } from '../identity';
import { Columns, RowProblem, cell, forEachCsvRecord, type CsvRowHandler, type FileContext } from '../reading';

const NAME = ['employee_name', 'name', 'display_name', 'displayname', 'full_name', 'fullname'];
const USER_ID = ['user_id', 'userid', 'samaccountname', 'username', 'login', 'account'];
const EMAIL = ['email', 'mail', 'email_address', 'emailaddress', 'upn', 'userprincipalname'];

/** Known roster columns and where they go (everything else becomes a person attribute). */
const TARGETS: [string[], string][] = [
  [NAME, 'person display name'],
  [USER_ID, 'person identifier (user id)'],
  [EMAIL, 'person key and e-mail'],
  [['department', 'dept'], 'person department'],
  [['business_unit', 'businessunit'], 'person business unit'],
  [['region'], 'person region'],
  [['country'], 'person country'],
  [['language', 'preferred_language'], 'person preferred language'],
  [['title', 'job_title'], 'person title'],
  [['role'], 'person title (when no title) and attribute'],
  [['supervisor'], 'manager (by display name)'],
  [['manager', 'manager_email'], 'manager (by e-mail)'],
];

/** True when a header looks like a roster. */
export function isRosterHeader(columns: Columns): boolean {
  return columns.has(...EMAIL) && (columns.has(...NAME) || columns.has(...USER_ID)) && !columns.has('EmailAddress');
}

/** True when a header is CERT's psychometric.csv. */
export function isPsychometricHeader(columns: Columns): boolean {
  return columns.has('user_id') && ['O', 'C', 'E', 'A', 'N'].every((name) => columns.has(name));
}

/** Where a roster column goes (for the preview). */
export function rosterColumnTarget(column: string): string {
  const key = Columns.key(column);
  for (const [names, target] of TARGETS) if (names.some((name) => Columns.key(name) === key)) return target;
  return 'kept as attribute';
}

/** The `YYYY-MM` month of a snapshot file name, or null. */
export function snapshotMonth(fileName: string): string | null {
  const match = /(?:^|[\\/])(\d{4})-(\d{2})\.csv$/i.exec(fileName);
  if (!match) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? `${match[1]}-${match[2]}` : null;
}

/** Reads a roster (or one snapshot of it). */
export async function parseRosterFile(context: FileContext): Promise<void> {
  await forEachCsvRecord(context, (header) => buildRosterHandler(context, new Columns(header)));
}

function buildRosterHandler(context: FileContext, columns: Columns): CsvRowHandler {
  const { staging, fileId, file } = context;
  const at = {
    name: columns.index(...NAME),
    userId: columns.index(...USER_ID),
    email: columns.index(...EMAIL),
    department: columns.index('department', 'dept'),
    businessUnit: columns.index('business_unit', 'businessunit'),
    region: columns.index('region'),
    country: columns.index('country'),
    language: columns.index('language', 'preferred_language'),
    title: columns.index('title', 'job_title'),
    role: columns.index('role'),
    supervisor: columns.index('supervisor'),
    manager: columns.index('manager', 'manager_email'),
  };
  if (at.email === -1 && at.userId === -1) throw new RowProblem('email', 'the header has neither an email nor a user_id column');
  const used = new Set(Object.values(at).filter((index) => index >= 0 && index !== at.role));
  const extras = columns.header
    .map((name, index) => ({ name, index }))
    .filter(({ name, index }) => name.length > 0 && !used.has(index));

  return (fields, line) => {
    const rawEmail = cell(fields, at.email);
    const email = rawEmail === null ? null : normaliseEmail(rawEmail);
    if (rawEmail !== null && email === null)
      throw new RowProblem(columns.name(at.email), `not an e-mail address: ${JSON.stringify(rawEmail)}`);
    const userId = cell(fields, at.userId);
    if (email === null && userId === null) {
      throw new RowProblem(
        at.email >= 0 ? columns.name(at.email) : columns.name(at.userId),
        'missing e-mail address and user id',
      );
    }
    if (userId !== null && /[\s,;]/.test(userId))
      throw new RowProblem(columns.name(at.userId), `not a user id: ${JSON.stringify(userId)}`);
    const ref = email !== null ? staging.ref('email', email) : staging.ref('userId', userId!);
    if (userId !== null) staging.ref('userId', userId);
    const displayName = cell(fields, at.name);
    if (displayName !== null) staging.ref('name', displayName);
    const supervisor = cell(fields, at.supervisor);
    if (supervisor !== null) staging.ref('name', supervisor);
    const rawManager = cell(fields, at.manager);
    const manager = rawManager === null ? null : normaliseEmail(rawManager);
    if (rawManager !== null && manager === null)
      throw new RowProblem(columns.name(at.manager), `not an e-mail address: ${JSON.stringify(rawManager)}`);
    if (email) context.observations.personDomains.add(domainOfEmail(email));
    staging.personDefinition({
      ref,
      email,
      userId,
      displayName,
      department: cell(fields, at.department),
      businessUnit: cell(fields, at.businessUnit),
      region: cell(fields, at.region),
      country: cell(fields, at.country),
      language: cell(fields, at.language),
      title: cell(fields, at.title) ?? cell(fields, at.role),
      manager,
      supervisor,
      snapshot: file.snapshot,
      fileId,
      line,
    });
    for (const { name, index } of extras) {
      const value = cell(fields, index);
      if (value !== null) staging.attribute(ref, name, value, fileId, line);
    }
  };
}

/** Reads CERT's psychometric.csv: O, C, E, A, N scores become person attributes `psychometric.O` etc. */
export async function parsePsychometricFile(context: FileContext): Promise<void> {
  const { staging, fileId } = context;
  await forEachCsvRecord(context, (header) => {
    const columns = new Columns(header);
    const userId = columns.index('user_id');
    const traits = ['O', 'C', 'E', 'A', 'N'].map((name) => ({ name, index: columns.index(name) }));
    if (userId === -1 || traits.some((trait) => trait.index === -1))
      throw new RowProblem('user_id', 'expected the columns employee_name,user_id,O,C,E,A,N');
    return (fields, line) => {
      const id = cell(fields, userId);
      if (id === null) throw new RowProblem('user_id', 'missing user id');
      const values = traits.map(({ name, index }) => {
        const value = cell(fields, index);
        if (value === null || !/^-?\d+(\.\d+)?$/.test(value))
          throw new RowProblem(name, `not a number: ${JSON.stringify(value ?? '')}`);
        return { name, value };
      });
      const ref = staging.ref('userId', id);
      for (const { name, value } of values) staging.attribute(ref, `psychometric.${name}`, value, fileId, line);
    };
  });
}
