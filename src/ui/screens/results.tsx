import React, { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import type { BankQuestion } from '../../core/content/load.js';
import { resultsMarkdown } from '../../core/render/results-markdown.js';
import type { Session } from '../../core/storage/session-schema.js';
import { renderMarkdown } from '../../render/markdown.js';
import { clampOffset, ScrollView } from '../components/scroll-view.js';
import { useKeys } from '../hooks/use-keys.js';
import { commandFor, footerFor } from '../keymap.js';

/** Scrollable Markdown, rendered once with marked-terminal at the terminal width. */
export const MarkdownViewer = ({
  markdown,
  columns,
  rows,
  onBack,
  title,
}: {
  markdown: string;
  columns: number;
  rows: number;
  onBack: () => void;
  title?: string;
}): React.JSX.Element => {
  const lines = useMemo(() => renderMarkdown(markdown, { tty: true, width: Math.max(40, columns - 2) }).replace(/\n+$/, '').split('\n'), [markdown, columns]);
  const height = rows - 2 - (title ? 1 : 0);
  const [offset, setOffset] = useState(0);
  const page = Math.max(1, height - 2);
  useKeys((e) => {
    if (e.kind === 'text') {
      if (/^q$/i.test(e.text)) onBack();
      if (e.text === ' ') setOffset((o) => clampOffset(o + page, lines.length, height));
      return;
    }
    const cmd = commandFor('viewer', e.name);
    if (cmd === 'back' || cmd === 'quit') return onBack();
    const delta = cmd === 'scroll-up' ? -1 : cmd === 'scroll-down' ? 1 : cmd === 'page-up' ? -page : cmd === 'page-down' ? page : 0;
    if (e.name === 'home') return setOffset(0);
    if (e.name === 'end') return setOffset(clampOffset(lines.length, lines.length, height));
    if (delta) setOffset((o) => clampOffset(o + delta, lines.length, height));
  });
  return (
    <Box flexDirection="column" height={rows - 1}>
      {title ? <Text bold>{title}</Text> : null}
      <ScrollView lines={lines} offset={offset} height={height} />
      <Text dimColor wrap="truncate-end">
        {`${footerFor('viewer')} · q done`}
      </Text>
    </Box>
  );
};

/** LLM gradings still running when the results open: the candidate may wait, or skip (Esc). */
export interface ResultsWaiting {
  count: number;
  spinner: string;
  onSkip: () => void;
}

export const WAITING_FOR_LLM = "Waiting for the LLM's second opinion";

const WaitingView = ({ waiting, rows }: { waiting: ResultsWaiting; rows: number }): React.JSX.Element => {
  useKeys((e) => {
    if ((e.kind === 'key' && (e.name === 'escape' || e.name === 'ctrl-c')) || (e.kind === 'text' && e.text === 'q')) waiting.onSkip();
  });
  return (
    <Box flexDirection="column" height={rows - 1}>
      <Text bold>Your answers are graded.</Text>
      <Text color="cyan">{`${waiting.spinner} ${WAITING_FOR_LLM} on ${waiting.count} part${waiting.count === 1 ? '' : 's'}… (Esc to skip)`}</Text>
      <Text dimColor>The rubric score stands either way; the LLM's opinion is shown beside it.</Text>
    </Box>
  );
};

export const ResultsView = ({
  session,
  entry,
  savedTo,
  columns,
  rows,
  onDone,
  waiting = null,
}: {
  session: Session;
  entry: BankQuestion;
  savedTo: string;
  columns: number;
  rows: number;
  onDone: () => void;
  waiting?: ResultsWaiting | null;
}): React.JSX.Element => {
  const md = useMemo(() => resultsMarkdown(session, entry, { savedTo }), [session, entry, savedTo]);
  if (waiting) return <WaitingView waiting={waiting} rows={rows} />;
  return <MarkdownViewer markdown={md} columns={columns} rows={rows} onBack={onDone} />;
};
