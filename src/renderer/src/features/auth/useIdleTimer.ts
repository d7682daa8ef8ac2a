/** Calls onIdle after a period without pointer, keyboard, wheel or touch activity in this window. */
import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/** At most one keep-alive per this interval while the user is active (each call is audited). */
export const KEEP_ALIVE_INTERVAL_MS = 2 * 60_000;

/**
 * Runs onIdle once when no activity was seen for timeoutMs; activity restarts the wait. While the
 * user is active, onActive runs at most every KEEP_ALIVE_INTERVAL_MS so that main, which only sees
 * API calls, does not lock a session whose user is reading a page.
 */
export function useIdleTimer(timeoutMs: number, onIdle: () => void, enabled: boolean, onActive?: () => void): void {
  const latest = useRef(onIdle);
  const latestActive = useRef(onActive);
  useEffect(() => {
    latest.current = onIdle;
    latestActive.current = onActive;
  });
  useEffect(() => {
    if (!enabled || !(timeoutMs > 0)) return;
    let lastActivity = Date.now();
    let lastKeepAlive = Date.now();
    let timer = 0;
    // Activity only records a time (cheap on pointermove); the timer checks it when it fires.
    const check = () => {
      const idleFor = Date.now() - lastActivity;
      if (idleFor >= timeoutMs) latest.current();
      else timer = window.setTimeout(check, timeoutMs - idleFor);
    };
    const record = () => {
      lastActivity = Date.now();
      if (lastActivity - lastKeepAlive >= KEEP_ALIVE_INTERVAL_MS) {
        lastKeepAlive = lastActivity;
        latestActive.current?.();
      }
    };
    timer = window.setTimeout(check, timeoutMs);
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, record, { passive: true, capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, record, { capture: true });
    };
  }, [timeoutMs, enabled]);
}
