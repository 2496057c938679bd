// Calls `tick` every `ms` while `active`; the core sends no outbox events, so the view asks.
import { useEffect } from 'react';

export function usePolling(active: boolean, tick: () => void, ms = 1500): void {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(tick, ms);
    return () => clearInterval(timer);
  }, [active, tick, ms]);
}
