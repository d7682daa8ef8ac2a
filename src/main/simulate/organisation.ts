/**
 * The synthetic organisation: people with names, offices, departments, a management tree,
 * computers (some shared), personal habits drawn from distributions, absences, and the
 * background HR events (reviews, promotions, demotions, ordinary resignations, hires).
 */
import { DAY, MINUTE, isPublicHoliday, wallToUtc, weekday } from './calendar';
import {
  DEPARTMENTS, EXECUTIVE_OFFICE, GENERAL_SITES, LEVEL_DIRECTOR, LEVEL_EXECUTIVE, LEVEL_MANAGER, LEVEL_VICE_PRESIDENT, LEVELS, LOCAL_SITES, NAMES,
  OFFICES, ORGANISATION_DOMAIN, PERSONAL_MAIL_DOMAINS, PROJECTS, type DepartmentProfile, type NameGroup, type Office,
} from './catalog';
import { createRandom, randomUuid, type Random } from './random';

/** A person's working habits: the baseline their ordinary days are drawn from. */
export interface Habits {
  /** Usual start of the working day, minutes after local midnight. */
  startMinute: number;
  /** Usual length of the working day in minutes. */
  dayMinutes: number;
  /** Probability that the day is split by a locked lunch break into two sessions. */
  lunchBreak: number;
  /** Probability of an evening session on a working day. */
  eveningRate: number;
  /** Probability of working on a weekend day or holiday. */
  weekendRate: number;
  /** Early/late shift worker on a shared floor PC. */
  shift: boolean;
  webPerHour: number;
  mailPerDay: number;
  externalMail: number;
  attachmentRate: number;
  /** Share of sent mail written on the phone or in Outlook on the web (seen only in the M365 audit log). */
  mobileMail: number;
  fileOpsPerDay: number;
  sharepointPerDay: number;
  downloadsPerDay: number;
  /** Probability of using USB media on a working day (0 for people who never do). */
  usbRate: number;
  usbFiles: number;
  printsPerDay: number;
  webmailVisitRate: number;
  personalMailRate: number;
  jobSiteRate: number;
  cloudVisitRate: number;
  cloudUploadRate: number;
  externalShareRate: number;
  dlpRate: number;
  /** Favourite sites and their cumulative weights (for a quick weighted pick). */
  sites: { names: string[]; cumulative: number[] };
}

/** Picks a favourite site by weight (binary search over the cumulative weights). */
export function pickSite(random: Random, sites: Habits['sites']): string {
  const point = random.next() * sites.cumulative[sites.cumulative.length - 1]!;
  let low = 0;
  let high = sites.cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sites.cumulative[middle]! > point) high = middle;
    else low = middle + 1;
  }
  return sites.names[low]!;
}

/** One employee. */
export interface Person {
  index: number;
  userId: string;
  firstName: string;
  middleName: string;
  lastName: string;
  displayName: string;
  email: string;
  personalEmail: string;
  office: Office;
  language: string;
  profile: DepartmentProfile;
  team: string;
  role: string;
  baseTitle: string;
  /** Job level index into LEVELS at the start of the period. */
  level: number;
  managerIndex: number | null;
  projects: string[];
  /** Usual computers; the first is the primary one. */
  computers: string[];
  /** Day index of the first working day (negative: hired before the period). */
  hireDay: number;
  /** Day index of the last working day, or null when the person stays. */
  lastDay: number | null;
  absent: Set<number>;
  habits: Habits;
  /** Identifiers other systems use for the same person. */
  puid: string;
  sid: string;
  entraId: string;
  homeAddress: string;
  /** Public address of the person's home connection (evening and weekend work). */
  homeIp: string;
  mobileDevice: string;
}

/** A computer and who normally uses it. */
export interface Computer {
  name: string;
  /** Onboarded to Microsoft Purview endpoint DLP: its file and USB events go to the M365 audit log. */
  onboarded: boolean;
  shared: boolean;
  users: number[];
}

/** An HR event the HR connector files carry. */
export type HrRecord =
  | { kind: 'resignation'; person: number; time: number; lastWorkingDay: number; reason: string }
  | { kind: 'jobLevelChange'; person: number; time: number; day: number; oldLevel: number; newLevel: number; remarks: string }
  | { kind: 'performanceReview'; person: number; time: number; day: number; rating: number; remarks: string }
  | { kind: 'improvementPlan'; person: number; time: number; day: number; rating: number; remarks: string };

/** The whole synthetic organisation. */
export interface Organisation {
  seed: string;
  /** UTC midnight of the first simulated date. */
  start: number;
  days: number;
  domain: string;
  tenantId: string;
  people: Person[];
  computers: Map<string, Computer>;
  hr: HrRecord[];
  /** People who left without an HR record (seen only in the roster snapshots). */
  silentLeavers: number[];
  /** First and last day of the review cycle inside the period. */
  reviewCycle: { first: number; last: number };
}

/** Performance ratings as the HR system writes them (index = rating). */
export const RATINGS = ['', '1-Unsatisfactory', '2-Below expectations', '3-Meets expectations', '4-Exceeds expectations', '5-Outstanding'];

/** The UTC instant of a local wall-clock minute on a simulated day for this person. */
export function personTime(organisation: Organisation, person: Person, day: number, minute: number): number {
  return wallToUtc(person.office.timeZone, organisation.start + day * DAY + Math.round(minute * MINUTE));
}

/** True when the person is employed on that day. */
export function isEmployed(person: Person, day: number): boolean {
  return day >= person.hireDay && (person.lastDay === null || day <= person.lastDay);
}

/** True when the day is a working day for the person (employed, weekday, no holiday, not absent). */
export function isWorkingDay(organisation: Organisation, person: Person, day: number): boolean {
  if (!isEmployed(person, day) || person.absent.has(day)) return false;
  const date = organisation.start + day * DAY;
  const dayOfWeek = weekday(date);
  if (dayOfWeek === 0 || dayOfWeek === 6) return false;
  return !isPublicHoliday(person.office.countryCode, date);
}

/** The person's job level on a day, after any level changes up to it. */
export function levelOn(organisation: Organisation, person: Person, day: number): number {
  let level = person.level;
  for (const record of organisation.hr) {
    if (record.kind === 'jobLevelChange' && record.person === person.index && record.day <= day) level = record.newLevel;
  }
  return level;
}

/** The title that goes with a level. */
export function titleFor(person: Person, level: number, hasReports: boolean): string {
  if (level >= LEVEL_EXECUTIVE) return 'Chief Executive Officer';
  if (level >= LEVEL_VICE_PRESIDENT) return `Vice President, ${person.profile.functionalUnit}`;
  if (level >= LEVEL_DIRECTOR) return `Director, ${person.profile.department}`;
  if (level >= LEVEL_MANAGER) return hasReports ? `Manager, ${person.profile.department}` : `Principal ${person.baseTitle}`;
  if (level === 3) return `Senior ${person.baseTitle}`;
  if (level === 0) return `Associate ${person.baseTitle}`;
  return person.baseTitle;
}

/** The CERT-style role that goes with a level. */
export function roleFor(person: Person, level: number, hasReports: boolean): string {
  if (level >= LEVEL_EXECUTIVE) return 'President';
  if (level >= LEVEL_VICE_PRESIDENT) return 'VicePresident';
  if (level >= LEVEL_DIRECTOR) return 'Director';
  if (level >= LEVEL_MANAGER && hasReports) return 'Manager';
  return person.role;
}

/** Letters only, without diacritics, for addresses and ids. */
export function asciiFold(text: string): string {
  return text
    .replace(/ß/g, 'ss')
    .replace(/[łŁ]/g, (letter) => (letter === 'ł' ? 'l' : 'L'))
    .replace(/[øØ]/g, (letter) => (letter === 'ø' ? 'o' : 'O'))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

function addressPart(text: string): string {
  return asciiFold(text).toLowerCase().replace(/[^a-z0-9]/g, '');
}

interface PersonDraft {
  profile: DepartmentProfile;
  office: Office;
}

/** Builds the organisation for a seed: people, structure, computers, habits, absences and HR background. */
export function buildOrganisation(seed: string, start: number, days: number, size: number): Organisation {
  const random = createRandom(`${seed}|organisation`);
  const organisation: Organisation = {
    seed,
    start,
    days,
    domain: ORGANISATION_DOMAIN,
    tenantId: randomUuid(random),
    people: [],
    computers: new Map(),
    hr: [],
    silentLeavers: [],
    reviewCycle: { first: 0, last: 0 },
  };
  const drafts: PersonDraft[] = [{ profile: EXECUTIVE_OFFICE, office: OFFICES[0]! }];
  const departmentWeights = DEPARTMENTS.map((profile) => [profile, profile.weight] as const);
  const officeWeights = OFFICES.map((office) => [office, office.weight] as const);
  if (size >= 40) drafts.push({ profile: EXECUTIVE_OFFICE, office: OFFICES[0]! });
  while (drafts.length < size) drafts.push({ profile: random.weighted(departmentWeights), office: random.weighted(officeWeights) });

  const names = new NameBook(random);
  const people = drafts.map((draft, index) => createPerson(random, names, draft, index));
  organisation.people = people;
  buildHierarchy(random, people);
  assignComputers(random, organisation);
  for (const person of people) person.absent = drawAbsences(createRandom(`${seed}|absence|${person.userId}`), organisation, person);
  planBackgroundHr(createRandom(`${seed}|hr`), organisation);
  return organisation;
}

class NameBook {
  private readonly displayNames = new Set<string>();
  private readonly emails = new Set<string>();
  private readonly userIds = new Set<string>();
  constructor(private readonly random: Random) {}

  draw(office: Office): { firstName: string; middleName: string; lastName: string; displayName: string; email: string; userId: string } {
    const random = this.random;
    for (let attempt = 0; ; attempt++) {
      const group: NameGroup = random.weighted(office.names);
      const firstNames = NAMES[group].first;
      const firstIndex = random.integer(0, firstNames.length - 1);
      const firstName = firstNames[firstIndex]!;
      const lastGroup: NameGroup = random.chance(0.1) ? random.weighted(office.names) : group;
      const lastName = random.pick(NAMES[lastGroup].last);
      const westernMiddle = !['japanese', 'chinese', 'indian'].includes(group);
      // Same parity as the first name: the lists alternate male and female names.
      const middleIndex = (random.integer(0, Math.floor((firstNames.length - 1) / 2)) * 2 + (firstIndex % 2)) % firstNames.length;
      let middleName = westernMiddle && (random.chance(0.35) || attempt > 20) ? firstNames[middleIndex]! : '';
      if (middleName === firstName) middleName = '';
      // Small name pools run out in big organisations: any middle name rather than an endless loop.
      if (attempt > 50) middleName = random.pick(NAMES.english.first);
      const displayName = [firstName, middleName, lastName].filter(Boolean).join(' ');
      if (this.displayNames.has(displayName)) continue;
      this.displayNames.add(displayName);
      const local = `${addressPart(firstName)}.${addressPart(lastName)}`;
      let email = `${local}@${ORGANISATION_DOMAIN}`;
      if (this.emails.has(email) && middleName) email = `${addressPart(firstName)}.${addressPart(middleName)[0]}.${addressPart(lastName)}@${ORGANISATION_DOMAIN}`;
      for (let number = 2; this.emails.has(email); number++) email = `${local}${number}@${ORGANISATION_DOMAIN}`;
      this.emails.add(email);
      const initials = (asciiFold(firstName)[0]! + (middleName ? asciiFold(middleName)[0]! : random.characters(1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')) + asciiFold(lastName).replace(/[^A-Za-z]/g, '')[0]!).toUpperCase();
      let userId = '';
      do userId = `${initials}${random.characters(4, '0123456789')}`;
      while (this.userIds.has(userId));
      this.userIds.add(userId);
      return { firstName, middleName, lastName, displayName, email, userId };
    }
  }
}

function personalAddress(random: Random, firstName: string, lastName: string): string {
  const first = addressPart(firstName);
  const last = addressPart(lastName);
  const year = random.integer(60, 99) % 100;
  const local = random.weighted<string>([
    [`${first}.${last}`, 3],
    [`${first}${last}${String(year).padStart(2, '0')}`, 3],
    [`${first[0]}${last}${random.integer(1, 999)}`, 2],
    [`${first}_${last[0]}`, 1],
    [`${last}.${first}`, 1],
  ]);
  return `${local}@${random.weighted(PERSONAL_MAIL_DOMAINS)}`;
}

function clamp(value: number, minimum: number, maximum: number): number {
  return Math.min(maximum, Math.max(minimum, value));
}

function drawHabits(random: Random, profile: DepartmentProfile, office: Office): Habits {
  const lateStarter = random.chance(0.08);
  const shift = random.chance(profile.shiftWorkers);
  const eveningBand = random.weighted<[number, number]>([[[0, 0.03], 70], [[0.03, 0.12], 25], [[0.12, 0.35], 5]]);
  const sites: (readonly [string, number])[] = random.sample(GENERAL_SITES, random.integer(10, 22)).map(([site, weight]) => [site, weight * random.uniform(0.3, 2)] as const);
  for (const site of random.sample(profile.sites, random.integer(Math.min(2, profile.sites.length), profile.sites.length))) sites.push([site, random.uniform(3, 12)]);
  for (const site of random.sample(LOCAL_SITES[office.countryCode] ?? [], random.integer(1, 3))) sites.push([site, random.uniform(1, 5)]);
  for (const site of ['google.com', 'office.com', 'teams.microsoft.com']) if (!sites.some(([name]) => name === site)) sites.push([site, random.uniform(5, 15)]);
  return {
    startMinute: Math.round(clamp(lateStarter ? random.normal(610, 30) : random.normal(510, 40), 390, 660)),
    dayMinutes: Math.round(clamp(random.normal(520, 40), 420, 660)),
    lunchBreak: random.uniform(0.2, 0.8),
    eveningRate: random.uniform(eveningBand[0], eveningBand[1]),
    weekendRate: random.chance(0.8) ? random.uniform(0, 0.03) : random.uniform(0.03, 0.15),
    shift,
    webPerHour: random.logNormal(3.5, 0.55) * profile.web,
    mailPerDay: random.logNormal(4, 0.6),
    externalMail: clamp(random.normal(profile.externalMail, profile.externalMail / 3), 0.01, 0.7),
    attachmentRate: random.uniform(0.1, 0.35),
    mobileMail: random.chance(0.5) ? random.uniform(0.05, 0.25) : 0,
    fileOpsPerDay: random.logNormal(8, 0.7),
    sharepointPerDay: random.logNormal(2.5, 0.7) * profile.sharepoint,
    downloadsPerDay: random.logNormal(1.5, 0.9) * profile.sharepoint,
    usbRate: random.chance(profile.usbUsers) ? random.uniform(0.05, 0.45) : 0,
    usbFiles: random.logNormal(3, 0.6),
    printsPerDay: random.chance(0.7) ? random.logNormal(0.8, 0.9) * profile.print : 0,
    webmailVisitRate: random.chance(0.25) ? random.uniform(0.05, 0.3) : 0,
    personalMailRate: random.chance(0.07) ? random.uniform(0.01, 0.05) : 0,
    jobSiteRate: random.weighted<number>([[0, 86], [random.uniform(0.02, 0.08), 12], [random.uniform(0.15, 0.35), 2]]),
    cloudVisitRate: random.chance(0.2) ? random.uniform(0.05, 0.3) : 0,
    cloudUploadRate: random.chance(profile.cloudUploaders) ? random.uniform(0.05, 0.2) : 0,
    externalShareRate: random.chance(profile.externalSharers) ? random.uniform(0.05, 0.25) : 0,
    dlpRate: random.uniform(0.01, 0.06),
    sites: { names: sites.map(([name]) => name), cumulative: sites.reduce<number[]>((sums, [, weight]) => [...sums, (sums[sums.length - 1] ?? 0) + weight], []) },
  };
}

function createPerson(random: Random, names: NameBook, draft: PersonDraft, index: number): Person {
  const name = names.draw(draft.office);
  const [role, baseTitle] = random.pick(draft.profile.roles);
  const level = random.weighted([[0, 2], [1, 3], [2, 4], [3, 3]]);
  const hex = (length: number) => random.characters(length, '0123456789ABCDEF');
  const projectCount = draft.profile.functionalUnit === 'Research and Development' ? random.integer(1, 3) : random.weighted([[0, 6], [1, 3], [2, 1]]);
  return {
    index,
    userId: name.userId,
    firstName: name.firstName,
    middleName: name.middleName,
    lastName: name.lastName,
    displayName: name.displayName,
    email: name.email,
    personalEmail: personalAddress(random, name.firstName, name.lastName),
    office: draft.office,
    language: random.weighted(draft.office.languages),
    profile: draft.profile,
    team: '',
    role,
    baseTitle,
    level,
    managerIndex: null,
    projects: random.sample(PROJECTS, projectCount),
    computers: [],
    hireDay: -random.integer(120, 6000),
    lastDay: null,
    absent: new Set(),
    habits: drawHabits(random, draft.profile, draft.office),
    puid: `1003${hex(12)}`,
    sid: `S-1-5-21-1004336348-1177238915-682003330-${random.integer(10000, 99999)}`,
    entraId: randomUuid(random),
    homeAddress: `${random.integer(1, 220)} ${random.pick(['Oak', 'Maple', 'Station', 'Church', 'Park', 'Mill', 'River', 'Hill', 'Garden', 'Lake'])} ${random.pick(['Street', 'Road', 'Lane', 'Avenue'])}`,
    homeIp: `${random.pick(['81.2', '86.14', '92.40', '24.5', '73.162', '101.98', '122.53', '189.34'])}.${random.integer(0, 255)}.${random.integer(1, 254)}`,
    mobileDevice: random.pick(['iPhone 14', 'iPhone 15 Pro', 'Samsung Galaxy S23', 'Pixel 8', 'iPhone 13']),
  };
}

/** Teams per department and office; managers, directors, vice presidents and the chief executive. */
function buildHierarchy(random: Random, people: Person[]): void {
  const chief = people[0]!;
  chief.level = LEVEL_EXECUTIVE;
  chief.team = 'Executive Office';
  for (const person of people.slice(1).filter((candidate) => candidate.profile === EXECUTIVE_OFFICE)) {
    person.managerIndex = chief.index;
    person.team = 'Executive Office';
  }
  const byDepartment = new Map<DepartmentProfile, Person[]>();
  for (const person of people) {
    if (person.profile === EXECUTIVE_OFFICE) continue;
    const members = byDepartment.get(person.profile) ?? [];
    members.push(person);
    byDepartment.set(person.profile, members);
  }
  const directorsByUnit = new Map<string, Person[]>();
  for (const profile of DEPARTMENTS) {
    const members = byDepartment.get(profile);
    if (!members) continue;
    const teams: Person[][] = [];
    const byOffice = new Map<Office, Person[]>();
    for (const person of members) byOffice.set(person.office, [...(byOffice.get(person.office) ?? []), person]);
    for (const [office, group] of byOffice) {
      const teamCount = Math.max(1, Math.round(group.length / random.uniform(6, 10)));
      for (let number = 0; number < teamCount; number++) {
        const team = group.filter((_, position) => position % teamCount === number);
        const teamName = teamCount > 1 ? `${profile.department} ${office.city} ${number + 1}` : `${profile.department} ${office.city}`;
        for (const person of team) person.team = teamName;
        teams.push(team);
      }
    }
    teams.sort((a, b) => b.length - a.length);
    const director = teams[0]![0]!;
    director.level = LEVEL_DIRECTOR;
    for (const team of teams) {
      const manager = team[0]!;
      if (manager !== director) {
        manager.level = team.length >= 3 ? LEVEL_MANAGER : Math.max(manager.level, 3);
        manager.managerIndex = director.index;
      }
      for (const member of team.slice(1)) member.managerIndex = team.length >= 3 || manager === director ? manager.index : director.index;
    }
    directorsByUnit.set(profile.functionalUnit, [...(directorsByUnit.get(profile.functionalUnit) ?? []), director]);
  }
  for (const directors of directorsByUnit.values()) {
    const head = directors.reduce((largest, candidate) => (byDepartment.get(candidate.profile)!.length > byDepartment.get(largest.profile)!.length ? candidate : largest));
    head.level = LEVEL_VICE_PRESIDENT;
    head.managerIndex = chief.index;
    for (const director of directors) if (director !== head) director.managerIndex = head.index;
  }
}

const managersCache = new WeakMap<Organisation, Set<number>>();

/** Whether anyone reports to this person (the tree is fixed once built). */
export function hasReports(organisation: Organisation, person: Person): boolean {
  let managers = managersCache.get(organisation);
  if (!managers) {
    managers = new Set(organisation.people.filter((other) => other.managerIndex !== null).map((other) => other.managerIndex!));
    managersCache.set(organisation, managers);
  }
  return managers.has(person.index);
}

function assignComputers(random: Random, organisation: Organisation): void {
  const used = new Set<string>();
  const capacity = 10_000;
  const newComputer = (shared: boolean): Computer => {
    let name = '';
    do name = `PC-${random.characters(4, '0123456789')}`;
    while (used.has(name) && used.size < capacity);
    used.add(name);
    const computer: Computer = { name, onboarded: random.chance(0.4), shared, users: [] };
    organisation.computers.set(name, computer);
    return computer;
  };
  const floorGroups = new Map<string, Person[]>();
  for (const person of organisation.people) {
    if (person.habits.shift) {
      floorGroups.set(person.team, [...(floorGroups.get(person.team) ?? []), person]);
      continue;
    }
    const computer = newComputer(false);
    computer.users.push(person.index);
    person.computers.push(computer.name);
    const secondChance = person.profile.functionalUnit === 'Information Technology' ? 0.3 : person.profile.department === 'Hardware Engineering' ? 0.2 : 0.05;
    if (random.chance(secondChance)) {
      const second = newComputer(false);
      second.users.push(person.index);
      person.computers.push(second.name);
    }
  }
  // Shift workers share floor PCs: two to five people of one team on one machine.
  for (const members of floorGroups.values()) {
    for (let position = 0; position < members.length; ) {
      const groupSize = Math.min(members.length - position, random.integer(2, 5));
      const computer = newComputer(true);
      for (const person of members.slice(position, position + groupSize)) {
        computer.users.push(person.index);
        person.computers.push(computer.name);
      }
      position += groupSize;
    }
  }
}

function drawAbsences(random: Random, organisation: Organisation, _person: Person): Set<number> {
  const absent = new Set<number>();
  const blocks = random.poisson((organisation.days / 365) * 4.5);
  for (let block = 0; block < blocks; block++) {
    const length = random.weighted([[1, 3], [2, 2], [3, 1], [5, 3], [9, 1], [14, 1]]);
    const first = random.integer(-3, organisation.days - 1);
    for (let day = first; day < first + length; day++) absent.add(day);
  }
  for (let day = 0; day < organisation.days; day++) {
    if (random.chance(0.008)) {
      const length = random.integer(1, 3);
      for (let offset = 0; offset < length; offset++) absent.add(day + offset);
    }
  }
  return absent;
}

const REVIEW_REMARKS: Record<number, readonly string[]> = {
  1: ['Did not meet the agreed objectives; repeated missed deadlines', 'Quality of work and attendance well below expectations', 'Conduct concerns raised by several colleagues, needs immediate improvement'],
  2: ['Met some expectations but attitude towards the team needs work', 'Delivered late on key projects, communication needs improvement', 'Inconsistent results, multiple conflicts with the team'],
  3: ['Solid year, met expectations', 'Reliable contributor, met objectives', 'Good teamwork, delivered planned work', 'Met expectations; develop presentation skills'],
  4: ['Exceeded targets, strong collaboration', 'Took on additional scope and delivered', 'Excellent customer feedback, exceeded objectives'],
  5: ['Outstanding results, role model for the team', 'Exceptional delivery on a critical programme'],
};

/** A review remark for a rating. */
export function reviewRemark(random: Random, rating: number): string {
  return random.pick(REVIEW_REMARKS[rating]!);
}

/** Adds the background HR events: the review cycle, PIPs, level changes, resignations, hires and silent leavers. */
function planBackgroundHr(random: Random, organisation: Organisation): void {
  const days = organisation.days;
  const first = clamp(Math.round(days * 0.35), 0, Math.max(0, days - 1));
  organisation.reviewCycle = { first, last: Math.min(days - 1, first + 9) };
  const atWork = (person: Person, day: number) => personTime(organisation, person, day, random.integer(9 * 3600, 17 * 3600) / 60);
  const scale = days / 90;
  for (const person of organisation.people) {
    if (person.level >= LEVEL_EXECUTIVE) continue;
    const managesPeople = hasReports(organisation, person);
    // New hires join during the period (never managers: the tree stays stable).
    if (!managesPeople && random.chance(0.006 * (days / 30)) && days > 10) {
      person.hireDay = random.integer(3, days - 5);
      continue;
    }
    const reviewDay = random.integer(organisation.reviewCycle.first, organisation.reviewCycle.last);
    const rating = random.weighted([[5, 8], [4, 25], [3, 60], [2, 5], [1, 2]]);
    organisation.hr.push({ kind: 'performanceReview', person: person.index, day: reviewDay, time: atWork(person, reviewDay), rating, remarks: reviewRemark(random, rating) });
    if (rating <= 2 && random.chance(0.4)) {
      const planDay = reviewDay + random.integer(7, 21);
      if (planDay < days) {
        organisation.hr.push({ kind: 'improvementPlan', person: person.index, day: planDay, time: atWork(person, planDay), rating, remarks: random.pick(['Improve delivery against agreed weekly goals', 'Weekly check-ins with manager, attendance and punctuality', 'Improve quality of work, reduce rework, communicate blockers early']) });
      }
    }
    if (person.level < LEVEL_DIRECTOR && random.chance(0.03 * scale)) {
      const day = random.integer(0, days - 1);
      organisation.hr.push({ kind: 'jobLevelChange', person: person.index, day, time: atWork(person, day), oldLevel: person.level, newLevel: person.level + 1, remarks: random.pick(['Promotion', 'Promotion after annual calibration', 'Promotion, expanded scope']) });
    } else if (person.level >= 1 && person.level < LEVEL_DIRECTOR && !managesPeople && random.chance(0.006 * scale)) {
      const day = random.integer(0, days - 1);
      organisation.hr.push({ kind: 'jobLevelChange', person: person.index, day, time: atWork(person, day), oldLevel: person.level, newLevel: person.level - 1, remarks: random.pick(['Restructuring, role regraded', 'Moved to individual contributor role at own request', 'Role change after reorganisation, regraded']) });
    }
    if (managesPeople || person.level >= LEVEL_DIRECTOR) continue;
    if (random.chance(0.012 * (days / 30))) {
      const notice = person.office.region === 'EMEA' ? random.integer(20, 45) : random.integer(10, 30);
      const resignationDay = random.integer(-notice + 2, days - 3);
      const lastWorkingDay = resignationDay + notice;
      organisation.hr.push({ kind: 'resignation', person: person.index, time: atWork(person, resignationDay), lastWorkingDay, reason: 'ordinary' });
      if (lastWorkingDay < days) person.lastDay = lastWorkingDay;
    } else if (random.chance(0.002 * (days / 30))) {
      person.lastDay = random.integer(5, days - 2);
      organisation.silentLeavers.push(person.index);
    }
  }
}

/** The level name as written in the HR system. */
export function levelName(level: number): string {
  return LEVELS[clamp(level, 0, LEVELS.length - 1)]!;
}
