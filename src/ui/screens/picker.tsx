// Question picker: type to filter (id, title, aliases, tags, difficulty); shows attempts and best score.
import React, { useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { BankQuestion } from '../../core/content/load.js';
import { Menu } from '../components/menu.js';
import { useKeys } from '../hooks/use-keys.js';

export interface Attempts {
  count: number;
  best: number | null;
}

export const filterQuestions = (questions: BankQuestion[], query: string): BankQuestion[] => {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return questions;
  return questions.filter((e) => {
    const q = e.question;
    const hay = [q.id, q.title, q.difficulty, ...q.aliases, ...q.tags].join(' ').toLowerCase();
    return terms.every((t) => hay.includes(t));
  });
};

export const PickerScreen = ({
  questions,
  attempts,
  rows,
  onPick,
  onBack,
}: {
  questions: BankQuestion[];
  attempts: Map<string, Attempts>;
  rows: number;
  onPick: (e: BankQuestion) => void;
  onBack: () => void;
}): React.JSX.Element => {
  const [query, setQuery] = useState('');
  // The filter is also kept in a ref: several input events can arrive before React re-renders.
  const queryRef = useRef('');
  const setFilter = (q: string): void => {
    queryRef.current = q;
    setQuery(q);
  };
  const [selected, setSelected] = useState(0);
  const list = useMemo(() => filterQuestions(questions, query), [questions, query]);
  const sel = Math.min(selected, Math.max(0, list.length - 1));
  useKeys((e) => {
    if (e.kind === 'text') {
      // "filter\r" can arrive as one chunk: pick from the list the new filter gives, not the one on screen.
      const next = queryRef.current + e.text.replace(/[\r\n]/g, '');
      setFilter(next);
      setSelected(0);
      const first = filterQuestions(questions, next)[0];
      if (/[\r\n]$/.test(e.text) && first) onPick(first);
      return;
    }
    switch (e.name) {
      case 'up':
        return setSelected((s) => Math.max(0, s - 1));
      case 'down':
        return setSelected((s) => Math.min(list.length - 1, s + 1));
      case 'page-up':
        return setSelected((s) => Math.max(0, s - 10));
      case 'page-down':
        return setSelected((s) => Math.min(list.length - 1, s + 10));
      case 'backspace':
        return setFilter(queryRef.current.slice(0, -1));
      case 'word-backspace':
        return setFilter('');
      case 'enter':
        if (list[sel]) onPick(list[sel]!);
        return;
      case 'escape':
      case 'ctrl-c':
        return onBack();
    }
  });
  const items = list.map((e) => {
    const a = attempts.get(e.question.id);
    const done = a ? `${a.count}× best ${a.best ?? '—'}` : 'new';
    return { label: e.question.title, detail: `${e.question.difficulty} · ${e.question.tags.slice(0, 3).join(', ')} · ${done}` };
  });
  return (
    <Box flexDirection="column" height={rows - 1}>
      <Text bold>Pick a question</Text>
      <Text>
        <Text color="cyan">{'Filter › '}</Text>
        {query}
        <Text inverse> </Text>
        <Text dimColor>{`  ${list.length} of ${questions.length}`}</Text>
      </Text>
      <Box marginTop={1} flexDirection="column" height={Math.max(3, rows - 6)}>
        {items.length ? <Menu items={items} selected={sel} height={Math.min(items.length, Math.max(3, rows - 6))} /> : <Text dimColor>No question matches.</Text>}
      </Box>
      <Text dimColor>Type to filter · ↑↓ move · Enter start · Esc back</Text>
    </Box>
  );
};
