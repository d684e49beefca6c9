// Echo detection: does a unit mostly repeat a reference text (the prompt, an item label) with nothing of
// its own? The references are fixed per rubric and prompt while answers change, so they are indexed once
// by stem; checking a unit is then one pass over its own stems instead of one pass per reference.

/** Share of a unit's content words that must come from one reference. */
export const ECHO_CONTAINMENT = 0.8;

export class EchoReferences {
  /** stem → the references (by position) that contain it. */
  private readonly byStem = new Map<string, number[]>();
  private readonly count: number;

  constructor(references: readonly ReadonlySet<string>[]) {
    this.count = references.length;
    references.forEach((ref, r) => {
      for (const stem of ref) {
        const list = this.byStem.get(stem);
        if (list) list.push(r);
        else this.byStem.set(stem, [r]);
      }
    });
  }

  /**
   * True when at least ECHO_CONTAINMENT of `stems` (distinct content stems, numbers excluded) come from a
   * single reference and at most one is the unit's own: a precise answer that shares a label's terms but
   * says how or why (flushed, disk, because…) is not an echo.
   */
  echoes(stems: readonly string[]): boolean {
    if (this.count === 0) return false;
    const shared = new Uint32Array(this.count);
    for (const stem of stems) {
      const refs = this.byStem.get(stem);
      if (refs) for (const r of refs) shared[r]!++;
    }
    const n = stems.length;
    for (const s of shared) if (s / n >= ECHO_CONTAINMENT && n - s <= 1) return true;
    return false;
  }
}
