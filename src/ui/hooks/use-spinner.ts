// A spinner frame for lines that wait on something slow (the LLM). Ticks on the injected clock.
import { useEffect, useState } from 'react';
import type { Clock } from '../../core/interview/clock.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export const useSpinner = (clock: Clock, active: boolean): string => {
  const [i, setI] = useState(0);
  useEffect(() => {
    if (!active) return;
    const h = clock.setInterval(() => setI((n) => (n + 1) % FRAMES.length), 100);
    return () => clock.clearInterval(h);
  }, [clock, active]);
  return FRAMES[i]!;
};
