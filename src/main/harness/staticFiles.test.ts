import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentTypeFor, injectBridgeScript, resolveStaticPath } from './staticFiles';

const root = mkdtempSync(join(tmpdir(), 'irm-static-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<html></html>');
writeFileSync(join(root, 'assets', 'app.js'), '');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveStaticPath', () => {
  it('finds files inside the root and index.html for folders', () => {
    expect(resolveStaticPath(root, '/assets/app.js')).toMatchObject({
      kind: 'file',
      path: expect.stringMatching(/assets[/\\]app\.js$/),
    });
    expect(resolveStaticPath(root, '/')).toMatchObject({ kind: 'file', path: expect.stringMatching(/index\.html$/) });
    expect(resolveStaticPath(root, '/assets/')).toEqual({ kind: 'notFound' });
    expect(resolveStaticPath(root, '/assets')).toEqual({ kind: 'notFound' });
    expect(resolveStaticPath(root, '/nothing.js')).toEqual({ kind: 'notFound' });
  });

  it('refuses parent segments, encoded separators, NUL and bad escapes', () => {
    for (const path of ['/../x', '/a/../../x', '/%2e%2e/x', '/..%2fx', '/..%5cx', '/a%00b', '/%E0%A4%A', 'relative']) {
      expect(resolveStaticPath(root, path).kind, path).toBe('refused');
    }
  });
});

describe('injectBridgeScript', () => {
  it('puts the bridge before the first module script', () => {
    const html = '<head><script type="module" crossorigin src="./assets/a.js"></script></head>';
    expect(injectBridgeScript(html)).toMatch(
      /^<head><script type="module" src="\/harness-bridge\.js"><\/script>\s*<script type="module" crossorigin/,
    );
  });

  it('falls back to the end of head, and says why when it cannot place it', () => {
    expect(injectBridgeScript('<head><title>x</title></head>')).toContain(
      '<script type="module" src="/harness-bridge.js"></script>\n  </head>',
    );
    expect(() => injectBridgeScript('<p>no head</p>')).toThrow(/cannot place the harness bridge/);
  });
});

describe('contentTypeFor', () => {
  it('names known types and leaves unknown ones inert', () => {
    expect(contentTypeFor('a.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x.exe')).toBe('application/octet-stream');
  });
});
