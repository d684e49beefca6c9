// Re-renders every `ms` with the clock's time; the countdown itself is computed in core.
import { useEffect, useState } from 'react';
import type { Clock } from '../../core/interview/clock.js';

export const useNow = (clock: Clock, ms = 1000, active = true): number => {
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    if (!active) return;
    const h = clock.setInterval(() => setNow(clock.now()), ms);
    return () => clock.clearInterval(h);
  }, [clock, ms, active]);
  return now;
};
