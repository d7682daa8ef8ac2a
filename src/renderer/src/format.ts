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
