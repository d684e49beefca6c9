// Question picker: type to filter (id, title, aliases, tags, difficulty); shows attempts and best score.
import React, { useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { BankQuestion } from '../../core/content/load.js';
import type { Attempts } from '../../core/stats/overview.js';
import { Menu } from '../components/menu.js';
import { useKeys } from '../hooks/use-keys.js';

export type { Attempts };

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
  // The filter and the selection are kept in refs as well as state: several input events ("url short\r",
  // Down+Enter) can arrive before React re-renders, and each must see what the one before it did.
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const ref = useRef({ query: '', selected: 0 });
  const update = (nextQuery: string, nextSelected: number): void => {
    const n = filterQuestions(questions, nextQuery).length;
    ref.current = { query: nextQuery, selected: Math.max(0, Math.min(nextSelected, n - 1)) };
    setQuery(ref.current.query);
    setSelected(ref.current.selected);
  };
  const list = useMemo(() => filterQuestions(questions, query), [questions, query]);
  const sel = Math.min(selected, Math.max(0, list.length - 1));
  useKeys((e) => {
    const { query: q, selected: s } = ref.current;
    const pick = (): void => {
      const hit = filterQuestions(questions, ref.current.query)[ref.current.selected];
      if (hit) onPick(hit);
    };
    if (e.kind === 'text') {
      update(q + e.text.replace(/[\r\n]/g, ''), 0);
      if (/[\r\n]$/.test(e.text)) pick();
      return;
    }
    switch (e.name) {
      case 'up':
        return update(q, s - 1);
      case 'down':
        return update(q, s + 1);
      case 'page-up':
        return update(q, s - 10);
      case 'page-down':
        return update(q, s + 10);
      case 'backspace':
        return update(q.slice(0, -1), s);
      case 'word-backspace':
        return update('', s);
      case 'enter':
        return pick();
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
