/**
 * Set-up of the component tests. jsdom lacks a few browser APIs that Mantine uses; these stand-ins
 * follow Mantine's own vitest guide. The backend is real (testing/workbench.ts); each render installs
 * its window's `window.irm` (testing/render.tsx), removed again after each test.
 */
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor wait on the UI, never on time; give them room on a busy 2-core machine.
configure({ asyncUtilTimeout: 5_000 });

const { getComputedStyle } = window;
window.getComputedStyle = (element: Element) => getComputedStyle(element);
window.HTMLElement.prototype.scrollIntoView = () => {};

Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    // An empty query means "all media" (mantine-datatable asks it for columns without a media query).
    matches: query.trim() === '',
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;

// Mantine's autosize Textarea listens for web fonts loading.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });
}

afterEach(() => {
  cleanup();
  delete window.irm;
  window.localStorage.clear();
  window.location.hash = '';
  delete document.body.dataset.appReady;
  delete document.body.dataset.authState;
});
