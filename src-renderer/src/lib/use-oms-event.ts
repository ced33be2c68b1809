import { useEffect, useRef } from 'react';
import type { EventMap, EventName } from '../../../src-shared/contract';

/** Subscribes to a core event for the component's lifetime; the latest handler is always used. */
export function useOmsEvent<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => window.oms.on(event, (payload) => ref.current(payload)), [event]);
}
