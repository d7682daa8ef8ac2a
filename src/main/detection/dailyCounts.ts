/**
 * Phase A of scoring (policy-independent): from activities, per person and UTC day, the indicator
 * counts (indicator_days), activity volume and logon hours (person_days), devices logged on to
 * (device_days) and completed sequences (sequence_days). The full run scans the table sequentially
 * in person-range batches; the incremental run reads only the affected persons and days through the
 * (person_id, time) index. Both feed each person's rows, in time order, to the same processor.
 */
import type { Database } from '../store/database';
import type { IndicatorId, ScoringPhase } from '../../shared/detection';
import {
  ANY_STEP_BITS,
  LOGON_BIT,
  MASK_INDICATORS,
  STEP_BITS,
  baseName,
  createDomainClassifier,
  indicatorMaskSql,
  installClassifier,
  type ClassificationSettings,
} from './classify';
import { createRegionHours, localFacts, type RegionHours } from './localTime';
import {
  BASELINE_DAYS,
  BASELINE_MIN_ACTIVE_DAYS,
  DAY_MS,
  DEVICE_OWNER_LEAD_FACTOR,
  DEVICE_OWNER_MIN_DAYS,
  DEVICE_OWNER_MIN_SHARE,
  SEQUENCE_LONG_STEPS,
  SEQUENCE_MAX_SPAN_DAYS,
  ROAMING_MIN_DEVICES,
  USUAL_DEVICE_MIN_DAYS,
  USUAL_DEVICE_MIN_SHARE,
  USUAL_HOUR_MIN_DAYS,
} from './model';

/** Reports progress (a phase code the UI translates, and for scoringPolicy the policy's name) and asks whether to stop. */
export interface Progress {
  report(done: number, total: number | null, phase: ScoringPhase, message?: string): void;
  cancelled?(): boolean;
}

/** Thrown when a run is cancelled. */
export class ScoringCancelled extends Error {
  constructor() {
    super('Scoring was cancelled.');
    this.name = 'ScoringCancelled';
  }
}

/** A person's masked activity rows, in time order. */
interface PersonRows {
  ids: number[];
  times: number[];
  masks: number[];
  targets: (string | null)[];
  devices: (string | null)[];
}

/** What the processor produces for one person. */
interface PersonResult {
  /** day → indicator → count */
  counts: Map<number, Map<IndicatorId, number>>;
  logonHours: Map<number, number>;
  sequences: Map<number, { files: number; longFiles: number }>;
  flagged: { day: number; indicator: 'after_hours_logon' | 'foreign_device_logon'; activityId: number }[];
}

/** Device ownership, from device_days. */
interface DeviceFacts {
  /** The owner of a personal device as `person` sees it (undefined: shared or unknown). */
  ownerFor(device: string, person: number): number | undefined;
  /** person → device → logon days (all time). */
  daysOf: Map<number, Map<string, number>>;
  /** person → total logon days. */
  totalDaysOf: Map<number, number>;
}

const MASK_BIT_COUNT = MASK_INDICATORS.length;

/** The day of an instant. */
export function dayOf(time: number): number {
  return Math.floor(time / DAY_MS);
}

function increment(counts: Map<number, Map<IndicatorId, number>>, day: number, indicator: IndicatorId, by = 1): void {
  let perDay = counts.get(day);
  if (!perDay) counts.set(day, (perDay = new Map()));
  perDay.set(indicator, (perDay.get(indicator) ?? 0) + by);
}

/** Loads device ownership from device_days. */
export function loadDeviceFacts(db: Database): DeviceFacts {
  /** device → its three most frequent users (most days first) and all its logon days. */
  const usersOf = new Map<string, { top: { person: number; days: number }[]; total: number }>();
  const daysOf = new Map<number, Map<string, number>>();
  const totalDaysOf = new Map<number, number>();
  const rows = db
    .prepare(
      'SELECT device, person_id AS person, count(*) AS days FROM device_days GROUP BY device, person_id ORDER BY device, days DESC, person_id',
    )
    .raw()
    .iterate() as IterableIterator<[string, number, number]>;
  for (const [device, person, days] of rows) {
    let users = usersOf.get(device);
    if (!users) usersOf.set(device, (users = { top: [], total: 0 }));
    if (users.top.length < 3) users.top.push({ person, days });
    users.total += days;
    let perPerson = daysOf.get(person);
    if (!perPerson) daysOf.set(person, (perPerson = new Map()));
    perPerson.set(device, days);
  }
  for (const row of db
    .prepare('SELECT person_id AS person, count(DISTINCT day) AS days FROM device_days GROUP BY person_id')
    .raw()
    .iterate() as IterableIterator<[number, number]>) {
    totalDaysOf.set(row[0], row[1]);
  }
  // A personal device: one clear owner who holds most of its logon days (shared PCs have none).
  // Judged without the days of the person being judged: a snooper's own visits must not make the
  // victim's computer look shared (nine visits to a colleague's PC used to do exactly that).
  const ownerFor = (device: string, person: number): number | undefined => {
    const users = usersOf.get(device);
    if (!users || users.top.length === 0) return undefined;
    if (users.top[0]!.person === person) return person;
    const others = users.top.filter((user) => user.person !== person);
    const best = others[0]!;
    const second = others[1]?.days ?? 0;
    const total = users.total - (daysOf.get(person)?.get(device) ?? 0);
    return best.days >= DEVICE_OWNER_MIN_DAYS && best.days >= DEVICE_OWNER_LEAD_FACTOR * second && best.days >= DEVICE_OWNER_MIN_SHARE * total
      ? best.person
      : undefined;
  };
  return { ownerFor, daysOf, totalDaysOf };
}

/** Rolling per-person logon baseline: days with a logon per local hour key, per device, and in all. */
class LogonBaseline {
  readonly hourDays = new Map<number, number[]>();
  readonly deviceDays = new Map<string, number[]>();
  readonly activeDays: number[] = [];

  addDay(day: number, hoursMask: number, devices: Iterable<string>): void {
    // The 48-bit mask as two 24-bit halves, so plain bit operations apply.
    const halves = [hoursMask % 2 ** 24, Math.floor(hoursMask / 2 ** 24)];
    halves.forEach((half, index) => {
      for (let rest = half; rest !== 0; rest &= rest - 1) push(this.hourDays, index * 24 + (31 - Math.clz32(rest & -rest)), day);
    });
    for (const device of devices) push(this.deviceDays, device, day);
    if (this.activeDays[this.activeDays.length - 1] !== day) this.activeDays.push(day);
  }

  /** Days in [day − BASELINE_DAYS, day) for a list. */
  static within(list: number[] | undefined, day: number): number {
    if (!list) return 0;
    let count = 0;
    for (let index = list.length - 1; index >= 0; index--) {
      const d = list[index]!;
      if (d >= day) continue;
      if (d < day - BASELINE_DAYS) break;
      count++;
    }
    return count;
  }
}

function push<K>(map: Map<K, number[]>, key: K, day: number): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  if (list[list.length - 1] !== day) list.push(day);
}

/** Step categories of a mask as bits: 1 collection, 2 exfiltration, 4 obfuscation, 8 clean-up. */
export function stepCategories(mask: number): number {
  return (
    (mask & STEP_BITS.collection ? 1 : 0) |
    (mask & STEP_BITS.exfiltration ? 2 : 0) |
    (mask & STEP_BITS.obfuscation ? 4 : 0) |
    (mask & STEP_BITS.cleanup ? 8 : 0)
  );
}

/** The sequence step of a row (its file name and step categories), or null when it is none. */
export function stepOf(mask: number, target: string | null): { file: string; categories: number } | null {
  if ((mask & ANY_STEP_BITS) === 0 || !target) return null;
  const file = baseName(target);
  return file ? { file, categories: stepCategories(mask) } : null;
}

/** A completed sequence step: the file, the day, how many step kinds, and (when collected) the activity ids involved. */
export interface SequenceCompletion {
  day: number;
  file: string;
  steps: number;
  activityIds: number[];
}

/**
 * Finds sequences in one person's rows (fed in time order): exfiltration of a file after its
 * collection or obfuscation, or clean-up after its exfiltration, within SEQUENCE_MAX_SPAN_DAYS.
 */
export class SequenceDetector {
  private readonly recent = new Map<string, { id: number; time: number; categories: number }[]>();

  /** Adds a row; returns the completion it makes, if any. */
  add(id: number, time: number, mask: number, target: string | null): SequenceCompletion | null {
    const step = stepOf(mask, target);
    return step ? this.addStep(id, time, step.file, step.categories) : null;
  }

  /** Adds a step (file name and step categories); returns the completion it makes, if any. */
  addStep(id: number, time: number, file: string, categories: number): SequenceCompletion | null {
    // Linked when the earlier step's day is at most SEQUENCE_MAX_SPAN_DAYS days before this one's.
    const firstDay = dayOf(time) - SEQUENCE_MAX_SPAN_DAYS;
    const list = (this.recent.get(file) ?? []).filter((step) => dayOf(step.time) >= firstDay);
    const before = list.reduce((all, step) => all | step.categories, 0);
    // Exfiltration after collection or obfuscation; clean-up after exfiltration.
    const completes = ((categories & 2) !== 0 && (before & 5) !== 0) || ((categories & 8) !== 0 && (before & 2) !== 0);
    list.push({ id, time, categories });
    this.recent.set(file, list);
    if (!completes) return null;
    const involved = before | categories;
    const steps = (involved & 1 ? 1 : 0) + (involved & 2 ? 1 : 0) + (involved & 4 ? 1 : 0) + (involved & 8 ? 1 : 0);
    return { day: dayOf(time), file, steps, activityIds: list.map((step) => step.id) };
  }
}

/** Adds up completions per day: distinct files, and files in sequences of SEQUENCE_LONG_STEPS or more kinds. */
export class SequenceTally {
  private readonly byDay = new Map<number, { files: Set<string>; long: Set<string> }>();

  add(completion: SequenceCompletion): void {
    let entry = this.byDay.get(completion.day);
    if (!entry) this.byDay.set(completion.day, (entry = { files: new Set(), long: new Set() }));
    entry.files.add(completion.file);
    if (completion.steps >= SEQUENCE_LONG_STEPS) entry.long.add(completion.file);
  }

  result(): Map<number, { files: number; longFiles: number }> {
    const out = new Map<number, { files: number; longFiles: number }>();
    for (const [day, entry] of [...this.byDay].sort((x, y) => x[0] - y[0]))
      out.set(day, { files: entry.files.size, longFiles: entry.long.size });
    return out;
  }
}

/** Bit of a logon hour key in person_days.logon_hours (2^key; keys 0–47 fit a double exactly). */
function hourBit(key: number): number {
  return 2 ** key;
}

/**
 * Counts one person's mask indicators per day (days in [countFrom, countTo]) and the sequences
 * completing in [sequenceFrom, sequenceTo], from their rows in time order.
 */
function countActivity(
  rows: PersonRows,
  counts: Map<number, Map<IndicatorId, number>>,
  ranges: { countFrom: number; countTo: number; sequenceFrom: number; sequenceTo: number },
  steps: StepRow[] | null = null,
): Map<number, { files: number; longFiles: number }> {
  const detector = new SequenceDetector();
  const tally = new SequenceTally();
  for (let index = 0; index < rows.times.length; index++) {
    const time = rows.times[index]!;
    const mask = rows.masks[index]!;
    const day = dayOf(time);
    if (day >= ranges.countFrom && day <= ranges.countTo && (mask & ~LOGON_BIT) !== 0) {
      for (let bit = 0; bit < MASK_BIT_COUNT; bit++) if (mask & (1 << bit)) increment(counts, day, MASK_INDICATORS[bit]!);
    }
    const step = stepOf(mask, rows.targets[index] ?? null);
    if (!step) continue;
    steps?.push({ day, time, id: rows.ids[index]!, file: step.file, categories: step.categories });
    const completion = detector.addStep(rows.ids[index]!, time, step.file, step.categories);
    if (completion && completion.day >= ranges.sequenceFrom && completion.day <= ranges.sequenceTo) tally.add(completion);
  }
  return tally.result();
}

/** A stored sequence step. */
interface StepRow {
  day: number;
  time: number;
  id: number;
  file: string;
  categories: number;
}

/** One person's logons in time order. */
interface PersonLogons {
  ids: number[];
  times: number[];
  devices: (string | null)[];
}

/**
 * Judges one person's logons (time order) against their rolling baseline: after-hours and
 * foreign-device logons per day in [logonFrom, logonTo], the local hours logged on per day.
 */
function countLogons(
  person: number,
  logons: PersonLogons,
  hours: RegionHours,
  devices: DeviceFacts,
  baseline: LogonBaseline,
  counts: Map<number, Map<IndicatorId, number>>,
  ranges: { logonFrom: number; logonTo: number },
): { logonHours: Map<number, number>; flagged: PersonResult['flagged'] } {
  const logonHours = new Map<number, number>();
  const flagged: PersonResult['flagged'] = [];
  const personDeviceDays = devices.daysOf.get(person);
  const personTotalDays = devices.totalDaysOf.get(person) ?? 0;
  let logonDay = Number.NaN;
  let dayHours = 0;
  let dayDevices = new Set<string>();
  let mature = false;
  let roaming = false;
  const flushLogonDay = () => {
    if (Number.isNaN(logonDay)) return;
    logonHours.set(logonDay, dayHours);
    baseline.addDay(logonDay, dayHours, dayDevices);
  };
  for (let index = 0; index < logons.times.length; index++) {
    const time = logons.times[index]!;
    const day = dayOf(time);
    if (day !== logonDay) {
      flushLogonDay();
      logonDay = day;
      dayHours = 0;
      dayDevices = new Set();
      mature = LogonBaseline.within(baseline.activeDays, day) >= BASELINE_MIN_ACTIVE_DAYS;
      // People who log on to other people's devices as a habit (desk-side support) are roaming users.
      let foreignDevices = 0;
      for (const [seen, days] of baseline.deviceDays) {
        const owner = devices.ownerFor(seen, person);
        if (owner !== undefined && owner !== person && LogonBaseline.within(days, day) > 0) foreignDevices++;
      }
      roaming = foreignDevices >= ROAMING_MIN_DEVICES;
    }
    const facts = localFacts(hours, time);
    const key = (facts.workday ? 24 : 0) + facts.hour;
    const device = logons.devices[index];
    if (day >= ranges.logonFrom && day <= ranges.logonTo) {
      if (mature && !facts.inBusinessHours && LogonBaseline.within(baseline.hourDays.get(key), day) < USUAL_HOUR_MIN_DAYS) {
        increment(counts, day, 'after_hours_logon');
        flagged.push({ day, indicator: 'after_hours_logon', activityId: logons.ids[index]! });
      }
      if (device) {
        const owner = devices.ownerFor(device, person);
        const usual =
          LogonBaseline.within(baseline.deviceDays.get(device), day) >= USUAL_DEVICE_MIN_DAYS ||
          (personTotalDays > 0 && (personDeviceDays?.get(device) ?? 0) / personTotalDays >= USUAL_DEVICE_MIN_SHARE);
        if (mature && !roaming && owner !== undefined && owner !== person && !usual) {
          increment(counts, day, 'foreign_device_logon');
          flagged.push({ day, indicator: 'foreign_device_logon', activityId: logons.ids[index]! });
        }
      }
    }
    if (dayHours % (hourBit(key) * 2) < hourBit(key)) dayHours += hourBit(key);
    if (device) dayDevices.add(device);
  }
  flushLogonDay();
  return { logonHours, flagged };
}

/** The logon rows among a person's masked rows. */
function logonsOf(rows: PersonRows): PersonLogons {
  const logons: PersonLogons = { ids: [], times: [], devices: [] };
  for (let index = 0; index < rows.times.length; index++) {
    if (rows.masks[index]! & LOGON_BIT) {
      logons.ids.push(rows.ids[index]!);
      logons.times.push(rows.times[index]!);
      logons.devices.push(rows.devices[index] ?? null);
    }
  }
  return logons;
}


/** Prepared writers for Phase A outputs. */
function writers(db: Database) {
  return {
    indicator: db.prepare('INSERT INTO indicator_days (person_id, day, indicator, count) VALUES (@person, @day, @indicator, @count)'),
    personDay: db.prepare(
      `INSERT INTO person_days (person_id, day, activities, logon_hours) VALUES (@person, @day, @activities, @logonHours)
       ON CONFLICT (person_id, day) DO UPDATE SET activities = excluded.activities, logon_hours = excluded.logon_hours`,
    ),
    logonHours: db.prepare(
      `INSERT INTO person_days (person_id, day, activities, logon_hours) VALUES (@person, @day, 0, @logonHours)
       ON CONFLICT (person_id, day) DO UPDATE SET logon_hours = excluded.logon_hours`,
    ),
    sequence: db.prepare('INSERT INTO sequence_days (person_id, day, files, long_files) VALUES (@person, @day, @files, @longFiles)'),
    flagged: db.prepare('INSERT OR IGNORE INTO flagged_logons (person_id, day, indicator, activity_id) VALUES (@person, @day, @indicator, @activityId)'),
    step: db.prepare(
      'INSERT OR IGNORE INTO sequence_steps (person_id, day, time, activity_id, file, categories) VALUES (@person, @day, @time, @activityId, @file, @categories)',
    ),
  };
}

/** A sequence step as the parameters of the `step` writer. */
function stepRow(person: number, step: StepRow) {
  return { person, day: step.day, time: step.time, activityId: step.id, file: step.file, categories: step.categories };
}

function writeResult(w: ReturnType<typeof writers>, person: number, result: PersonResult): void {
  for (const day of [...result.counts.keys()].sort((x, y) => x - y)) {
    const perDay = result.counts.get(day)!;
    for (const indicator of [...perDay.keys()].sort()) w.indicator.run({ person, day, indicator, count: perDay.get(indicator)! });
  }
  for (const [day, files] of [...result.sequences].sort((x, y) => x[0] - y[0]))
    w.sequence.run({ person, day, files: files.files, longFiles: files.longFiles });
  for (const flag of result.flagged) w.flagged.run({ person, day: flag.day, indicator: flag.indicator, activityId: flag.activityId });
}

/**
 * The rows of activities matching `where` whose mask is not 0. The inner query has an OFFSET so
 * SQLite runs it as a co-routine: the mask is computed once per row, not once per reference.
 */
function maskedRowsSql(
  settings: ClassificationSettings,
  where: string,
): { sql: string; params: Record<string, string | number> } {
  const mask = indicatorMaskSql(settings, 'a');
  return {
    sql: `SELECT person_id, id, time, mask,
                 CASE WHEN (mask & ${ANY_STEP_BITS}) != 0 THEN target END AS target,
                 CASE WHEN (mask & ${LOGON_BIT}) != 0 THEN device END AS device
          FROM (SELECT a.person_id, a.id, a.time, a.target, a.device, ${mask.sql} AS mask FROM activities a WHERE ${where} LIMIT -1 OFFSET 0)
          WHERE mask != 0`,
    params: mask.params,
  };
}

function emptyRows(): PersonRows {
  return { ids: [], times: [], masks: [], targets: [], devices: [] };
}

function checkCancelled(progress: Progress | undefined): void {
  if (progress?.cancelled?.()) throw new ScoringCancelled();
}

/** Persons and their regions. */
function personRegions(db: Database): Map<number, string | null> {
  return new Map(
    (db.prepare('SELECT id, region FROM persons').raw().all() as [number, string | null][]).map(([id, region]) => [id, region]),
  );
}

/** Persons written per transaction in the full run. */
export const WRITE_CHUNK_PERSONS = 100;

/** Activities per batch in the full run (bounds memory: rows of a batch are held until processed). */
export const FULL_BATCH_ACTIVITIES = 5_000_000;

/** Full Phase A: recomputes every derived daily table from all activities, in short transactions of its own. */
export function computeAllDailyCounts(
  db: Database,
  settings: ClassificationSettings,
  progress?: Progress,
): { persons: number; activities: number } {
  installClassifier(db, createDomainClassifier(settings));
  const regionHours = createRegionHours(settings.businessHours);
  const regions = personRegions(db);
  const w = writers(db);
  // Writes go in short transactions of WRITE_CHUNK_PERSONS persons, so triage and imports are never
  // kept waiting longer than the busy timeout by a long re-score; reads run outside them (WAL).
  const inTransaction = <T>(work: () => T): T => db.transaction(work)();
  const forget = {
    indicators: db.prepare('DELETE FROM indicator_days WHERE person_id = @person'),
    personDays: db.prepare('DELETE FROM person_days WHERE person_id = @person'),
    devices: db.prepare('DELETE FROM device_days WHERE person_id = @person'),
    sequences: db.prepare('DELETE FROM sequence_days WHERE person_id = @person'),
    steps: db.prepare('DELETE FROM sequence_steps WHERE person_id = @person'),
    flagged: db.prepare('DELETE FROM flagged_logons WHERE person_id = @person'),
  };

  progress?.report(0, null, 'counting');
  // Per person over the (person_id, time) index: small sorts, about twice as fast as one big GROUP BY.
  const volumes = new Map<number, [number, number][]>();
  let activities = 0;
  const perDay = db.prepare('SELECT time / 86400000 AS day, count(*) FROM activities WHERE person_id = @person GROUP BY day');
  for (const person of db.prepare('SELECT id FROM persons ORDER BY id').pluck().all() as number[]) {
    const list = perDay.raw().all({ person }) as [number, number][];
    if (list.length === 0) continue;
    volumes.set(person, list);
    for (const [, count] of list) activities += count;
  }
  const perPerson = new Map([...volumes].map(([person, list]) => [person, list.reduce((sum, [, count]) => sum + count, 0)]));
  // Derived rows of persons without any activity now are dropped.
  const persons = [...perPerson.keys()].sort((x, y) => x - y);
  inTransaction(() => {
    const keep = JSON.stringify(persons);
    for (const table of ['indicator_days', 'person_days', 'device_days', 'sequence_days', 'sequence_steps', 'flagged_logons']) {
      db.prepare(`DELETE FROM ${table} WHERE person_id NOT IN (SELECT value FROM json_each(@keep))`).run({ keep });
    }
  });
  checkCancelled(progress);

  // Person-range batches of about FULL_BATCH_ACTIVITIES activities each.
  const batches: [number, number][] = [];
  let start = 0;
  let running = 0;
  persons.forEach((person, index) => {
    running += perPerson.get(person)!;
    if (running >= FULL_BATCH_ACTIVITIES || index === persons.length - 1) {
      batches.push([persons[start]!, person]);
      start = index + 1;
      running = 0;
    }
  });

  // Pass 1, per batch: activity counts and sequences; logons are kept (compactly) for pass 2,
  // which needs every person's devices to know whose device a PC is.
  let done = 0;
  progress?.report(0, activities, 'classifying');
  const all = { countFrom: -Infinity, countTo: Infinity, logonFrom: -Infinity, logonTo: Infinity, sequenceFrom: -Infinity, sequenceTo: Infinity };
  const logonsByPerson = new Map<number, PersonLogons>();
  for (const [first, last] of batches) {
    // `+a.person_id` keeps SQLite on a sequential table scan rather than random index lookups.
    const query = maskedRowsSql(settings, '+a.person_id BETWEEN @first AND @last');
    const rowsByPerson = new Map<number, PersonRows>();
    for (const [person, id, time, mask, target, device] of db
      .prepare(query.sql)
      .raw()
      .iterate({ ...query.params, first, last }) as IterableIterator<[number, number, number, number, string | null, string | null]>) {
      let rows = rowsByPerson.get(person);
      if (!rows) rowsByPerson.set(person, (rows = emptyRows()));
      rows.ids.push(id);
      rows.times.push(time);
      rows.masks.push(mask);
      rows.targets.push(target);
      rows.devices.push(device);
    }
    const batchPersons = persons.filter((person) => person >= first && person <= last);
    for (let chunk = 0; chunk < batchPersons.length; chunk += WRITE_CHUNK_PERSONS) {
      inTransaction(() => {
        for (const person of batchPersons.slice(chunk, chunk + WRITE_CHUNK_PERSONS)) {
          for (const statement of Object.values(forget)) statement.run({ person });
          for (const [day, count] of volumes.get(person) ?? []) w.personDay.run({ person, day, activities: count, logonHours: 0 });
          volumes.delete(person);
          const rows = sortByTime(rowsByPerson.get(person) ?? emptyRows());
          rowsByPerson.delete(person);
          const counts = new Map<number, Map<IndicatorId, number>>();
          const steps: StepRow[] = [];
          const sequences = countActivity(rows, counts, all, steps);
          writeResult(w, person, { counts, logonHours: new Map(), sequences, flagged: [] });
          for (const step of steps) w.step.run(stepRow(person, step));
          const logons = logonsOf(rows);
          if (logons.ids.length) logonsByPerson.set(person, logons);
          done += perPerson.get(person) ?? 0;
        }
      });
      checkCancelled(progress);
    }
    progress?.report(Math.min(done, activities), activities, 'classifying');
  }

  // Pass 2: devices (who logs on where, on how many days), then each person's logons.
  progress?.report(0, logonsByPerson.size, 'judgingLogons');
  const insertDevice = db.prepare('INSERT OR IGNORE INTO device_days (device, person_id, day) VALUES (@device, @person, @day)');
  const withLogons = persons.filter((person) => logonsByPerson.has(person));
  for (let chunk = 0; chunk < withLogons.length; chunk += WRITE_CHUNK_PERSONS) {
    inTransaction(() => {
      for (const person of withLogons.slice(chunk, chunk + WRITE_CHUNK_PERSONS)) {
        const logons = logonsByPerson.get(person)!;
        const seen = new Set<string>();
        logons.devices.forEach((device, index) => {
          if (!device) return;
          const day = dayOf(logons.times[index]!);
          if (seen.has(`${day}|${device}`)) return;
          seen.add(`${day}|${device}`);
          insertDevice.run({ device, person, day });
        });
      }
    });
  }
  const devices = loadDeviceFacts(db);
  for (let chunk = 0; chunk < withLogons.length; chunk += WRITE_CHUNK_PERSONS) {
    inTransaction(() => {
      for (const person of withLogons.slice(chunk, chunk + WRITE_CHUNK_PERSONS)) {
        const counts = new Map<number, Map<IndicatorId, number>>();
        const result = countLogons(person, logonsByPerson.get(person)!, regionHours(regions.get(person) ?? null), devices, new LogonBaseline(), counts, all);
        for (const [day, hoursMask] of result.logonHours) w.logonHours.run({ person, day, logonHours: hoursMask });
        writeResult(w, person, { counts, logonHours: new Map(), sequences: new Map(), flagged: result.flagged });
        logonsByPerson.delete(person);
      }
    });
    checkCancelled(progress);
  }
  return { persons: persons.length, activities };
}

function sortByTime(rows: PersonRows): PersonRows {
  const order = rows.times.map((_, index) => index);
  order.sort((x, y) => rows.times[x]! - rows.times[y]! || rows.ids[x]! - rows.ids[y]!);
  return {
    ids: order.map((i) => rows.ids[i]!),
    times: order.map((i) => rows.times[i]!),
    masks: order.map((i) => rows.masks[i]!),
    targets: order.map((i) => rows.targets[i]!),
    devices: order.map((i) => rows.devices[i]!),
  };
}

/** Above this many activities in the range, an "incremental" run is a full one (it would hold them all). */
export const INCREMENTAL_MAX_ACTIVITIES = 2_500_000;

/**
 * Incremental Phase A for some persons and a time range: recomputes their counts for the days of
 * the range, their logon indicators up to BASELINE_DAYS after it (the rolling baseline moved) and
 * sequences up to SEQUENCE_MAX_SPAN_DAYS after it. Reads only the range's activities (and any
 * later logons); earlier sequence steps and the logon baseline come from the daily tables. Run
 * inside a transaction. Returns null when the range is too large for an incremental run.
 */
export function computeDailyCountsFor(
  db: Database,
  settings: ClassificationSettings,
  personIds: readonly number[],
  fromTime: number,
  toTime: number,
  progress?: Progress,
): { persons: number; firstDay: number; lastDay: number } | null {
  installClassifier(db, createDomainClassifier(settings));
  const regionHours = createRegionHours(settings.businessHours);
  const regions = personRegions(db);
  const d0 = dayOf(fromTime);
  const d1 = dayOf(toTime);
  const logonTo = d1 + BASELINE_DAYS;
  const sequenceTo = d1 + SEQUENCE_MAX_SPAN_DAYS;
  const range = { from: d0 * DAY_MS, to: (d1 + 1) * DAY_MS };
  const w = writers(db);
  const persons = [...new Set(personIds)].sort((x, y) => x - y);

  const countInRange = db.prepare('SELECT count(*) FROM activities WHERE person_id = @person AND time >= @from AND time < @to');
  let total = 0;
  for (const person of persons) total += countInRange.pluck().get({ person, ...range }) as number;
  if (total > INCREMENTAL_MAX_ACTIVITIES) return null;

  const statements = {
    volume: db.prepare('SELECT time / 86400000 AS day, count(*) FROM activities WHERE person_id = @person AND time >= @from AND time < @to GROUP BY day'),
    later: db.prepare('SELECT 1 FROM activities WHERE person_id = @person AND time >= @from LIMIT 1'),
    rows: db.prepare(maskedRowsSql(settings, 'a.person_id = @person AND a.time >= @from AND a.time < @to').sql),
    laterLogons: db.prepare(maskedRowsSql(settings, "a.person_id = @person AND a.time >= @from AND a.time < @to AND a.kind = 'logon'").sql),
    deletePersonDays: db.prepare('DELETE FROM person_days WHERE person_id = @person AND day BETWEEN @firstDay AND @lastDay'),
    deleteCounts: db.prepare(
      `DELETE FROM indicator_days WHERE person_id = @person AND day BETWEEN @d0 AND @logonTo
         AND (day <= @d1 OR indicator IN ('after_hours_logon', 'foreign_device_logon'))`,
    ),
    deleteDevices: db.prepare('DELETE FROM device_days WHERE person_id = @person AND day BETWEEN @firstDay AND @lastDay'),
    insertDevice: db.prepare('INSERT OR IGNORE INTO device_days (device, person_id, day) VALUES (@device, @person, @day)'),
    deleteSteps: db.prepare('DELETE FROM sequence_steps WHERE person_id = @person AND day BETWEEN @firstDay AND @lastDay'),
    deleteSequences: db.prepare('DELETE FROM sequence_days WHERE person_id = @person AND day BETWEEN @firstDay AND @lastDay'),
    deleteFlagged: db.prepare('DELETE FROM flagged_logons WHERE person_id = @person AND day BETWEEN @firstDay AND @lastDay'),
    steps: db.prepare(
      'SELECT activity_id, time, file, categories FROM sequence_steps WHERE person_id = @person AND day BETWEEN @firstDay AND @lastDay ORDER BY time, activity_id',
    ),
    baselineHours: db.prepare('SELECT day, logon_hours FROM person_days WHERE person_id = @person AND day >= @fromDay AND day < @toDay ORDER BY day'),
    baselineDevices: db.prepare('SELECT day, device FROM device_days WHERE person_id = @person AND day >= @fromDay AND day < @toDay ORDER BY day, device'),
  };
  const maskParams = maskedRowsSql(settings, '1').params;
  const readRows = (statement: typeof statements.rows, person: number, from: number, to: number): PersonRows => {
    const rows = emptyRows();
    for (const [, id, time, mask, target, device] of statement.raw().all({ ...maskParams, person, from, to }) as [
      number,
      number,
      number,
      number,
      string | null,
      string | null,
    ][]) {
      rows.ids.push(id);
      rows.times.push(time);
      rows.masks.push(mask);
      rows.targets.push(target);
      rows.devices.push(device);
    }
    return sortByTime(rows);
  };

  // Pass A: the range's rows of every person, their counts, steps and devices (ownership needs all of them).
  const pending = new Map<number, { logons: PersonLogons }>();
  persons.forEach((person, index) => {
    statements.deletePersonDays.run({ person, firstDay: d0, lastDay: d1 });
    for (const [day, count] of statements.volume.raw().all({ person, ...range }) as [number, number][])
      w.personDay.run({ person, day, activities: count, logonHours: 0 });
    statements.deleteCounts.run({ person, d0, d1, logonTo });
    statements.deleteDevices.run({ person, firstDay: d0, lastDay: d1 });
    statements.deleteSteps.run({ person, firstDay: d0, lastDay: d1 });
    statements.deleteSequences.run({ person, firstDay: d0, lastDay: sequenceTo });
    statements.deleteFlagged.run({ person, firstDay: d0, lastDay: logonTo });
    const rows = readRows(statements.rows, person, range.from, range.to);
    const counts = new Map<number, Map<IndicatorId, number>>();
    const steps: StepRow[] = [];
    countActivity(rows, counts, { countFrom: d0, countTo: d1, sequenceFrom: Infinity, sequenceTo: -Infinity }, steps);
    writeResult(w, person, { counts, logonHours: new Map(), sequences: new Map(), flagged: [] });
    for (const step of steps) w.step.run(stepRow(person, step));
    const logons = logonsOf(rows);
    const seen = new Set<string>();
    logons.devices.forEach((device, i) => {
      const day = dayOf(logons.times[i]!);
      if (!device || seen.has(`${day}|${device}`)) return;
      seen.add(`${day}|${device}`);
      statements.insertDevice.run({ device, person, day });
    });
    // Logons after the range are judged again: their baseline now includes the range.
    if (statements.later.get({ person, from: range.to })) {
      const later = logonsOf(readRows(statements.laterLogons, person, range.to, (logonTo + 1) * DAY_MS));
      logons.ids.push(...later.ids);
      logons.times.push(...later.times);
      logons.devices.push(...later.devices);
    }
    pending.set(person, { logons });
    if (index % 200 === 0) {
      progress?.report(index, persons.length * 2, 'classifyingNew');
      checkCancelled(progress);
    }
  });

  // Pass B: sequences from the stored steps, and logons against the baseline and device owners.
  const devices = loadDeviceFacts(db);
  persons.forEach((person, index) => {
    const detector = new SequenceDetector();
    const tally = new SequenceTally();
    for (const [id, time, file, categories] of statements.steps.raw().all({ person, firstDay: d0 - SEQUENCE_MAX_SPAN_DAYS, lastDay: sequenceTo }) as [number, number, string, number][]) {
      const completion = detector.addStep(id, time, file, categories);
      if (completion && completion.day >= d0 && completion.day <= sequenceTo) tally.add(completion);
    }
    for (const [day, files] of tally.result()) w.sequence.run({ person, day, files: files.files, longFiles: files.longFiles });

    const baseline = new LogonBaseline();
    const devicesByDay = new Map<number, string[]>();
    for (const [day, device] of statements.baselineDevices.raw().all({ person, fromDay: d0 - BASELINE_DAYS, toDay: d0 }) as [number, string][]) {
      let list = devicesByDay.get(day);
      if (!list) devicesByDay.set(day, (list = []));
      list.push(device);
    }
    for (const [day, hoursMask] of statements.baselineHours.raw().all({ person, fromDay: d0 - BASELINE_DAYS, toDay: d0 }) as [number, number][]) {
      if (hoursMask !== 0) baseline.addDay(day, hoursMask, devicesByDay.get(day) ?? []);
    }
    const counts = new Map<number, Map<IndicatorId, number>>();
    const { logonHours, flagged } = countLogons(person, pending.get(person)!.logons, regionHours(regions.get(person) ?? null), devices, baseline, counts, {
      logonFrom: d0,
      logonTo,
    });
    writeResult(w, person, { counts, logonHours: new Map(), sequences: new Map(), flagged });
    for (const [day, hoursMask] of logonHours) if (day >= d0 && day <= d1) w.logonHours.run({ person, day, logonHours: hoursMask });
    pending.delete(person);
    if (index % 200 === 0) {
      progress?.report(persons.length + index, persons.length * 2, 'classifyingNew');
      checkCancelled(progress);
    }
  });
  return { persons: persons.length, firstDay: d0, lastDay: d1 };
}
