import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from './navigation';
import { hardenSession, isAllowedRequest, isAppBlobUrl, type HardenableSession } from './sessionHardening';

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;
type BeforeRequestListener = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;

/** A fake session recording the handlers hardenSession installs. */
function fakeSession() {
  const emitter = new EventEmitter();
  const state = {
    permissionRequest: undefined as PermissionRequestHandler | undefined,
    permissionCheck: undefined as ((...args: unknown[]) => boolean) | undefined,
    devicePermission: undefined as ((...args: unknown[]) => boolean) | undefined,
    beforeRequest: undefined as BeforeRequestListener | undefined,
    spellChecker: true,
  };
  const session = Object.assign(emitter, {
    setPermissionRequestHandler: (handler: PermissionRequestHandler) => (state.permissionRequest = handler),
    setPermissionCheckHandler: (handler: (...args: unknown[]) => boolean) => (state.permissionCheck = handler),
    setDevicePermissionHandler: (handler: (...args: unknown[]) => boolean) => (state.devicePermission = handler),
    setSpellCheckerEnabled: (enabled: boolean) => (state.spellChecker = enabled),
    webRequest: { onBeforeRequest: (listener: BeforeRequestListener) => (state.beforeRequest = listener) },
  });
  return { session: session as unknown as HardenableSession, emitter, state };
}

describe('hardenSession (E-05, E-01, D-07)', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'openExternal',
    'fullscreen',
    'hid',
  ])('denies the %s permission request', (permission) => {
    const { session, state } = fakeSession();
    hardenSession(session, [APP_ORIGIN]);
    const callback = vi.fn();
    state.permissionRequest?.({}, permission, callback, { requestingUrl: 'app://irm/index.html' });
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('answers every permission and device check with false', () => {
    const { session, state } = fakeSession();
    hardenSession(session, [APP_ORIGIN]);
    expect(state.permissionCheck?.(null, 'clipboard-read', 'app://irm', {})).toBe(false);
    expect(state.permissionCheck?.(null, 'media', 'app://irm', {})).toBe(false);
    expect(state.devicePermission?.({ deviceType: 'usb', origin: 'app://irm' })).toBe(false);
  });

  it('turns off the spell checker, which would download dictionaries', () => {
    const { session, state } = fakeSession();
    hardenSession(session, [APP_ORIGIN]);
    expect(state.spellChecker).toBe(false);
  });

  it('refuses downloads', () => {
    const { session, emitter } = fakeSession();
    const blocked: string[] = [];
    hardenSession(session, [APP_ORIGIN], (what, detail) => blocked.push(`${what} ${detail}`));
    const event = { preventDefault: vi.fn() };
    emitter.emit('will-download', event, { getURL: () => 'https://example.com/x.exe' });
    expect(event.preventDefault).toHaveBeenCalled();
    expect(blocked).toEqual(['download https://example.com/x.exe']);
  });

  it("lets the app's own blob exports through to the save dialog, and no other blob", () => {
    const { session, emitter } = fakeSession();
    const blocked: string[] = [];
    hardenSession(session, [APP_ORIGIN], (what, detail) => blocked.push(`${what} ${detail}`));
    const own = { preventDefault: vi.fn() };
    emitter.emit('will-download', own, { getURL: () => `blob:${APP_ORIGIN.protocol}//${APP_ORIGIN.host}/5f0c6c1e-0000-4000-8000-000000000000` });
    expect(own.preventDefault).not.toHaveBeenCalled();
    const foreign = { preventDefault: vi.fn() };
    emitter.emit('will-download', foreign, { getURL: () => 'blob:https://evil.example/abc' });
    expect(foreign.preventDefault).toHaveBeenCalled();
    expect(isAppBlobUrl(`blob:${APP_ORIGIN.protocol}//${APP_ORIGIN.host}/x`, [APP_ORIGIN])).toBe(true);
    expect(isAppBlobUrl(`${APP_ORIGIN.protocol}//${APP_ORIGIN.host}/x`, [APP_ORIGIN])).toBe(false);
  });

  it('cancels every request that leaves the app origin', () => {
    const { session, state } = fakeSession();
    hardenSession(session, [APP_ORIGIN]);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      state.beforeRequest?.({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(decide('app://irm/assets/index.js')).toBe(false);
    expect(decide('https://example.com/track.gif')).toBe(true);
    expect(decide('http://127.0.0.1:8080/')).toBe(true);
    expect(decide('ws://example.com/')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
  });
});

describe('isAllowedRequest', () => {
  it('allows local-only schemes', () => {
    expect(isAllowedRequest('data:image/png;base64,AAAA', [APP_ORIGIN])).toBe(true);
    expect(isAllowedRequest('blob:app://irm/1234', [APP_ORIGIN])).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', [APP_ORIGIN])).toBe(true);
  });

  it('allows the dev server and its hot-reload websocket only when it is an allowed origin', () => {
    const dev = { protocol: 'http:', host: 'localhost:5173' };
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', [dev, APP_ORIGIN])).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', [dev, APP_ORIGIN])).toBe(true);
    expect(isAllowedRequest('ws://localhost:5174/', [dev, APP_ORIGIN])).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', [APP_ORIGIN])).toBe(false);
  });

  it('refuses garbage', () => {
    expect(isAllowedRequest('::', [APP_ORIGIN])).toBe(false);
  });
});
