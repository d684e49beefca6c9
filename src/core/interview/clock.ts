// Time is injected so the timer logic is tested with fake time; the UI only ticks.
export interface Clock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
};

/** A clock that only moves when told to: `advance(ms)` runs the intervals that fall due. */
export class FakeClock implements Clock {
  #now: number;
  #timers = new Map<number, { fn: () => void; every: number; next: number }>();
  #id = 0;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  setInterval(fn: () => void, ms: number): number {
    const id = ++this.#id;
    this.#timers.set(id, { fn, every: ms, next: this.#now + ms });
    return id;
  }
  clearInterval(handle: unknown): void {
    this.#timers.delete(handle as number);
  }
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const due = [...this.#timers.values()].filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.#now = due.next;
      due.next += due.every;
      due.fn();
    }
    this.#now = end;
  }
}
