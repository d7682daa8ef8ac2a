/**
 * Pseudonymization: every person-bearing output passes through `presentPerson`, which replaces
 * identifying fields with a stable keyed pseudonym while anonymization is on.
 */
import { createHmac } from 'node:crypto';
import type { PersonView } from '../../shared/contract';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A stable pseudonym like `AnonIS8-988`, keyed by the workstation's pseudonym secret. */
export function pseudonymFor(secret: Buffer, personKey: string): string {
  const digest = createHmac('sha256', secret).update(personKey.toLowerCase()).digest();
  const letters = [digest[0]!, digest[1]!, digest[2]!].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
  const number = digest.readUInt32BE(3) % 1000;
  return `Anon${letters}-${String(number).padStart(3, '0')}`;
}

/** A person row as the repository reads it. */
export interface PersonRecord {
  id: number;
  key: string;
  displayName: string;
  email: string | null;
  department: string | null;
  businessUnit: string | null;
  region: string | null;
  country: string | null;
  title: string | null;
  managerKey: string | null;
  managerName: string | null;
}

/** The one function all person-bearing outputs pass through. */
export function presentPerson(record: PersonRecord, anonymized: boolean, secret: Buffer): PersonView {
  const common = { id: record.id, businessUnit: record.businessUnit, region: record.region, country: record.country, title: record.title };
  if (!anonymized) {
    return {
      ...common,
      displayName: record.displayName,
      pseudonymized: false,
      email: record.email,
      department: record.department,
      manager: record.managerName,
    };
  }
  return {
    ...common,
    displayName: pseudonymFor(secret, record.key),
    pseudonymized: true,
    email: null,
    department: null,
    manager: record.managerKey ? pseudonymFor(secret, record.managerKey) : null,
  };
}
