// The cashier's own typing and clicking keep the session alive (at most one call a minute); with
// none for the owner's idle time the screen locks itself, even if the core is not asked.
import { useEffect, useRef } from 'react';
import type { CounterStatus } from '../../shared/contract';
import { call } from '../api/client';

export function useActivity(counter: CounterStatus | null, changed: () => void): void {
  const last = useRef(Date.now());
  const sent = useRef(0);
  const active = counter !== null && counter.user !== null && !counter.locked;
  const idleMs = (counter?.idleLockMinutes ?? 5) * 60_000;
  useEffect(() => {
    if (!active) return;
    last.current = Date.now();
    const seen = (): void => {
      last.current = Date.now();
      if (last.current - sent.current > 60_000) {
        sent.current = last.current;
        void call('counter.activity', {});
      }
    };
    window.addEventListener('keydown', seen);
    window.addEventListener('pointerdown', seen);
    const timer = setInterval(() => {
      if (Date.now() - last.current > idleMs) void call('counter.lock', {}).then(changed);
    }, 15_000);
    return () => {
      window.removeEventListener('keydown', seen);
      window.removeEventListener('pointerdown', seen);
      clearInterval(timer);
    };
  }, [active, idleMs]);
}
