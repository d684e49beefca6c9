// "Review past sessions": the saved sessions, newest first; Enter opens one.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import type { SessionDigest } from '../../core/stats/digest-summary.js';
import { Menu } from '../components/menu.js';
import { useKeys } from '../hooks/use-keys.js';

export const ReviewList = ({
  sessions,
  unreadable,
  rows,
  onOpen,
  onBack,
}: {
  sessions: SessionDigest[];
  unreadable: number;
  rows: number;
  onOpen: (d: SessionDigest) => void;
  onBack: () => void;
}): React.JSX.Element => {
  const [sel, setSel] = useState(0);
  useKeys((e) => {
    if (e.kind === 'text') {
      if (/^q$/i.test(e.text)) onBack();
      return;
    }
    if (e.name === 'up') setSel((i) => Math.max(0, i - 1));
    if (e.name === 'down') setSel((i) => Math.min(sessions.length - 1, i + 1));
    if (e.name === 'page-up') setSel((i) => Math.max(0, i - 10));
    if (e.name === 'page-down') setSel((i) => Math.min(sessions.length - 1, i + 10));
    if (e.name === 'enter' && sessions[sel]) onOpen(sessions[sel]!);
    if (e.name === 'escape' || e.name === 'ctrl-c') onBack();
  });
  const items = sessions.map((d) => ({
    label: `${d.startedAt.slice(0, 16).replace('T', ' ')}  ${d.questionTitle}`,
    detail: `${d.overall ?? '—'}/100 · ${d.status}${d.readOnly ? ' · read-only' : ''}`,
  }));
  return (
    <Box flexDirection="column" height={rows - 1}>
      <Text bold>Past sessions</Text>
      <Box marginY={1} flexDirection="column">
        {items.length ? <Menu items={items} selected={sel} height={Math.min(items.length, Math.max(3, rows - 6))} /> : <Text dimColor>No sessions yet.</Text>}
      </Box>
      {unreadable ? <Text color="yellow">{`${unreadable} file(s) in the sessions folder could not be read and were left untouched.`}</Text> : null}
      <Text dimColor>↑↓ move · Enter open · Esc back</Text>
    </Box>
  );
};
