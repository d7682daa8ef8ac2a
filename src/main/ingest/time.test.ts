import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCertTimeParser, parseIsoTime, parseUsTime } from './time';

describe('parseIsoTime', () => {
  it('reads the HR shapes, with and without an offset', () => {
    expect(parseIsoTime('2019-04-23T15:18:02.4675041+05:30')).toBe(Date.UTC(2019, 3, 23, 9, 48, 2, 467));
    expect(parseIsoTime('2019-04-24T09:15:49Z')).toBe(Date.UTC(2019, 3, 24, 9, 15, 49));
    expect(parseIsoTime('2019-04-23')).toBe(Date.UTC(2019, 3, 23));
    expect(parseIsoTime('2019-04-23 10:00', 60)).toBe(Date.UTC(2019, 3, 23, 9, 0));
    expect(parseIsoTime('2019-02-30')).toBeNaN();
  });
});

describe('createCertTimeParser', () => {
  it('agrees with parseUsTime on a log in time order, across days and back to an earlier day', () => {
    const parse = createCertTimeParser();
    const texts = [
      '01/02/2010 06:55:16',
      '01/02/2010 23:59:59',
      '01/03/2010 00:00:00',
      '1/3/2010 7:05:09',
      '01/02/2010 12:00:00',
      '12/31/2010 08:30:00',
    ];
    for (const text of texts) expect(parse(text)).toBe(parseUsTime(text));
  });

  it('shifts by the import offset and refuses bad times', () => {
    expect(createCertTimeParser(120)('01/02/2010 06:00:00')).toBe(Date.UTC(2010, 0, 2, 4, 0, 0));
    const parse = createCertTimeParser();
    expect(parse('01/02/2010 24:00:00')).toBeNaN();
    expect(parse('01/02/2010 10:61:00')).toBeNaN();
    expect(parse('01/02/2010 10:60:00')).toBeNaN();
    // A leap second, as parseUsTime reads it.
    expect(parse('12/31/2010 23:59:60')).toBe(Date.UTC(2010, 11, 31, 23, 59, 59));
    // The same date part as the row before, then a bad date with the same length.
    expect(parse('02/30/2010 10:00:00')).toBeNaN();
    expect(parse('01/02/2010 10:00:00')).toBe(Date.UTC(2010, 0, 2, 10));
    expect(parse('02/30/2010 10:00:00')).toBeNaN();
  });

  it('gives what parseUsTime gives for any sequence of CERT times', () => {
    const time = fc
      .record({
        month: fc.integer({ min: 1, max: 13 }),
        day: fc.integer({ min: 1, max: 31 }),
        year: fc.constantFrom(2009, 2010, 2011),
        hour: fc.integer({ min: 0, max: 24 }),
        minute: fc.integer({ min: 0, max: 60 }),
        second: fc.integer({ min: 0, max: 60 }),
        pad: fc.boolean(),
      })
      .map(({ month, day, year, hour, minute, second, pad }) => {
        const two = (value: number) => (pad ? String(value).padStart(2, '0') : String(value));
        return `${two(month)}/${two(day)}/${year} ${two(hour)}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}`;
      });
    fc.assert(
      fc.property(fc.array(time, { maxLength: 30 }), (texts) => {
        const parse = createCertTimeParser();
        for (const text of texts) expect(parse(text)).toEqual(parseUsTime(text));
      }),
    );
  });
});
