/**
 * Dates, time zones and public holidays for the simulator. Time zone rules are written out here
 * (EU, US and New South Wales daylight saving) instead of taken from ICU, so the output does not
 * change with the Node build's time zone database.
 */

/** Milliseconds in a day. */
export const DAY = 86_400_000;
/** Milliseconds in a minute. */
export const MINUTE = 60_000;

/** The time zones of the simulated offices. */
export type TimeZoneName =
  | 'America/New_York'
  | 'America/Chicago'
  | 'America/Los_Angeles'
  | 'America/Toronto'
  | 'America/Sao_Paulo'
  | 'Europe/London'
  | 'Europe/Berlin'
  | 'Europe/Paris'
  | 'Europe/Amsterdam'
  | 'Europe/Warsaw'
  | 'Europe/Madrid'
  | 'Asia/Singapore'
  | 'Asia/Tokyo'
  | 'Asia/Kolkata'
  | 'Australia/Sydney';

interface ZoneRule {
  standard: number;
  daylight: number;
  rule: 'none' | 'eu' | 'us' | 'nsw';
}

const ZONES: Record<TimeZoneName, ZoneRule> = {
  'America/New_York': { standard: -300, daylight: -240, rule: 'us' },
  'America/Chicago': { standard: -360, daylight: -300, rule: 'us' },
  'America/Los_Angeles': { standard: -480, daylight: -420, rule: 'us' },
  'America/Toronto': { standard: -300, daylight: -240, rule: 'us' },
  'America/Sao_Paulo': { standard: -180, daylight: -180, rule: 'none' },
  'Europe/London': { standard: 0, daylight: 60, rule: 'eu' },
  'Europe/Berlin': { standard: 60, daylight: 120, rule: 'eu' },
  'Europe/Paris': { standard: 60, daylight: 120, rule: 'eu' },
  'Europe/Amsterdam': { standard: 60, daylight: 120, rule: 'eu' },
  'Europe/Warsaw': { standard: 60, daylight: 120, rule: 'eu' },
  'Europe/Madrid': { standard: 60, daylight: 120, rule: 'eu' },
  'Asia/Singapore': { standard: 480, daylight: 480, rule: 'none' },
  'Asia/Tokyo': { standard: 540, daylight: 540, rule: 'none' },
  'Asia/Kolkata': { standard: 330, daylight: 330, rule: 'none' },
  'Australia/Sydney': { standard: 600, daylight: 660, rule: 'nsw' },
};

/** Parses `YYYY-MM-DD` into the UTC milliseconds of that date's midnight; throws on anything else. */
export function parseIsoDate(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`not a date (YYYY-MM-DD): ${text}`);
  const value = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (isoDate(value) !== text) throw new Error(`not a calendar date: ${text}`);
  return value;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DD` of a UTC (or wall-clock) instant. */
export function isoDate(time: number): string {
  const date = new Date(time);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** `YYYY-MM` of a UTC (or wall-clock) instant. */
export function isoMonth(time: number): string {
  return isoDate(time).slice(0, 7);
}

/** `YYYY-MM-DDTHH:MM:SS` of a UTC (or wall-clock) instant, without zone. */
export function isoDateTime(time: number): string {
  const date = new Date(time);
  return `${isoDate(time)}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** The CERT dataset's `MM/DD/YYYY HH:MM:SS`. */
export function certDateTime(time: number): string {
  const date = new Date(time);
  return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** An offset in minutes as `+05:30` / `-04:00`. */
export function offsetText(minutes: number, separator = ':'): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}${separator}${pad(absolute % 60)}`;
}

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An RFC 5322 date (`Tue, 04 Feb 2025 09:13:22 +0100`) of a UTC instant shown at this offset. */
export function rfc5322Date(time: number, offsetMinutes: number): string {
  const local = new Date(time + offsetMinutes * MINUTE);
  return `${WEEKDAY_NAMES[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${MONTH_NAMES[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${offsetText(offsetMinutes, '')}`;
}

/** Day of the week of a date (0 = Sunday). */
export function weekday(time: number): number {
  return new Date(time).getUTCDay();
}

/** The n-th (1-based) given weekday of a month, as UTC midnight. */
function nthWeekday(year: number, month: number, day: number, n: number): number {
  const first = Date.UTC(year, month - 1, 1);
  const shift = (day - weekday(first) + 7) % 7;
  return first + (shift + (n - 1) * 7) * DAY;
}

/** The last given weekday of a month, as UTC midnight. */
function lastWeekday(year: number, month: number, day: number): number {
  const last = Date.UTC(year, month, 0);
  return last - ((weekday(last) - day + 7) % 7) * DAY;
}

/** Easter Sunday (Gregorian, anonymous algorithm), as UTC midnight. */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

function daylightSaving(rule: ZoneRule, time: number): boolean {
  const year = new Date(time).getUTCFullYear();
  switch (rule.rule) {
    case 'none':
      return false;
    case 'eu':
      return time >= lastWeekday(year, 3, 0) + 60 * MINUTE && time < lastWeekday(year, 10, 0) + 60 * MINUTE;
    case 'us': {
      const begins = nthWeekday(year, 3, 0, 2) + 120 * MINUTE - rule.standard * MINUTE;
      const ends = nthWeekday(year, 11, 0, 1) + 120 * MINUTE - rule.daylight * MINUTE;
      return time >= begins && time < ends;
    }
    case 'nsw': {
      const ends = nthWeekday(year, 4, 0, 1) + 180 * MINUTE - rule.daylight * MINUTE;
      const begins = nthWeekday(year, 10, 0, 1) + 120 * MINUTE - rule.standard * MINUTE;
      return time < ends || time >= begins;
    }
  }
}

/** The zone's offset from UTC in minutes at a UTC instant. */
export function utcOffsetMinutes(zone: TimeZoneName, time: number): number {
  const rule = ZONES[zone];
  return daylightSaving(rule, time) ? rule.daylight : rule.standard;
}

/** Converts a wall-clock time in the zone (written as if it were UTC) to the UTC instant. */
export function wallToUtc(zone: TimeZoneName, wall: number): number {
  const guess = wall - ZONES[zone].standard * MINUTE;
  const first = wall - utcOffsetMinutes(zone, guess) * MINUTE;
  return wall - utcOffsetMinutes(zone, first) * MINUTE;
}

/** Converts a UTC instant to the wall clock of the zone (written as if it were UTC). */
export function utcToWall(zone: TimeZoneName, time: number): number {
  return time + utcOffsetMinutes(zone, time) * MINUTE;
}

type HolidayRule = (year: number) => number[];

const fixed =
  (...dates: [number, number][]): HolidayRule =>
  (year) =>
    dates.map(([month, day]) => Date.UTC(year, month - 1, day));
const easter =
  (...offsets: number[]): HolidayRule =>
  (year) =>
    offsets.map((offset) => easterSunday(year) + offset * DAY);
const nth =
  (month: number, day: number, n: number, shift = 0): HolidayRule =>
  (year) => [nthWeekday(year, month, day, n) + shift * DAY];
const last =
  (month: number, day: number): HolidayRule =>
  (year) => [lastWeekday(year, month, day)];
const listed =
  (dates: string[]): HolidayRule =>
  (year) =>
    dates.filter((date) => date.startsWith(`${year}-`)).map(parseIsoDate);

const MONDAY = 1;
const THURSDAY = 4;

/** Lunar new year (first two days) in the years the simulator is likely to be run for. */
const LUNAR_NEW_YEAR = [
  '2023-01-23', '2023-01-24', '2024-02-12', '2024-02-13', '2025-01-29', '2025-01-30',
  '2026-02-17', '2026-02-18', '2027-02-08', '2027-02-09', '2028-01-26', '2028-01-27',
];

/** Public holidays that close the offices, per ISO country code (office region where it varies). */
const HOLIDAYS: Record<string, HolidayRule[]> = {
  US: [fixed([1, 1], [6, 19], [7, 4], [12, 25]), nth(1, MONDAY, 3), nth(2, MONDAY, 3), last(5, MONDAY), nth(9, MONDAY, 1), nth(11, THURSDAY, 4), nth(11, THURSDAY, 4, 1)],
  CA: [fixed([1, 1], [7, 1], [12, 25], [12, 26]), easter(-2), nth(9, MONDAY, 1), nth(10, MONDAY, 2), (year) => [lastWeekday(year, 5, MONDAY) - (new Date(lastWeekday(year, 5, MONDAY)).getUTCDate() > 24 ? 7 * DAY : 0)]],
  BR: [fixed([1, 1], [4, 21], [5, 1], [9, 7], [10, 12], [11, 2], [11, 15], [11, 20], [12, 25]), easter(-48, -47, -2, 60)],
  GB: [fixed([1, 1], [12, 25], [12, 26]), easter(-2, 1), nth(5, MONDAY, 1), last(5, MONDAY), last(8, MONDAY)],
  DE: [fixed([1, 1], [1, 6], [5, 1], [8, 15], [10, 3], [11, 1], [12, 25], [12, 26]), easter(-2, 1, 39, 50, 60)],
  FR: [fixed([1, 1], [5, 1], [5, 8], [7, 14], [8, 15], [11, 1], [11, 11], [12, 25]), easter(1, 39, 50)],
  NL: [fixed([1, 1], [4, 27], [12, 25], [12, 26]), easter(-2, 1, 39, 50)],
  PL: [fixed([1, 1], [1, 6], [5, 1], [5, 3], [8, 15], [11, 1], [11, 11], [12, 24], [12, 25], [12, 26]), easter(1, 60)],
  ES: [fixed([1, 1], [1, 6], [5, 1], [5, 2], [5, 15], [8, 15], [10, 12], [11, 1], [12, 6], [12, 8], [12, 25]), easter(-3, -2)],
  SG: [fixed([1, 1], [5, 1], [8, 9], [12, 25]), easter(-2), listed(LUNAR_NEW_YEAR)],
  JP: [fixed([1, 1], [1, 2], [1, 3], [2, 11], [2, 23], [3, 20], [4, 29], [5, 3], [5, 4], [5, 5], [8, 11], [9, 23], [11, 3], [11, 23], [12, 29], [12, 30], [12, 31]), nth(1, MONDAY, 2), nth(7, MONDAY, 3), nth(9, MONDAY, 3), nth(10, MONDAY, 2)],
  AU: [fixed([1, 1], [1, 26], [4, 25], [12, 25], [12, 26]), easter(-2, 1), nth(6, MONDAY, 2), nth(10, MONDAY, 1)],
  IN: [fixed([1, 26], [5, 1], [8, 15], [10, 2], [11, 1], [12, 25])],
};

const holidayCache = new Map<string, Set<number>>();

/** True when the date (UTC midnight) is a public holiday in the country. */
export function isPublicHoliday(countryCode: string, date: number): boolean {
  const year = new Date(date).getUTCFullYear();
  const key = `${countryCode}:${year}`;
  let days = holidayCache.get(key);
  if (!days) {
    days = new Set((HOLIDAYS[countryCode] ?? []).flatMap((rule) => rule(year)));
    holidayCache.set(key, days);
  }
  return days.has(date);
}
