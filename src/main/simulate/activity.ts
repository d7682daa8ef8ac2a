/**
 * One person's day: sessions on their computers (work hours in their own time zone, lunch
 * breaks, evenings, weekends, shifts, IT staff at other people's desks), the ordinary activity
 * in them (web, mail, files, SharePoint, USB, printing, the occasional personal webmail or
 * job-board visit, benign alerts and DLP matches), and the scenario actions planned for the day.
 * Computers onboarded to Purview endpoint DLP report file and USB activity in the M365 audit log;
 * the others through the CERT-layout agent files.
 */
import { type AlertTemplate, BENIGN_ALERTS } from './alerts';
import { DAY, MINUTE, isoDate, utcOffsetMinutes, weekday } from './calendar';
import {
  BUSINESS_UPLOAD_SITES, CLOUD_WORDS, HACKING_SITES, HACKING_WORDS, JOB_SITES, JOB_WORDS, LEAK_SITES, LEAK_WORDS, LOCAL_JOB_SITES, MAGIC_BYTES,
  NEWSLETTER_SENDERS, OFFICES, ORGANISATION_DOMAIN, PERSONAL_CLOUD_SITES, WEBMAIL_SITES, WORDS,
} from './catalog';
import { sentence, type Simulation } from './context';
import { buildEml, type Attachment, type Mailbox } from './eml';
import {
  type Document, type DlpLocation, dlpRecord, endpointRecord, hex, inboxRuleRecord, labelChangeRecord, removableMedia, sendRecord, sharePointFileRecord, sharingRecord,
} from './m365';
import { isEmployed, isWorkingDay, personTime, pickSite, type Person } from './organisation';
import { createRandom, randomUuid, type Random } from './random';

/** DLP severities. */
export type Severity = 'Low' | 'Medium' | 'High';

/** A hacking tool download (see HACKING_TOOLS). */
export interface HackingTool {
  host: string;
  path: string;
  file: string;
  threat: string;
  category: 'UnwantedSoftware' | 'Malware' | 'CredentialAccess';
}

/** One step of an injected scenario on a given day. */
export type ScenarioAction = { afterHours: boolean } & (
  | { kind: 'jobSearch'; visits: number }
  | { kind: 'leakSiteVisit'; visits: number }
  | { kind: 'hackingSiteVisit'; visits: number }
  | { kind: 'bulkDownload'; documents: Document[]; sync: boolean }
  | { kind: 'archive'; archive: Document; documents: Document[] }
  | { kind: 'usbCopy'; documents: Document[]; dlp: Severity | null }
  | { kind: 'cloudUpload'; site: string; documents: Document[]; dlp: Severity | null }
  | { kind: 'mail'; to: Mailbox; documents: Document[]; dlp: Severity | null; eml: boolean; client: 'pc' | 'owa'; subject: string; text: string }
  | { kind: 'labelDowngrade'; documents: Document[] }
  | { kind: 'externalShare'; documents: Document[]; anonymous: boolean; to: string }
  | { kind: 'forwardRule'; to: string }
  | { kind: 'localDelete'; documents: Document[] }
  | { kind: 'sharePointDelete'; documents: Document[] }
  | { kind: 'toolDownload'; tool: HackingTool; alert: AlertTemplate | null }
  | { kind: 'securityAlert'; alert: AlertTemplate }
  | { kind: 'usbTools'; files: string[] }
  | { kind: 'foreignLogon'; victim: number; computer: string; opens: Document[]; copies: Document[]; channel: 'usb' | 'cloud'; alert: AlertTemplate | null }
);

interface Session {
  computer: string;
  start: number;
  end: number;
  remote: boolean;
  kind: 'work' | 'evening' | 'weekend' | 'foreign';
}

const SECOND = 1000;
/** Minutes of an ordinary working day; daily rates are per this much session time. */
const WORKDAY_MINUTES = 510;

/** Hosts that are not simply `www.` + the domain. */
const HOSTS: Record<string, string> = {
  'atlassian.net': 'northwindtraders.atlassian.net',
  'zoom.us': 'northwindtraders.zoom.us',
  'slack.com': 'northwindtraders.slack.com',
  'servicenow.com': 'northwindtraders.service-now.com',
  'workday.com': 'wd3.myworkday.com',
  'salesforce.com': 'northwindtraders.my.salesforce.com',
  'concur.com': 'www.concursolutions.com',
  'github.com': 'github.com',
  'mega.nz': 'mega.nz',
  'wetransfer.com': 'wetransfer.com',
  'x.com': 'x.com',
  'linkedin.com/jobs': 'www.linkedin.com',
};

const hostCache = new Map<string, string>();

function hostOf(site: string): string {
  let host = hostCache.get(site);
  if (host === undefined) {
    const domain = site.split('/')[0]!;
    host = HOSTS[site] ?? HOSTS[domain] ?? (domain.split('.').length > 2 && !/\.(co|com|net|org)\.[a-z]{2}$/.test(domain) ? domain : `www.${domain}`);
    hostCache.set(site, host);
  }
  return host;
}

function roundSecond(time: number): number {
  return Math.floor(time / SECOND) * SECOND;
}

function titleCase(text: string): string {
  return text.length > 0 ? `${text[0]!.toUpperCase()}${text.slice(1)}` : text;
}

/** Generates everything one person does on one day (nothing when not employed that day). */
export function simulatePersonDay(simulation: Simulation, person: Person, day: number, actions: readonly ScenarioAction[] = []): void {
  if (!isEmployed(person, day)) return;
  new PersonDay(simulation, person, day).run(actions);
}

class PersonDay {
  private readonly random: Random;
  private readonly scenarioRandom: Random;
  private readonly tenant: string;

  constructor(
    private readonly simulation: Simulation,
    private readonly person: Person,
    private readonly day: number,
  ) {
    const seed = simulation.organisation.seed;
    this.random = createRandom(`${seed}|day|${person.userId}|${day}`);
    this.scenarioRandom = createRandom(`${seed}|scenario-day|${person.userId}|${day}`);
    this.tenant = simulation.organisation.tenantId;
  }

  private get output() {
    return this.simulation.output;
  }

  private at(minute: number): number {
    return roundSecond(personTime(this.simulation.organisation, this.person, this.day, minute));
  }

  private timeIn(session: Session, from = 0.02, to = 0.98): number {
    return roundSecond(session.start + (session.end - session.start) * this.random.uniform(from, to));
  }

  private clientIp(session: Session | null): string {
    if (!session || session.remote) return this.person.homeIp;
    const office = OFFICES.indexOf(this.person.office);
    return `${this.person.office.egress}${office * 16 + 1 + (this.person.index % 14)}`;
  }

  private onboarded(computer: string): boolean {
    return this.simulation.organisation.computers.get(computer)?.onboarded ?? false;
  }

  private session(computer: string, startMinute: number, minutes: number, kind: Session['kind'], remote: boolean): Session {
    const start = this.at(startMinute);
    return { computer, start, end: start + Math.max(5, Math.round(minutes)) * MINUTE, remote, kind };
  }

  run(actions: readonly ScenarioAction[]): void {
    const organisation = this.simulation.organisation;
    const person = this.person;
    const habits = person.habits;
    const random = this.random;
    const working = isWorkingDay(organisation, person, this.day);
    const sessions: Session[] = [];
    if (working) sessions.push(...this.workSessions());
    else if ((!person.absent.has(this.day) || random.chance(0.08)) && !habits.shift && random.chance(habits.weekendRate)) {
      sessions.push(this.session(person.computers[0]!, random.uniform(540, 960), random.uniform(30, 180), 'weekend', true));
    }
    if (working && !habits.shift && random.chance(habits.eveningRate)) {
      sessions.push(this.session(person.computers[0]!, random.uniform(1140, 1350), random.uniform(15, 100), 'evening', true));
    }

    // Scenario steps need a session of the right kind: working hours, or after hours (created if missing).
    const placed: [ScenarioAction, Session][] = [];
    for (const action of actions) {
      if (action.kind === 'foreignLogon') {
        const start = action.afterHours ? this.scenarioRandom.uniform(1140, 1350) : this.scenarioRandom.uniform(720, 800);
        placed.push([action, this.session(action.computer, start, this.scenarioRandom.uniform(12, 60), 'foreign', false)]);
        continue;
      }
      let session = action.afterHours ? sessions.find((candidate) => candidate.kind !== 'work' && candidate.kind !== 'foreign') : sessions.find((candidate) => candidate.kind === 'work');
      if (!session) {
        const computer = person.computers[0]!;
        session = action.afterHours
          ? this.scenarioRandom.chance(0.2)
            ? this.session(computer, this.scenarioRandom.uniform(330, 400), this.scenarioRandom.uniform(45, 90), 'evening', false)
            : this.session(computer, this.scenarioRandom.uniform(1170, 1330), this.scenarioRandom.uniform(45, 150), 'evening', this.scenarioRandom.chance(0.6))
          : this.session(computer, this.scenarioRandom.uniform(570, 780), this.scenarioRandom.uniform(120, 300), 'work', false);
        sessions.push(session);
      }
      placed.push([action, session]);
    }

    for (const session of sessions) {
      this.logon(session);
      this.sessionActivity(session);
    }
    const main = sessions.find((session) => session.kind === 'work');
    if (working && main) this.dailyExtras(main, sessions);
    else if (sessions.length > 0) this.offDayExtras(sessions[0]!);
    this.inboundMail(working);
    for (const [action, session] of placed) {
      if (action.kind === 'foreignLogon') this.logon(session);
      this.perform(action, session);
    }
  }

  private workSessions(): Session[] {
    const person = this.person;
    const habits = person.habits;
    const random = this.random;
    const date = this.simulation.organisation.start + this.day * DAY;
    if (habits.shift) {
      const week = Math.floor((this.day + weekday(this.simulation.organisation.start) + 6) / 7);
      const early = (week + person.index) % 2 === 0;
      return [this.session(person.computers[0]!, (early ? 358 : 838) + random.normal(0, 6), 470 + random.normal(0, 10), 'work', false)];
    }
    let start = habits.startMinute + random.normal(0, 20);
    let length = habits.dayMinutes + random.normal(0, 35);
    if (weekday(date) === 5) length -= random.uniform(0, 70);
    if (random.chance(0.04)) length += random.uniform(60, 180);
    start = Math.max(300, start);
    const primary = person.computers[0]!;
    const sessions: Session[] = [];
    if (random.chance(habits.lunchBreak) && length > 300) {
      const lunch = Math.max(start + 150, Math.min(start + length - 120, random.uniform(710, 790)));
      const back = lunch + random.uniform(25, 65);
      sessions.push(this.session(primary, start, lunch - start, 'work', false));
      sessions.push(this.session(primary, back, start + length - back, 'work', false));
    } else {
      sessions.push(this.session(primary, start, length, 'work', false));
    }
    if (person.computers.length > 1 && random.chance(0.35)) {
      const labStart = start + random.uniform(60, Math.max(61, length - 120));
      sessions.push(this.session(person.computers[1]!, labStart, random.uniform(20, 110), 'work', false));
    }
    return sessions;
  }

  private logon(session: Session): void {
    this.output.cert('logon', session.start, [this.person.userId, session.computer, 'Logon']);
    // Real logs miss some logoffs (crashes, power cuts, laptops closed).
    if (!this.random.chance(0.03)) this.output.cert('logon', session.end, [this.person.userId, session.computer, 'Logoff']);
  }

  // ---- web ----------------------------------------------------------------------------------

  private pagePath(site: string): string {
    const random = this.random;
    const word = () => random.pick(WORDS);
    if (site === 'linkedin.com/jobs') return random.chance(0.6) ? `/jobs/view/${random.characters(10, '0123456789')}/` : `/jobs/search/?keywords=${encodeURIComponent(this.person.baseTitle.toLowerCase())}&location=${encodeURIComponent(this.person.office.city)}`;
    if (JOB_SITES.includes(site)) return random.pick([`/jobs?q=${encodeURIComponent(this.person.baseTitle.toLowerCase()).replace(/%20/g, '+')}&l=${encodeURIComponent(this.person.office.city)}`, `/viewjob?jk=${hex(random, 16)}`, `/job/${word()}-${word()}-${random.characters(8, '0123456789')}`, '/']);
    if (PERSONAL_CLOUD_SITES.includes(site)) return random.pick(['/home', `/s/${random.characters(15, 'abcdefghijklmnopqrstuvwxyz0123456789')}`, `/folder/${random.characters(12, 'abcdefghijklmnopqrstuvwxyz0123456789')}`, '/']);
    switch (random.integer(0, 5)) {
      case 0:
        return '/';
      case 1:
        return `/search?q=${word()}+${word()}`;
      case 2:
        return `/${word()}/${word()}-${word()}-${word()}`;
      case 3:
        return `/${this.simulation.year}/${String(random.integer(1, 12)).padStart(2, '0')}/${word()}-${word()}`;
      case 4:
        return `/article/${random.characters(8, '0123456789')}`;
      default:
        return `/${word()}`;
    }
  }

  private web(session: Session, time: number, url: string, activity: 'WWW Visit' | 'WWW Download' | 'WWW Upload', content: string): void {
    this.output.cert('http', time, [this.person.userId, session.computer, url, activity, content]);
  }

  private visit(session: Session, time: number, site: string, words: readonly string[] = WORDS): void {
    this.web(session, time, `https://${hostOf(site)}${this.pagePath(site)}`, 'WWW Visit', sentence(this.random, words, this.random.integer(4, 9)));
  }

  private jobSite(): string {
    const local = LOCAL_JOB_SITES[this.person.office.countryCode];
    if (local && this.random.chance(0.5)) return this.random.pick(local);
    return this.random.weighted(JOB_SITES.map((site) => [site, site === 'indeed.com' || site === 'linkedin.com/jobs' ? 6 : site === 'glassdoor.com' ? 3 : 1] as const));
  }

  private uploadUrl(site: string, name: string): string {
    const file = encodeURIComponent(name);
    switch (site) {
      case 'dropbox.com':
        return `https://www.dropbox.com/home/Uploads?preview=${file}`;
      case 'drive.google.com':
        return `https://drive.google.com/upload/drive/v3/files?uploadType=resumable&name=${file}`;
      case 'mega.nz':
        return `https://mega.nz/fm/${this.random.characters(8, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}?upload=${file}`;
      case 'wetransfer.com':
        return `https://wetransfer.com/api/v4/transfers/${hex(this.random, 32)}/files?name=${file}`;
      default:
        return `https://${hostOf(site)}/upload?name=${file}`;
    }
  }

  private upload(session: Session, time: number, site: string, document: Document, path: string, dlp: Severity | null): void {
    const url = this.uploadUrl(site, document.name);
    if (this.onboarded(session.computer)) {
      // The proxy sees only a visit; the endpoint agent reports the upload itself.
      this.web(session, time, url, 'WWW Visit', sentence(this.random, CLOUD_WORDS, 6));
      this.output.audit(time + SECOND, this.person.email, 'FileUploadedToCloud', endpointRecord(this.random, this.tenant, this.person, time + SECOND, 'FileUploadedToCloud', session.computer, path, this.clientIp(session), { FileSize: document.size, TargetDomain: site.split('/')[0], TargetUrl: url, DestinationLocationType: 4 }));
      if (dlp) this.dlp(time + 2 * SECOND, dlp, 3, { workload: 'Endpoint', computer: session.computer, path, destination: 'Cloud' }, false);
    } else {
      this.web(session, time, url, 'WWW Upload', `${MAGIC_BYTES[document.extension] ?? ''} ${sentence(this.random, WORDS, 8)}`.trim());
    }
  }

  // ---- files ------------------------------------------------------------------------------

  private localPath(document: Document, folder = 'Documents', owner: Person = this.person): string {
    return `C:\\Users\\${owner.userId}\\${folder}\\${document.name}`;
  }

  private fileContent(document: Document): string {
    return `${MAGIC_BYTES[document.extension] ?? ''} ${sentence(this.random, WORDS, this.random.integer(6, 14))}`.trim();
  }

  private fileRow(session: Session, time: number, path: string, activity: 'File Open' | 'File Write' | 'File Copy' | 'File Delete', toRemovable: boolean, fromRemovable: boolean, content: string): void {
    this.output.cert('file', time, [this.person.userId, session.computer, path, activity, toRemovable ? 'True' : 'False', fromRemovable ? 'True' : 'False', content]);
  }

  private endpoint(session: Session, time: number, operation: string, path: string, extra: Record<string, unknown> = {}): void {
    this.output.audit(time, this.person.email, operation, endpointRecord(this.random, this.tenant, this.person, time, operation, session.computer, path, this.clientIp(session), extra));
  }

  /** USB use: a connect (or mount), copies to or from the stick, a disconnect. */
  private usb(session: Session, time: number, documents: readonly Document[], direction: 'to' | 'from', dlp: Severity | null, folder = 'Documents'): number {
    const random = this.random;
    const drive = random.pick(['E:', 'E:', 'F:', 'D:']);
    const usbFolders = random.sample(['Backup', 'Docs', 'Projects', 'Photos', 'Install', 'Transfer', 'Work'], random.integer(1, 3));
    let clock = time;
    if (this.onboarded(session.computer)) {
      const media = removableMedia(random);
      this.endpoint(session, clock, 'RemovableMediaMount', `${drive}\\`, { RemovableMediaDeviceAttributes: media, DestinationLocationType: 2 });
      for (const document of documents) {
        clock += SECOND * random.integer(2, 25);
        if (direction === 'to') {
          const target = `${drive}\\${usbFolders[0]}\\${document.name}`;
          this.endpoint(session, clock, 'FileCopiedToRemovableMedia', this.localPath(document, folder), { FileSize: document.size, TargetFilePath: target, DestinationLocationType: 2, RemovableMediaDeviceAttributes: media });
        }
      }
      if (dlp && direction === 'to' && documents.length > 0) this.dlp(clock + SECOND, dlp, Math.max(3, documents.length * 4), { workload: 'Endpoint', computer: session.computer, path: this.localPath(documents[0]!, folder), destination: 'RemovableMedia' }, false);
    } else {
      this.output.cert('device', clock, [this.person.userId, session.computer, [`${drive}\\`, ...usbFolders.map((name) => `${drive}\\${name}`)].join(';'), 'Connect']);
      for (const document of documents) {
        clock += SECOND * random.integer(2, 25);
        if (direction === 'to') this.fileRow(session, clock, `${drive}\\${usbFolders[0]}\\${document.name}`, 'File Copy', true, false, this.fileContent(document));
        else this.fileRow(session, clock, this.localPath(document, folder), 'File Copy', false, true, this.fileContent(document));
      }
      if (!random.chance(0.04)) this.output.cert('device', Math.min(session.end, clock + MINUTE * random.integer(1, 40)), [this.person.userId, session.computer, '', 'Disconnect']);
    }
    return clock;
  }

  // ---- SharePoint -------------------------------------------------------------------------

  private sharePoint(session: Session | null, time: number, operation: string, document: Document, options: { oneDrive?: boolean; sync?: boolean; renamedTo?: string } = {}): void {
    this.output.audit(time, this.person.email, operation, sharePointFileRecord(this.random, this.tenant, this.person, time, operation, document, this.clientIp(session), options));
  }

  // ---- mail -------------------------------------------------------------------------------

  private dlp(time: number, severity: Severity, count: number, location: DlpLocation, benign: boolean, undo = false): void {
    const random = this.random;
    const policy = location.workload === 'Exchange' || location.workload === 'SharePoint' ? random.weighted([[0, 3], [1, 2], [2, 3], [3, 1]]) : random.weighted([[2, 3], [3, 2], [0, 1]]);
    const incident = randomUuid(random);
    this.output.audit(time, this.person.email, 'DlpRuleMatch', dlpRecord(random, this.tenant, this.person, time, 'DlpRuleMatch', policy, severity, location, incident, count));
    if (undo) {
      const later = time + MINUTE * random.integer(3, 240);
      this.output.audit(later, this.person.email, 'DlpRuleUndo', dlpRecord(random, this.tenant, this.person, later, 'DlpRuleUndo', policy, severity, location, incident, count));
    }
    this.simulation.dlpLog.push({ person: this.person.index, time, severity, undone: undo, benign });
  }

  private mailText(random: Random, recipient: string, documents: readonly Document[]): { subject: string; text: string; content: string } {
    const topic = documents[0]?.name.replace(/\.[^.]+$/, '') ?? titleCase(sentence(random, WORDS, random.integer(2, 4)));
    const subjectKind = random.weighted([[0, 3], [1, 2], [2, 1], [3, 1]]);
    const subject = subjectKind === 0 ? topic : subjectKind === 1 ? `RE: ${topic}` : subjectKind === 2 ? `FW: ${topic}` : `${titleCase(random.pick(WORDS))} ${random.pick(WORDS)} - ${this.person.profile.department}`;
    const greeting = recipient.split(/[.@]/)[0]!;
    const sentences = Array.from({ length: random.integer(1, 3) }, () => sentence(random, WORDS, random.integer(5, 12)));
    const body = [`Hi ${titleCase(greeting)},`, '', ...sentences.map((line) => `${titleCase(line)}.`), '', documents.length > 0 ? 'Please find the file attached.' : 'Thanks.', '', 'Best regards,', this.person.displayName, `${this.person.profile.department} | Northwind Traders`];
    return { subject, text: body.join('\n'), content: sentences.join(' ') };
  }

  /** Sends one message: a CERT Send row (or an M365 Send from the web or phone), Receive rows for internal recipients, DLP, and an .eml when asked. */
  private sendMail(session: Session | null, time: number, message: { to: Mailbox[]; cc: Mailbox[]; bcc: Mailbox[]; documents: Document[]; subject: string; text: string; content: string; html?: string; client: 'pc' | 'owa' | 'mobile'; dlp: { severity: Severity; undo: boolean; benign: boolean } | null; eml: boolean }, random: Random = this.random): void {
    const person = this.person;
    const attachments: Attachment[] = message.eml ? message.documents.map((document) => ({ name: document.name, ...this.simulation.attachmentData(random, document) })) : [];
    const bodySize = Buffer.byteLength(message.text) + (message.html ? Buffer.byteLength(message.html) : 0) + random.integer(1500, 9000);
    const size = bodySize + message.documents.reduce((total, document) => total + Math.round(document.size * 1.37), 0);
    const attachmentText = message.documents.map((document) => `${document.name}(${document.size})`).join(';');
    const content = message.content;
    const addresses = (mailboxes: Mailbox[]) => mailboxes.map((mailbox) => mailbox.address).join(';');
    if (message.client === 'pc' && session) {
      this.output.cert('email', time, [person.userId, session.computer, addresses(message.to), addresses(message.cc), addresses(message.bcc), person.email, 'Send', String(size), attachmentText, content]);
    } else {
      this.output.audit(time, person.email, 'Send', sendRecord(random, this.tenant, person, time, message.subject, size, message.documents, this.clientIp(session), message.client === 'owa' ? 'OWA' : 'Mobile'));
    }
    for (const mailbox of [...message.to, ...message.cc, ...message.bcc]) {
      const recipient = this.simulation.byEmail.get(mailbox.address);
      if (!recipient || !isEmployed(recipient, this.day) || recipient.computers.length === 0) continue;
      this.output.cert('email', time + SECOND * random.integer(1, 30), [recipient.userId, recipient.computers[0]!, addresses(message.to), addresses(message.cc), '', person.email, 'Receive', String(size), attachmentText, content]);
    }
    const externalTo = [...message.to, ...message.cc, ...message.bcc].filter((mailbox) => !mailbox.address.endsWith(`@${ORGANISATION_DOMAIN}`));
    if (message.dlp) {
      const messageId = `<${hex(random, 24).toUpperCase()}@${ORGANISATION_DOMAIN}>`;
      this.dlp(time + SECOND * random.integer(2, 40), message.dlp.severity, random.integer(message.dlp.severity === 'High' ? 12 : 1, message.dlp.severity === 'High' ? 400 : 9), { workload: 'Exchange', subject: message.subject, from: person.email, to: externalTo.map((mailbox) => mailbox.address), cc: message.cc.map((mailbox) => mailbox.address), size, messageId }, message.dlp.benign, message.dlp.undo);
    }
    if (message.eml) {
      const eml = buildEml({
        from: { name: person.displayName, address: person.email },
        to: message.to,
        cc: message.cc,
        subject: message.subject,
        time,
        offsetMinutes: utcOffsetMinutes(person.office.timeZone, time),
        messageId: `<${hex(random, 16).toUpperCase()}.${hex(random, 8).toUpperCase()}@${ORGANISATION_DOMAIN}>`,
        text: message.text,
        html: message.html,
        attachments,
        bodyEncoding: random.chance(0.7) ? 'quoted-printable' : 'base64',
        boundary: `----=_NextPart_${hex(random, 12)}`,
        extraHeaders: [['X-MS-Has-Attach', attachments.length > 0 ? 'yes' : ''], ['Content-Language', person.language]],
      });
      this.output.content(`${isoDate(time)}_${hex(random, 12)}.eml`, eml);
    }
  }

  private ordinarySend(session: Session | null, time: number, client: 'pc' | 'owa' | 'mobile'): void {
    const random = this.random;
    const habits = this.person.habits;
    const external = random.chance(habits.externalMail);
    const colleagues = this.simulation.colleaguesOn(this.person, this.day).map((other) => ({ name: other.displayName, address: other.email }));
    const partners = this.simulation.partners[this.person.index]!;
    let to: Mailbox[];
    let cc: Mailbox[] = [];
    if (external || colleagues.length === 0) {
      to = random.sample(partners, random.weighted([[1, 8], [2, 2]]));
      if (colleagues.length > 0 && random.chance(0.3)) cc = random.sample(colleagues, 1);
    } else {
      to = random.sample(colleagues, random.weighted([[1, 12], [2, 5], [3, 2], [5, 1]]));
      if (random.chance(0.25)) cc = random.sample(colleagues.filter((mailbox) => !to.includes(mailbox)), random.integer(1, 2));
    }
    const bcc: Mailbox[] = random.chance(0.02) && colleagues.length > 0 ? random.sample(colleagues, 1) : [];
    const eml = random.chance(0.0008);
    const documents = random.chance(habits.attachmentRate) ? Array.from({ length: random.weighted([[1, 8], [2, 2]]) }, () => this.simulation.document(random, this.person, undefined, eml ? random.pick(['pdf', 'csv']) : undefined)) : [];
    const dlp = external && documents.length > 0 && random.chance(habits.dlpRate) ? { severity: random.weighted<Severity>([['Low', 75], ['Medium', 22], ['High', 3]]), undo: random.chance(0.25), benign: true } : null;
    const { subject, text, content } = this.mailText(random, to[0]!.address, documents);
    this.sendMail(session, time, { to, cc, bcc, documents, subject, text, content, html: eml && random.chance(0.5) ? htmlBody(text) : undefined, client, dlp, eml });
  }

  private inboundMail(working: boolean): void {
    const random = this.random;
    const person = this.person;
    if (person.computers.length === 0) return;
    const count = random.poisson(working ? person.habits.mailPerDay * 0.6 : 0.6);
    const partners = this.simulation.partners[person.index]!;
    for (let index = 0; index < count; index++) {
      const time = this.at(Math.min(1439, Math.max(0, random.normal(780, 220))));
      const newsletter = random.chance(0.5);
      const from = newsletter ? random.pick(NEWSLETTER_SENDERS) : random.pick(partners).address;
      const size = random.integer(4000, newsletter ? 90_000 : 40_000);
      const attachments = !newsletter && random.chance(0.2) ? `${titleCase(random.pick(WORDS))} ${random.pick(WORDS)}.pdf(${random.integer(30_000, 900_000)})` : '';
      this.output.cert('email', time, [person.userId, person.computers[0]!, person.email, '', '', from, 'Receive', String(size), attachments, sentence(random, WORDS, random.integer(6, 16))]);
    }
    // Now and then an HTML newsletter is kept as content (hostile input for the content viewer).
    if (working && random.chance(0.0015)) {
      const time = this.at(random.uniform(420, 1080));
      const sender = random.pick(NEWSLETTER_SENDERS);
      const text = Array.from({ length: random.integer(3, 8) }, () => `${titleCase(sentence(random, WORDS, random.integer(8, 18)))}.`).join('\n\n');
      const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font-family:Segoe UI,Arial}</style></head><body><table width="600"><tr><td><img src="https://${sender.split('@')[1]}/email/header.png" alt="logo" width="600"></td></tr>${text.split('\n\n').map((paragraph) => `<tr><td><p>${paragraph}</p></td></tr>`).join('')}<tr><td><a href="https://${sender.split('@')[1]}/unsubscribe?u=${hex(random, 16)}">Unsubscribe</a><img src="https://${sender.split('@')[1]}/open.gif?id=${hex(random, 20)}" width="1" height="1"></td></tr></table>${random.chance(0.3) ? '<script>document.location="https://tracker.example/"</script><a href="javascript:alert(1)">View in browser</a>' : ''}</body></html>`;
      const eml = buildEml({ from: { name: titleCase(sender.split('@')[1]!.split('.')[0]!), address: sender }, to: [{ name: person.displayName, address: person.email }], cc: [], subject: titleCase(sentence(random, WORDS, random.integer(3, 7))), time, offsetMinutes: 0, messageId: `<${hex(random, 20)}@${sender.split('@')[1]}>`, text, html, attachments: [], bodyEncoding: random.chance(0.5) ? 'quoted-printable' : 'base64', boundary: `b1_${hex(random, 24)}` });
      this.output.content(`${isoDate(time)}_${hex(random, 12)}.eml`, eml);
      this.output.cert('email', time, [person.userId, person.computers[0]!, person.email, '', '', sender, 'Receive', String(Buffer.byteLength(eml)), '', sentence(random, WORDS, 12)]);
    }
  }

  // ---- ordinary activity ------------------------------------------------------------------

  private sessionActivity(session: Session): void {
    if (session.kind === 'foreign') return;
    const random = this.random;
    const person = this.person;
    const habits = person.habits;
    const hours = (session.end - session.start) / 3_600_000;
    const share = (hours * 60) / WORKDAY_MINUTES;
    const intensity = session.kind === 'work' ? 1 : 0.6;
    const secondary = session.computer !== person.computers[0];

    for (let count = random.poisson(habits.webPerHour * hours * intensity); count > 0; count--) {
      const time = this.timeIn(session);
      const site = pickSite(random, habits.sites);
      if (random.chance(0.025)) {
        const extension = random.pick(['pdf', 'pdf', 'docx', 'xlsx', 'zip', 'exe', 'msi']);
        this.web(session, time, `https://${hostOf(site)}/downloads/${random.pick(WORDS)}-${random.pick(WORDS)}.${extension}`, 'WWW Download', `${MAGIC_BYTES[extension] ?? '4D-5A-90-00-03-00-00-00'} ${sentence(random, WORDS, 6)}`.trim());
      } else this.visit(session, time, site);
    }
    if (secondary) return;
    for (let count = random.poisson(habits.mailPerDay * share * intensity); count > 0; count--) {
      const client = random.chance(habits.mobileMail) ? 'owa' : 'pc';
      this.ordinarySend(session, this.timeIn(session), client);
    }
    const colleagues = this.simulation.colleaguesOn(person, this.day);
    for (let count = random.poisson(1.2 * share); count > 0 && colleagues.length > 0; count--) {
      const from = random.pick(colleagues);
      this.output.cert('email', this.timeIn(session), [person.userId, session.computer, person.email, '', '', from.email, 'View', String(random.integer(3000, 60_000)), '', sentence(random, WORDS, random.integer(6, 16))]);
    }
    const onboarded = this.onboarded(session.computer);
    const fileOperations = random.poisson(habits.fileOpsPerDay * share);
    for (let count = 0; count < fileOperations; count++) {
      const document = this.simulation.document(random, person);
      const time = this.timeIn(session);
      const folder = random.weighted([['Documents', 6], ['Desktop', 2], ['Downloads', 2]]);
      if (onboarded) {
        const roll = random.next();
        if (roll < 0.04) this.endpoint(session, time, 'FileDeleted', this.localPath(document, folder));
        else if (roll < 0.06) {
          const renamed = random.chance(0.9) ? document.name.replace(/(\.[^.]+)$/, ` ${random.pick(['final', 'v2', 'old', 'copy'])}$1`) : `${document.name.replace(/\.[^.]+$/, '')}.${random.pick(['pdf', 'bak', 'txt'])}`;
          this.endpoint(session, time, 'FileRenamed', this.localPath(document, folder), { TargetFilePath: `C:\\Users\\${person.userId}\\${folder}\\${renamed}` });
        } else if (roll < 0.065) {
          this.endpoint(session, time, 'FileArchived', `C:\\Users\\${person.userId}\\${folder}\\${document.name.replace(/\.[^.]+$/, '')}.zip`, { FileSize: document.size });
        }
      } else {
        const activity = random.weighted<'File Open' | 'File Write' | 'File Copy' | 'File Delete'>([['File Open', 55], ['File Write', 30], ['File Copy', 7], ['File Delete', 8]]);
        this.fileRow(session, time, this.localPath(document, folder), activity, false, false, this.fileContent(document));
      }
    }
    if (onboarded) {
      for (let count = random.poisson(habits.printsPerDay * share); count > 0; count--) {
        const document = this.simulation.document(random, person);
        this.endpoint(session, this.timeIn(session), 'FilePrinted', this.localPath(document), { FileSize: document.size, TargetPrinterName: `\\\\print01\\${person.office.city.replace(/[^A-Za-z]/g, '')}-${random.pick(['MFP', 'Floor', 'Color'])}${random.integer(1, 6)}` });
      }
    }
    const spShare = share * (session.remote ? 0.7 : 1);
    for (let count = random.poisson(habits.sharepointPerDay * spShare); count > 0; count--) this.sharePoint(session, this.timeIn(session), 'FileAccessed', this.simulation.document(random, person), { oneDrive: random.chance(0.2) });
    for (let count = random.poisson(habits.downloadsPerDay * spShare); count > 0; count--) this.sharePoint(session, this.timeIn(session), 'FileDownloaded', this.simulation.document(random, person), { oneDrive: random.chance(0.15) });
    for (let count = random.poisson(0.8 * spShare); count > 0; count--) this.sharePoint(session, this.timeIn(session), 'FileUploaded', this.simulation.document(random, person), { oneDrive: random.chance(0.4) });
    for (let count = random.poisson(0.2 * spShare); count > 0; count--) this.sharePoint(session, this.timeIn(session), 'FileDeleted', this.simulation.document(random, person));
    for (let count = random.poisson(0.06 * spShare); count > 0; count--) {
      const document = this.simulation.document(random, person);
      this.sharePoint(session, this.timeIn(session), 'FileRenamed', document, { renamedTo: document.name.replace(/(\.[^.]+)$/, ` ${random.pick(['final', 'v2', 'reviewed'])}$1`) });
    }
    for (let count = random.poisson(0.25 * spShare); count > 0 && colleagues.length > 0; count--) {
      const time = this.timeIn(session);
      this.output.audit(time, person.email, 'SharingSet', sharingRecord(random, this.tenant, person, time, 'SharingSet', this.simulation.document(random, person), this.clientIp(session), { address: random.pick(colleagues).email, type: 'Member' }));
    }
    for (let count = random.poisson(0.08 * spShare); count > 0; count--) {
      const time = this.timeIn(session);
      this.output.audit(time, person.email, 'CompanyLinkCreated', sharingRecord(random, this.tenant, person, time, 'CompanyLinkCreated', this.simulation.document(random, person), this.clientIp(session), null));
    }
  }

  /** The less frequent parts of a working day: USB, personal browsing, uploads, sharing, alerts, desk visits. */
  private dailyExtras(main: Session, sessions: Session[]): void {
    const random = this.random;
    const person = this.person;
    const habits = person.habits;
    const organisation = this.simulation.organisation;
    const anySession = () => random.pick(sessions.filter((session) => session.kind !== 'foreign'));
    if (random.chance(habits.usbRate)) {
      const big = random.chance(0.04);
      const count = big ? random.integer(20, 70) : Math.max(1, Math.round(random.logNormal(habits.usbFiles, 0.5)));
      const documents = Array.from({ length: count }, () => this.simulation.document(random, person));
      const direction = random.chance(0.65) ? 'to' : 'from';
      this.usb(main, this.timeIn(main, 0.1, 0.8), documents, direction, direction === 'to' && random.chance(0.03) ? 'Low' : null);
    }
    if (random.chance(habits.jobSiteRate)) {
      const session = random.chance(0.5) ? anySession() : main;
      for (let count = random.integer(2, 8); count > 0; count--) this.visit(session, this.timeIn(session), this.jobSite(), JOB_WORDS);
    }
    if (random.chance(habits.webmailVisitRate)) {
      const session = anySession();
      const site = random.pick(WEBMAIL_SITES);
      for (let count = random.integer(1, 4); count > 0; count--) this.visit(session, this.timeIn(session), site);
    }
    if (random.chance(habits.cloudVisitRate)) {
      const session = anySession();
      const site = random.pick(PERSONAL_CLOUD_SITES);
      for (let count = random.integer(1, 4); count > 0; count--) this.visit(session, this.timeIn(session), site, CLOUD_WORDS);
      if (random.chance(0.3)) this.web(session, this.timeIn(session), `https://${hostOf(site)}/s/${random.characters(15, 'abcdefghijklmnopqrstuvwxyz0123456789')}/${random.pick(WORDS)}.pdf?dl=1`, 'WWW Download', `${MAGIC_BYTES.pdf} ${sentence(random, CLOUD_WORDS, 5)}`);
    }
    if (random.chance(habits.cloudUploadRate)) {
      const site = random.pick(['wetransfer.com', 'dropbox.com', 'box.com', 'wetransfer.com']);
      let time = this.timeIn(main, 0.1, 0.8);
      for (let count = random.integer(1, 5); count > 0; count--) {
        const document = this.simulation.document(random, person);
        time += SECOND * random.integer(20, 300);
        this.upload(main, time, site, document, this.localPath(document), null);
      }
    }
    if (random.chance(0.08)) {
      const site = random.pick(BUSINESS_UPLOAD_SITES);
      for (let count = random.integer(1, 2); count > 0; count--) {
        const document = this.simulation.document(random, person, random.pick(['expense receipts', 'travel invoice', 'support case attachment', 'signed form']), 'pdf');
        this.upload(main, this.timeIn(main), site, document, this.localPath(document, 'Downloads'), null);
      }
    }
    if (random.chance(habits.personalMailRate)) {
      const withAttachment = random.chance(0.5);
      const documents = withAttachment ? [random.chance(0.8) ? this.simulation.document(random, person, random.pick(['boarding pass', 'payslip', 'tax form', 'rental agreement', 'holiday photos']), random.pick(['pdf', 'jpg'])) : this.simulation.document(random, person)] : [];
      const { subject, text, content } = this.mailText(random, person.personalEmail, documents);
      this.sendMail(main, this.timeIn(main), { to: [{ address: person.personalEmail }], cc: [], bcc: [], documents, subject, text, content, client: 'pc', dlp: null, eml: false });
    }
    if (random.chance(habits.externalShareRate)) {
      const partner = random.pick(this.simulation.partners[person.index]!);
      for (let count = random.integer(1, 3); count > 0; count--) {
        const time = this.timeIn(main);
        const document = this.simulation.document(random, person);
        if (random.chance(0.25)) this.output.audit(time, person.email, 'AnonymousLinkCreated', sharingRecord(random, this.tenant, person, time, 'AnonymousLinkCreated', document, this.clientIp(main), null));
        else this.output.audit(time, person.email, 'SharingSet', sharingRecord(random, this.tenant, person, time, 'SharingSet', document, this.clientIp(main), { address: partner.address, type: 'Guest' }));
      }
    }
    if (random.chance(0.006)) {
      const time = this.timeIn(main);
      const upgrade = random.chance(0.85);
      const from = upgrade ? random.integer(0, 2) : random.integer(1, 3);
      this.output.audit(time, person.email, 'FileSensitivityLabelChanged', labelChangeRecord(random, this.tenant, person, time, this.simulation.document(random, person), this.clientIp(main), from, upgrade ? from + 1 : from - 1));
    }
    const date = new Date(organisation.start + this.day * DAY);
    const monthEnd = date.getUTCDate() >= 27 || date.getUTCDate() <= 3;
    if (random.chance(person.profile.functionalUnit === 'Finance' && monthEnd ? 0.02 : 0.001)) {
      const sync = random.chance(0.5);
      let time = this.timeIn(main, 0.1, 0.7);
      for (let count = random.integer(50, 250); count > 0; count--) {
        time += SECOND * random.integer(1, 12);
        this.sharePoint(main, time, sync ? 'FileSyncDownloadedFull' : 'FileDownloaded', this.simulation.document(random, person), { sync });
      }
    }
    if (habits.mobileMail > 0 && random.chance(0.25)) {
      for (let count = random.integer(1, 2); count > 0; count--) this.ordinarySend(null, this.at(random.uniform(1140, 1380)), 'mobile');
    }
    if (random.chance(0.0005)) {
      const time = this.timeIn(main);
      this.output.audit(time, person.email, 'New-InboxRule', inboxRuleRecord(random, this.tenant, person, time, random.pick(['Newsletters', 'Move Jira mail', 'Vendors']), this.clientIp(main), [['From', random.pick(NEWSLETTER_SENDERS)], ['MoveToFolder', 'Newsletters'], ['StopProcessingRules', 'True']]));
    }
    if (random.chance(0.001)) {
      // A clean-up of an old project folder: many deletions for a good reason.
      const documents = Array.from({ length: random.integer(40, 180) }, () => this.simulation.document(random, person));
      let time = this.timeIn(main, 0.1, 0.8);
      const local = random.chance(0.5);
      for (const document of documents) {
        time += SECOND * random.integer(0, 3);
        if (!local) this.sharePoint(main, time, 'FileDeleted', document);
        else if (this.onboarded(main.computer)) this.endpoint(main, time, 'FileDeleted', this.localPath(document, 'Documents'));
        else this.fileRow(main, time, this.localPath(document, 'Documents'), 'File Delete', false, false, this.fileContent(document));
      }
      this.simulation.cleanups.add(person.index);
    }
    this.ordinaryDeparture(main);
    this.benignAlerts(main);
    this.otherDesks(main);
  }

  /** Innocent leavers: job hunting before resigning, and taking their own things (photos, CV, payslips) in the last days. */
  private ordinaryDeparture(main: Session): void {
    const departure = this.simulation.ordinaryDepartures.get(this.person.index);
    if (!departure) return;
    const random = this.random;
    const person = this.person;
    if (this.day < departure.resignationDay && this.day >= departure.resignationDay - 25 && random.chance(0.3)) {
      for (let count = random.integer(2, 7); count > 0; count--) this.visit(main, this.timeIn(main), this.jobSite(), JOB_WORDS);
    }
    if (this.day >= departure.lastDay - 3 && this.day <= departure.lastDay && random.chance(0.3)) {
      const personal = ['holiday photos', 'CV', 'payslip', 'reference letter', 'tax form', 'team farewell photos'];
      const documents = Array.from({ length: random.integer(3, 15) }, () => this.simulation.document(random, person, random.pick(personal), random.pick(['pdf', 'jpg', 'docx'])));
      if (random.chance(0.6)) this.usb(main, this.timeIn(main, 0.2, 0.9), documents, 'to', null);
      else {
        const { subject, text, content } = this.mailText(random, person.personalEmail, documents.slice(0, 2));
        this.sendMail(main, this.timeIn(main), { to: [{ address: person.personalEmail }], cc: [], bcc: [], documents: documents.slice(0, 2), subject, text, content, client: 'pc', dlp: null, eml: false });
      }
    }
  }

  private offDayExtras(session: Session): void {
    const random = this.random;
    const habits = this.person.habits;
    if (random.chance(habits.jobSiteRate * 1.5)) for (let count = random.integer(1, 5); count > 0; count--) this.visit(session, this.timeIn(session), this.jobSite(), JOB_WORDS);
    if (random.chance(habits.webmailVisitRate)) for (let count = random.integer(1, 3); count > 0; count--) this.visit(session, this.timeIn(session), random.pick(WEBMAIL_SITES));
  }

  private benignAlerts(main: Session): void {
    const random = this.random;
    const person = this.person;
    const unit = person.profile.functionalUnit;
    const perWorkday = (overPeriod: number) => overPeriod / 64;
    const raise = (template: AlertTemplate) => this.simulation.raiseAlert(random, template, person, main.computer, this.timeIn(main), { benign: true });
    if (random.chance(perWorkday(0.03))) raise(BENIGN_ALERTS.adware!);
    if (random.chance(perWorkday(0.01))) raise(BENIGN_ALERTS.wacatac!);
    if (unit === 'Information Technology' && random.chance(perWorkday(0.15))) raise(BENIGN_ALERTS.powershell!);
    if ((person.profile.department === 'Software Engineering' || person.profile.department === 'Infrastructure') && random.chance(perWorkday(0.04))) raise(BENIGN_ALERTS.exclusion!);
    if (person.profile.department === 'Information Security' && random.chance(perWorkday(0.3))) raise(BENIGN_ALERTS.nmap!);
  }

  /** IT support at users' desks, and the occasional logon at a colleague's desk. */
  private otherDesks(main: Session): void {
    const random = this.random;
    const person = this.person;
    const department = person.profile.department;
    const chance = department === 'IT Support' ? 0.35 : department === 'Infrastructure' ? 0.08 : 0.001;
    if (!random.chance(chance)) return;
    const pool = department === 'IT Support' || department === 'Infrastructure'
      ? this.simulation.organisation.people.filter((other) => other.office === person.office && other.index !== person.index && isEmployed(other, this.day) && other.computers.length > 0)
      : this.simulation.colleaguesOn(person, this.day).filter((other) => other.office === person.office && other.computers.length > 0);
    if (pool.length === 0) return;
    const visits = department === 'IT Support' ? random.integer(1, 3) : 1;
    for (let visit = 0; visit < visits; visit++) {
      const other = random.pick(pool);
      const computer = other.computers[0]!;
      if (person.computers.includes(computer)) continue;
      const start = main.start + (main.end - main.start) * random.uniform(0.1, 0.8);
      const session: Session = { computer, start: roundSecond(start), end: roundSecond(start + MINUTE * random.uniform(5, 40)), remote: false, kind: 'foreign' };
      this.logon(session);
      this.simulation.foreignLogons.set(person.index, (this.simulation.foreignLogons.get(person.index) ?? 0) + 1);
    }
  }

  // ---- scenario steps ---------------------------------------------------------------------

  private perform(action: ScenarioAction, session: Session): void {
    const random = this.random;
    const person = this.person;
    let time = this.timeIn(session, 0.05, 0.6);
    const step = (low: number, high: number) => {
      time = Math.min(session.end - SECOND, time + SECOND * random.integer(low, high));
      return time;
    };
    switch (action.kind) {
      case 'jobSearch':
        for (let count = 0; count < action.visits; count++) this.visit(session, this.timeIn(session), this.jobSite(), JOB_WORDS);
        return;
      case 'leakSiteVisit':
        for (let count = 0; count < action.visits; count++) this.visit(session, this.timeIn(session), random.pick(LEAK_SITES), LEAK_WORDS);
        return;
      case 'hackingSiteVisit':
        for (let count = 0; count < action.visits; count++) this.visit(session, this.timeIn(session), random.pick(HACKING_SITES), HACKING_WORDS);
        return;
      case 'bulkDownload':
        for (const document of action.documents) this.sharePoint(session, step(2, 30), action.sync ? 'FileSyncDownloadedFull' : 'FileDownloaded', document, { sync: action.sync });
        return;
      case 'archive':
        if (this.onboarded(session.computer)) {
          this.endpoint(session, step(5, 60), 'FileArchived', this.localPath(action.archive), { FileSize: action.archive.size, SourceFileCount: action.documents.length });
        } else {
          for (const document of action.documents.slice(0, 40)) this.fileRow(session, step(1, 5), this.localPath(document, 'Downloads'), 'File Open', false, false, this.fileContent(document));
          this.fileRow(session, step(10, 120), this.localPath(action.archive), 'File Write', false, false, this.fileContent(action.archive));
        }
        return;
      case 'usbCopy':
        this.usb(session, time, action.documents, 'to', action.dlp, 'Downloads');
        return;
      case 'cloudUpload':
        for (const document of action.documents) this.upload(session, step(20, 240), action.site, document, this.localPath(document, 'Downloads'), action.dlp && document === action.documents[0] ? action.dlp : null);
        return;
      case 'mail':
        this.sendMail(session, time, { to: [action.to], cc: [], bcc: [], documents: action.documents, subject: action.subject, text: action.text, content: action.text.replace(/[^A-Za-z0-9 ]+/g, ' ').replace(/ +/g, ' ').trim(), client: action.client, dlp: action.dlp ? { severity: action.dlp, undo: false, benign: false } : null, eml: action.eml }, this.scenarioRandom);
        return;
      case 'labelDowngrade':
        for (const document of action.documents) {
          const from = random.integer(2, 3);
          this.output.audit(step(10, 90), person.email, 'FileSensitivityLabelChanged', labelChangeRecord(random, this.tenant, person, time, document, this.clientIp(session), from, random.integer(0, from - 1)));
        }
        return;
      case 'externalShare':
        for (const document of action.documents) {
          const shareTime = step(20, 200);
          if (action.anonymous) this.output.audit(shareTime, person.email, 'AnonymousLinkCreated', sharingRecord(random, this.tenant, person, shareTime, 'AnonymousLinkCreated', document, this.clientIp(session), null));
          else {
            this.output.audit(shareTime, person.email, 'SharingInvitationCreated', sharingRecord(random, this.tenant, person, shareTime, 'SharingInvitationCreated', document, this.clientIp(session), { address: action.to, type: 'Guest' }));
            this.output.audit(shareTime + SECOND, person.email, 'SharingSet', sharingRecord(random, this.tenant, person, shareTime + SECOND, 'SharingSet', document, this.clientIp(session), { address: action.to, type: 'Guest' }));
          }
        }
        return;
      case 'forwardRule':
        this.output.audit(time, person.email, 'New-InboxRule', inboxRuleRecord(random, this.tenant, person, time, random.pick(['.', 'fwd', 'Sync', 'x']), this.clientIp(session), [['ForwardTo', action.to], ['StopProcessingRules', 'False']]));
        return;
      case 'localDelete':
        for (const document of action.documents) {
          if (this.onboarded(session.computer)) this.endpoint(session, step(0, 4), 'FileDeleted', this.localPath(document, 'Downloads'));
          else this.fileRow(session, step(0, 4), this.localPath(document, 'Downloads'), 'File Delete', false, false, this.fileContent(document));
        }
        return;
      case 'sharePointDelete':
        for (const document of action.documents) this.sharePoint(session, step(0, 6), 'FileDeleted', document);
        return;
      case 'toolDownload': {
        const url = `https://${action.tool.host}${action.tool.path}`;
        const extension = action.tool.file.slice(action.tool.file.lastIndexOf('.') + 1);
        this.visit(session, time, action.tool.host.replace(/^www\./, ''), HACKING_WORDS);
        this.web(session, step(30, 300), url, 'WWW Download', `${MAGIC_BYTES[extension] ?? MAGIC_BYTES.exe} ${sentence(random, HACKING_WORDS, 6)}`);
        if (action.alert) this.simulation.raiseAlert(this.scenarioRandom, action.alert, person, session.computer, step(60, 1200), { benign: false });
        return;
      }
      case 'securityAlert':
        this.simulation.raiseAlert(this.scenarioRandom, action.alert, person, session.computer, time, { benign: false });
        return;
      case 'usbTools': {
        const documents = action.files.map((file) => ({ subject: 'tool', name: file, extension: file.slice(file.lastIndexOf('.') + 1), size: random.integer(100_000, 8_000_000), site: '', folder: '' }));
        this.usb(session, time, documents, 'from', null, 'Tools');
        return;
      }
      case 'foreignLogon': {
        const victim = this.simulation.person(action.victim);
        const onboarded = this.onboarded(session.computer);
        if (!onboarded) for (const document of action.opens) this.fileRow(session, step(5, 90), this.localPath(document, 'Documents', victim), 'File Open', false, false, this.fileContent(document));
        if (action.copies.length > 0) {
          if (action.channel === 'usb') this.usb(session, step(10, 60), action.copies, 'to', null, 'Documents');
          else for (const document of action.copies) this.upload(session, step(20, 120), 'drive.google.com', document, this.localPath(document, 'Documents', victim), null);
        }
        if (action.alert) this.simulation.raiseAlert(this.scenarioRandom, action.alert, person, session.computer, session.start - MINUTE * random.integer(1, 10), { benign: false, target: victim });
        return;
      }
    }
  }
}

/** A simple HTML rendering of a plain-text message body. */
export function htmlBody(text: string): string {
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><div style="font-family:Calibri,sans-serif;font-size:11pt">${text
    .split('\n')
    .map((line) => (line ? `<p>${escape(line)}</p>` : '<br>'))
    .join('')}</div></body></html>`;
}
