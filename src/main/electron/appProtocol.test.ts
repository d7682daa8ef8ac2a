import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  appSchemePrivileges,
  contentTypeFor,
  createAppProtocolHandler,
  isInside,
  resolveAppPath,
} from './appProtocol';

const root = resolve(tmpdir(), 'irm-protocol-root', 'out');

describe('isInside (E-18, Z-02)', () => {
  it('accepts the root and paths below it', () => {
    expect(isInside('/x/out', '/x/out')).toBe(true);
    expect(isInside('/x/out', '/x/out/index.html')).toBe(true);
    expect(isInside('/x/out', '/x/out/assets/a.js')).toBe(true);
  });

  it('refuses outnot-style siblings, parents and unrelated paths', () => {
    expect(isInside('/x/out', '/x/outnot')).toBe(false);
    expect(isInside('/x/out', '/x/outnot/secret')).toBe(false);
    expect(isInside('/x/out', '/x')).toBe(false);
    expect(isInside('/x/out', '/etc/passwd')).toBe(false);
  });

  it('accepts a file whose name merely starts with two dots', () => {
    expect(isInside('/x/out', '/x/out/..hidden')).toBe(true);
  });
});

describe('resolveAppPath (E-18)', () => {
  it('maps app URLs to files below the root', () => {
    expect(resolveAppPath(root, 'app://irm/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://irm/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://irm/fonts/a%20b.woff2')).toBe(join(root, 'fonts', 'a b.woff2'));
  });

  it('maps the bare origin to index.html', () => {
    expect(resolveAppPath(root, 'app://irm/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://irm')).toBe(join(root, 'index.html'));
  });

  it.each([
    ['encoded dot segments', 'app://irm/%2e%2e/%2e%2e/etc/passwd'],
    ['upper-case encoded dots', 'app://irm/%2E%2E/secret'],
    ['mixed encoded dots', 'app://irm/.%2e/secret'],
    ['literal dot segments', 'app://irm/../../etc/passwd'],
    ['dots with an encoded slash', 'app://irm/..%2f..%2fetc%2fpasswd'],
    ['encoded dots and encoded slash', 'app://irm/assets/%2e%2e%2f%2e%2e%2fsecret'],
    ['encoded backslashes', 'app://irm/..%5c..%5cwindows%5cwin.ini'],
    ['literal backslashes', 'app://irm/..\\..\\secret'],
    ['a backslash inside a name', 'app://irm/assets\\app.js'],
    ['a NUL byte', 'app://irm/index.html%00.png'],
    ['a control character', 'app://irm/index%0a.html'],
    ['a drive letter', 'app://irm/C:/Windows/win.ini'],
    ['an encoded drive letter', 'app://irm/C%3a%5cWindows'],
    ['a single encoded dot segment', 'app://irm/%2e/index.html'],
    ['a sibling folder sharing the prefix', 'app://irm/%2e%2e/outnot/secret'],
    ['malformed percent-encoding', 'app://irm/%E0%A4%A'],
    ['not a URL', 'not a url'],
  ])('refuses %s', (_name, url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('keeps double-encoded dots as a literal (harmless) name inside the root', () => {
    expect(resolveAppPath(root, 'app://irm/%252e%252e/x')).toBe(join(root, '%2e%2e', 'x'));
  });

  it('keeps absolute-looking paths inside the root', () => {
    for (const url of ['app://irm//etc/passwd', 'app://irm/%2fetc%2fpasswd']) {
      const resolved = resolveAppPath(root, url);
      expect(resolved, url).not.toBeNull();
      expect(resolved!.startsWith(root + sep), url).toBe(true);
    }
  });
});

describe('contentTypeFor', () => {
  it('gives the right MIME types for what Vite emits', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.png')).toBe('image/png');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
    expect(contentTypeFor('README')).toBe('application/octet-stream');
  });
});

describe('appSchemePrivileges', () => {
  it('registers app:// as a standard secure scheme without bypassing CSP', () => {
    const [scheme] = appSchemePrivileges();
    expect(scheme.scheme).toBe('app');
    expect(scheme.privileges).toMatchObject({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      bypassCSP: false,
      allowServiceWorkers: false,
    });
  });
});

describe('createAppProtocolHandler (E-07, E-18)', () => {
  let base: string;
  let served: string;
  let handler: (request: Request) => Promise<Response>;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'irm-protocol-'));
    served = join(base, 'out');
    mkdirSync(join(served, 'assets'), { recursive: true });
    writeFileSync(join(served, 'index.html'), '<!doctype html><title>irm</title>');
    writeFileSync(join(served, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(served, 'assets', 'app.css'), 'body{}');
    mkdirSync(join(base, 'outnot'));
    writeFileSync(join(base, 'outnot', 'secret.txt'), 'secret');
    writeFileSync(join(base, 'secret.txt'), 'secret');
    symlinkSync(join(base, 'secret.txt'), join(served, 'assets', 'link.txt'));
    handler = createAppProtocolHandler(served);
  });

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

  it('serves index.html with the strict CSP and security headers', async () => {
    const response = await get(APP_ENTRY_URL);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>irm</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends exactly the agreed policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY.match(/script-src[^;]*/)![0]).not.toMatch(/unsafe-inline/);
  });

  it('serves scripts and styles with their MIME types and the CSP', async () => {
    const script = await get('app://irm/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const style = await get('app://irm/assets/app.css');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers traversal attempts with 404 and never the file', async () => {
    for (const url of [
      'app://irm/%2e%2e/secret.txt',
      'app://irm/..%2fsecret.txt',
      'app://irm/%2e%2e/outnot/secret.txt',
      'app://irm/..%5csecret.txt',
      'app://irm/assets/link.txt',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('secret');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('refuses other hosts and schemes', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('https://irm/index.html')).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://irm/index.html', 'POST')).status).toBe(405);
    const head = await get('app://irm/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('falls back to index.html for client-side routes but not for missing assets', async () => {
    const route = await get('app://irm/alerts');
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await get('app://irm/assets/missing.js')).status).toBe(404);
  });
});
