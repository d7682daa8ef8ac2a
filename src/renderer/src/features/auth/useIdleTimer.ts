/** Calls onIdle after a period without pointer, keyboard, wheel or touch activity in this window. */
import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/** Runs onIdle once when no activity was seen for timeoutMs; activity restarts the wait. */
export function useIdleTimer(timeoutMs: number, onIdle: () => void, enabled: boolean): void {
  const latest = useRef(onIdle);
  useEffect(() => {
    latest.current = onIdle;
  });
  useEffect(() => {
    if (!enabled || !(timeoutMs > 0)) return;
    let lastActivity = Date.now();
    let timer = 0;
    // Activity only records a time (cheap on pointermove); the timer checks it when it fires.
    const check = () => {
      const idleFor = Date.now() - lastActivity;
      if (idleFor >= timeoutMs) latest.current();
      else timer = window.setTimeout(check, timeoutMs - idleFor);
    };
    const record = () => {
      lastActivity = Date.now();
    };
    timer = window.setTimeout(check, timeoutMs);
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, record, { passive: true, capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, record, { capture: true });
    };
  }, [timeoutMs, enabled]);
}
