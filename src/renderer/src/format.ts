/** Formatting of times and numbers for the UI, in the UI language. */

/** A local date and time, e.g. "5 Jan 2026, 10:00:00". */
export function formatDateTime(milliseconds: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(milliseconds));
}

/** The same instant in UTC, ISO 8601 (what the audit log stores). */
export function formatUtc(milliseconds: number): string {
  return new Date(milliseconds).toISOString();
}

/** A whole number with the language's grouping. */
export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

/** A local date without time, e.g. "5 Jan 2026". */
export function formatDate(milliseconds: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(milliseconds));
}

/** A UTC calendar day (the backend's day buckets are UTC midnights), e.g. "5 Jan 2026". */
export function formatUtcDay(milliseconds: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(milliseconds));
}

/** A short UTC day for chart axes, e.g. "5 Jan". */
export function formatShortUtcDay(milliseconds: number, language: string): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(milliseconds));
}

/** A byte count in B, kB, MB or GB (decimal units, as file managers show them). */
export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** A duration in seconds as "0.4 s", "12 s", "3 min 5 s" or "1 h 2 min". */
export function formatDuration(seconds: number, language: string): string {
  const number = (value: number, digits = 0) => new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
  if (seconds < 10) return `${number(seconds, 1)} s`;
  if (seconds < 60) return `${number(Math.round(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The last part of a path (file or folder name), for both / and \ separators. */
export function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  const index = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return index >= 0 ? trimmed.slice(index + 1) || trimmed : trimmed;
}

/** A compact local date and time, e.g. "05/01/2026, 10:00". */
export function formatShortDateTime(milliseconds: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(milliseconds));
}

/** A local time of day with seconds, e.g. "13:50:46". */
export function formatTime(milliseconds: number, language: string): string {
  return new Intl.DateTimeFormat(language, { timeStyle: 'medium' }).format(new Date(milliseconds));
}
