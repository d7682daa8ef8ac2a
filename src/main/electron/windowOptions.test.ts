import { describe, expect, it } from 'vitest';
import { mainWindowOptions, secureWebPreferences } from './windowOptions';

describe('secureWebPreferences (E-02..E-10)', () => {
  const preferences = secureWebPreferences('/app/out/preload/index.js', false);

  it('isolates and sandboxes the renderer with no Node', () => {
    expect(preferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and every risky switch off', () => {
    expect(preferences).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences).not.toHaveProperty('additionalArguments');
  });

  it('offers devtools only when asked (unpackaged)', () => {
    expect(preferences.devTools).toBe(false);
    expect(secureWebPreferences('/p.js', true).devTools).toBe(true);
  });

  it('puts them on the window, which stays hidden until it has painted', () => {
    const options = mainWindowOptions('/p.js', false);
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.js', false));
    expect(options.show).toBe(false);
  });
});
