import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHarnessArguments, parsePort } from './index';

describe('parseHarnessArguments', () => {
  it('takes --data and --port, else IRM_DATA_DIR and PORT, else a free port', () => {
    expect(parseHarnessArguments(['--data', 'x', '--port', '8123'], {})).toEqual({ dataDir: resolve('x'), port: 8123 });
    expect(parseHarnessArguments(['--data=y'], { PORT: '9000' })).toEqual({ dataDir: resolve('y'), port: 9000 });
    expect(parseHarnessArguments([], { IRM_DATA_DIR: 'z' })).toEqual({ dataDir: resolve('z'), port: 0 });
    expect(parseHarnessArguments(['--help'], {})).toBe('help');
  });

  it('explains bad input in one message', () => {
    expect(() => parseHarnessArguments(['--bogus'], {})).toThrow(/Unknown option '--bogus'[\s\S]*usage:/);
    expect(() => parseHarnessArguments(['stray'], {})).toThrow(/usage:/);
    expect(() => parseHarnessArguments([], { PORT: 'http' })).toThrow(/PORT must be a port number/);
    expect(() => parseHarnessArguments(['--port', '70000'], {})).toThrow(
      /--port must be a port number from 0 to 65535, not 70000/,
    );
  });
});

describe('parsePort', () => {
  it('treats an empty value as any free port', () => {
    expect(parsePort(undefined, 'PORT')).toBe(0);
    expect(parsePort(' ', 'PORT')).toBe(0);
    expect(parsePort('0', 'PORT')).toBe(0);
  });
});
