// The follow-up questions already asked in earlier interviews of a question, so a new interview prefers
// others. The digests (digest-cache.ts) say which sessions are of the question; only those are read in
// full, not the whole history (with 1,000 sessions that took half a second after picking a question).
import type { Session } from '../storage/session-schema.js';
import { loadDigests, type DigestSource } from './digest-cache.js';

/** `read(id)` gives a session in full, or throws when it can no longer be read (it is then skipped). */
export const followUpsAskedBefore = async (source: DigestSource, questionId: string, read: (id: string) => Session): Promise<Set<string>> => {
  const asked = new Set<string>();
  const { digests } = await loadDigests(source);
  for (const d of digests) {
    if (d.questionId !== questionId) continue;
    try {
      for (const f of read(d.id).followUps) asked.add(f.id);
    } catch {
      // Removed or damaged since its digest was made: nothing to learn from it.
    }
  }
  return asked;
};
