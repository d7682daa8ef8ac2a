/** Test helper: inserts persons straight into the store (before any importer is involved). */
import type { Database } from '../store/database';

/** A person to insert; key is the lower-cased e-mail. */
export interface TestPerson {
  key: string;
  displayName: string;
  region?: string;
  country?: string;
  department?: string;
  businessUnit?: string;
  title?: string;
}

/** Inserts persons with their e-mail identifier; returns their ids in order. */
export function insertTestPersons(db: Database, persons: TestPerson[]): number[] {
  const insert = db.prepare(
    `INSERT INTO persons (key, display_name, email, department, business_unit, region, country, title, created_at)
     VALUES (@key, @displayName, @key, @department, @businessUnit, @region, @country, @title, 0)`,
  );
  const identifier = db.prepare("INSERT INTO person_identifiers (kind, value, person_id) VALUES ('email', @value, @personId)");
  return db.transaction(() =>
    persons.map((person) => {
      const id = Number(
        insert.run({ department: null, businessUnit: null, region: null, country: null, title: null, ...person }).lastInsertRowid,
      );
      identifier.run({ value: person.key, personId: id });
      return id;
    }),
  )();
}
