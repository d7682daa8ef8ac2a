/**
 * The injected insider scenarios: who, when, how hard, and the day-by-day steps. Each insider
 * gets their own timing, intensity, channels and working hours, so no two look alike and none is
 * caught by a single rule; some are subtle enough to stay near ordinary behaviour.
 */
import { type ScenarioAction, type Severity } from './activity';
import { type AlertTemplate, VIOLATION_ALERTS, toolAlert } from './alerts';
import { COMPETITOR_DOMAINS, EXECUTIVE_OFFICE, HACKING_TOOLS, LEVEL_VICE_PRESIDENT, NAMES, PERSONAL_CLOUD_SITES } from './catalog';
import type { Simulation } from './context';
import type { Document } from './m365';
import { asciiFold, hasReports, isWorkingDay, personTime, reviewRemark, type Organisation, type Person } from './organisation';
import { createRandom, type Random } from './random';

/** The scenarios the simulator injects. */
export const SCENARIOS = ['departing-data-theft', 'email-data-leak', 'disgruntled', 'security-violation', 'snooping'] as const;
/** A scenario name. */
export type ScenarioName = (typeof SCENARIOS)[number];
/** How hard the insider goes at it. */
export type Intensity = 'subtle' | 'moderate' | 'blatant';

/** Policy templates (issue 5 ids) that should catch each scenario; the first is the natural one. */
export const SCENARIO_TEMPLATES: Record<ScenarioName, readonly string[]> = {
  'departing-data-theft': ['data-theft-departing-users'],
  'email-data-leak': ['data-leaks'],
  disgruntled: ['data-leaks-risky-users'],
  'security-violation': ['security-policy-violations'],
  snooping: ['security-policy-violations', 'data-leaks'],
};

/** One insider's plan. */
export interface InsiderPlan {
  person: Person;
  scenario: ScenarioName;
  intensity: Intensity;
  trigger: { kind: string; day: number; detail: string };
  actions: Map<number, ScenarioAction[]>;
  victim: Person | null;
  channels: string[];
  notes: string[];
  lastWorkingDay: number | null;
}

/** How many insiders an organisation of this size gets (about 3%, at least one per scenario from 50 people). */
export function insiderCount(random: Random, people: number): number {
  if (people < 10) return 0;
  if (people < 50) return Math.min(SCENARIOS.length, Math.floor(people / 10));
  return Math.max(SCENARIOS.length, Math.round(people * random.uniform(0.025, 0.035)));
}

const SENSITIVE_SUBJECTS = ['customer list', 'pricing model', 'product roadmap', 'design spec', 'source snapshot', 'board deck', 'salary review', 'supplier list', 'patent application draft', 'M&A target shortlist', 'quarterly forecast', 'account plan'];

/** Chooses the insiders and plans every step of their scenarios; adds their HR events to the organisation. */
export function planScenarios(simulation: Simulation): InsiderPlan[] {
  const organisation = simulation.organisation;
  const random = createRandom(`${organisation.seed}|scenarios`);
  const count = insiderCount(random, organisation.people.length);
  const chosen = new Set<number>();
  const departingAlready = new Set(organisation.hr.filter((record) => record.kind === 'resignation').map((record) => record.person));
  const eligible = (person: Person) =>
    person.hireDay < 0 &&
    person.lastDay === null &&
    person.level < LEVEL_VICE_PRESIDENT &&
    person.profile !== EXECUTIVE_OFFICE &&
    person.computers.length > 0 &&
    !chosen.has(person.index) &&
    !departingAlready.has(person.index) &&
    !organisation.silentLeavers.includes(person.index);
  const scenarios: ScenarioName[] = SCENARIOS.slice(0, Math.min(count, SCENARIOS.length));
  while (scenarios.length < count) scenarios.push(random.weighted([['departing-data-theft', 30], ['email-data-leak', 20], ['disgruntled', 20], ['security-violation', 15], ['snooping', 15]] as const));
  const plans: InsiderPlan[] = [];
  for (const scenario of scenarios) {
    const personRandom = createRandom(`${organisation.seed}|scenario|${plans.length}|${scenario}`);
    const filter = (person: Person): boolean => {
      if (!eligible(person)) return false;
      switch (scenario) {
        case 'departing-data-theft':
          return !hasReports(organisation, person);
        case 'security-violation':
          return person.profile.department !== 'Information Security';
        case 'snooping':
          return person.profile.functionalUnit !== 'Information Technology' && !person.habits.shift;
        default:
          return true;
      }
    };
    const candidates = organisation.people.filter(filter);
    if (candidates.length === 0) continue;
    for (let attempt = 0; attempt < 20; attempt++) {
      const person = personRandom.pick(candidates);
      const intensity = personRandom.weighted<Intensity>([['subtle', 30], ['moderate', 45], ['blatant', 25]]);
      const planner = new Planner(simulation, personRandom, person, intensity);
      const plan = planner.plan(scenario, chosen);
      if (!plan) continue;
      chosen.add(person.index);
      if (plan.victim) chosen.add(plan.victim.index);
      plans.push(plan);
      break;
    }
  }
  return plans;
}

class Planner {
  private readonly organisation: Organisation;
  private readonly actions = new Map<number, ScenarioAction[]>();
  private readonly notes: string[] = [];
  private readonly channels = new Set<string>();

  constructor(
    private readonly simulation: Simulation,
    private readonly random: Random,
    private readonly person: Person,
    private readonly intensity: Intensity,
  ) {
    this.organisation = simulation.organisation;
  }

  private get days(): number {
    return this.organisation.days;
  }

  private scale<T>(subtle: T, moderate: T, blatant: T): T {
    return this.intensity === 'subtle' ? subtle : this.intensity === 'moderate' ? moderate : blatant;
  }

  private between([low, high]: [number, number]): number {
    return this.random.integer(low, high);
  }

  private add(day: number, action: ScenarioAction): void {
    if (day < 0 || day >= this.days) return;
    const list = this.actions.get(day) ?? [];
    list.push(action);
    this.actions.set(day, list);
    this.channels.add(action.kind);
  }

  private workingDays(from: number, to: number, person: Person = this.person): number[] {
    const result: number[] = [];
    for (let day = Math.max(0, from); day <= Math.min(this.days - 1, to); day++) if (isWorkingDay(this.organisation, person, day)) result.push(day);
    return result;
  }

  /** A working day near a fraction of the period (the next one from a random point in [low, high]). */
  private workingDayBetween(low: number, high: number): number | null {
    const from = Math.max(0, Math.round(this.days * low));
    const to = Math.min(this.days - 1, Math.max(from, Math.round(this.days * high)));
    const days = this.workingDays(from, to);
    return days.length > 0 ? this.random.pick(days) : null;
  }

  private documents(count: number, subjects?: readonly string[], extension?: string): Document[] {
    const pool = subjects ?? [...this.person.profile.documents, ...this.random.sample(SENSITIVE_SUBJECTS, 3)];
    return Array.from({ length: count }, () => this.simulation.document(this.random, this.person, this.random.pick(pool), extension));
  }

  private afterHours(share: number): boolean {
    return this.random.chance(share);
  }

  /** Splits items into `parts` consecutive, non-empty runs of random length (runs repeat items when there are too few). */
  private split<T>(items: readonly T[], parts: number): T[][] {
    const count = Math.max(1, parts);
    if (items.length < count) return Array.from({ length: count }, (_, index) => [items[index % items.length]!]);
    const cuts = this.random.sample(Array.from({ length: items.length - 1 }, (_, index) => index + 1), count - 1).sort((a, b) => a - b);
    const bounds = [0, ...cuts, items.length];
    return Array.from({ length: count }, (_, index) => items.slice(bounds[index], bounds[index + 1]));
  }

  private mailTo(address: string, documents: Document[], afterHours: boolean, dlp: Severity | null, eml: boolean, client: 'pc' | 'owa' = 'pc'): ScenarioAction {
    const topic = documents[0]?.name.replace(/\.[^.]+$/, '') ?? 'files';
    const subject = this.random.pick([topic, `fyi ${topic.toLowerCase()}`, 'stuff', 'for home', `${topic} (copy)`, 'docs']);
    const lines = this.random.pick([
      ['Sending this to my personal address so I can work on it over the weekend.'],
      ['As discussed, here are the files.', 'Let me know if you need the rest.'],
      ['-'],
      ['Keep this between us for now.', 'More to follow next week.'],
    ]);
    return { kind: 'mail', afterHours, to: { address }, documents, dlp, eml, client, subject, text: [...lines, '', this.person.firstName].join('\n') };
  }

  plan(scenario: ScenarioName, taken: Set<number>): InsiderPlan | null {
    let trigger: InsiderPlan['trigger'] | null = null;
    let victim: Person | null = null;
    let lastWorkingDay: number | null = null;
    switch (scenario) {
      case 'departing-data-theft': {
        const result = this.departing();
        if (!result) return null;
        trigger = result.trigger;
        lastWorkingDay = result.lastWorkingDay;
        break;
      }
      case 'email-data-leak':
        trigger = this.emailLeak();
        break;
      case 'disgruntled':
        trigger = this.disgruntled();
        break;
      case 'security-violation':
        trigger = this.securityViolation();
        break;
      case 'snooping': {
        const result = this.snooping(taken);
        if (!result) return null;
        trigger = result.trigger;
        victim = result.victim;
        break;
      }
    }
    if (!trigger || this.actions.size === 0) return null;
    return { person: this.person, scenario, intensity: this.intensity, trigger, actions: this.actions, victim, channels: [...this.channels].sort(), notes: this.notes, lastWorkingDay };
  }

  private departing(): { trigger: InsiderPlan['trigger']; lastWorkingDay: number } | null {
    const random = this.random;
    const person = this.person;
    const resignation = this.workingDayBetween(0.3, 0.75);
    if (resignation === null) return null;
    const notice = person.office.region === 'EMEA' ? random.integer(14, 35) : random.integer(10, 28);
    const lastWorkingDay = resignation + notice;
    const preDays = random.chance(0.35) ? random.integer(3, 14) : 0;
    const windowEnd = Math.min(lastWorkingDay, this.days - 1);
    const before = preDays > 0 ? this.workingDays(resignation - preDays, resignation - 1) : [];
    const after = this.workingDays(resignation, windowEnd);
    if (after.length === 0) return null;
    const dayCount = Math.min(before.length + after.length, this.between(this.scale([2, 3], [3, 6], [4, 10])));
    const stealDays = [...new Set([random.pick(after), ...random.sample([...before, ...after], dayCount - 1)])].sort((a, b) => a - b);
    const documents = this.documents(this.between(this.scale([6, 20], [25, 90], [120, 450])));
    const afterHoursShare = random.chance(0.45) ? random.uniform(0.4, 0.9) : 0.1;
    const useCloud = random.chance(0.6);
    const useMail = random.chance(0.3);
    const archiveName = random.pick([`${person.lastName} backup`, `${random.pick(person.projects.length ? person.projects : ['project'])} files`, 'personal', `export ${this.simulation.year}`, 'old stuff']);
    const archives: Document[] = random.chance(0.6) ? [{ subject: 'archive', name: `${archiveName}.${random.pick(['zip', 'zip', '7z', 'rar'])}`, extension: 'zip', size: random.integer(20, 900) * 1_000_000, site: person.profile.site, folder: 'Downloads' }] : [];
    for (const archive of archives) archive.extension = archive.name.slice(archive.name.lastIndexOf('.') + 1);
    const chunks = this.split(documents, stealDays.length);
    const copied: Document[] = [];
    let copiedAfterResignation = false;
    stealDays.forEach((day, index) => {
      const chunk = chunks[index]!;
      const afterHours = this.afterHours(afterHoursShare);
      if (random.chance(0.8)) this.add(day, { kind: 'bulkDownload', afterHours: false, documents: chunk, sync: random.chance(0.3) });
      const withArchive = archives.length > 0 && index === Math.min(stealDays.length - 1, Math.floor(stealDays.length / 2));
      if (withArchive) this.add(day, { kind: 'archive', afterHours, archive: archives[0]!, documents: chunks.slice(0, index + 1).flat() });
      const payload = withArchive ? [...chunk, archives[0]!] : chunk;
      const mustUsb = day >= resignation && !copiedAfterResignation;
      if (mustUsb || random.chance(0.75)) {
        this.add(day, { kind: 'usbCopy', afterHours, documents: payload, dlp: random.chance(0.5) ? random.pick<Severity>(['Medium', 'High']) : null });
        copied.push(...payload);
        if (day >= resignation) copiedAfterResignation = true;
      }
      if (useCloud && random.chance(0.6)) {
        const site = random.pick(['mega.nz', 'dropbox.com', 'drive.google.com', 'wetransfer.com', 'mediafire.com']);
        const uploads = withArchive ? [archives[0]!] : random.sample(chunk, Math.max(1, Math.round(chunk.length * random.uniform(0.3, 1))));
        this.add(day, { kind: 'cloudUpload', afterHours, site, documents: uploads, dlp: random.chance(0.3) ? 'Medium' : null });
      }
      if (useMail && random.chance(0.5)) {
        const attachments = this.documents(random.integer(1, 3), SENSITIVE_SUBJECTS, random.pick(['pdf', 'csv']));
        this.add(day, this.mailTo(person.personalEmail, attachments, afterHours, random.chance(0.5) ? 'Medium' : null, index === 0 || random.chance(0.3)));
      }
    });
    // Job hunting before handing in the notice.
    if (random.chance(0.8)) for (const day of this.workingDays(resignation - 21, resignation - 1)) if (random.chance(0.45)) this.add(day, { kind: 'jobSearch', afterHours: random.chance(0.3), visits: random.integer(2, 9) });
    // Covering tracks after the copies.
    if (random.chance(0.4) && copied.length > 0) {
      const lastSteal = stealDays[stealDays.length - 1]!;
      const cleanup = this.workingDays(lastSteal, windowEnd).slice(0, 2);
      const day = random.pick(cleanup.length > 0 ? cleanup : [lastSteal]);
      this.add(day, { kind: 'localDelete', afterHours: this.afterHours(afterHoursShare), documents: random.sample(copied, Math.max(1, Math.round(copied.length * random.uniform(0.5, 1)))) });
      if (this.intensity === 'blatant' && random.chance(0.3)) this.add(day, { kind: 'sharePointDelete', afterHours: false, documents: random.sample(documents, Math.round(documents.length * 0.3)) });
      this.notes.push('deletes the copied files afterwards');
    }
    this.organisation.hr.push({ kind: 'resignation', person: person.index, time: personTime(this.organisation, person, resignation, random.integer(540 * 60, 1020 * 60) / 60), lastWorkingDay, reason: 'scenario' });
    if (lastWorkingDay < this.days) person.lastDay = lastWorkingDay;
    this.notes.push(`resigns with ${notice} days notice; copies ${documents.length} documents${archives.length ? ' and an archive' : ''} to USB${useCloud ? ', uploads to personal cloud storage' : ''}${useMail ? ', mails files to a personal address' : ''}`);
    if (preDays > 0) this.notes.push('starts collecting before resigning');
    return { trigger: { kind: 'resignation', day: resignation, detail: `resignation; last working day ${lastWorkingDay}` }, lastWorkingDay };
  }

  private emailLeak(): InsiderPlan['trigger'] | null {
    const random = this.random;
    const person = this.person;
    const first = this.workingDayBetween(0.3, 0.85);
    if (first === null) return null;
    const competitor = random.chance(0.3);
    const group = random.pick(['english', 'german', 'french'] as const);
    const fold = (text: string) => asciiFold(text).toLowerCase().replace(/[^a-z]/g, '');
    const contact = `${fold(random.pick(NAMES[group].first))}.${fold(random.pick(NAMES[group].last))}@${random.pick(COMPETITOR_DOMAINS)}`;
    const recipient = competitor ? contact : person.personalEmail;
    const days = this.workingDays(first, first + this.between(this.scale([2, 5], [4, 10], [6, 16]))).slice(0, this.between(this.scale([1, 3], [2, 5], [4, 9])));
    const afterHoursShare = random.uniform(0.1, 0.5);
    let emlBudget = random.integer(1, 3);
    const triggerSeverity: Severity = random.chance(0.8) ? 'High' : 'Medium';
    days.forEach((day, index) => {
      for (let count = this.between(this.scale([1, 2], [2, 3], [3, 8])); count > 0; count--) {
        const eml = emlBudget > 0;
        const attachments = eml ? this.documents(random.integer(1, 3), SENSITIVE_SUBJECTS, random.pick(['pdf', 'csv'])) : this.documents(random.integer(1, 4), SENSITIVE_SUBJECTS);
        if (eml) emlBudget--;
        const dlp: Severity | null = index === 0 && count === 1 ? triggerSeverity : random.chance(0.5) ? random.pick<Severity>(['Medium', 'High', 'Low']) : null;
        this.add(day, this.mailTo(recipient, attachments, this.afterHours(afterHoursShare), dlp, eml, random.chance(0.2) ? 'owa' : 'pc'));
      }
    });
    const firstDay = days[0]!;
    if (random.chance(0.5)) this.add(Math.max(0, firstDay - random.integer(0, 2)), { kind: 'bulkDownload', afterHours: false, documents: this.documents(this.between(this.scale([5, 15], [15, 50], [40, 150])), SENSITIVE_SUBJECTS), sync: false });
    if (random.chance(0.4)) {
      this.add(firstDay, { kind: 'labelDowngrade', afterHours: false, documents: this.documents(random.integer(1, this.scale(2, 4, 8)), SENSITIVE_SUBJECTS) });
      this.notes.push('downgrades sensitivity labels before sending');
    }
    if (this.intensity === 'blatant' && random.chance(0.4)) {
      this.add(firstDay, { kind: 'forwardRule', afterHours: false, to: recipient });
      this.notes.push('creates an inbox rule forwarding mail outside');
    }
    if (random.chance(0.25)) this.add(random.pick(days), { kind: 'externalShare', afterHours: false, anonymous: random.chance(0.6), to: recipient, documents: this.documents(random.integer(1, 5), SENSITIVE_SUBJECTS) });
    if (random.chance(0.3)) this.add(random.pick(days), { kind: 'leakSiteVisit', afterHours: true, visits: random.integer(1, 4) });
    this.notes.push(`mails sensitive attachments to ${competitor ? 'a contact at a competitor' : 'a personal webmail address'} on ${days.length} day(s)`);
    return { kind: 'dlp', day: firstDay, detail: `DLP rule match (${triggerSeverity}) on external mail` };
  }

  private disgruntled(): InsiderPlan['trigger'] | null {
    const random = this.random;
    const person = this.person;
    const organisation = this.organisation;
    let trigger: InsiderPlan['trigger'];
    const review = organisation.hr.find((record) => record.kind === 'performanceReview' && record.person === person.index);
    if ((random.chance(0.6) || person.level < 1) && review && review.kind === 'performanceReview' && review.day < this.days - 6) {
      review.rating = random.chance(0.5) ? 1 : 2;
      review.remarks = reviewRemark(random, review.rating);
      trigger = { kind: 'performanceReview', day: review.day, detail: `poor performance review (${review.rating})` };
      if (random.chance(0.4)) {
        const planDay = review.day + random.integer(5, 14);
        if (planDay < this.days) organisation.hr.push({ kind: 'improvementPlan', person: person.index, day: planDay, time: personTime(organisation, person, planDay, random.integer(540 * 60, 1000 * 60) / 60), rating: review.rating, remarks: 'Weekly check-ins with manager; deliver agreed goals on time' });
      }
    } else if (person.level >= 1) {
      const day = this.workingDayBetween(0.3, 0.7);
      if (day === null) return null;
      organisation.hr = organisation.hr.filter((record) => !(record.kind === 'jobLevelChange' && record.person === person.index));
      organisation.hr.push({ kind: 'jobLevelChange', person: person.index, day, time: personTime(organisation, person, day, random.integer(540 * 60, 1000 * 60) / 60), oldLevel: person.level, newLevel: person.level - 1, remarks: random.pick(['Demoted following conduct review', 'Regraded after restructuring', 'Removed from team lead role']) });
      trigger = { kind: 'jobLevelChange', day, detail: 'demotion' };
    } else return null;
    const start = trigger.day + random.integer(2, 12);
    const span = this.workingDays(start, start + this.between(this.scale([4, 10], [7, 18], [10, 25])));
    if (span.length === 0) return null;
    const afterHoursShare = random.uniform(0.2, 0.7);
    for (const day of span) if (random.chance(this.scale(0.35, 0.55, 0.7))) this.add(day, { kind: 'jobSearch', afterHours: this.afterHours(0.3), visits: this.between(this.scale([2, 5], [3, 10], [5, 15])) });
    if (random.chance(0.3)) for (const day of random.sample(span, random.integer(1, 3))) this.add(day, { kind: 'leakSiteVisit', afterHours: this.afterHours(afterHoursShare), visits: random.integer(1, 4) });
    const channels = random.sample(['usb', 'cloud', 'mail'], random.weighted([[1, 3], [2, 2]]));
    const sabotage = random.chance(0.45);
    const exfilDays = random.sample(span, Math.min(span.length, random.integer(1, this.scale(2, 3, 4))));
    const documents = this.documents(this.between(this.scale([5, 25], [20, 80], [60, 250])));
    const chunks = this.split(documents, exfilDays.length);
    exfilDays.forEach((day, index) => {
      const afterHours = this.afterHours(afterHoursShare);
      const chunk = chunks[index]!;
      const channel = random.pick(channels);
      if (random.chance(0.6)) this.add(day, { kind: 'bulkDownload', afterHours: false, documents: chunk, sync: false });
      if (channel === 'usb') this.add(day, { kind: 'usbCopy', afterHours, documents: chunk, dlp: random.chance(0.4) ? 'Medium' : null });
      else if (channel === 'cloud') this.add(day, { kind: 'cloudUpload', afterHours, site: random.pick(PERSONAL_CLOUD_SITES), documents: chunk, dlp: null });
      else this.add(day, this.mailTo(person.personalEmail, this.documents(random.integer(1, 4), undefined, random.pick(['pdf', 'csv'])), afterHours, random.chance(0.4) ? 'Medium' : null, index === 0));
    });
    if (sabotage) {
      const day = random.pick(span);
      const teamDocuments = this.documents(this.between(this.scale([40, 120], [100, 250], [200, 600])), person.profile.documents);
      this.add(day, { kind: 'sharePointDelete', afterHours: this.afterHours(0.6), documents: teamDocuments });
      this.notes.push(`deletes ${teamDocuments.length} team files from SharePoint`);
    }
    this.notes.push(`after ${trigger.detail}: job-site browsing and exfiltration by ${channels.join(' and ')}`);
    return trigger;
  }

  private securityViolation(): InsiderPlan['trigger'] | null {
    const random = this.random;
    const first = this.workingDayBetween(0.3, 0.85);
    if (first === null) return null;
    for (const day of random.sample(this.workingDays(first - 8, first), random.integer(1, 3))) this.add(day, { kind: 'hackingSiteVisit', afterHours: this.afterHours(0.3), visits: random.integer(2, 10) });
    const tools = random.sample(HACKING_TOOLS, this.between(this.scale([1, 1], [1, 2], [2, 4])));
    const later = this.workingDays(first + 1, first + 14);
    let alerts = 0;
    tools.forEach((tool, index) => {
      const day = index === 0 || later.length === 0 ? first : random.pick(later);
      const severity = tool.category === 'CredentialAccess' ? 'high' : this.scale('medium', 'medium', 'high');
      const alert: AlertTemplate | null = index === 0 || random.chance(0.7) ? toolAlert(tool, severity) : null;
      if (alert) alerts++;
      this.add(day, { kind: 'toolDownload', afterHours: this.afterHours(0.3), tool, alert });
    });
    if (this.intensity !== 'subtle' || random.chance(0.3)) {
      const template = this.intensity === 'subtle' ? VIOLATION_ALERTS.clearLogs! : random.pick([VIOLATION_ALERTS.disableDefender!, VIOLATION_ALERTS.tamper!]);
      this.add(first, { kind: 'securityAlert', afterHours: false, alert: template });
      alerts++;
      this.notes.push(`defence evasion: ${template.title.toLowerCase()}`);
    }
    if (this.intensity === 'blatant') {
      if (later.length > 0) this.add(random.pick(later), { kind: 'securityAlert', afterHours: this.afterHours(0.5), alert: VIOLATION_ALERTS.credentialDump! });
      this.add(random.pick([first, ...later]), { kind: 'usbTools', afterHours: false, files: random.sample(['mimikatz.exe', 'procdump64.exe', 'PsExec64.exe', 'nc.exe', 'keylogger_setup.exe', 'LaZagne.exe'], random.integer(2, 4)) });
      alerts++;
    }
    this.notes.push(`downloads ${tools.map((tool) => tool.file).join(', ')}; ${alerts} endpoint alert(s)`);
    return { kind: 'securityAlert', day: first, detail: 'endpoint security alert' };
  }

  private snooping(taken: Set<number>): { trigger: InsiderPlan['trigger']; victim: Person } | null {
    const random = this.random;
    const person = this.person;
    const organisation = this.organisation;
    const candidates = organisation.people.filter((other) => other.index !== person.index && other.office === person.office && !taken.has(other.index) && other.hireDay < 0 && other.lastDay === null && other.computers.length > 0 && !organisation.computers.get(other.computers[0]!)!.shared && !person.computers.includes(other.computers[0]!));
    if (candidates.length === 0) return null;
    const sameTeam = candidates.filter((other) => other.team === person.team);
    const hr = candidates.filter((other) => other.profile.functionalUnit === 'Human Resources');
    const manager = candidates.filter((other) => other.index === person.managerIndex);
    const victim = random.pick(random.weighted<Person[]>([[sameTeam.length ? sameTeam : candidates, 5], [manager.length ? manager : candidates, 2], [hr.length ? hr : candidates, 3]]));
    const first = this.workingDayBetween(0.3, 0.85);
    if (first === null) return null;
    const occasions = this.between(this.scale([2, 3], [3, 5], [5, 9]));
    const possible: number[] = [];
    for (let day = first; day < Math.min(this.days, first + 25); day++) if (isWorkingDay(organisation, person, day)) possible.push(day);
    const days = [first, ...random.sample(possible.filter((day) => day !== first), occasions - 1)].sort((a, b) => a - b);
    const victimSubjects = ['salary review', 'performance calibration', 'org chart', 'employee relations case', 'bank details', 'medical certificate', 'passwords', ...victim.profile.documents];
    const alert = random.chance(0.4) ? VIOLATION_ALERTS.bruteForce! : null;
    days.forEach((day, index) => {
      const victimAway = victim.absent.has(day) || !isWorkingDay(organisation, victim, day);
      const opens = Array.from({ length: this.between(this.scale([3, 12], [8, 25], [15, 45])) }, () => this.simulation.document(random, victim, random.pick(victimSubjects)));
      const copyChance = this.scale(index === days.length - 1 ? 1 : 0, 0.4, 0.6);
      const copies = random.chance(copyChance) ? random.sample(opens, this.between(this.scale([2, 5], [3, 10], [5, 20]))) : [];
      this.add(day, { kind: 'foreignLogon', afterHours: victimAway ? random.chance(0.3) : random.chance(0.75), victim: victim.index, computer: victim.computers[0]!, opens, copies, channel: random.chance(0.7) ? 'usb' : 'cloud', alert: index === 0 ? alert : null });
    });
    this.notes.push(`logs on to ${victim.displayName}'s computer on ${days.length} occasions, opens their files${alert ? '; a brute-force alert names both' : ''}`);
    return { trigger: { kind: alert ? 'securityAlert' : 'foreignLogon', day: first, detail: 'logon to a colleague\'s computer' }, victim };
  }
}
