import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN, devServerOrigin, guardWebContents, isAllowedUrl, type GuardableContents } from './navigation';

describe('isAllowedUrl (E-13)', () => {
  const allowed = [APP_ORIGIN];

  it('accepts pages of app://irm', () => {
    expect(isAllowedUrl('app://irm/index.html', allowed)).toBe(true);
    expect(isAllowedUrl('app://irm/alerts?x=1#y', allowed)).toBe(true);
    expect(isAllowedUrl('app://irm', allowed)).toBe(true);
  });

  it.each([
    'https://irm/index.html',
    'http://example.com/',
    'app://irm.evil.example/index.html',
    'app://evil/index.html',
    'app://irm:8080/index.html',
    'app://user:pass@irm/index.html',
    'app://user@irm/index.html',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'apps://irm/index.html',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedUrl(url, allowed)).toBe(false);
  });

  it('is not fooled by prefixes that a startsWith check would accept', () => {
    expect(isAllowedUrl('app://irmx/index.html', allowed)).toBe(false);
    expect(isAllowedUrl('app://irm@evil/index.html', allowed)).toBe(false);
  });
});

describe('devServerOrigin', () => {
  it('accepts a loopback dev server while unpackaged', () => {
    expect(devServerOrigin('http://localhost:5173', false)).toEqual({ protocol: 'http:', host: 'localhost:5173' });
    expect(devServerOrigin('http://127.0.0.1:5173/', false)).toEqual({ protocol: 'http:', host: '127.0.0.1:5173' });
  });

  it('ignores the variable in a packaged app and for non-loopback or odd URLs', () => {
    expect(devServerOrigin('http://localhost:5173', true)).toBeNull();
    expect(devServerOrigin('http://example.com:5173', false)).toBeNull();
    expect(devServerOrigin('http://localhost.example.com:5173', false)).toBeNull();
    expect(devServerOrigin('file:///tmp/index.html', false)).toBeNull();
    expect(devServerOrigin('garbage', false)).toBeNull();
    expect(devServerOrigin(undefined, false)).toBeNull();
  });
});

/** A fake webContents: an EventEmitter that also records the window-open handler. */
function fakeContents() {
  const emitter = new EventEmitter() as EventEmitter & { windowOpenHandler?: (details: { url: string }) => { action: string } };
  const contents = Object.assign(emitter, {
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      emitter.windowOpenHandler = handler;
    },
  });
  return contents;
}

function navigationEvent(url: string, isMainFrame = true) {
  return { url, isMainFrame, preventDefault: vi.fn() };
}

describe('guardWebContents (E-12, E-13, E-14)', () => {
  const setUp = () => {
    const contents = fakeContents();
    const blocked: string[] = [];
    guardWebContents(contents as unknown as GuardableContents, [APP_ORIGIN], (what, url) => blocked.push(`${what} ${url}`));
    return { contents, blocked };
  };

  it('blocks navigation away from the app origin and lets app pages through', () => {
    const { contents, blocked } = setUp();
    const away = navigationEvent('https://example.com/');
    contents.emit('will-navigate', away, away.url);
    expect(away.preventDefault).toHaveBeenCalled();
    const home = navigationEvent('app://irm/index.html');
    contents.emit('will-navigate', home, home.url);
    expect(home.preventDefault).not.toHaveBeenCalled();
    expect(blocked).toEqual(['navigation https://example.com/']);
  });

  it('blocks redirects to other origins', () => {
    const { contents } = setUp();
    const redirect = navigationEvent('app://irm.evil/index.html');
    contents.emit('will-redirect', redirect, redirect.url);
    expect(redirect.preventDefault).toHaveBeenCalled();
  });

  it('blocks subframe navigation to other origins but allows blank and srcdoc frames', () => {
    const { contents } = setUp();
    const remote = navigationEvent('https://example.com/', false);
    contents.emit('will-frame-navigate', remote);
    expect(remote.preventDefault).toHaveBeenCalled();
    for (const url of ['about:srcdoc', 'about:blank', 'app://irm/viewer.html']) {
      const local = navigationEvent(url, false);
      contents.emit('will-frame-navigate', local);
      expect(local.preventDefault, url).not.toHaveBeenCalled();
    }
    const mainFrame = navigationEvent('https://example.com/', true);
    contents.emit('will-frame-navigate', mainFrame);
    expect(mainFrame.preventDefault).not.toHaveBeenCalled(); // will-navigate handles the main frame
  });

  it('denies every new window, even one to the app origin', () => {
    const { contents } = setUp();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://irm/index.html' })).toEqual({ action: 'deny' });
  });

  it('never attaches a webview', () => {
    const { contents, blocked } = setUp();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, { nodeIntegration: true }, { src: 'https://example.com/' });
    expect(event.preventDefault).toHaveBeenCalled();
    expect(blocked).toEqual(['webview https://example.com/']);
  });
});
