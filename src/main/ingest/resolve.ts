/**
 * Person resolution at merge time (inside the merge transaction, main database with the staging
 * database attached as `stage`). Every staged identifier (ref) becomes a person id:
 *
 * - roster and HR profile rows tie a person's e-mail, UPN, user id and sAMAccountName together;
 * - an e-mail/UPN or user id that matches an existing person's key or identifier resolves to them;
 * - otherwise a person is created, keyed by the lower-cased e-mail (the user id when no e-mail is
 *   known; a later roster adds the e-mail as an identifier and keeps the key, so pseudonyms stay);
 * - display names are never used to join identifiers (they are not unique): they resolve only when
 *   exactly one person carries the name (supervisors, alert accounts), else stay unresolved.
 *
 * The result is the temp table `pmap(ref, person_id)` the merge joins facts with.
 */
import type { Database } from '../store/database';

interface RefRow {
  ref: number;
  kind: 'email' | 'userId' | 'name';
  value: string;
}

interface DefRow {
  ref: number;
  email: string | null;
  upn: string | null;
  user_id: string | null;
  sam: string | null;
  display_name: string | null;
  department: string | null;
  business_unit: string | null;
  region: string | null;
  country: string | null;
  language: string | null;
  title: string | null;
  manager: string | null;
  supervisor: string | null;
  employment_start: number | null;
  employment_end: number | null;
  file_id: number;
  line: number;
}

/** What resolution did. */
export interface Resolution {
  /** Persons the import's facts and definitions name. */
  persons: number;
  /** Their ids. */
  personIds: number[];
  personsCreated: number;
  warnings: string[];
}

/** Resolves every staged ref to a person (creating persons as needed) and fills temp.pmap. */
export function resolvePersons(db: Database, now: number): Resolution {
  const warnings: string[] = [];
  const refs = db.prepare('SELECT ref, kind, value FROM stage.refs ORDER BY ref').all() as RefRow[];
  const defs = db.prepare('SELECT * FROM stage.person_defs ORDER BY snapshot IS NOT NULL, snapshot, seq').all() as DefRow[];
  const refByKey = new Map<string, number>();
  for (const row of refs) refByKey.set(`${row.kind}\u0000${row.value.toLowerCase()}`, row.ref);
  const refOf = (kind: RefRow['kind'], value: string | null) =>
    value ? refByKey.get(`${kind}\u0000${value.toLowerCase()}`) : undefined;

  // Union-find over refs: a definition joins its e-mail, UPN, user id and sAMAccountName.
  const parent = new Map<number, number>();
  const find = (ref: number): number => {
    let root = ref;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(ref, root);
    return root;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  };
  for (const def of defs) {
    for (const other of [
      refOf('email', def.email),
      refOf('email', def.upn),
      refOf('userId', def.user_id),
      refOf('userId', def.sam),
    ]) {
      if (other !== undefined) union(def.ref, other);
    }
  }

  interface Cluster {
    emails: string[];
    userIds: string[];
    defs: DefRow[];
    personId: number | null;
  }
  const clusters = new Map<number, Cluster>();
  for (const row of refs) {
    if (row.kind === 'name') continue;
    const root = find(row.ref);
    let cluster = clusters.get(root);
    if (!cluster) clusters.set(root, (cluster = { emails: [], userIds: [], defs: [], personId: null }));
    if (row.kind === 'email') cluster.emails.push(row.value.toLowerCase());
    else cluster.userIds.push(row.value);
  }
  for (const def of defs) clusters.get(find(def.ref))?.defs.push(def);

  const byKey = db.prepare<[{ key: string }], { id: number }>('SELECT id FROM persons WHERE key = @key');
  const byAddress = db.prepare<[{ value: string }], { person_id: number }>(
    "SELECT person_id FROM person_identifiers WHERE kind IN ('email', 'upn') AND value = @value",
  );
  const byAccount = db.prepare<[{ value: string }], { person_id: number }>(
    "SELECT person_id FROM person_identifiers WHERE kind IN ('userId', 'samAccountName', 'alias') AND value = @value",
  );
  const byName = db.prepare<[{ value: string }], { person_id: number }>(
    "SELECT person_id FROM person_identifiers WHERE kind = 'displayName' AND value = @value",
  );
  const insertPerson = db.prepare<[{ key: string; displayName: string; now: number }]>(
    'INSERT INTO persons (key, display_name, created_at) VALUES (@key, @displayName, @now)',
  );
  const insertIdentifier = db.prepare<[{ kind: string; value: string; personId: number }]>(
    'INSERT OR IGNORE INTO person_identifiers (kind, value, person_id) VALUES (@kind, @value, @personId)',
  );
  const identifierOwner = db.prepare<[{ kind: string; value: string }], { person_id: number }>(
    'SELECT person_id FROM person_identifiers WHERE kind = @kind AND value = @value',
  );
  const updatePerson = db.prepare(
    `UPDATE persons SET
       display_name = coalesce(@displayName, display_name), email = coalesce(@email, email),
       department = coalesce(@department, department), business_unit = coalesce(@businessUnit, business_unit),
       region = coalesce(@region, region), country = coalesce(@country, country), language = coalesce(@language, language),
       title = coalesce(@title, title), employment_start = coalesce(@employmentStart, employment_start),
       employment_end = coalesce(@employmentEnd, employment_end), file_id = @fileId, line = @line
     WHERE id = @id`,
  );
  const setManager = db.prepare<[{ managerId: number; id: number }]>('UPDATE persons SET manager_id = @managerId WHERE id = @id');

  const lookupAddress = (address: string): number | null => byKey.get({ key: address })?.id ?? byAddress.get({ value: address })?.person_id ?? null;
  const lookupAccount = (account: string): number | null =>
    byAccount.get({ value: account })?.person_id ?? byKey.get({ key: account.toLowerCase() })?.id ?? null;

  let created = 0;
  for (const cluster of clusters.values()) {
    const latest = cluster.defs.at(-1) ?? null;
    const preferredEmail = latest?.email ?? cluster.defs.find((def) => def.email)?.email ?? null;
    const emails = preferredEmail ? [preferredEmail, ...cluster.emails.filter((e) => e !== preferredEmail)] : cluster.emails;
    let personId: number | null = null;
    for (const email of emails) if ((personId = lookupAddress(email)) !== null) break;
    if (personId === null) for (const account of cluster.userIds) if ((personId = lookupAccount(account)) !== null) break;
    if (personId === null) {
      const key = emails[0] ?? cluster.userIds[0]!.toLowerCase();
      const displayName =
        latest?.display_name ?? cluster.defs.find((def) => def.display_name)?.display_name ?? emails[0] ?? cluster.userIds[0]!;
      personId = Number(insertPerson.run({ key, displayName, now }).lastInsertRowid);
      created += 1;
    }
    cluster.personId = personId;
    const claim = (kind: string, value: string | null) => {
      if (!value) return;
      insertIdentifier.run({ kind, value, personId: personId! });
      const owner = identifierOwner.get({ kind, value });
      if (owner && owner.person_id !== personId && warnings.length < 50)
        warnings.push(`${kind} ${value} already belongs to another person; it was not moved`);
    };
    for (const email of emails) claim('email', email);
    for (const account of cluster.userIds) claim('userId', account);
    for (const def of cluster.defs) {
      if (def.upn) claim('upn', def.upn);
      if (def.sam) claim('samAccountName', def.sam);
    }
  }

  // Display names: an identifier only when exactly one person of this import carries the name.
  const nameOwners = new Map<string, Set<number>>();
  for (const cluster of clusters.values()) {
    for (const def of cluster.defs) {
      if (!def.display_name) continue;
      const key = def.display_name.toLowerCase();
      if (!nameOwners.has(key)) nameOwners.set(key, new Set());
      nameOwners.get(key)!.add(cluster.personId!);
    }
  }
  for (const cluster of clusters.values()) {
    const name = cluster.defs.at(-1)?.display_name;
    if (!name) continue;
    if (nameOwners.get(name.toLowerCase())!.size === 1) insertIdentifier.run({ kind: 'displayName', value: name, personId: cluster.personId! });
    else if (warnings.length < 50)
      warnings.push(`display name "${name}" belongs to several persons; it is not used to find them`);
  }
  const lookupName = (name: string): number | null => {
    const owners = nameOwners.get(name.toLowerCase());
    if (owners && owners.size === 1) return [...owners][0]!;
    if (owners && owners.size > 1) return null;
    return byName.get({ value: name })?.person_id ?? null;
  };

  // Attributes and managers from each person's latest definition.
  for (const cluster of clusters.values()) {
    const latest = cluster.defs.at(-1);
    if (!latest) continue;
    updatePerson.run({
      id: cluster.personId,
      displayName: latest.display_name,
      email: latest.email ?? latest.upn,
      department: latest.department,
      businessUnit: latest.business_unit,
      region: latest.region,
      country: latest.country,
      language: latest.language,
      title: latest.title,
      employmentStart: latest.employment_start,
      employmentEnd: latest.employment_end,
      fileId: latest.file_id,
      line: latest.line,
    });
    const managerId = latest.manager ? lookupAddress(latest.manager) : latest.supervisor ? lookupName(latest.supervisor) : null;
    if (managerId !== null && managerId !== cluster.personId) setManager.run({ managerId, id: cluster.personId! });
    else if ((latest.manager || latest.supervisor) && managerId === null && warnings.length < 50) {
      warnings.push(
        `manager ${JSON.stringify(latest.manager ?? latest.supervisor)} of line ${latest.line} matches no single person`,
      );
    }
  }

  db.exec('CREATE TEMP TABLE IF NOT EXISTS pmap (ref INTEGER PRIMARY KEY, person_id INTEGER NOT NULL)');
  db.exec('DELETE FROM temp.pmap');
  const insertMap = db.prepare<[{ ref: number; personId: number }]>('INSERT INTO temp.pmap (ref, person_id) VALUES (@ref, @personId)');
  const touched = new Set<number>();
  for (const row of refs) {
    let personId: number | null;
    if (row.kind === 'name') personId = lookupName(row.value);
    else personId = clusters.get(find(row.ref))!.personId;
    if (personId !== null) {
      insertMap.run({ ref: row.ref, personId });
      if (row.kind !== 'name') touched.add(personId);
    }
  }

  db.exec(
    `INSERT INTO person_attributes (person_id, name, value, file_id, line)
     SELECT m.person_id, a.name, a.value, a.file_id, a.line FROM stage.person_attrs a JOIN temp.pmap m ON m.ref = a.ref WHERE true
     ORDER BY a.rowid
     ON CONFLICT (person_id, name) DO UPDATE SET value = excluded.value, file_id = excluded.file_id, line = excluded.line`,
  );
  return { persons: touched.size, personIds: [...touched].sort((a, b) => a - b), personsCreated: created, warnings };
}
