import { act, fireEvent, renderHook, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { renderApp } from '../../testing/render';
import { STANDARD_ACCOUNTS, openWorkbench } from '../../testing/workbench';
import { useIdleTimer } from './useIdleTimer';

describe('useIdleTimer', () => {
  afterEach(() => vi.useRealTimers());

  it('fires after the timeout without activity, and activity postpones it', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    renderHook(() => useIdleTimer(60_000, onIdle, true));
    vi.advanceTimersByTime(45_000);
    fireEvent.keyDown(window, { key: 'a' });
    vi.advanceTimersByTime(45_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(15_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('does nothing while disabled', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    renderHook(() => useIdleTimer(1_000, onIdle, false));
    vi.advanceTimersByTime(10_000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('locks the app through auth.lock after idleLockMinutes from auth.status', async () => {
    // Fake timers that still move on their own, so the app's promises and effects run as usual.
    const workbench = await openWorkbench({ accounts: STANDARD_ACCOUNTS });
    onTestFinished(() => workbench.close());
    await (await workbench.admin()).value('settings.set', { key: 'session.idleLockMinutes', value: 1 });
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { transport } = await renderApp(workbench, { as: 'admin', path: '/alerts' });
    await screen.findByTestId('page-alerts');
    expect(transport.callsOf('auth.lock')).toHaveLength(0);
    act(() => void vi.advanceTimersByTime(61_000));
    await screen.findByTestId('lock-screen');
    await waitFor(() => expect(transport.callsOf('auth.lock')).toHaveLength(1));
    expect(screen.getByTestId('page-alerts')).toBeTruthy();
  });
});
