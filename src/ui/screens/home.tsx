import React, { useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { Menu, type MenuItem } from '../components/menu.js';
import { useKeys } from '../hooks/use-keys.js';
import { commandFor, footerFor } from '../keymap.js';

export type HomeChoice = 'start' | 'resume' | 'review' | 'settings' | 'quit';

export const HomeScreen = ({
  resumable,
  sessions,
  minutes,
  onChoose,
}: {
  /** "Design a URL shortener, estimation" when an unfinished session exists. */
  resumable: string | null;
  sessions: number;
  /** The interview's length with the current settings. */
  minutes: number;
  onChoose: (c: HomeChoice) => void;
}): React.JSX.Element => {
  const entries: { choice: HomeChoice; item: MenuItem }[] = [
    { choice: 'start', item: { label: 'Start a mock interview', detail: `pick a question; ${minutes} minutes, four phases` } },
    ...(resumable ? [{ choice: 'resume' as const, item: { label: 'Resume unfinished session', detail: resumable } }] : []),
    { choice: 'review', item: { label: 'Review past sessions', detail: sessions ? `${sessions} saved` : 'none yet' } },
    { choice: 'settings', item: { label: 'Settings', detail: 'phase budgets, follow-ups, strict timing' } },
    { choice: 'quit', item: { label: 'Quit' } },
  ];
  const [selected, setSelectedState] = useState(0);
  // Also in a ref: Down and Enter can arrive together, before React re-renders.
  const selectedRef = useRef(0);
  const setSelected = (f: (s: number) => number): void => {
    selectedRef.current = f(selectedRef.current);
    setSelectedState(selectedRef.current);
  };
  useKeys((e) => {
    if (e.kind === 'text') {
      if (/^q$/i.test(e.text)) onChoose('quit');
      return;
    }
    const cmd = commandFor('menu', e.name);
    if (cmd === 'up') setSelected((s) => (s + entries.length - 1) % entries.length);
    if (cmd === 'down') setSelected((s) => (s + 1) % entries.length);
    if (cmd === 'select') onChoose(entries[selectedRef.current]!.choice);
    if (cmd === 'quit' || cmd === 'back') onChoose('quit');
  });
  return (
    <Box flexDirection="column">
      <Text bold color="cyan">
        sdcoach
      </Text>
      <Text dimColor>Timed system-design mock interviews, graded against a rubric you can read.</Text>
      <Box marginY={1}>
        <Menu items={entries.map((e) => e.item)} selected={selected} />
      </Box>
      <Text dimColor>{footerFor('menu')}</Text>
    </Box>
  );
};
