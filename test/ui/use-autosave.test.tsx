// The interview's autosave: every second while the session changes, a forced save on demand, and a failed
// write reported (then cleared by the next good one) without losing what is in memory.
import React from 'react';
import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/interview/clock.js';
import type { Session } from '../../src/core/storage/session-schema.js';
import type { LiveSession } from '../../src/core/storage/session-store.js';
import { useAutosave, type Autosave } from '../../src/ui/hooks/use-autosave.js';
import { waitFor } from './ink-harness.js';

afterEach(cleanup);

const fakeLive = (failFirst: number) => {
  const writes: Session[] = [];
  let failures = failFirst;
  const live = {
    session: { id: 'S0' } as unknown as Session,
    save: (s: Session) => {
      if (failures-- > 0) throw new Error('no space left on device');
      writes.push(s);
    },
  } as unknown as LiveSession;
  return { live, writes };
};

describe('useAutosave', () => {
  it('saves each second only when the session changed, and on demand', async () => {
    const clock = new FakeClock();
    const { live, writes } = fakeLive(0);
    let session = live.session;
    let api!: Autosave;
    const Probe = (): React.JSX.Element => {
      api = useAutosave(live, clock, () => session, () => session, () => true);
      return <Text>{api.savedAt === null ? 'unsaved' : 'saved'}</Text>;
    };
    const r = render(<Probe />);
    await waitFor(r.lastFrame, 'unsaved');
    clock.advance(1000);
    expect(writes).toHaveLength(0);
    session = { id: 'S1' } as unknown as Session;
    clock.advance(1000);
    expect(writes).toEqual([session]);
    clock.advance(3000);
    expect(writes).toHaveLength(1);
    api.save(true);
    expect(writes).toHaveLength(2);
    await waitFor(r.lastFrame, 'saved');
  });

  it('shows a failed write and clears it when a later one succeeds', async () => {
    const clock = new FakeClock();
    const { live, writes } = fakeLive(1);
    let n = 0;
    const Probe = (): React.JSX.Element => {
      const a = useAutosave(live, clock, () => live.session, () => ({ id: `S${++n}` }) as unknown as Session, () => true);
      return <Text>{a.error ?? (a.savedAt === null ? 'unsaved' : 'saved')}</Text>;
    };
    const r = render(<Probe />);
    clock.advance(1000);
    await waitFor(r.lastFrame, 'no space left on device');
    expect(writes).toHaveLength(0);
    clock.advance(1000);
    await waitFor(r.lastFrame, 'saved');
    expect(writes).toHaveLength(1);
  });

  it('does not save while inactive (before the clock starts)', () => {
    const clock = new FakeClock();
    const { live, writes } = fakeLive(0);
    const Probe = (): React.JSX.Element => {
      useAutosave(live, clock, () => live.session, () => ({ id: 'changed' }) as unknown as Session, () => false);
      return <Text>x</Text>;
    };
    render(<Probe />);
    clock.advance(5000);
    expect(writes).toHaveLength(0);
  });
});
