/**
 * The private staging database of one import. Parsers write here (journal off, synchronous off);
 * activities go to their own staging file through an ActivityWriter (activityWriter.ts). Nothing is
 * visible to the app until merge.ts copies both into the main database in one transaction. Persons are referred to by `ref`: one per distinct identifier
 * (e-mail/UPN, user id, display name), resolved to person ids only at merge time.
 */
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import type { HrEventKind } from '../../shared/signals';
import type { ActivityWriter, AddActivity } from './activityWriter';

/** Kinds of identifiers a fact can name a person by. */
export type RefKind = 'email' | 'userId' | 'name';

const SCHEMA = `
CREATE TABLE refs (ref INTEGER PRIMARY KEY, kind TEXT NOT NULL, value TEXT NOT NULL);
CREATE TABLE person_defs (
  seq INTEGER PRIMARY KEY, ref INTEGER NOT NULL, email TEXT, upn TEXT, user_id TEXT, sam TEXT, display_name TEXT,
  department TEXT, business_unit TEXT, region TEXT, country TEXT, language TEXT, title TEXT, manager TEXT, supervisor TEXT,
  employment_start INTEGER, employment_end INTEGER, snapshot TEXT, file_id INTEGER NOT NULL, line INTEGER NOT NULL);
CREATE TABLE person_attrs (ref INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, file_id INTEGER NOT NULL, line INTEGER NOT NULL);
CREATE TABLE hr_events (
  ref INTEGER NOT NULL, kind TEXT NOT NULL, time INTEGER NOT NULL, last_working_time INTEGER, old_level TEXT, new_level TEXT,
  demotion INTEGER, rating TEXT, poor_rating INTEGER, remarks TEXT, derived_from_roster INTEGER NOT NULL, detail TEXT,
  file_id INTEGER NOT NULL, line INTEGER NOT NULL);
CREATE TABLE alerts (
  ref INTEGER, account TEXT, time INTEGER NOT NULL, source TEXT NOT NULL, service_source TEXT, external_id TEXT, title TEXT,
  category TEXT, severity TEXT NOT NULL, status TEXT, device TEXT, target TEXT, policy_id TEXT, policy_name TEXT, rule_name TEXT,
  withdrawn INTEGER NOT NULL DEFAULT 0, withdrawn_time INTEGER, file_id INTEGER NOT NULL, line INTEGER NOT NULL);
CREATE TABLE dlp_undos (time INTEGER NOT NULL, target TEXT NOT NULL, policy_id TEXT, file_id INTEGER NOT NULL, line INTEGER NOT NULL);
CREATE TABLE content_items (
  local INTEGER PRIMARY KEY, parent_local INTEGER, class TEXT NOT NULL, name TEXT NOT NULL, extension TEXT, mime TEXT,
  size INTEGER NOT NULL, sha256 TEXT NOT NULL, time INTEGER, sender TEXT, recipients TEXT, subject TEXT, message_id TEXT,
  attachments INTEGER, text_note TEXT, body TEXT, file_id INTEGER NOT NULL, line INTEGER NOT NULL);
CREATE TABLE content_addresses (local INTEGER NOT NULL, address TEXT NOT NULL, role TEXT NOT NULL);
`;

const ROWS_PER_TRANSACTION = 250_000;

/** A person definition: a roster or HR profile row (the latest snapshot's row wins at merge). */
export interface PersonDefinition {
  ref: number;
  email?: string | null;
  upn?: string | null;
  userId?: string | null;
  sam?: string | null;
  displayName?: string | null;
  department?: string | null;
  businessUnit?: string | null;
  region?: string | null;
  country?: string | null;
  language?: string | null;
  title?: string | null;
  /** Manager's e-mail. */
  manager?: string | null;
  /** Supervisor's display name (CERT LDAP). */
  supervisor?: string | null;
  employmentStart?: number | null;
  employmentEnd?: number | null;
  /** `YYYY-MM` of the roster snapshot this row came from. */
  snapshot?: string | null;
  fileId: number;
  line: number;
}

/** An HR event as staged. */
export interface StagedHrEvent {
  ref: number;
  kind: HrEventKind;
  time: number;
  lastWorkingTime?: number | null;
  oldLevel?: string | null;
  newLevel?: string | null;
  demotion?: boolean | null;
  rating?: string | null;
  poorRating?: boolean | null;
  remarks?: string | null;
  derivedFromRoster?: boolean;
  /** Extra columns of the source row. */
  detail?: Record<string, string> | null;
  fileId: number;
  line: number;
}

/** An external alert (DLP match or security alert) as staged. */
export interface StagedAlert {
  ref: number | null;
  account: string | null;
  time: number;
  source: 'dlp' | 'security';
  serviceSource?: string | null;
  externalId?: string | null;
  title?: string | null;
  category?: string | null;
  severity: 'informational' | 'low' | 'medium' | 'high';
  status?: string | null;
  device?: string | null;
  target?: string | null;
  policyId?: string | null;
  policyName?: string | null;
  ruleName?: string | null;
  fileId: number;
  line: number;
}

/** A content item as staged. */
export interface StagedContent {
  parentLocal: number | null;
  class: 'Email' | 'Document' | 'Attachment';
  name: string;
  extension: string | null;
  mime: string | null;
  size: number;
  sha256: string;
  time: number | null;
  sender: string | null;
  recipients: string | null;
  subject: string | null;
  messageId: string | null;
  attachments: number | null;
  textNote: string | null;
  body: string | null;
  fileId: number;
  line: number;
}

const bool = (value: boolean | null | undefined): number | null => (value === null || value === undefined ? null : value ? 1 : 0);

/** The staging database and its writers. */
export class Staging {
  readonly db: Database;
  private readonly refs = new Map<string, number>();
  private readonly insertRef: Statement;
  private readonly insertDef: Statement;
  private readonly insertAttr: Statement;
  private readonly insertHr: Statement;
  private readonly insertAlert: Statement;
  private readonly insertUndo: Statement;
  private readonly insertContent: Statement;
  private readonly insertAddress: Statement;
  private sinceCommit = 0;
  private nextLocal = 1;
  /** Stages one activity: the writer's own `add` (the hot path, activityWriter.ts). */
  readonly activity: AddActivity;
  /** Earliest and latest time of the other staged facts. */
  private earliest = Number.POSITIVE_INFINITY;
  private latest = Number.NEGATIVE_INFINITY;

  private span(time: number): void {
    if (time < this.earliest) this.earliest = time;
    if (time > this.latest) this.latest = time;
  }

  /** Earliest time of every staged fact, activities included (for incremental scoring). */
  get fromTime(): number {
    return Math.min(this.earliest, this.activities.fromTime);
  }

  /** Latest time of every staged fact. */
  get toTime(): number {
    return Math.max(this.latest, this.activities.toTime);
  }

  constructor(
    readonly path: string,
    readonly activities: ActivityWriter,
  ) {
    this.activity = activities.add;
    this.db = new BetterSqlite3(path, { nativeBinding: process.env.IRM_SQLITE_BINDING });
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('locking_mode = EXCLUSIVE');
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma('cache_size = -32768');
    this.db.exec(SCHEMA);
    this.insertRef = this.db.prepare('INSERT INTO refs (ref, kind, value) VALUES (@ref, @kind, @value)');
    this.insertDef = this.db.prepare(
      `INSERT INTO person_defs (ref, email, upn, user_id, sam, display_name, department, business_unit, region, country, language, title,
         manager, supervisor, employment_start, employment_end, snapshot, file_id, line)
       VALUES (@ref, @email, @upn, @userId, @sam, @displayName, @department, @businessUnit, @region, @country, @language, @title,
         @manager, @supervisor, @employmentStart, @employmentEnd, @snapshot, @fileId, @line)`,
    );
    this.insertAttr = this.db.prepare('INSERT INTO person_attrs (ref, name, value, file_id, line) VALUES (@ref, @name, @value, @fileId, @line)');
    this.insertHr = this.db.prepare(
      `INSERT INTO hr_events (ref, kind, time, last_working_time, old_level, new_level, demotion, rating, poor_rating, remarks,
         derived_from_roster, detail, file_id, line)
       VALUES (@ref, @kind, @time, @lastWorkingTime, @oldLevel, @newLevel, @demotion, @rating, @poorRating, @remarks,
         @derivedFromRoster, @detail, @fileId, @line)`,
    );
    this.insertAlert = this.db.prepare(
      `INSERT INTO alerts (ref, account, time, source, service_source, external_id, title, category, severity, status, device, target,
         policy_id, policy_name, rule_name, file_id, line)
       VALUES (@ref, @account, @time, @source, @serviceSource, @externalId, @title, @category, @severity, @status, @device, @target,
         @policyId, @policyName, @ruleName, @fileId, @line)`,
    );
    this.insertUndo = this.db.prepare(
      'INSERT INTO dlp_undos (time, target, policy_id, file_id, line) VALUES (@time, @target, @policyId, @fileId, @line)',
    );
    this.insertContent = this.db.prepare(
      `INSERT INTO content_items (local, parent_local, class, name, extension, mime, size, sha256, time, sender, recipients, subject,
         message_id, attachments, text_note, body, file_id, line)
       VALUES (@local, @parentLocal, @class, @name, @extension, @mime, @size, @sha256, @time, @sender, @recipients, @subject,
         @messageId, @attachments, @textNote, @body, @fileId, @line)`,
    );
    this.insertAddress = this.db.prepare('INSERT INTO content_addresses (local, address, role) VALUES (@local, @address, @role)');
    this.db.exec('BEGIN');
  }

  /** The ref for an identifier (created on first use). E-mails and names are matched case-insensitively. */
  ref(kind: RefKind, value: string): number {
    const key = `${kind}\u0000${value.toLowerCase()}`;
    let ref = this.refs.get(key);
    if (ref === undefined) {
      ref = this.refs.size + 1;
      this.refs.set(key, ref);
      this.insertRef.run({ ref, kind, value: kind === 'email' ? value.toLowerCase() : value });
    }
    return ref;
  }

  /** How many distinct identifiers the import names. */
  get refCount(): number {
    return this.refs.size;
  }

  private counted(rows: number): void {
    this.sinceCommit += rows;
    if (this.sinceCommit >= ROWS_PER_TRANSACTION) {
      this.db.exec('COMMIT');
      this.db.exec('BEGIN');
      this.sinceCommit = 0;
    }
  }

  /** Stages a person definition (roster or HR profile row). */
  personDefinition(definition: PersonDefinition): void {
    this.insertDef.run({
      email: null,
      upn: null,
      userId: null,
      sam: null,
      displayName: null,
      department: null,
      businessUnit: null,
      region: null,
      country: null,
      language: null,
      title: null,
      manager: null,
      supervisor: null,
      employmentStart: null,
      employmentEnd: null,
      snapshot: null,
      ...definition,
    });
    this.counted(1);
  }

  /** Stages an extra attribute of a person. */
  attribute(ref: number, name: string, value: string, fileId: number, line: number): void {
    this.insertAttr.run({ ref, name, value, fileId, line });
    this.counted(1);
  }

  /** Stages an HR event. */
  hrEvent(event: StagedHrEvent): void {
    this.span(event.time);
    this.insertHr.run({
      ref: event.ref,
      kind: event.kind,
      time: event.time,
      lastWorkingTime: event.lastWorkingTime ?? null,
      oldLevel: event.oldLevel ?? null,
      newLevel: event.newLevel ?? null,
      demotion: bool(event.demotion),
      rating: event.rating ?? null,
      poorRating: bool(event.poorRating),
      remarks: event.remarks ?? null,
      derivedFromRoster: event.derivedFromRoster ? 1 : 0,
      detail: event.detail && Object.keys(event.detail).length > 0 ? JSON.stringify(event.detail) : null,
      fileId: event.fileId,
      line: event.line,
    });
    this.counted(1);
  }

  /** Stages an external alert. */
  alert(alert: StagedAlert): void {
    this.span(alert.time);
    this.insertAlert.run({
      serviceSource: null,
      externalId: null,
      title: null,
      category: null,
      status: null,
      device: null,
      target: null,
      policyId: null,
      policyName: null,
      ruleName: null,
      ...alert,
    });
    this.counted(1);
  }

  /** Stages a DlpRuleUndo: earlier matches of the same object (and policy) are withdrawn. */
  dlpUndo(time: number, target: string, policyId: string | null, fileId: number, line: number): void {
    this.insertUndo.run({ time, target, policyId, fileId, line });
    this.counted(1);
  }

  /** Stages a content item and returns its local id (for attachments' parent and addresses). */
  content(item: StagedContent): number {
    const local = this.nextLocal;
    this.nextLocal += 1;
    this.insertContent.run({ local, ...item });
    this.counted(1);
    return local;
  }

  /** Links a staged content item to an address (resolved to a known person at merge). */
  contentAddress(local: number, address: string, role: 'sender' | 'recipient' | 'owner'): void {
    this.insertAddress.run({ local, address, role });
  }

  /** Commits what was written. */
  flush(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.sinceCommit = 0;
  }

  /** Starts a new write transaction after flush (finalisation steps). */
  begin(): void {
    if (!this.db.inTransaction) this.db.exec('BEGIN');
  }

  /** Attaches the finished activities staging file as `acts` (for finalisation). */
  attachActivities(path: string): void {
    this.db.prepare('ATTACH DATABASE @path AS acts').run({ path });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
