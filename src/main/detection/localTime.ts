/** Local time of day per region (business hours and time zone from settings), memoised per zone and hour. */
import type { BusinessHoursEntry } from '../../shared/contract/settings';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A region's business hours, ready for fast checks. */
export interface RegionHours {
  timeZone: string;
  startMinute: number;
  endMinute: number;
  workdays: Set<number>;
  /** Local wall-clock offset (minutes) at a UTC instant. */
  offsetMinutes(utc: number): number;
}

const offsetCache = new Map<string, Map<number, number>>();

function computeOffset(timeZone: string, utc: number): number {
  if (timeZone === 'UTC') return 0;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(utc));
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'));
  return Math.round((local - Math.floor(utc / 60_000) * 60_000) / 60_000);
}

/** The offset of a zone at an instant (cached per UTC hour: zone changes happen on the hour). */
export function zoneOffsetMinutes(timeZone: string, utc: number): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) offsetCache.set(timeZone, (zone = new Map()));
  const hour = Math.floor(utc / HOUR_MS);
  let offset = zone.get(hour);
  if (offset === undefined) {
    offset = computeOffset(timeZone, hour * HOUR_MS);
    if (zone.size > 100_000) zone.clear();
    zone.set(hour, offset);
  }
  return offset;
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Resolves business hours per region (case-insensitive; `*` for the rest). */
export function createRegionHours(entries: BusinessHoursEntry[]): (region: string | null) => RegionHours {
  const build = (entry: BusinessHoursEntry): RegionHours => ({
    timeZone: entry.timeZone,
    startMinute: minutesOf(entry.start),
    endMinute: minutesOf(entry.end),
    workdays: new Set(entry.workdays),
    offsetMinutes: (utc) => zoneOffsetMinutes(entry.timeZone, utc),
  });
  const byRegion = new Map(entries.map((entry) => [entry.region.toLowerCase(), build(entry)]));
  const fallback = byRegion.get('*')!;
  return (region) => (region ? byRegion.get(region.toLowerCase()) : undefined) ?? fallback;
}

/** Local facts of an instant for a region: hour, minute of day, weekday (0 = Sunday), workday. */
export function localFacts(
  hours: RegionHours,
  utc: number,
): { hour: number; minuteOfDay: number; weekday: number; workday: boolean; inBusinessHours: boolean } {
  const local = utc + hours.offsetMinutes(utc) * 60_000;
  const minuteOfDay = Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
  const weekday = (((Math.floor(local / DAY_MS) + 4) % 7) + 7) % 7;
  const workday = hours.workdays.has(weekday);
  return {
    hour: Math.floor(minuteOfDay / 60),
    minuteOfDay,
    weekday,
    workday,
    inBusinessHours: workday && minuteOfDay >= hours.startMinute && minuteOfDay < hours.endMinute,
  };
}
