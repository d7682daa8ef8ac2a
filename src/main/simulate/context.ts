/**
 * The running simulation: the organisation, the output, each person's usual correspondents,
 * document names, attachment contents, and the log of alerts and DLP matches that the answer
 * key's decoy list is built from.
 */
import { type AlertTemplate, graphAlert } from './alerts';
import { NAMES, PARTNER_DOMAINS, WORDS, documentExtensions } from './catalog';
import { buildPdf, type Mailbox } from './eml';
import type { Document } from './m365';
import { isEmployed, type Organisation, type Person } from './organisation';
import type { SimulationOutput } from './output';
import { createRandom, type Random } from './random';

/** An alert raised during the run (for the answer key's decoys and the summary). */
export interface AlertLogEntry {
  person: number;
  time: number;
  title: string;
  category: string;
  severity: string;
  benign: boolean;
}

/** A DLP match raised during the run. */
export interface DlpLogEntry {
  person: number;
  time: number;
  severity: 'Low' | 'Medium' | 'High';
  undone: boolean;
  benign: boolean;
}

/** Everything the day generator needs besides the person and the day. */
export class Simulation {
  readonly colleagues: number[][];
  /** People by their e-mail address. */
  readonly byEmail: Map<string, Person>;
  readonly partners: Mailbox[][];
  readonly alertLog: AlertLogEntry[] = [];
  readonly dlpLog: DlpLogEntry[] = [];
  /** People who logged on to someone else's computer for ordinary reasons (IT support, a colleague's desk). */
  readonly foreignLogons = new Map<number, number>();
  /** People who deleted many files in a legitimate clean-up. */
  readonly cleanups = new Set<number>();
  /** Ordinary (innocent) departures: resignation day and last working day per person. */
  readonly ordinaryDepartures = new Map<number, { resignationDay: number; lastDay: number }>();
  private incidentNumber = 1000;
  readonly year: number;

  constructor(
    readonly organisation: Organisation,
    readonly output: SimulationOutput,
  ) {
    const random = createRandom(`${organisation.seed}|contacts`);
    this.year = new Date(organisation.start).getUTCFullYear();
    for (const record of organisation.hr) {
      if (record.kind === 'resignation' && record.reason === 'ordinary') this.ordinaryDepartures.set(record.person, { resignationDay: Math.floor((record.time - organisation.start) / 86_400_000), lastDay: record.lastWorkingDay });
    }
    const people = organisation.people;
    this.byEmail = new Map(people.map((person) => [person.email, person]));
    const byTeam = new Map<string, number[]>();
    for (const person of people) byTeam.set(person.team, [...(byTeam.get(person.team) ?? []), person.index]);
    this.colleagues = people.map((person) => {
      const contacts = new Set<number>((byTeam.get(person.team) ?? []).filter((index) => index !== person.index));
      if (person.managerIndex !== null) contacts.add(person.managerIndex);
      for (const other of people) if (other.managerIndex === person.index) contacts.add(other.index);
      for (let extra = random.integer(3, 10); extra > 0 && people.length > 1; extra--) {
        const other = random.pick(people);
        if (other.index !== person.index) contacts.add(other.index);
      }
      return [...contacts];
    });
    this.partners = people.map(() => {
      const count = random.integer(3, 12);
      return Array.from({ length: count }, () => {
        const group = random.pick(['english', 'german', 'french', 'spanish', 'japanese', 'indian'] as const);
        const first = random.pick(NAMES[group].first);
        const last = random.pick(NAMES[group].last);
        const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
        return { name: `${first} ${last}`, address: `${fold(first)}.${fold(last)}@${random.pick(PARTNER_DOMAINS)}` };
      });
    });
  }

  /** The person with this index. */
  person(index: number): Person {
    return this.organisation.people[index]!;
  }

  /** Colleagues of the person employed on that day. */
  colleaguesOn(person: Person, day: number): Person[] {
    return this.colleagues[person.index]!.map((index) => this.person(index)).filter((other) => isEmployed(other, day));
  }

  /** A document of the person's department, optionally of a given subject and extension. */
  document(random: Random, person: Person, subject?: string, extension?: string): Document {
    const chosenSubject = subject ?? random.pick(person.profile.documents);
    const chosenExtension = extension ?? random.pick(documentExtensions(chosenSubject));
    let qualifier: string;
    switch (random.weighted(QUALIFIER_KINDS)) {
      case 0:
        qualifier = `Q${random.integer(1, 4)} FY${String(this.year + random.integer(-1, 1)).slice(2)}`;
        break;
      case 1:
        qualifier = `v${random.integer(1, 9)}`;
        break;
      case 2:
        qualifier = random.pick(REGIONS);
        break;
      case 3:
        qualifier = person.projects.length > 0 ? random.pick(person.projects) : 'Atlas';
        break;
      case 4:
        qualifier = `${this.year}-${String(random.integer(1, 12)).padStart(2, '0')}`;
        break;
      default:
        qualifier = random.chance(0.5) ? 'final' : 'draft';
    }
    const [median, sigma] = DOCUMENT_SIZES[chosenExtension] ?? [100_000, 1];
    return {
      subject: chosenSubject,
      name: `${chosenSubject[0]!.toUpperCase()}${chosenSubject.slice(1)} ${qualifier}.${chosenExtension}`,
      extension: chosenExtension,
      size: Math.max(900, Math.round(random.logNormal(median, sigma))),
      site: person.profile.site,
      folder: random.pick(FOLDERS),
    };
  }

  /** Builds real bytes for a CSV, text or PDF attachment and sets the document's size to match. */
  attachmentData(random: Random, document: Document): { contentType: string; data: Buffer } {
    let data: Buffer;
    let contentType: string;
    if (document.extension === 'csv') {
      const lines = ['Account,Contact,Email,Country,Annual value (USD),Renewal date,Notes'];
      for (let row = random.integer(25, 160); row > 0; row--) {
        const group = random.pick(['english', 'german', 'french', 'spanish', 'japanese'] as const);
        const first = random.pick(NAMES[group].first);
        const last = random.pick(NAMES[group].last);
        const company = `${random.pick(['Harbor', 'Summit', 'Blue Ridge', 'Northgate', 'Ironwood', 'Crescent', 'Lakeside', 'Granite', 'Silverline', 'Oakmont'])} ${random.pick(['Logistics', 'Manufacturing', 'Foods', 'Energy', 'Health', 'Systems', 'Retail', 'Chemicals'])}`;
        const domain = `${company.toLowerCase().replace(/[^a-z]/g, '')}.com`;
        const email = `${first[0]!.toLowerCase()}.${last.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '')}@${domain}`;
        const note = random.chance(0.3) ? `"Key account, ${random.pick(['renewal at risk', 'expansion planned', 'price sensitive'])}"` : '';
        lines.push(`${company},${first} ${last},${email},${random.pick(['US', 'DE', 'GB', 'FR', 'JP', 'SG', 'BR'])},${random.integer(20, 2_000) * 1000},${this.year}-${String(random.integer(1, 12)).padStart(2, '0')}-${String(random.integer(1, 28)).padStart(2, '0')},${note}`);
      }
      data = Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
      contentType = 'text/csv';
    } else if (document.extension === 'pdf') {
      const lines = Array.from({ length: random.integer(12, 40) }, () => sentence(random, WORDS, random.integer(6, 14)));
      data = buildPdf(document.name.replace(/\.pdf$/, ''), lines);
      contentType = 'application/pdf';
    } else {
      data = Buffer.from(Array.from({ length: random.integer(8, 40) }, () => sentence(random, WORDS, random.integer(6, 14))).join('\r\n'), 'utf8');
      contentType = 'text/plain';
    }
    document.size = data.length;
    return { contentType, data };
  }

  /** Raises a Graph security alert and logs it. */
  raiseAlert(random: Random, template: AlertTemplate, person: Person, computer: string, time: number, options: { benign: boolean; status?: 'new' | 'inProgress' | 'resolved'; target?: Person }): void {
    const status = options.status ?? (options.benign ? (random.chance(0.7) ? 'resolved' : 'new') : random.chance(0.8) ? 'new' : 'inProgress');
    this.incidentNumber++;
    this.output.alert(time, graphAlert(random, this.organisation.tenantId, template, person, computer, time, status, this.incidentNumber, options.target));
    this.alertLog.push({ person: person.index, time, title: template.title, category: template.category, severity: template.severity, benign: options.benign });
  }
}

const QUALIFIER_KINDS: readonly (readonly [number, number])[] = [[0, 3], [1, 2], [2, 2], [3, 2], [4, 2], [5, 2]];
const REGIONS = ['EMEA', 'AMER', 'APAC', 'global'];
const FOLDERS = ['General', 'Projects', 'Reports', 'Archive', 'Working', 'Shared', 'Customers', 'Planning'];
/** Median size and log-spread of documents by extension. */
const DOCUMENT_SIZES: Record<string, [number, number]> = { xlsx: [30_000, 0.9], csv: [40_000, 1], docx: [45_000, 0.8], pdf: [180_000, 0.9], pptx: [2_500_000, 0.8], zip: [25_000_000, 1.2], '7z': [20_000_000, 1.2], dwg: [900_000, 0.7], step: [3_000_000, 0.7], bin: [1_500_000, 0.5], txt: [4_000, 0.8], jpg: [2_000_000, 0.6] };

/** A sentence of random words (the r6 `content` style). */
export function sentence(random: Random, words: readonly string[], count: number): string {
  const chosen: string[] = [];
  for (let index = 0; index < count; index++) chosen.push(random.pick(words));
  return chosen.join(' ');
}
