/**
 * Time parsing for import files. Every time is stored as integer UTC milliseconds; a time written
 * without an offset is taken as UTC shifted by the import's `utcOffsetMinutes` (0 unless asked).
 * Parsers return NaN for text that is not a valid time (the caller reports file, line and field).
 */

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*([AaPp][Mm])?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Validates fields and builds UTC milliseconds (NaN when out of range). */
function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string | undefined,
): number {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 60) return NaN;
  const milliseconds = fraction ? Math.floor(Number(fraction.slice(0, 3).padEnd(3, '0'))) : 0;
  return Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), milliseconds);
}

/** Parses a `+05:30`, `-0800`, `+01` or `Z` offset into minutes. */
function offsetMinutes(text: string): number {
  if (text === 'Z' || text === 'z') return 0;
  const sign = text[0] === '-' ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 14 || minutes > 59) return NaN;
  return sign * (hours * 60 + minutes);
}

/**
 * ISO 8601 as HR systems write it: `2019-04-23T15:18:02.4675041+05:30`, `2019-04-24T09:15:49Z`,
 * `2019-04-29T15:18:02.7117540` (no offset), `2019-04-23` (midnight), with `T` or a space.
 */
export function parseIsoTime(text: string, defaultOffsetMinutes = 0): number {
  const match = ISO.exec(text.trim());
  if (!match) return NaN;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const local = build(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), fraction);
  const offset = zone ? offsetMinutes(zone) : defaultOffsetMinutes;
  return local - offset * 60_000;
}

/**
 * US-style times: CERT's `01/02/2010 06:55:16` (not always zero-padded) and log-analytics exports'
 * `4/28/2021, 3:05:26.000 PM`. Month first.
 */
export function parseUsTime(text: string, defaultOffsetMinutes = 0): number {
  const match = US.exec(text.trim());
  if (!match) return NaN;
  const [, mo, d, y, h, mi, s, fraction, meridiem] = match;
  let hour = Number(h ?? 0);
  if (meridiem) {
    if (hour < 1 || hour > 12) return NaN;
    const pm = meridiem.toLowerCase() === 'pm';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return build(Number(y), Number(mo), Number(d), hour, Number(mi ?? 0), Number(s ?? 0), fraction) - defaultOffsetMinutes * 60_000;
}

/** Any time shape an import may carry: ISO 8601 first, then US month-first. */
export function parseAnyTime(text: string, defaultOffsetMinutes = 0): number {
  const iso = parseIsoTime(text, defaultOffsetMinutes);
  return Number.isNaN(iso) ? parseUsTime(text, defaultOffsetMinutes) : iso;
}

/**
 * A fast parser for CERT's `MM/DD/YYYY HH:MM:SS` (millions of rows): the date part is cached (and
 * the last one compared in place: logs come in time order), the time part read digit by digit.
 * Falls back to parseUsTime for anything unusual.
 */
export function createCertTimeParser(defaultOffsetMinutes = 0): (text: string) => number {
  const days = new Map<string, number>();
  const shift = defaultOffsetMinutes * 60_000;
  let lastDate = '';
  let lastBase = 0;
  return (text: string) => {
    const space = text.indexOf(' ');
    if (space < 8) return parseUsTime(text, defaultOffsetMinutes);
    let base: number | undefined;
    if (space === lastDate.length && text.startsWith(lastDate)) base = lastBase;
    else {
      const datePart = text.slice(0, space);
      base = days.get(datePart);
      if (base === undefined) {
        base = parseUsTime(datePart, 0);
        if (Number.isNaN(base) || base % DAY_MS !== 0) return NaN;
        if (days.size > 100_000) days.clear();
        days.set(datePart, base);
      }
      lastDate = datePart;
      lastBase = base;
    }
    let index = space + 1;
    const length = text.length;
    // hours:minutes:seconds; anything out of range is left to parseUsTime (which also takes a leap second).
    let parts = 0;
    let value = 0;
    let seconds = 0;
    let digits = 0;
    for (; index < length; index += 1) {
      const c = text.charCodeAt(index);
      if (c >= 48 && c <= 57) {
        value = value * 10 + (c - 48);
        digits += 1;
        if (digits > 2) return parseUsTime(text, defaultOffsetMinutes);
      } else if (c === 58) {
        if (digits === 0 || parts === 2) return parseUsTime(text, defaultOffsetMinutes);
        if (value > (parts === 0 ? 23 : 59)) return parseUsTime(text, defaultOffsetMinutes);
        seconds = seconds * 60 + value;
        parts += 1;
        value = 0;
        digits = 0;
      } else {
        return parseUsTime(text, defaultOffsetMinutes);
      }
    }
    if (digits === 0 || parts !== 2) return parseUsTime(text, defaultOffsetMinutes);
    if (value > 59) return parseUsTime(text, defaultOffsetMinutes);
    return base + (seconds * 60 + value) * 1000 - shift;
  };
}

/** The last day of a `YYYY-MM` month at 00:00 UTC (derived roster departures). */
export function endOfMonth(month: string): number {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return Date.UTC(year, monthNumber, 0);
}

/** Formats UTC milliseconds as ISO 8601 (for messages). */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
