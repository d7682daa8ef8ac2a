import { expect, test } from 'vitest';
import { certDateTime, easterSunday, isPublicHoliday, isoDate, parseIsoDate, rfc5322Date, utcOffsetMinutes, wallToUtc } from './calendar';

const at = (text: string) => Date.parse(text);

test('daylight saving follows the EU, US and New South Wales rules', () => {
  expect(utcOffsetMinutes('Europe/Berlin', at('2025-03-30T00:59:59Z'))).toBe(60);
  expect(utcOffsetMinutes('Europe/Berlin', at('2025-03-30T01:00:00Z'))).toBe(120);
  expect(utcOffsetMinutes('Europe/London', at('2025-10-26T00:59:59Z'))).toBe(60);
  expect(utcOffsetMinutes('Europe/London', at('2025-10-26T01:00:00Z'))).toBe(0);
  expect(utcOffsetMinutes('America/New_York', at('2025-03-09T06:59:59Z'))).toBe(-300);
  expect(utcOffsetMinutes('America/New_York', at('2025-03-09T07:00:00Z'))).toBe(-240);
  expect(utcOffsetMinutes('America/Los_Angeles', at('2025-11-02T08:59:59Z'))).toBe(-420);
  expect(utcOffsetMinutes('America/Los_Angeles', at('2025-11-02T09:00:00Z'))).toBe(-480);
  expect(utcOffsetMinutes('Australia/Sydney', at('2025-04-05T15:59:59Z'))).toBe(660);
  expect(utcOffsetMinutes('Australia/Sydney', at('2025-04-05T16:00:00Z'))).toBe(600);
  expect(utcOffsetMinutes('Australia/Sydney', at('2025-10-04T16:00:00Z'))).toBe(660);
  expect(utcOffsetMinutes('Asia/Kolkata', at('2025-06-01T00:00:00Z'))).toBe(330);
});

test('wall-clock times convert to UTC in their zone', () => {
  expect(new Date(wallToUtc('Europe/Berlin', at('2025-02-03T09:00:00Z'))).toISOString()).toBe('2025-02-03T08:00:00.000Z');
  expect(new Date(wallToUtc('Europe/Berlin', at('2025-07-03T09:00:00Z'))).toISOString()).toBe('2025-07-03T07:00:00.000Z');
  expect(new Date(wallToUtc('America/Chicago', at('2025-02-03T09:00:00Z'))).toISOString()).toBe('2025-02-03T15:00:00.000Z');
  expect(new Date(wallToUtc('Asia/Tokyo', at('2025-02-03T09:00:00Z'))).toISOString()).toBe('2025-02-03T00:00:00.000Z');
});

test('Easter and public holidays', () => {
  expect(isoDate(easterSunday(2024))).toBe('2024-03-31');
  expect(isoDate(easterSunday(2025))).toBe('2025-04-20');
  expect(isoDate(easterSunday(2026))).toBe('2026-04-05');
  expect(isPublicHoliday('US', parseIsoDate('2025-11-27'))).toBe(true);
  expect(isPublicHoliday('US', parseIsoDate('2025-02-17'))).toBe(true);
  expect(isPublicHoliday('GB', parseIsoDate('2025-04-21'))).toBe(true);
  expect(isPublicHoliday('GB', parseIsoDate('2025-04-22'))).toBe(false);
  expect(isPublicHoliday('DE', parseIsoDate('2025-10-03'))).toBe(true);
  expect(isPublicHoliday('CA', parseIsoDate('2025-05-19'))).toBe(true);
  expect(isPublicHoliday('JP', parseIsoDate('2025-01-13'))).toBe(true);
  expect(isPublicHoliday('SG', parseIsoDate('2025-01-29'))).toBe(true);
  expect(isPublicHoliday('IN', parseIsoDate('2025-01-27'))).toBe(false);
});

test('formats: ISO dates, CERT times and RFC 5322 dates', () => {
  expect(() => parseIsoDate('2025-02-30')).toThrow(/calendar/);
  expect(() => parseIsoDate('3/2/2025')).toThrow(/YYYY-MM-DD/);
  expect(certDateTime(at('2025-03-04T05:06:07Z'))).toBe('03/04/2025 05:06:07');
  expect(rfc5322Date(at('2025-02-04T08:13:22Z'), 60)).toBe('Tue, 04 Feb 2025 09:13:22 +0100');
  expect(rfc5322Date(at('2025-02-04T08:13:22Z'), 330)).toBe('Tue, 04 Feb 2025 13:43:22 +0530');
  expect(rfc5322Date(at('2025-02-04T02:13:22Z'), -300)).toBe('Mon, 03 Feb 2025 21:13:22 -0500');
});
