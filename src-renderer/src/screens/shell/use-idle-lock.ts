import { useEffect } from 'react';
import { call } from '../../lib/api';
import { useSession } from '../../stores/session';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks back to sign-in after the workspace's idle timeout with no input (PCI:
 * an unattended screen must not stay open). The core expires idle sessions too;
 * this makes the screen follow at once instead of on the next call.
 */
export function useIdleLock(): void {
  const idleTimeoutMs = useSession((s) => s.idleTimeoutMs);

  useEffect(() => {
    if (!idleTimeoutMs || idleTimeoutMs <= 0) return;
    let last = Date.now();
    // Activity only records a time: pointermove fires constantly and must stay cheap.
    const touch = () => {
      last = Date.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, touch, { passive: true, capture: true });
    const timer = setInterval(() => {
      if (Date.now() - last < idleTimeoutMs) return;
      const minutes = Math.max(1, Math.round(idleTimeoutMs / 60_000));
      useSession.getState().ended({ tone: 'warning', text: `Locked after ${minutes} minute${minutes === 1 ? '' : 's'} without activity. Sign in again to continue.` });
      void call('auth.logout', {});
    }, Math.min(15_000, Math.max(1_000, idleTimeoutMs / 4)));
    return () => {
      clearInterval(timer);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, touch, { capture: true });
    };
  }, [idleTimeoutMs]);
}
